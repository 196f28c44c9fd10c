import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireUser } from '~/auth/guards.server';
import { formatTimestamp } from '~/components/dates';
import { diffLines } from '~/editor/diff';
import { KIND_SPECS } from '~/domain';
import {
  ConflictError,
  entryParams,
  EntryNotFoundError,
  getEntryForEdit,
  restoreRevision,
} from '~/models/entry.server';
import { listProposals } from '~/models/review.server';
import { listRevisions, snapshotLines } from '~/models/revision.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const { kind, id } = entryParams(params);
  const entry = getEntryForEdit(kind, id);
  if (!entry) throw new Response('There is no such entry.', { status: 404 });
  const revisions = listRevisions(KIND_SPECS[kind].revisionKind, id);
  const url = new URL(request.url);
  const newest = revisions[0]?.version ?? 0;
  const to = Number(url.searchParams.get('to') ?? newest);
  const from = Number(url.searchParams.get('from') ?? Math.max(1, to - 1));
  const a = revisions.find((r) => r.version === from);
  const b = revisions.find((r) => r.version === to);
  const diff = a && b ? diffLines(snapshotLines(a.snapshot), snapshotLines(b.snapshot)) : null;
  return json({
    kind,
    entry: { id, title: entry.title, version: entry.version, status: entry.status },
    // Every proposal, approval, return and withdrawal of a claim: the review trail (decision 6).
    reviews: kind === 'claims' ? listProposals(id) : [],
    revisions: revisions.map(({ snapshot: _snapshot, ...r }) => r),
    from,
    to,
    diff,
  });
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

const REVIEW_STATUS: Record<string, string> = {
  pending: 'waiting for review',
  approved: 'approved',
  returned: 'returned',
  withdrawn: 'withdrawn',
};

export default function History() {
  const { kind, entry, revisions, reviews, from, to, diff } = useLoaderData<typeof loader>();
  // Restoring a public claim's old version proposes it, for another editor to approve.
  const proposes = entry.status === 'published' || entry.status === 'retracted';
  const result = useActionData<typeof action>();
  return (
    <>
      <p className="eyebrow">
        <Link to={`/editor/${kind}/${entry.id}`}>Back to the editor</Link>
      </p>
      <h1>History: {entry.title}</h1>
      {result?.error ? (
        <p className="notice notice--error" role="alert">
          {result.error}
        </p>
      ) : null}
      <Form method="get" className="filters" aria-label="Compare versions">
        <div className="field">
          <label htmlFor="diff-from">Compare version</label>
          <select id="diff-from" name="from" defaultValue={from}>
            {revisions.map((r) => (
              <option key={r.version} value={r.version}>
                {r.version}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="diff-to">with version</label>
          <select id="diff-to" name="to" defaultValue={to}>
            {revisions.map((r) => (
              <option key={r.version} value={r.version}>
                {r.version}
              </option>
            ))}
          </select>
        </div>
        <div className="filters__actions">
          <button type="submit">Show changes</button>
        </div>
      </Form>
      {diff ? (
        <section aria-labelledby="diff-title">
          <h2 id="diff-title">
            Changes from version {from} to version {to}
          </h2>
          <pre className="diff">
            {diff.map((line, i) => (
              <span key={i} className={`diff__${line.kind}`}>
                {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '− ' : '  '}
                {line.kind === 'added' ? (
                  <ins>{line.text}</ins>
                ) : line.kind === 'removed' ? (
                  <del>{line.text}</del>
                ) : (
                  line.text
                )}
                {'\n'}
              </span>
            ))}
          </pre>
        </section>
      ) : null}
      <section aria-labelledby="revisions-title">
        <h2 id="revisions-title">Versions</h2>
        <ol className="plain-list" reversed>
          {revisions.map((r) => (
            <li key={r.id}>
              <strong>Version {r.version}</strong> · {formatTimestamp(r.createdAt)} · {r.userName ?? 'content import'}
              {r.summary ? ` · ${r.summary}` : ''}
              {r.version !== entry.version ? (
                <Form method="post" className="inline">
                  <input type="hidden" name="restore" value={r.version} />
                  <input type="hidden" name="version" value={entry.version} />
                  <button type="submit" className="button--quiet">
                    {proposes ? `Propose restoring version ${r.version}` : `Restore version ${r.version}`}
                  </button>
                </Form>
              ) : (
                <span className="muted"> (current)</span>
              )}
            </li>
          ))}
        </ol>
      </section>
      {reviews.length > 0 ? (
        <section aria-labelledby="reviews-title">
          <h2 id="reviews-title">Reviews</h2>
          <ol className="plain-list">
            {reviews.map((p) => (
              <li key={p.id}>
                <strong>{p.kind === 'publish' ? 'Publication' : (p.summary ?? 'Change')}</strong> · proposed by{' '}
                {p.proposedByName ?? 'someone'} on {formatTimestamp(p.proposedAt)} · {REVIEW_STATUS[p.status]}
                {p.reviewedAt ? ` by ${p.reviewedByName ?? 'someone'} on ${formatTimestamp(p.reviewedAt)}` : ''}
                {p.selfApproved ? ' (not independently reviewed)' : ''}
                {p.publicNote ? ` · public ${p.publicNoteKind}: ${p.publicNote}` : ''}
                {p.reviewNote ? ` · review note: ${p.reviewNote}` : ''}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}
