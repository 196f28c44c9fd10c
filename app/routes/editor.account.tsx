import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { loginUrl, requireUser } from '~/auth/guards.server';
import { getSessionId, listSessions, revokeOtherSessions, revokeOwnSession } from '~/auth/session.server';
import { PASSWORD_MIN_LENGTH } from '~/domain/account-fields';
import { AccountDetails, PasswordChangeForm, SessionList } from '~/editor/account-panels';
import { fieldErrors, type FieldErrors } from '~/forms/errors';
import { refuse } from '~/forms/reply.server';
import { pageMeta } from '~/meta';
import { changeOwnPassword } from '~/models/user.server';

export const meta: MetaFunction = () => [
  ...pageMeta('Your account', 'Your editor account: your details, your password and where you are signed in.'),
  { name: 'robots', content: 'noindex' },
];

/** A page rendered from the action's answer keeps its Retry-After (Remix drops action headers otherwise). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After');
  return retryAfter ? { 'Retry-After': retryAfter } : new Headers();
};

const INTENTS = ['change-password', 'revoke-others', 'revoke-session'] as const;
type Intent = (typeof INTENTS)[number];
const isIntent = (value: unknown): value is Intent => INTENTS.includes(value as Intent);

const passwordForm = z.object({
  currentPassword: z.string().catch(''),
  newPassword: z.string().catch(''),
  confirmPassword: z.string().catch(''),
});
const sessionForm = z.object({
  sessionId: z.string().regex(/^[0-9a-f]{64}$/, 'Choose one of your sessions.'),
});

/** The line at the top of the page after a change (?changed=...). */
const CHANGED: Record<string, string> = {
  password: 'Your password has been changed, and you have been signed out everywhere else.',
  others: 'You have been signed out everywhere else.',
  session: 'That session has been signed out.',
};

/** The session this request is signed in with; without one, requireUser would have redirected. */
async function requireSessionId(request: Request): Promise<string> {
  const id = await getSessionId(request);
  if (!id) throw redirect(loginUrl(request));
  return id;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const currentId = await requireSessionId(request);
  const sessions = listSessions(user.id).map(({ id, createdAt, expiresAt, userAgent, ip }) => ({
    id,
    createdAt: createdAt.toISOString(),
    expiresAt: expiresAt.toISOString(),
    userAgent,
    ip,
    current: id === currentId,
  }));
  const notice = CHANGED[new URL(request.url).searchParams.get('changed') ?? ''] ?? null;
  return json({
    account: { name: user.name, email: user.email, role: user.role },
    sessions,
    notice,
    passwordMinLength: PASSWORD_MIN_LENGTH,
  });
}

interface Refusal {
  intent: Intent | null;
  errors: FieldErrors;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const currentId = await requireSessionId(request);
  const form = await request.formData();
  const intent = form.get('intent');
  const fields = Object.fromEntries([...form].filter(([, value]) => typeof value === 'string'));

  if (!isIntent(intent))
    return refuse<Refusal>({
      intent: null,
      errors: { form: 'That action is not known. Reload the page and try again.' },
    });

  if (intent === 'change-password') {
    const result = await changeOwnPassword(user.id, passwordForm.parse(fields), { keepSessionId: currentId });
    if (result.ok) return redirect('/editor/account?changed=password');
    return refuse<Refusal>(
      { intent, errors: result.errors },
      result.retryAfter ? { status: 429, retryAfter: result.retryAfter } : {},
    );
  }

  if (intent === 'revoke-others') {
    revokeOtherSessions(user.id, currentId);
    return redirect('/editor/account?changed=others');
  }

  const parsed = sessionForm.safeParse(fields);
  if (!parsed.success) return refuse<Refusal>({ intent, errors: { form: fieldErrors(parsed.error).sessionId } });
  const { sessionId } = parsed.data;
  if (sessionId === currentId)
    return refuse<Refusal>({
      intent,
      errors: { form: 'That is this browser. To end it, use “Sign out” at the top of the page.' },
    });
  // Someone else's session and one that has ended get the same answer.
  if (!revokeOwnSession(user.id, sessionId))
    return refuse<Refusal>(
      { intent, errors: { form: 'That session is not one of yours, or it has already ended.' } },
      { status: 404 },
    );
  return redirect('/editor/account?changed=session');
}

export default function Account() {
  const { account, sessions, notice, passwordMinLength } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const changingPassword = result?.intent === 'change-password';
  // Refused sign-outs name a session that is not (or no longer) listed: their message goes on top.
  const pageError = result && !changingPassword ? result.errors.form : null;
  return (
    <div className="page account">
      <h1>Your account</h1>
      {notice && !result ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {pageError ? (
        <p className="notice notice--error" role="alert">
          {pageError}
        </p>
      ) : null}
      <AccountDetails {...account} />
      <PasswordChangeForm
        email={account.email}
        minLength={passwordMinLength}
        errors={changingPassword ? result.errors : {}}
      />
      <SessionList sessions={sessions} />
    </div>
  );
}
