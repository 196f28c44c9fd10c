import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireUser } from '~/auth/guards.server';
import { PageCount, Pagination } from '~/components/pagination';
import { FieldChanges, GoneNotice, ReviewTrail, VersionByline } from '~/editor/history-view';
import { changedFields, referencedSlugs } from '~/editor/revision-changes';
import type { EntryKind } from '~/domain';
import { requirePage } from '~/http/pagination.server';
import { SITE_NAME } from '~/meta';
import {
  ConflictError,
  entryParams,
  EntryNotFoundError,
  getEntryForEdit,
  restoreRevision,
} from '~/models/entry.server';
import { listProposals } from '~/models/review.server';
import {
  documentKeys,
  entryPresence,
  historyPage,
  namesOfSlugs,
  revisionsAt,
  snapshotTitle,
} from '~/models/revision-history.server';
import historyStyles from '~/styles/history.css';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: historyStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `History: ${data?.entry.title ?? 'an entry'} · ${SITE_NAME}` },
  { name: 'robots', content: 'noindex' },
];

/** In the list, a long text shows this much of what changed; comparing two versions shows all of it. */
const IN_LIST = { maxChangedChars: 1500 };

/** `?from=` and `?to=`: version numbers to compare, or nothing (no comparison asked for). */
function versionParam(url: URL, key: string): number | null | 'bad' {
  const raw = url.searchParams.get(key)?.trim();
  if (!raw) return null;
  return /^\d{1,9}$/.test(raw) ? Number(raw) : 'bad';
}

/**
 * The two snapshots `?from=` and `?to=` ask to compare (a version with itself: that version
 * whole, as it was, with nothing before it), nothing when neither is given, or what is wrong.
 */
