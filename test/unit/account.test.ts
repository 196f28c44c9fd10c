/**
 * An editor's own account on this file's own real SQLite: changing one's password (and what it
 * does to the account's other sessions), signing out one's other sessions, and the account page's
 * loader and action called as Remix calls them.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { passwords } from '../../db/schema';
import { checkLoginRateLimit } from '~/auth/rate-limit.server';
import {
  commitSession,
  createSession,
  listSessions,
  revokeOtherSessions,
  revokeOwnSession,
  type CreatedSession,
} from '~/auth/session.server';
import { changeOwnPassword, createUser, verifyLogin } from '~/models/user.server';
import { action, loader } from '~/routes/editor.account';

process.env.SESSION_SECRET = 'unit-test-session-secret-0123456789';

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a brand new passphrase';
let sequence = 0;

function makeUser(password = PASSWORD) {
  sequence += 1;
  return createUser({
    email: `account${sequence}-${Date.now()}@example.org`,
    name: `Account ${sequence}`,
    role: 'editor',
    password,
  });
}

const hashOf = (userId: number) =>
  getDb().select({ hash: passwords.hash }).from(passwords).where(eq(passwords.userId, userId)).get()?.hash;
const sessionIds = (userId: number) => listSessions(userId).map((session) => session.id);

/** A request carrying this session's cookie, as a browser would send it. */
async function requestWith(session: CreatedSession | null, init: RequestInit = {}) {
  const url = 'http://localhost/editor/account';
  const headers = new Headers(init.headers);
  if (session) headers.set('Cookie', (await commitSession(new Request(url), session)).split(';')[0]);
  return new Request(url, { ...init, headers });
}
const postWith = (session: CreatedSession, fields: Record<string, string>) =>
  requestWith(session, { method: 'POST', body: new URLSearchParams(fields) });
const runAction = (request: Request) => action({ request, params: {}, context: {} } as ActionFunctionArgs);
const runLoader = (request: Request) => loader({ request, params: {}, context: {} } as LoaderFunctionArgs);

