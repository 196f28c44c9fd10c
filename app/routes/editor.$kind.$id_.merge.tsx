/**
 * /editor/:kind/:id/merge — merge another source, person, organisation or claim with this one
 * (decision 8). GET finds the other by typing and previews what moves (nothing changes); POST,
 * with the confirmation ticked, merges (or, for a claim readers have seen, proposes the merge for
 * another editor, who approves it here or on the claim's page).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireUser } from '~/auth/guards.server';
import { KIND_SPECS, type EntryKind, type PickMatch } from '~/domain';
import { MergeFinder, MergePreview, PendingMerge, type MergeSideView } from '~/editor/merge-panels';
import { pageMeta } from '~/meta';
import { entryParams, getEntryForEdit } from '~/models/entry.server';
import { getRemovedEntry } from '~/models/entry-removals.server';
import { resolveReference } from '~/forms/reference.server';
import { likelyDuplicates, mergeDetail, mergeDetails } from '~/models/merge-candidates.server';
import {
  isMergeKind,
  MergeError,
  mergeEntries,
  pendingMergeOf,
  planMerge,
  type MergeKind,
  type MergePlan,
  type MergeSide,
} from '~/models/merge.server';
import { PublishingRuleError, ReviewError, selfApprovalAllowed } from '~/models/proposal.server';
import { approveProposal, returnProposal, withdrawProposal } from '~/models/review.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...pageMeta(data?.entry ? `Merge: ${data.entry.title.slice(0, 60)}` : 'Merge', 'Merge two entries into one.'),
  { name: 'robots', content: 'noindex' },
];

function mergeParams(params: { kind?: string; id?: string }): { kind: MergeKind; id: number } {
  const { kind, id } = entryParams(params);
  if (!isMergeKind(kind)) {
    throw new Response(
      `${KIND_SPECS[kind].plural} are not merged here: only sources, people, organisations and claims.`,
      {
        status: 404,
      },
    );
  }
  return { kind, id };
}

const sideView = (kind: EntryKind, side: MergeSide): MergeSideView => ({
  ...side,
  editPath: `/editor/${kind}/${side.id}`,
  detail: mergeDetail(kind as MergeKind, side.id),
});

/** The preview of merging `other` with `id`, keeping the one asked for (by default this one, or the public claim). */
function preview(kind: MergeKind, id: number, other: number, keep: string | null): MergePlan {
  const plan = keep === 'other' ? planMerge(kind, other, id) : planMerge(kind, id, other);
  if (keep === null && plan.remove.isPublic && !plan.keep.isPublic) return planMerge(kind, other, id);
  return plan;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { kind, id } = mergeParams(params);
  const spec = KIND_SPECS[kind];
  const entry = getEntryForEdit(kind, id);
  if (!entry) {
    const removed = getRemovedEntry(kind, id);
    if (!removed) throw new Response(`There is no such ${spec.singular}.`, { status: 404 });
    return json({ kind, entry: null, removed });
  }
  const url = new URL(request.url);
  const keep = url.searchParams.get('keep');
  const chosen = chooseOther(kind, id, url.searchParams);
  let status = chosen.status;
  let error = chosen.error;
  let plan: ReturnType<typeof planView> | null = null;
  if (chosen.other !== null) {
    try {
      plan = planView(kind, preview(kind, id, chosen.other.id, keep));
    } catch (e) {
      if (!(e instanceof MergeError)) throw e;
      [status, error] = [e.status, e.message];
    }
  }
  const mergedId = Number(url.searchParams.get('merged'));
  const mergedAway = Number.isSafeInteger(mergedId) && mergedId > 0 ? getRemovedEntry(kind, mergedId) : null;
  const found = kind === 'claims' ? pendingMergeOf(id) : null;
  const pending = found
    ? {
        ...found,
        keep: sideView(kind, found.keep),
        remove: sideView(kind, found.remove),
        own: found.proposedBy === user.id,
        canApprove: found.proposedBy !== user.id || selfApprovalAllowed(),
      }
    : null;
  return json(
    {
      kind,
      entry: { id, title: entry.title, slug: entry.slug, status: entry.status },
      removed: null,
      other: chosen.other,
      text: chosen.text,
      candidates: chosen.candidates,
      lookalikes: plan || pending ? [] : likelyDuplicates(kind, id, entry.title),
      plan,
      pending,
      error,
      merged: mergedAway?.mergedInto?.id === id ? mergedAway : null,
      proposed: url.searchParams.has('proposed'),
    },
    { status },
  );
}

