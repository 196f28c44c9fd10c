/**
 * /editor/:kind/:id — an entry's editing page: one form (entry-page.server.ts says why) with
 * the entry's fields and, for a claim or a court case, its panels.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireUser } from '~/auth/guards.server';
import { KIND_SPECS } from '~/domain';
import { deskToday } from '~/domain/desk';
import { CapturePanel } from '~/editor/capture-panel';
import { CasePanels } from '~/editor/case-editor-panels';
import { CitationsPanel, StatusPanel } from '~/editor/claim-editor-panels';
import { CaseLinksPanel, RelationsPanel } from '~/editor/claim-link-panels';
import { ConflictView } from '~/editor/conflict-view';
import { EmbeddedDeskPanel } from '~/editor/desk-panel';
import { diffLines } from '~/editor/diff';
import { EntryFieldsSection } from '~/editor/entry-fields-section';
import { PageForm, type PageFormState } from '~/editor/page-form';
import { ReviewPanel } from '~/editor/review-panel';
import { SimilarClaims } from '~/editor/similar-claims';
import { SourceChecksPanel } from '~/editor/source-checks-panel';
import { captureStatus } from '~/models/captures.server';
import { getCaseParts } from '~/models/case-editor.server';
import { getClaimForEdit } from '~/models/claim-editor.server';
import { quoteChecksForEditor } from '~/models/quote-checks.server';
import { getClaimDesk } from '~/models/desk.server';
import { findSimilarClaims } from '~/models/duplicates.server';
import type { IntentFailure } from '~/models/editor-intents.server';
import { pageDefaults, panelValues, submitEntryPage } from '~/models/entry-page.server';
import {
  EntryNotFoundError,
  getEntryForEdit,
  getEntryOptions,
  entryParams,
  type FormValues,
} from '~/models/entry.server';
import { isMergeKind } from '~/models/merge.server';
import { reviewOf } from '~/models/review.server';
import { sourceCheckHistory } from '~/models/source-checks.server';
import duplicateStyles from '~/styles/duplicates.css';
import pageStyles from '~/styles/entry-page.css';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: pageStyles },
  { rel: 'stylesheet', href: duplicateStyles },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { kind, id } = entryParams(params);
  // A public claim's form and panels show its working copy, when it has one (decision 6).
  const claimView = kind === 'claims' ? getClaimForEdit(id, user.id) : null;
  const entry = claimView?.entry ?? getEntryForEdit(kind, id);
  if (!entry) throw new Response('There is no such entry.', { status: 404 });
  const review = kind === 'claims' ? reviewOf(id, user.id) : null;
  const claim = claimView
    ? {
        links: claimView.links,
        quoteChecks: quoteChecksForEditor(claimView.links.citations),
        problems: claimView.problems,
        working: claimView.working,
        review: review ? { ...review, publicLines: undefined, proposedLines: undefined } : null,
        diff: review && review.proposedLines.length > 0 ? diffLines(review.publicLines, review.proposedLines) : null,
        desk: getClaimDesk(id),
        today: deskToday(),
        // While a claim is a draft, the desk still asks "has this been checked before?".
        similar:
          entry.status === 'draft'
            ? findSimilarClaims({ statement: entry.values.statement, speaker: entry.values.speakerId, excludeId: id })
            : null,
      }
    : null;
  const courtCase = kind === 'cases' ? { parts: getCaseParts(id) } : null;
  return json({
    kind,
    entry,
    options: getEntryOptions(),
    claim,
    courtCase,
    capture: kind === 'sources' ? captureStatus(id) : null,
    defaults: pageDefaults(kind, id),
    you: user.name,
    mergeable: isMergeKind(kind),
    saved: new URL(request.url).searchParams.has('saved'),
    sourceChecks: kind === 'sources' ? sourceCheckHistory(id, 10) : null,
  });
}

/** What a submission that does not end in a redirect draws the page with. */
interface PageAnswer {
  /** Saved, with what was typed in other panels shown again. */
  done?: string;
  edited?: boolean;
  /** The entry's fields as posted, and their errors. */
  values?: FormValues | null;
  errors?: Record<string, string>;
  failure?: IntentFailure;
  confirm?: { intent: string; question: string };
  conflict?: {
    current: { version: number; values: FormValues };
    yours: FormValues | null;
    changedBy: string[];
  };
  /** Every panel's input (`panel.field`) and the edit summary, as posted. */
  typed: Record<string, string>;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { kind, id } = entryParams(params);
  const form = await request.formData();
  // The edit summary comes back unless the fields were saved with it.
  const summary = { editSummary: String(form.get('editSummary') ?? '') };
  const typedAfter = (edited: boolean) => ({ ...panelValues(form), ...(edited ? {} : summary) });
  const answer = (body: PageAnswer, status = 200) => json(body, { status });
  let result;
  try {
    result = submitEntryPage(kind, id, form, user.id);
  } catch (error) {
    if (error instanceof EntryNotFoundError) throw new Response(error.message, { status: 404 });
    throw error;
  }
  switch (result.outcome) {
    case 'done':
      if (Object.keys(result.leftovers).length === 0) {
        return redirect(`/editor/${kind}/${id}?saved=${result.edited ? 'edited' : '1'}`);
      }
      // Without JavaScript a redirect would lose what was typed in another panel: the page is drawn again.
      return answer({ done: result.intent, edited: result.edited, typed: result.leftovers });
    case 'invalid':
      return answer({ values: result.values, errors: result.errors, typed: typedAfter(false) }, 400);
    case 'confirm':
      return answer({
        confirm: { intent: result.intent, question: result.question },
        edited: result.edited,
        typed: typedAfter(result.edited),
      });
    case 'refused':
      return answer(
        {
          failure: result.failure,
          values: result.values,
          edited: result.edited,
          typed: { ...typedAfter(result.edited), ...result.failure.resolved },
        },
        result.failure.status ?? 400,
      );
    case 'conflict':
      return answer(
        {
          conflict: {
            current: { version: result.current.version, values: result.current.values },
            yours: result.yours,
            changedBy: result.changedBy,
          },
          typed: typedAfter(false),
        },
        409,
      );
  }
}

