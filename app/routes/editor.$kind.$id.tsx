import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireUser } from '~/auth/guards.server';
import { CitationsPanel, RelationsPanel, StatusPanel } from '~/editor/claim-editor-panels';
import { diffLines } from '~/editor/diff';
import { ReviewPanel } from '~/editor/review-panel';
import { DeskPanel } from '~/editor/desk-panel';
import { deskToday } from '~/domain/desk';
import { getClaimDesk } from '~/models/desk.server';
import { ConflictView } from '~/editor/conflict-view';
import { EntryForm } from '~/editor/entry-form';
import { KIND_SPECS } from '~/domain';
import { CasePanels } from '~/editor/case-editor-panels';
import { getCaseParts } from '~/models/case-editor.server';
import { findClaimsToLink, getClaimForEdit, listSourcesToCite } from '~/models/claim-editor.server';
import { reviewOf } from '~/models/review.server';
import { runEntryIntent, type IntentFailure } from '~/models/editor-intents.server';
import {
  ConflictError,
  EntryNotFoundError,
  getEntryForEdit,
  getEntryOptions,
  readEntryForm,
  saveEntry,
  validateEntry,
  entryParams,
} from '~/models/entry.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { kind, id } = entryParams(params);
  // A public claim's form and panels show its working copy, when it has one (decision 6).
  const claimView = kind === 'claims' ? getClaimForEdit(id, user.id) : null;
  const entry = claimView?.entry ?? getEntryForEdit(kind, id);
  if (!entry) throw new Response('There is no such entry.', { status: 404 });
  const url = new URL(request.url);
  const find = (url.searchParams.get('find') ?? '').slice(0, 200);
  const review = kind === 'claims' ? reviewOf(id, user.id) : null;
  const claim = claimView
    ? {
        links: claimView.links,
        problems: claimView.problems,
        working: claimView.working,
        review: review ? { ...review, publicLines: undefined, proposedLines: undefined } : null,
        diff: review && review.proposedLines.length > 0 ? diffLines(review.publicLines, review.proposedLines) : null,
        sources: listSourcesToCite(),
        candidates: findClaimsToLink(id, find),
        desk: getClaimDesk(id),
        today: deskToday(),
      }
    : null;
  const courtCase = kind === 'cases' ? { parts: getCaseParts(id), sources: listSourcesToCite() } : null;
  return json({
    kind,
    entry,
    options: getEntryOptions(),
    claim,
    courtCase,
    find,
    saved: url.searchParams.has('saved'),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { kind, id } = entryParams(params);
  const form = await request.formData();
  const intent = String(form.get('intent') ?? '');
  const version = Number(form.get('version'));
  const back = `/editor/${kind}/${id}?saved=1`;
  if (!Number.isSafeInteger(version))
    return json({ formError: 'The form is missing its version; reload the page.' }, { status: 400 });
  try {
    if (intent === 'save') {
      const values = readEntryForm(kind, form);
      const checked = validateEntry(kind, values);
      if (!checked.ok) return json({ values, errors: checked.errors }, { status: 400 });
      const summary = String(form.get('editSummary') ?? '').slice(0, 300) || null;
      saveEntry(kind, { id, expectedVersion: version, values: checked.values, userId: user.id, summary });
      return redirect(back);
    }
    const failure = runEntryIntent(kind, intent, id, version, form, user.id);
    if (failure) return json({ failure }, { status: failure.status ?? 400 });
    return redirect(back);
  } catch (error) {
    if (error instanceof ConflictError) {
      const yours = intent === 'save' ? readEntryForm(kind, form) : null;
      return json({ conflict: { current: error.current, yours } }, { status: 409 });
    }
    if (error instanceof EntryNotFoundError) throw new Response(error.message, { status: 404 });
    throw error;
  }
}

type ActionResult = {
  values?: Record<string, string | string[]>;
  errors?: Record<string, string>;
  formError?: string;
  failure?: IntentFailure;
  conflict?: {
    current: { version: number; values: Record<string, string | string[]> };
    yours: Record<string, string | string[]> | null;
  };
};

export default function EditEntry() {
  const { kind, entry, options, claim, courtCase, find, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const spec = KIND_SPECS[kind];
  const publicPath = `${spec.path}/${entry.slug}`;
  const failure = result?.failure ?? null;
  const errorsFor = (panel: string) => (failure?.panel === panel ? failure.errors : {});
  // A review refused when there is no review panel any more (approved or withdrawn meanwhile) shows at the top.
  const topError =
    result?.formError ??
    failure?.errors.form ??
    (failure?.panel === 'review' && !claim?.review ? failure.errors.review : null);
  return (
    <>
      <p className="eyebrow">
        Editing a {spec.singular} · version {entry.version}
        {entry.status ? ` · ${entry.status}` : ''}
      </p>
      <h1>{entry.title || `Untitled ${spec.singular}`}</h1>
      <p className="button-row">
        {entry.status !== 'draft' ? <Link to={publicPath}>View the public page</Link> : null}
        {kind === 'claims' ? <Link to={`/editor/claims/${entry.id}/preview`}>Preview</Link> : null}
        <Link to={`/editor/${kind}/${entry.id}/history`}>History</Link>
      </p>
      {saved && !result ? (
        <p className="notice" role="status">
          {claim?.review && entry.status !== 'draft'
            ? 'Saved to the change waiting for review; readers see the approved version until another editor approves it.'
            : 'Saved.'}
        </p>
      ) : null}
      {topError ? (
        <p className="notice notice--error" role="alert">
          {topError}
        </p>
      ) : null}
      {result?.conflict ? (
        <ConflictView spec={spec} current={result.conflict.current} yours={result.conflict.yours} options={options} />
      ) : (
        <EntryForm
          key={entry.version}
          spec={spec}
          values={result?.values ?? entry.values}
          errors={result?.errors ?? {}}
          options={options}
          version={entry.version}
          submitLabel="Save changes"
        />
      )}
      {claim ? (
        <>
          {claim.review ? (
            <ReviewPanel
              review={claim.review}
              diff={claim.diff}
              version={entry.version}
              error={Object.values(errorsFor('review'))[0]}
            />
          ) : null}
          <StatusPanel
            status={entry.status ?? 'draft'}
            version={entry.version}
            problems={claim.problems}
            hasChange={claim.working}
            error={Object.values(errorsFor('status'))[0]}
          />
          {claim.desk ? <DeskPanel desk={claim.desk} today={claim.today} back={`/editor/claims/${entry.id}`} /> : null}
          <CitationsPanel
            citations={claim.links.citations}
            sources={claim.sources}
            version={entry.version}
            errors={errorsFor('citation')}
          />
          <RelationsPanel
            outgoing={claim.links.outgoing}
            incoming={claim.links.incoming}
            candidates={claim.candidates}
            find={find}
            version={entry.version}
            errors={errorsFor('relation')}
          />
        </>
      ) : null}
      {courtCase ? (
        <CasePanels
          parts={courtCase.parts}
          version={entry.version}
          entities={options.entities}
          sources={courtCase.sources}
          failure={failure}
        />
      ) : null}
    </>
  );
}