/**
 * The other entry the editor chose, read as the Combobox sends it: an id alone (a link, or the
 * preview's own swap), or with the typed text, which is looked up when it is not the chosen
 * entry's title (several or no matches come back as candidates to pick from). Nothing chosen yet
 * is no error.
 */
function chooseOther(kind: MergeKind, id: number, query: URLSearchParams) {
  const none = { other: null, text: undefined, candidates: [] as PickMatch[], error: null, status: 200 };
  if (!['other', 'other__text', 'other__pick'].some((name) => query.has(name))) return none;
  const singular = KIND_SPECS[kind].singular;
  const idText = query.get('other') ?? '';
  if (!query.has('other__text') && !query.has('other__pick')) {
    return /^\d{1,15}$/.test(idText)
      ? { ...none, other: { id: Number(idText), title: '' } }
      : { ...none, error: `Choose the other ${singular} from the list.`, status: 400 };
  }
  const form = new FormData();
  query.forEach((value, name) => form.append(name, value));
  const resolved = resolveReference(form, 'other', kind);
  const text = query.get('other__text') ?? undefined;
  if ('error' in resolved) {
    const candidates = resolved.candidates.filter((c) => c.id !== id);
    const details = mergeDetails(
      kind,
      candidates.map((c) => c.id),
    );
    return {
      ...none,
      text,
      // Without JavaScript the candidates are all there is to tell like-named entries apart by.
      candidates: candidates.map((c) => ({ ...c, detail: [c.slug, details.get(c.id)].filter(Boolean).join(' · ') })),
      error: resolved.error,
      status: 400,
    };
  }
  if (resolved.ids.length === 0) {
    return { ...none, error: `Type a few words of the other ${singular} and choose it.`, status: 400 };
  }
  return { ...none, other: { id: resolved.ids[0], title: text ?? '' } };
}

function planView(kind: MergeKind, plan: MergePlan) {
  return { ...plan, keep: sideView(kind, plan.keep), remove: sideView(kind, plan.remove) };
}

const int = (value: FormDataEntryValue | null) => {
  const n = Number(value);
  return typeof value === 'string' && /^\d{1,15}$/.test(value) && Number.isSafeInteger(n) ? n : null;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { kind, id } = mergeParams(params);
  const form = await request.formData();
  const intent = String(form.get('intent') ?? '');
  const refuse = (message: string, status = 400, field = 'form') => json({ errors: { [field]: message } }, { status });
  if (intent === 'merge') {
    const [keepId, removeId, keepVersion, removeVersion] = ['keepId', 'removeId', 'keepVersion', 'removeVersion'].map(
      (name) => int(form.get(name)),
    );
    if (keepId === null || removeId === null || keepVersion === null || removeVersion === null) {
      return refuse('The form is missing what to merge; choose the other entry again.');
    }
    if (keepId !== id && removeId !== id) return refuse('This page can only merge its own entry.');
    if (form.get('confirm') !== 'yes') return refuse('Tick the box to confirm the merge.', 400, 'confirm');
    try {
      const outcome = mergeEntries(kind, { keepId, removeId, keepVersion, removeVersion, userId: user.id });
      const back = `/editor/${kind}/${outcome.keep.id}/merge`;
      return redirect(outcome.done === 'merged' ? `${back}?merged=${outcome.remove.id}` : `${back}?proposed=1`);
    } catch (e) {
      if (e instanceof MergeError) return refuse(e.message, e.status);
      throw e;
    }
  }
  if (kind !== 'claims' || !['approve', 'withdraw', 'return'].includes(intent)) return refuse('Unknown action.');
  const proposalId = int(form.get('proposalId'));
  const pending = pendingMergeOf(id);
  if (!pending || pending.proposalId !== proposalId) return refuse('This merge is no longer waiting for review.', 409);
  const back = `/editor/claims/${pending.keep.id}/merge`;
  try {
    if (intent === 'approve') {
      approveProposal(pending.proposalId, user.id, pending.keep.id);
      return redirect(`${back}?merged=${pending.remove.id}`);
    }
    if (intent === 'withdraw') withdrawProposal(pending.proposalId, user.id, pending.keep.id);
    else
      returnProposal(pending.proposalId, user.id, String(form.get('reviewNote') ?? '').slice(0, 2000), pending.keep.id);
    return redirect(back);
  } catch (e) {
    if (e instanceof ReviewError) return refuse(e.message, e.status, 'review');
    if (e instanceof PublishingRuleError) return refuse(e.message, 409, 'review');
    throw e;
  }
}