export default function EditEntry() {
  const { kind, entry, options, claim, courtCase, capture, defaults, you, saved, mergeable, sourceChecks } =
    useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as PageAnswer | undefined;
  const spec = KIND_SPECS[kind];
  const publicPath = `${spec.path}/${entry.slug}`;
  const failure = answer?.failure ?? null;
  // A review refused when there is no review panel any more (approved or withdrawn meanwhile) shows at the top.
  const topError =
    failure?.panel === 'form'
      ? failure.errors.form
      : failure?.panel === 'review' && !claim?.review
        ? failure.errors.review
        : null;
  const state: PageFormState = {
    typed: answer?.typed ?? {},
    defaults,
    failure,
    confirm: answer?.confirm ?? null,
  };
  const conflict = answer?.conflict ?? null;
  const values = answer?.values ?? conflict?.yours ?? entry.values;
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
        {mergeable ? <Link to={`/editor/${kind}/${entry.id}/merge`}>Merge with another…</Link> : null}
        {kind !== 'claims' || entry.status === 'draft' ? (
          <Link to={`/editor/${kind}/${entry.id}/delete`}>Delete…</Link>
        ) : null}
      </p>
      {(saved && !answer) || answer?.done ? (
        <p className="notice" role="status">
          {claim?.review && entry.status !== 'draft'
            ? 'Saved to the change waiting for review; readers see the approved version until another editor approves it.'
            : 'Saved.'}
          {answer?.done ? ' What you typed elsewhere on the page is still here.' : null}
        </p>
      ) : null}
      {topError ? (
        <p className="notice notice--error" role="alert">
          {topError}
        </p>
      ) : null}
      {answer?.confirm ? (
        <p className="notice notice--warning">
          {answer.edited ? 'Your changes were saved. ' : null}
          Please confirm below: {answer.confirm.question}
        </p>
      ) : null}
      <PageForm state={state} version={entry.version}>
        {conflict ? (
          <ConflictView
            spec={spec}
            current={conflict.current}
            yours={conflict.yours}
            changedBy={conflict.changedBy}
            yourName={you}
          />
        ) : null}
        <EntryFieldsSection
          spec={spec}
          values={values}
          errors={answer?.errors ?? {}}
          options={options}
          saveLabel={conflict ? 'Save my version' : 'Save changes'}
          afterField={
            claim?.similar
              ? { speakerId: <SimilarClaims claims={claim.similar} excludeId={entry.id} isNew={false} /> }
              : undefined
          }
        />
        {claim ? (
          <>
            {claim.review ? <ReviewPanel review={claim.review} diff={claim.diff} /> : null}
            <StatusPanel
              status={entry.status ?? 'draft'}
              problems={claim.problems}
              hasChange={claim.working}
              corrections={claim.links.corrections}
            />
            {claim.desk ? <EmbeddedDeskPanel desk={claim.desk} today={claim.today} /> : null}
            <CitationsPanel citations={claim.links.citations} quoteChecks={claim.quoteChecks} />
            <RelationsPanel outgoing={claim.links.outgoing} incoming={claim.links.incoming} />
            <CaseLinksPanel links={claim.links.cases} />
          </>
        ) : null}
        {courtCase ? <CasePanels parts={courtCase.parts} /> : null}
        {capture ? <CapturePanel status={capture} sourceId={entry.id} /> : null}
        {sourceChecks ? <SourceChecksPanel checks={sourceChecks} slug={entry.slug} /> : null}
      </PageForm>
    </>
  );
}
