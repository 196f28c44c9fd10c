import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { clearLoginFailures, describeWait, startLoginAttempt } from '~/auth/rate-limit.server';
import { safeRedirect } from '~/auth/safe-redirect';
import { commitSession, createSession, destroySession, getSessionUser } from '~/auth/session.server';
import { pageMeta } from '~/meta';
import { emailField, verifyLogin } from '~/models/user.server';
import { FieldError } from '~/components/field-error';

export const meta: MetaFunction = () => [
  ...pageMeta('Sign in', 'Sign in to the editor area of Claims & Rebuttals.'),
  { name: 'robots', content: 'noindex' },
];

/** A page rendered from the action's answer keeps its Retry-After (Remix drops action headers otherwise). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After');
  return retryAfter ? { 'Retry-After': retryAfter } : new Headers();
};

const loginForm = z.object({
  email: emailField,
  password: z
    .string({ required_error: 'Enter your password.' })
    .min(1, 'Enter your password.')
    .max(1024, 'That password is too long.'),
});

type FieldErrors = Partial<Record<'email' | 'password', string>>;
interface LoginData {
  errors: FieldErrors;
  formError: string | null;
  email: string;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get('redirectTo'), '');
  if (await getSessionUser(request)) throw redirect(safeRedirect(redirectTo));
  return json({ redirectTo });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const answer = (status: number, data: Partial<LoginData>, init: ResponseInit = {}) =>
    json<LoginData>({ errors: {}, formError: null, email: '', ...data }, { ...init, status });
  const typedEmail = String(form.get('email') ?? '').slice(0, 254);

  // Only bots fill in a field people cannot see: say no, and record nothing.
  if (String(form.get('website') ?? '') !== '') {
    return answer(400, { formError: 'This form could not be sent. Please try again.', email: typedEmail });
  }

  const parsed = loginForm.safeParse({ email: form.get('email') ?? '', password: form.get('password') ?? '' });
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) errors[issue.path[0] as keyof FieldErrors] ??= issue.message;
    return answer(400, { errors, email: typedEmail });
  }
  const { email, password } = parsed.data;
  const ip = context.clientIp ?? 'unknown';

  // Counted as a failure before the (slow) password check, so parallel guesses are counted too.
  const limit = startLoginAttempt({ email, ip });
  if (limit.limited) {
    const who = limit.scope === 'account' ? 'for this account' : 'from your network';
    return answer(
      429,
      {
        formError: `Too many failed sign-in attempts ${who}. Please wait ${describeWait(limit.retryAfter)} and try again.`,
        email: typedEmail,
      },
      { headers: { 'Retry-After': String(limit.retryAfter) } },
    );
  }

  const user = await verifyLogin(email, password);
  if (!user) {
    return answer(400, { formError: 'Email or password is incorrect.', email: typedEmail });
  }

  clearLoginFailures(email);
  // A session that was open before signing in (someone else's, on a shared machine) ends here.
  const headers = new Headers();
  if (request.headers.get('Cookie')) headers.append('Set-Cookie', await destroySession(request));
  const session = createSession(user.id, { userAgent: request.headers.get('User-Agent'), ip });
  headers.append('Set-Cookie', await commitSession(request, session));
  return redirect(safeRedirect(form.get('redirectTo')), { headers });
}

export default function Login() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors: FieldErrors = result?.errors ?? {};
  const invalid = (name: keyof FieldErrors) =>
    errors[name] ? { 'aria-invalid': true as const, 'aria-describedby': `login-${name}-error` } : {};
  return (
    <div className="page page--narrow login-page">
      <h1>Sign in</h1>
      <p className="lede">For editors of Claims &amp; Rebuttals. Readers do not need an account.</p>
      {result?.formError ? (
        <p className="notice notice--error" role="alert" id="login-form-error">
          {result.formError}
        </p>
      ) : null}
      <Form
        method="post"
        className="login-form"
        noValidate
        aria-describedby={result?.formError ? 'login-form-error' : undefined}
      >
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <div className="field">
          <label htmlFor="login-email">Email</label>
          <input
            id="login-email"
            name="email"
            type="email"
            autoComplete="username"
            required
            maxLength={254}
            defaultValue={result?.email ?? ''}
            {...invalid('email')}
          />
          <FieldError id="login-email-error" message={errors.email} />
        </div>
        <div className="field">
          <label htmlFor="login-password">Password</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={1024}
            {...invalid('password')}
          />
          <FieldError id="login-password-error" message={errors.password} />
        </div>
        {/* A trap for bots: hidden from people and screen readers, never focused. */}
        <div className="visually-hidden" aria-hidden="true">
          <label htmlFor="login-website">Website (leave empty)</label>
          <input id="login-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        <button type="submit" disabled={navigation.state === 'submitting'}>
          Sign in
        </button>
      </Form>
    </div>
  );
}