describe('changing one’s own password', () => {
  it('refuses a wrong current password, changing nothing and ending no session', async () => {
    const user = await makeUser();
    const here = createSession(user.id);
    const elsewhere = createSession(user.id);
    const before = hashOf(user.id);
    const result = await changeOwnPassword(
      user.id,
      { currentPassword: 'not my password at all', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      { keepSessionId: here.id },
    );
    expect(result).toEqual({ ok: false, errors: { currentPassword: 'That is not your current password.' } });
    expect(hashOf(user.id)).toBe(before);
    expect(sessionIds(user.id).sort()).toEqual([here.id, elsewhere.id].sort());
  });

  it('refuses a weak or over-long new password, beside the new-password field', async () => {
    const user = await makeUser();
    const before = hashOf(user.id);
    for (const [newPassword, message] of [
      ['short', 'Use at least 12 characters.'],
      ['🦄'.repeat(6), 'Use at least 12 characters.'],
      ['x'.repeat(10_000), 'Use at most 1024 characters.'],
    ]) {
      const result = await changeOwnPassword(
        user.id,
        { currentPassword: PASSWORD, newPassword, confirmPassword: newPassword },
        { keepSessionId: null },
      );
      expect(result).toEqual({ ok: false, errors: { newPassword: message } });
    }
    expect(hashOf(user.id)).toBe(before);
  });

  it('refuses two different new passwords, and empty fields, each beside its field', async () => {
    const user = await makeUser();
    const mismatch = await changeOwnPassword(
      user.id,
      { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}!` },
      { keepSessionId: null },
    );
    expect(mismatch).toEqual({ ok: false, errors: { confirmPassword: 'The two new passwords are not the same.' } });
    const empty = await changeOwnPassword(
      user.id,
      { currentPassword: '', newPassword: '', confirmPassword: '' },
      { keepSessionId: null },
    );
    expect(empty).toEqual({
      ok: false,
      errors: {
        currentPassword: 'Enter your current password.',
        newPassword: 'Enter a new password.',
        confirmPassword: 'Enter the new password again.',
      },
    });
    expect(await verifyLogin(user.email, PASSWORD)).not.toBeNull();
  });

  it('refuses a new password that is the current one', async () => {
    const user = await makeUser();
    const result = await changeOwnPassword(
      user.id,
      { currentPassword: PASSWORD, newPassword: PASSWORD, confirmPassword: PASSWORD },
      { keepSessionId: null },
    );
    expect(result).toEqual({
      ok: false,
      errors: { newPassword: 'Choose a password different from your current one.' },
    });
  });

  it('changes it: the old password stops working, the new one works, other sessions end, this one stays', async () => {
    const user = await makeUser();
    const other = await makeUser();
    const here = createSession(user.id);
    createSession(user.id);
    createSession(user.id);
    const othersSession = createSession(other.id);
    const result = await changeOwnPassword(
      user.id,
      { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      { keepSessionId: here.id },
    );
    expect(result).toEqual({ ok: true, sessionsEnded: 2 });
    expect(await verifyLogin(user.email, PASSWORD)).toBeNull();
    expect((await verifyLogin(user.email, NEW_PASSWORD))?.id).toBe(user.id);
    expect(hashOf(user.id)).toMatch(/^scrypt\$/);
    expect(hashOf(user.id)).not.toContain(NEW_PASSWORD);
    expect(sessionIds(user.id)).toEqual([here.id]);
    expect(sessionIds(other.id)).toEqual([othersSession.id]);
  });

  it('refuses after five wrong current passwords, without locking the account’s sign-in', async () => {
    const user = await makeUser();
    const now = new Date();
    const wrong = { currentPassword: 'a wrong guess here', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };
    for (let i = 0; i < 5; i += 1) {
      const result = await changeOwnPassword(user.id, wrong, { keepSessionId: null, now });
      expect(result).toMatchObject({ ok: false, errors: { currentPassword: 'That is not your current password.' } });
    }
    const right = { ...wrong, currentPassword: PASSWORD };
    const limited = await changeOwnPassword(user.id, right, { keepSessionId: null, now });
    expect(limited.ok).toBe(false);
    if (limited.ok) return;
    expect(limited.errors.currentPassword).toBe('Too many wrong passwords. Please wait 15 minutes and try again.');
    expect(limited.retryAfter).toBe(15 * 60);
    expect(await verifyLogin(user.email, PASSWORD)).not.toBeNull();
    // Sign-in counts its own failures, per email and per address: none of these are among them.
    expect(checkLoginRateLimit({ email: user.email, ip: '127.0.0.1' }, now)).toEqual({ limited: false });
    // Once the window has passed, the right password goes through.
    const later = new Date(now.getTime() + 15 * 60 * 1000 + 1000);
    expect(await changeOwnPassword(user.id, right, { keepSessionId: null, now: later })).toMatchObject({ ok: true });
  });
});

describe('signing out one’s other sessions', () => {
  it('ends every session but the one kept, and no one else’s', async () => {
    const user = await makeUser();
    const other = await makeUser();
    const here = createSession(user.id);
    createSession(user.id);
    const othersSession = createSession(other.id);
    expect(revokeOtherSessions(user.id, here.id)).toBe(1);
    expect(sessionIds(user.id)).toEqual([here.id]);
    expect(sessionIds(other.id)).toEqual([othersSession.id]);
  });

  it('ends one of one’s own sessions, but never someone else’s', async () => {
    const user = await makeUser();
    const other = await makeUser();
    const mine = createSession(user.id);
    const theirs = createSession(other.id);
    expect(revokeOwnSession(user.id, theirs.id)).toBe(false);
    expect(sessionIds(other.id)).toEqual([theirs.id]);
    expect(revokeOwnSession(user.id, mine.id)).toBe(true);
    expect(revokeOwnSession(user.id, mine.id)).toBe(false);
  });
});

describe('the account page', () => {
  it('sends an anonymous visitor to sign in, and comes back here afterwards', async () => {
    const thrown = await runLoader(await requestWith(null)).catch((response: Response) => response);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(302);
    expect((thrown as Response).headers.get('Location')).toBe('/login?redirectTo=%2Feditor%2Faccount');
  });

  it('lists the account’s sessions, marking this browser, and shows the details read-only', async () => {
    const user = await makeUser();
    const here = createSession(user.id, { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' });
    const elsewhere = createSession(user.id);
    const data = await (await runLoader(await requestWith(here))).json();
    expect(data.account).toEqual({ name: user.name, email: user.email, role: 'editor' });
    expect(data.passwordMinLength).toBe(12);
    const listed = Object.fromEntries(data.sessions.map((s: { id: string; current: boolean }) => [s.id, s.current]));
    expect(listed).toEqual({ [here.id]: true, [elsewhere.id]: false });
  });

  it('answers 404 to signing out a session that is not one’s own, and 400 to a malformed id', async () => {
    const user = await makeUser();
    const other = await makeUser();
    const here = createSession(user.id);
    const theirs = createSession(other.id);
    const foreign = (await runAction(
      await postWith(here, { intent: 'revoke-session', sessionId: theirs.id }),
    )) as Response;
    expect(foreign.status).toBe(404);
    expect((await foreign.json()).errors.form).toBe('That session is not one of yours, or it has already ended.');
    expect(sessionIds(other.id)).toEqual([theirs.id]);
    const malformed = (await runAction(
      await postWith(here, { intent: 'revoke-session', sessionId: '<b>1</b>' }),
    )) as Response;
    expect(malformed.status).toBe(400);
    const current = (await runAction(
      await postWith(here, { intent: 'revoke-session', sessionId: here.id }),
    )) as Response;
    expect(current.status).toBe(400);
    expect(sessionIds(user.id)).toEqual([here.id]);
  });

  it('changes the password, keeps this browser signed in and redirects to a notice', async () => {
    const user = await makeUser();
    const here = createSession(user.id);
    createSession(user.id);
    const response = (await runAction(
      await postWith(here, {
        intent: 'change-password',
        currentPassword: PASSWORD,
        newPassword: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      }),
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/editor/account?changed=password');
    expect(sessionIds(user.id)).toEqual([here.id]);
    const data = await (
      await runLoader(
        new Request('http://localhost/editor/account?changed=password', {
          headers: (await requestWith(here)).headers,
        }),
      )
    ).json();
    expect(data.notice).toBe('Your password has been changed, and you have been signed out everywhere else.');
  });
});
