import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { requireUser } from '~/auth/guards.server';
import { NewEntryForm } from '~/editor/new-entry-form';
import { CheckSimilarButton, SimilarClaims, type SimilarClaimItem } from '~/editor/similar-claims';
import { UnsavedChanges } from '~/editor/unsaved-changes';
import { isEntryKind, KIND_SPECS, KINDS } from '~/domain';
import { findSimilarClaims, findSimilarEntities, type SimilarEntity } from '~/models/duplicates.server';
import { getEntryOptions, readEntryForm, saveEntry, validateEntry } from '~/models/entry.server';
import duplicateStyles from '~/styles/duplicates.css';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: duplicateStyles }];

/** The confirmation that a new person or organisation is not the one of a similar name. */
const DIFFERENT_FROM = 'differentFrom';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  if (!isEntryKind(params.kind)) throw new Response('There is no such kind of entry.', { status: 404 });
  return json({ kind: params.kind, options: getEntryOptions() });
}

type ActionResult = {
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
  duplicateOf?: { title: string; href: string } | null;
  /** Held: people or organisations of a similar name, and the name they were found for. */
  nameMatches?: SimilarEntity[];
  heldName?: string;
  /** "Checked before?": claims like the statement, when the editor asked without JavaScript. */
  similar?: SimilarClaimItem[];
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const kind = params.kind;
  if (!isEntryKind(kind)) throw new Response('There is no such kind of entry.', { status: 404 });
  const form = await request.formData();
  const values: Record<string, string | string[]> = {
    ...readEntryForm(kind, form),
    editSummary: String(form.get('editSummary') ?? '').slice(0, 300),
  };
  if (kind === 'claims' && form.get('intent') === 'similar') {
    const similar = findSimilarClaims({ statement: values.statement, speaker: values.speakerId });
    return json<ActionResult>({ values, errors: {}, similar });
  }
  const checked = validateEntry(kind, values, undefined, { id: null });
  if (!checked.ok) {
    return json<ActionResult>({ values, errors: checked.errors, duplicateOf: checked.duplicateOf }, { status: 400 });
  }
  if (KINDS[kind].entityKind) {
    // Held until the editor confirms, for the name as it is now (a changed name is checked again).
    const name = String(checked.values[KIND_SPECS[kind].titleField] ?? '').trim();
    const matches = form.get(DIFFERENT_FROM) === name ? [] : findSimilarEntities(name);
    if (matches.length > 0) {
      return json<ActionResult>({ values, errors: {}, nameMatches: matches, heldName: name }, { status: 409 });
    }
  }
  const saved = saveEntry(kind, {
    id: null,
    expectedVersion: null,
    values: checked.values,
    userId: user.id,
    summary: String(values.editSummary) || 'Created',
  });
  return redirect(`/editor/${kind}/${saved.id}?saved=1`);
}

function NameWarning({ singular, matches, name }: { singular: string; matches: SimilarEntity[]; name: string }) {
  return (
    <div className="notice notice--warning" role="alert">
      <p>
        Nothing was saved yet:{' '}
        {matches.length === 1 ? 'an entry with a similar name is' : 'entries with similar names are'} already in the
        archive. Use {matches.length === 1 ? 'it' : 'one of them'} instead, or confirm that this is someone else.
      </p>
      <ul>
        {matches.map((m) => (
          <li key={m.id}>
            <a href={m.href} target="_blank" rel="noopener noreferrer">
              {m.title}
            </a>{' '}
            ({KINDS[m.kind].singular}; opens in a new tab)
          </li>
        ))}
      </ul>
      <label className="duplicate-confirm">
        <input type="checkbox" name={DIFFERENT_FROM} value={name} /> This is a different {singular}
      </label>
    </div>
  );
}

export default function NewEntry() {
  const { kind, options } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const spec = KIND_SPECS[kind];
  const values = result?.values ?? { language: 'en', kind: 'news_report', status: 'pending' };
  const isClaim = kind === 'claims';
  return (
    <>
      <h1>New {spec.singular}</h1>
      {isClaim ? (
        <p className="hint">A new claim is saved as a draft. Add at least one citation to a source, then publish it.</p>
      ) : null}
      <UnsavedChanges />
      <NewEntryForm
        // A held or checked form comes back with what was typed: remount so the fields show it.
        key={JSON.stringify(result?.values ?? null)}
        spec={spec}
        values={values}
        errors={result?.errors ?? {}}
        options={options}
        submitLabel={`Create ${spec.singular}`}
        duplicateOf={result?.duplicateOf}
        warning={
          result?.nameMatches?.length ? (
            <NameWarning singular={spec.singular} matches={result.nameMatches} name={result.heldName ?? ''} />
          ) : null
        }
        afterField={
          isClaim
            ? { speakerId: <SimilarClaims claims={result?.similar ?? null} /> }
            : result?.duplicateOf
              ? {
                  url: (
                    <p className="hint">
                      <a href={result.duplicateOf.href}>Open the source that has this address</a>
                    </p>
                  ),
                }
              : {}
        }
        moreActions={isClaim ? <CheckSimilarButton /> : null}
      />
    </>
  );
}
