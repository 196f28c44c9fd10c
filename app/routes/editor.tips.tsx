import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { requireUser } from '~/auth/guards.server';
import { PageCount, Pagination } from '~/components/pagination';
import { TIP_KINDS, TIP_STATUSES, type TipStatus } from '~/domain';
import { TIP_KIND_LABELS, TIP_STATUS_LABELS, tipAlreadyCheckedForm, tipDeclineForm } from '~/domain/tip-fields';
import { TipCard, type TriageFailure } from '~/editor/tip-triage';
import { fieldErrors } from '~/forms/errors';
import { refuse } from '~/forms/reply.server';
import { requirePage } from '~/http/pagination.server';
import { pageMeta } from '~/meta';
import {
  convertTipToDraft,
  countTipsByStatus,
  declineTip,
  listTips,
  markTipAlreadyChecked,
  TipError,
} from '~/models/tip.server';

export const meta: MetaFunction = () => [
  ...pageMeta('Readers’ tips', 'Claims readers suggested and corrections they requested, for the desk to triage.'),
  { name: 'robots', content: 'noindex' },
];

const emptyIsUnset = (v: unknown) => (v === '' || v === null ? undefined : v);
const filterParams = z.object({
  status: z.preprocess(emptyIsUnset, z.enum(TIP_STATUSES, { message: 'Not a known status.' }).optional()),
  kind: z.preprocess(emptyIsUnset, z.enum(TIP_KINDS, { message: 'Not a known kind of tip.' }).optional()),
});

/** What each triage did, for the line at the top of the page after the redirect. */
const DONE: Partial<Record<TipStatus, string>> = {
  already_checked: 'Linked tip {id} to the claim that checks it.',
  declined: 'Declined tip {id}.',
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const params = new URL(request.url).searchParams;
  const filter = filterParams.safeParse({ status: params.get('status'), kind: params.get('kind') });
  if (!filter.success) throw new Response(Object.values(fieldErrors(filter.error))[0], { status: 400 });
  const tips = requirePage(request, (page) => listTips(filter.data, page));
  const done = params.get('done') as TipStatus | null;
  const notice = done && DONE[done] ? DONE[done]!.replace('{id}', String(Number(params.get('tip')) || '')) : null;
  return json({ tips, counts: countTipsByStatus(filter.data.kind), filter: filter.data, notice });
}

const tipId = z.coerce.number().int().positive();

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value.slice(0, 2000) : '';
  };
  const intent = text('intent');
  const id = tipId.safeParse(form.get('tipId'));
  const typed = { claim: text('claim'), reason: text('reason') };
  const fail = (errors: TriageFailure['errors'], status = 400) =>
    refuse({ tipId: id.success ? id.data : null, intent, errors, typed }, { status });
  if (!id.success) return fail({ form: 'That tip is not known. Reload the page and try again.' });
  try {
    switch (intent) {
      case 'convert': {
        const { claimId } = convertTipToDraft(id.data, user.id);
        return redirect(`/editor/claims/${claimId}?saved=1`);
      }
      case 'already_checked': {
        const parsed = tipAlreadyCheckedForm.safeParse({ claim: form.get('claim') });
        if (!parsed.success) return fail(fieldErrors(parsed.error));
        markTipAlreadyChecked(id.data, parsed.data.claim, user.id);
        return redirect(`/editor/tips?done=already_checked&tip=${id.data}`);
      }
      case 'decline': {
        const parsed = tipDeclineForm.safeParse({ reason: form.get('reason') });
        if (!parsed.success) return fail(fieldErrors(parsed.error));
        declineTip(id.data, parsed.data.reason, user.id);
        return redirect(`/editor/tips?done=declined&tip=${id.data}`);
      }
      default:
        return fail({ form: 'That action is not known. Reload the page and try again.' });
    }
  } catch (error) {
    if (error instanceof TipError) return fail({ [error.field]: error.message }, error.status);
    throw error;
  }
}

export default function Tips() {
  const { tips, counts, filter, notice } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  // A refused form is reported beside it while its tip is new and on this page; otherwise at the top.
  const besideTip = (id: number) => reply?.tipId === id && tips.items.some((t) => t.id === id && t.status === 'new');
  const orphan = reply && !besideTip(reply.tipId ?? -1) ? reply : null;
  const statusHref = (status?: TipStatus) => {
    const params = new URLSearchParams();
    if (status) params.set('status', status);
    if (filter.kind) params.set('kind', filter.kind);
    return `/editor/tips${params.size ? `?${params}` : ''}`;
  };
  return (
    <div className="tips-page">
      <h1>Readers’ tips</h1>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {orphan ? (
        <p className="notice notice--error" role="alert">
          {Object.values(orphan.errors).find(Boolean) ?? 'That change was refused.'}
        </p>
      ) : null}
      <nav aria-label="Tips by status" className="kind-tabs">
        <ul>
          <li>
            <Link to={statusHref()} aria-current={filter.status ? undefined : 'page'}>
              All ({total})
            </Link>
          </li>
          {TIP_STATUSES.map((status) => (
            <li key={status}>
              <Link to={statusHref(status)} aria-current={filter.status === status ? 'page' : undefined}>
                {TIP_STATUS_LABELS[status]} ({counts[status]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Form method="get" className="filters tips-filters">
        <div className="field">
          <label htmlFor="tips-status">Status</label>
          <select id="tips-status" name="status" defaultValue={filter.status ?? ''}>
            <option value="">Any status</option>
            {TIP_STATUSES.map((status) => (
              <option key={status} value={status}>
                {TIP_STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="tips-kind">Kind</label>
          <select id="tips-kind" name="kind" defaultValue={filter.kind ?? ''}>
            <option value="">Both kinds</option>
            {TIP_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {TIP_KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </div>
        <div className="filters__actions">
          <button type="submit">Show</button>
        </div>
      </Form>
      <PageCount total={tips.total} page={tips.page} pageCount={tips.pageCount} noun={['tip', 'tips']} />
      {tips.items.length === 0 ? <p className="empty">No tips here.</p> : null}
      {tips.items.map((tip) => (
        <TipCard
          key={tip.id}
          tip={tip}
          failure={
            reply && besideTip(tip.id) ? { intent: reply.intent, errors: reply.errors, typed: reply.typed } : null
          }
        />
      ))}
      <Pagination page={tips.page} pageCount={tips.pageCount} />
    </div>
  );
}
