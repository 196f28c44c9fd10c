/**
 * /editor/claims/:id/desk — a claim's place on the desk. The desk panel's forms post here (from
 * the claim's editing page, the queues or this page): a saved change goes back where it came
 * from; a refused one is shown here, beside its field, with what was typed.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import type { ShouldRevalidateFunction } from '@remix-run/react';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import type { ZodError } from 'zod';
import { requireUser } from '~/auth/guards.server';
import { safeRedirect } from '~/auth/safe-redirect';
import { deskToday } from '~/domain/desk';
import { DeskPanel } from '~/editor/desk-panel';
import { fieldErrors } from '~/forms/errors';
import { pageMeta } from '~/meta';
import {
  assignClaim,
  deskAssignSchema,
  deskDueSchema,
  DeskError,
  deskMoveSchema,
  getClaimDesk,
  moveClaim,
  setDueDate,
} from '~/models/desk.server';
import { ConflictError, EntryNotFoundError } from '~/models/entry.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...pageMeta(data ? `Desk: ${data.desk.statement.slice(0, 60)}` : 'Desk', 'Where a claim is on the desk.'),
  { name: 'robots', content: 'noindex' },
];

function claimId(params: { id?: string }): number {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response('There is no such claim.', { status: 404 });
  return id;
}

/** Back to a page of the editor area (the claim, the queues), never anywhere else. */
function backTo(value: unknown, id: number): string {
  const fallback = `/editor/claims/${id}`;
  const to = safeRedirect(value, fallback);
  return to.startsWith('/editor/') ? to : fallback;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const id = claimId(params);
  const desk = getClaimDesk(id);
  if (!desk) throw new Response('There is no such claim.', { status: 404 });
  const url = new URL(request.url);
  // The forms on this page come back here unless the link that opened it said otherwise.
  const back = backTo(url.searchParams.get('back') ?? `/editor/claims/${id}/desk`, id);
  return json({ desk, today: deskToday(), back, saved: url.searchParams.has('saved') });
}

type DeskActionResult = { errors: Record<string, string>; typed: Record<string, string>; back: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = claimId(params);
  const form = await request.formData();
  const fields = Object.fromEntries([...form].map(([k, v]) => [k, typeof v === 'string' ? v : '']));
  const back = backTo(fields.back, id);
  const typed = { reason: fields.reason ?? '', dueOn: fields.dueOn ?? '', state: fields.state ?? '' };
  const refuse = (errors: Record<string, string>, status = 400) =>
    json<DeskActionResult>({ errors, typed, back }, { status });
  const version = Number(fields.version);
  if (!Number.isSafeInteger(version)) return refuse({ form: 'The form is missing its version; reload the page.' });
  const invalid = (error: ZodError) => refuse(fieldErrors(error));
  try {
    if (fields.intent === 'move') {
      const parsed = deskMoveSchema.safeParse(fields);
      if (!parsed.success) return invalid(parsed.error);
      moveClaim(id, version, parsed.data, user.id);
    } else if (fields.intent === 'assign') {
      const parsed = deskAssignSchema.safeParse(fields);
      if (!parsed.success) return invalid(parsed.error);
      assignClaim(id, version, parsed.data.assigneeId, user.id);
    } else if (fields.intent === 'due') {
      const parsed = deskDueSchema.safeParse(fields.clear ? { dueOn: '' } : fields);
      if (!parsed.success) return invalid(parsed.error);
      setDueDate(id, version, parsed.data.dueOn, user.id);
    } else {
      return refuse({ form: 'Unknown action.' });
    }
  } catch (error) {
    if (error instanceof DeskError) return refuse({ [error.field]: error.message });
    if (error instanceof ConflictError) {
      return refuse(
        {
          form: 'Someone changed this claim after you opened the page. This is the desk as it is now; make your change again.',
        },
        409,
      );
    }
    if (error instanceof EntryNotFoundError) throw new Response(error.message, { status: 404 });
    throw error;
  }
  const saved = new URL(back, 'http://editor.invalid');
  saved.searchParams.set('saved', '1');
  return redirect(`${saved.pathname}${saved.search}`);
}

/** After a refused change (4xx) the desk is read again too: a conflict needs the current version. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate;

export default function ClaimDeskPage() {
  const { desk, today, back, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p className="eyebrow">Desk · claim {desk.claimId}</p>
      <h1>{desk.statement || 'Untitled claim'}</h1>
      <p className="button-row">
        <Link to={`/editor/claims/${desk.claimId}`}>Edit the claim</Link>
        <Link to={`/editor/claims/${desk.claimId}/preview`}>Preview</Link>
        <Link to="/editor/desk">The queues</Link>
      </p>
      {saved && !result ? (
        <p className="notice" role="status">
          Saved.
        </p>
      ) : null}
      <DeskPanel
        key={desk.version}
        desk={desk}
        today={today}
        back={result?.back ?? back}
        errors={result?.errors}
        typed={result?.typed}
      />
    </>
  );
}