function comparison(kind: EntryKind, id: number, url: URL, newest: number) {
  const [from, to] = [versionParam(url, 'from'), versionParam(url, 'to')];
  if (from === 'bad' || to === 'bad') return { error: 'Versions are whole numbers, like 3.' };
  if (from === null && to === null) return {};
  const [a, b] = [from ?? Math.max(0, (to ?? newest) - 1), to ?? newest];
  const found = revisionsAt(kind, id, [a, b]);
  const missing = [a, b].find((v) => !found.has(v));
  if (missing !== undefined) return { from: a, to: b, error: `There is no version ${missing} of this entry.` };
  return { from: a, to: b, pair: [a === b ? null : found.get(a)!.snapshot, found.get(b)!.snapshot] as const };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const { kind, id } = entryParams(params);
  const presence = entryPresence(kind, id);
  const entry = presence === 'here' ? getEntryForEdit(kind, id) : null;
  const history = requirePage(request, (page) => historyPage(kind, id, page));
  // A deleted or merged entry still has its history; an id that never was one has none.
  if (!entry && (presence === 'elsewhere' || history.total === 0)) {
    throw new Response('There is no such entry.', { status: 404 });
  }

  const newestVersion = history.newest?.version ?? entry?.version ?? 0;
  const compared = comparison(kind, id, new URL(request.url), newestVersion);
  const pair = 'pair' in compared ? compared.pair : null;
  const compareError = 'error' in compared ? compared.error : null;

  const keys = documentKeys(kind);
  const { items, older } = history;
  const snapshots = [...items, ...(older ? [older] : []), ...(history.newest ? [history.newest] : [])].map(
    (r) => r.snapshot,
  );
  const compareSnapshots = pair ? pair.filter((snapshot) => snapshot !== null) : [];
  const names = namesOfSlugs(referencedSlugs(kind, keys, [...snapshots, ...compareSnapshots]));
  const versions = items.map((revision, i) => {
    const previous = items[i + 1] ?? older;
    const { snapshot: _snapshot, ...rest } = revision;
    return {
      ...rest,
      previousVersion: previous?.version ?? null,
      changes: changedFields(kind, keys, previous?.snapshot ?? null, revision.snapshot, names, IN_LIST),
    };
  });
  return json(
    {
      kind,
      entry: entry
        ? { id, title: entry.title, version: entry.version, status: entry.status, gone: null }
        : {
            id,
            title: snapshotTitle(kind, history.newest!.snapshot),
            version: null,
            status: null,
            // What the last revision said of it: the delete or the merge.
            gone: { at: history.newest!.createdAt, summary: history.newest!.summary },
          },
      // Every proposal, approval, return and withdrawal of a claim: the review trail (decision 6).
      reviews: kind === 'claims' && entry ? listProposals(id) : [],
      versions,
      page: { total: history.total, page: history.page, pageCount: history.pageCount },
      compare: {
        // Unless asked, the form offers the newest change: the version before the newest, and the newest.
        from: compared.from ?? (history.page === 1 ? versions[0]?.previousVersion : null) ?? newestVersion,
        to: compared.to ?? newestVersion,
        error: compareError,
        changes: pair ? changedFields(kind, keys, pair[0], pair[1], names) : null,
      },
    },
    { status: compareError ? 400 : 200 },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { kind, id } = entryParams(params);
  const form = await request.formData();
  const version = Number(form.get('restore'));
  const expectedVersion = Number(form.get('version'));
  if (!Number.isSafeInteger(version) || !Number.isSafeInteger(expectedVersion)) {
    return json({ error: 'Choose a version to restore.' }, { status: 400 });
  }
  if (entryPresence(kind, id) !== 'here') {
    return json({ error: 'This entry no longer exists, so it cannot be restored here.' }, { status: 404 });
  }
  try {
    restoreRevision(kind, { id, version, expectedVersion, userId: user.id });
  } catch (error) {
    if (error instanceof ConflictError) {
      return json(
        { error: 'The entry changed since you opened this page; look again before restoring.' },
        { status: 409 },
      );
    }
    if (error instanceof EntryNotFoundError) return json({ error: 'There is no such version.' }, { status: 404 });
    throw error;
  }
  return redirect(`/editor/${kind}/${id}?saved=1`);
}

export default function History() {
  const { kind, entry, versions, page, reviews, compare } = useLoaderData<typeof loader>();
  // Restoring a public claim's old version proposes it, for another editor to approve.
  const proposes = entry.status === 'published' || entry.status === 'retracted';
  const result = useActionData<typeof action>();
  const compareHref = (from: number, to: number) => `?from=${from}&to=${to}`;
  return (
    <>
      <p className="eyebrow">
        {entry.gone ? (
          <Link to={`/editor/${kind}`}>Back to the list</Link>
        ) : (
          <Link to={`/editor/${kind}/${entry.id}`}>Back to the editor</Link>
        )}
      </p>
      <h1>History: {entry.title}</h1>
      {entry.gone ? <GoneNotice {...entry.gone} /> : null}
      {result?.error ? (
        <p className="notice notice--error" role="alert">
          {result.error}
        </p>
      ) : null}
      <Form method="get" className="filters" aria-label="Compare versions">
        <div className="field">
          <label htmlFor="diff-from">Compare version</label>
          <input id="diff-from" name="from" inputMode="numeric" size={6} defaultValue={compare.from} />
        </div>
        <div className="field">
          <label htmlFor="diff-to">with version</label>
          <input id="diff-to" name="to" inputMode="numeric" size={6} defaultValue={compare.to} />
        </div>
        <div className="filters__actions">
          <button type="submit">Show changes</button>
        </div>
      </Form>
      {compare.error ? (
        <p className="notice notice--error" role="alert">
          {compare.error}
        </p>
      ) : null}
      {compare.changes ? (
        <section aria-labelledby="diff-title" className="comparison">
          <h2 id="diff-title">
            {compare.from === compare.to
              ? `Version ${compare.to} as it was`
              : `Changes from version ${compare.from} to version ${compare.to}`}
          </h2>
          {compare.changes.length === 0 ? <p>The two versions are the same.</p> : null}
          {compare.changes.length > 0 ? (
            <FieldChanges changes={compare.changes} created={compare.from === compare.to} />
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="revisions-title">
        <h2 id="revisions-title">Versions</h2>
        <ol className="plain-list revisions">
          {versions.map((r) => (
            <li key={r.id} id={`version-${r.version}`} className="revision">
              <h3>
                Version {r.version}
                {r.version === entry.version ? <span className="muted"> (current)</span> : null}
                {r.previousVersion === null ? <span className="muted"> (created)</span> : null}
              </h3>
              <VersionByline revision={r} />
              <FieldChanges
                changes={r.changes}
                created={r.previousVersion === null}
                compareTo={compareHref(r.previousVersion ?? r.version, r.version)}
              />
              {entry.version !== null && r.version !== entry.version ? (
                <Form method="post" className="revision__restore">
                  <input type="hidden" name="restore" value={r.version} />
                  <input type="hidden" name="version" value={entry.version} />
                  <button type="submit" className="button--quiet">
                    {proposes ? `Propose restoring version ${r.version}` : `Restore version ${r.version}`}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ol>
        <PageCount {...page} noun={['version', 'versions']} />
        <Pagination page={page.page} pageCount={page.pageCount} />
      </section>
      <ReviewTrail reviews={reviews} />
    </>
  );
}
