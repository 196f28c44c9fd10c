import type {
  LinksFunction,
  ActionFunctionArgs,
  HeadersFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from '@remix-run/node';
import editorStyles from '~/styles/editor.css';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { readOnlyMode } from '~/http/storage.server';
import { ReadOnlyNotice } from '~/components/read-only-notice';
import { clearLoginFailures, describeWait, startLoginAttempt } from '~/auth/rate-limit.server';
import { safeRedirect } from '~/auth/safe-redirect';
import { getSessionUser, signIn } from '~/auth/session.server';
import { loginForm } from '~/domain/account-fields';
import { constraintsOf } from '~/forms/constraints';
import { fieldErrors, type FieldErrors } from '~/forms/errors';
import { Field } from '~/forms/field';
import { refuse } from '~/forms/reply.server';
import { pageMeta } from '~/meta';
import { verifyLogin } from '~/models/user.server';

/** Editor styles load only in the editor area and on the sign-in page, not for readers. */
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: editorStyles }];

export const meta: MetaFunction = () => [
  ...pageMeta('Sign in', 'Sign in to the editor area of Claims & Rebuttals.'),
  { name: 'robots', content: 'noindex' },
];

/** A page rendered from the action's answer keeps its Retry-After (Remix drops action headers otherwise). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After');
  return retryAfter ? { 'Retry-After': retryAfter } : new Headers();
};

const constraints = constraintsOf(loginForm);

interface LoginData {
  errors: FieldErrors;
  formError: string | null;
  email: string;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get('redirectTo'), '');
  if (await getSessionUser(request)) throw redirect(safeRedirect(redirectTo));
  return json({ redirectTo, readOnly: readOnlyMode() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const typedEmail = String(form.get('email') ?? '').slice(0, 254);
  const answer = (data: Partial<LoginData>, options?: Parameters<typeof refuse>[1]) =>
    refuse<LoginData>({ errors: {}, formError: null, email: typedEmail, ...data }, options);

  // Only bots fill in a field people cannot see: say no, and record nothing.
  if (String(form.get('website') ?? '') !== '') {
    return answer({ formError: 'This form could not be sent. Please try again.' });
  }

  const parsed = loginForm.safeParse({ email: form.get('email') ?? '', password: form.get('password') ?? '' });
  if (!parsed.success) return answer({ errors: fieldErrors(parsed.error) });
  const { email, password } = parsed.data;
  const ip = context.clientIp ?? 'unknown';

  // Counted as a failure before the (slow) password check, so parallel guesses are counted too.
  const limit = startLoginAttempt({ email, ip });
  if (limit.limited) {
    const who = limit.scope === 'account' ? 'for this account' : 'from your network';
    return answer(
      {
        formError: `Too many failed sign-in attempts ${who}. Please wait ${describeWait(limit.retryAfter)} and try again.`,
      },
      { status: 429, retryAfter: limit.retryAfter },
    );
  }

  const user = await verifyLogin(email, password);
  if (!user) return answer({ formError: 'Email or password is incorrect.' });

  clearLoginFailures(email);
  return signIn(request, user, { redirectTo: safeRedirect(form.get('redirectTo')), ip });
}

export default function Login() {
  const { redirectTo, readOnly } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors: FieldErrors = result?.errors ?? {};
  return (
    <div className="page page--narrow login-page">
      <h1>Sign in</h1>
      <p className="lede">For editors of Claims &amp; Rebuttals. Readers do not need an account.</p>
      {readOnly ? <ReadOnlyNotice reason={readOnly} /> : null}
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
        <Field
          id="login-email"
          name="email"
          label="Email"
          type="email"
          autoComplete="username"
          defaultValue={result?.email ?? ''}
          constraint={constraints.email}
          error={errors.email}
        />
        <Field
          id="login-password"
          name="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          constraint={constraints.password}
          error={errors.password}
        />
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
