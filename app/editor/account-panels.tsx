/**
 * The pieces of an editor's own account page (/editor/account): their details, the form that
 * changes their password, and their sessions. Presentational: the route supplies the data and
 * the errors of the form that was just sent. Password fields never get a value back.
 */
import { Form } from '@remix-run/react';
import type { UserRole } from '~/domain';
import { passwordChangeForm } from '~/domain/account-fields';
import { formatTimestamp } from '~/components/dates';
import { USER_ROLE_OPTIONS } from '~/editor/user-admin';
import { constraintsOf } from '~/forms/constraints';
import type { FieldErrors } from '~/forms/errors';
import { Field } from '~/forms/field';

const constraints = constraintsOf(passwordChangeForm);

export interface AccountSession {
  id: string;
  createdAt: string;
  expiresAt: string;
  userAgent: string | null;
  ip: string | null;
  /** The session this page was opened with. */
  current: boolean;
}

/** "13 Feb 2026, 14:05 UTC": sessions of one day told apart, the same on server and browser. */
function formatMoment(iso: string): string {
  const date = new Date(iso);
  return `${formatTimestamp(date)}, ${date.toISOString().slice(11, 16)} UTC`;
}

const BROWSERS: [RegExp, string][] = [
  [/Edg\//, 'Edge'],
  [/OPR\//, 'Opera'],
  [/Firefox\//, 'Firefox'],
  [/Chrom(e|ium)\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/iPhone|iPad/, 'iOS'],
  [/Android/, 'Android'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

/** "Firefox on Linux" from a User-Agent header; something short and readable otherwise. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Unknown browser';
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (browser) return system ? `${browser} on ${system}` : browser;
  return userAgent.length > 60 ? `${userAgent.slice(0, 57)}…` : userAgent;
}

export function AccountDetails({ name, email, role }: { name: string; email: string; role: UserRole }) {
  return (
    <section aria-labelledby="details-title">
      <h2 id="details-title">Your details</h2>
      <dl className="facts">
        <div>
          <dt>Name</dt>
          <dd>{name}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd className="break">{email}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>{USER_ROLE_OPTIONS.find((option) => option.value === role)?.label ?? role}</dd>
        </div>
      </dl>
      <p className="hint">Only an admin can change these.</p>
    </section>
  );
}

export function PasswordChangeForm({
  email,
  minLength,
  errors,
}: {
  email: string;
  /** For the hint; the input's own limits come from the schema. */
  minLength: number;
  errors: FieldErrors;
}) {
  return (
    <section className="panel" aria-labelledby="password-title">
      <h2 id="password-title">Change your password</h2>
      <p className="hint">Changing it signs you out everywhere else; this browser stays signed in.</p>
      {errors.form ? (
        <p className="notice notice--error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <Form method="post" noValidate aria-labelledby="password-title">
        <input type="hidden" name="intent" value="change-password" />
        {/* Tells password managers whose password this is. */}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <Field
          id="current-password"
          name="currentPassword"
          label="Current password"
          type="password"
          autoComplete="current-password"
          constraint={constraints.currentPassword}
          error={errors.currentPassword}
        />
        <Field
          id="new-password"
          name="newPassword"
          label="New password"
          hint={`At least ${minLength} characters. A few unrelated words make a strong one.`}
          type="password"
          autoComplete="new-password"
          constraint={constraints.newPassword}
          error={errors.newPassword}
        />
        <Field
          id="confirm-password"
          name="confirmPassword"
          label="New password again"
          type="password"
          autoComplete="new-password"
          constraint={constraints.confirmPassword}
          error={errors.confirmPassword}
        />
        <button type="submit">Change password</button>
      </Form>
    </section>
  );
}

/** This account's sessions, this browser first, each other one with its own sign-out button. */
export function SessionList({ sessions }: { sessions: AccountSession[] }) {
  const ordered = [...sessions].sort((a, b) => Number(b.current) - Number(a.current));
  const others = sessions.filter((session) => !session.current).length;
  return (
    <section className="panel" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Where you are signed in</h2>
      <ul className="plain-list session-list">
        {ordered.map((session) => {
          const device = describeDevice(session.userAgent);
          const signedIn = formatMoment(session.createdAt);
          return (
            <li key={session.id} className="session-list__item">
              <div>
                <p className="session-list__device">
                  {device}
                  {session.current ? <strong> · This browser</strong> : null}
                </p>
                <p className="muted">
                  Signed in {signedIn}
                  {session.ip ? ` from ${session.ip}` : ''} · ends {formatMoment(session.expiresAt)}
                </p>
              </div>
              {session.current ? null : (
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke-session" />
                  <input type="hidden" name="sessionId" value={session.id} />
                  <button
                    type="submit"
                    className="button--quiet"
                    aria-label={`Sign out ${device}, signed in ${signedIn}`}
                  >
                    Sign out
                  </button>
                </Form>
              )}
            </li>
          );
        })}
      </ul>
      {others > 0 ? (
        <Form method="post" className="session-list__all">
          <input type="hidden" name="intent" value="revoke-others" />
          <button type="submit">Sign out everywhere else</button>
        </Form>
      ) : (
        <p className="hint">You are not signed in anywhere else.</p>
      )}
    </section>
  );
}