export default function MergePage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const spec = KIND_SPECS[data.kind];
  if (!data.entry) {
    const { removed } = data;
    return (
      <>
        <h1>{removed.title}</h1>
        <p>
          This {spec.singular} is gone:{' '}
          {removed.mergedInto ? (
            <>
              it was merged into{' '}
              <Link to={`/editor/${data.kind}/${removed.mergedInto.id}`}>{removed.mergedInto.title}</Link>.
            </>
          ) : (
            'it was deleted.'
          )}{' '}
          <Link to={`/editor/${data.kind}/${removed.id}/history`}>Its history</Link> is kept.
        </p>
      </>
    );
  }
  const { entry, plan, pending } = data;
  const base = `/editor/${data.kind}/${entry.id}/merge`;
  const otherId = plan ? (plan.keep.id === entry.id ? plan.remove.id : plan.keep.id) : null;
  const search = new URLSearchParams(otherId ? { other: String(otherId) } : {});
  const swapKeep = plan && plan.keep.id === entry.id ? 'other' : 'this';
  return (
    <>
      <p className="eyebrow">
        <Link to={`/editor/${data.kind}/${entry.id}`}>Back to the editor</Link>
      </p>
      <h1>
        Merge: {entry.title.length > 100 ? `${entry.title.slice(0, 99)}…` : entry.title || `Untitled ${spec.singular}`}
      </h1>
      <p>
        Two entries for one {spec.singular} become one: everything that refers to the one that goes moves to the one
        that stays, and its address leads there.
      </p>
      {data.merged ? (
        <p className="notice" role="status">
          “{data.merged.title}” was merged into this {spec.singular}. Its old address, {spec.path}/{data.merged.slug},
          now leads here.
        </p>
      ) : null}
      {data.proposed && pending ? (
        <p className="notice" role="status">
          The merge is proposed. Another editor must approve it before readers see any change.
        </p>
      ) : null}
      {errors.form || (data.error && !data.text && !plan) ? (
        <p className="notice notice--error" role="alert">
          {errors.form ?? data.error}
        </p>
      ) : null}
      {pending ? (
        <PendingMerge pending={pending} action={base} error={errors.review} />
      ) : (
        <>
          <MergeFinder
            kind={data.kind}
            singular={spec.singular}
            chosen={plan ? (plan.keep.id === entry.id ? plan.remove : plan.keep) : null}
            text={data.text}
            candidates={data.candidates}
            error={data.error}
            lookalikes={data.lookalikes.map((l) => ({ ...l, href: `${base}?other=${l.id}` }))}
          />
          {plan ? (
            <MergePreview
              plan={plan}
              singular={spec.singular}
              plural={spec.plural}
              swapHref={`${base}?${search}&keep=${swapKeep}`}
              action={`${base}?${search}&keep=${plan.keep.id === entry.id ? 'this' : 'other'}`}
              confirmError={errors.confirm}
            />
          ) : null}
        </>
      )}
    </>
  );
}
