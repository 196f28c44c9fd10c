/**
 * Accounts and sign-in on this file's own real SQLite: password hashing, accounts and their
 * rules, database sessions and their cookie, guards, safe redirects, the sign-in rate limits and
 * the Origin check, plus the sign-in and user-admin actions called as Remix calls them.
 */
import crypto from 'node:crypto';
import type { ActionFunctionArgs } from '@remix-run/node';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { withFreshDatabase } from '../databases';
import { loginAttempts, passwords, sessions, users } from '../../db/schema';
import { requireAdmin, requireUser } from '~/auth/guards.server';
import { checkRequestOrigin } from '~/auth/origin.server';
import { hashPassword, verifyPassword, WeakPasswordError } from '~/auth/password.server';
import {
  ACCOUNT_LIMIT,
  ADDRESS_LIMIT,
  checkLoginRateLimit,
  clearLoginFailures,
  recordLoginFailure,
  startLoginAttempt,
} from '~/auth/rate-limit.server';
import { safeRedirect } from '~/auth/safe-redirect';
import {
  commitSession,
  createSession,
  destroySession,
  getSessionUser,
  listSessions,
  revokeSession,
  revokeUserSessions,
} from '~/auth/session.server';
import {
  createUser,
  disableUser,
  DuplicateEmailError,
  enableUser,
  getUserByEmail,
  getUserById,
  InvalidUserError,
  LastAdminError,
  listUsers,
  resetPassword,
  SelfLockoutError,
  setUserRole,
  verifyLogin,
  type UserRole,
} from '~/models/user.server';
import { action as loginAction } from '~/routes/login';
import { action as usersAction, loader as usersLoader } from '~/routes/editor.users';

const SECRET = 'unit-test-session-secret-0123456789';
process.env.SESSION_SECRET = SECRET;

const PASSWORD = 'correct horse battery staple';
let sequence = 0;

/** A fresh account (unique email) with PASSWORD, unless told otherwise. */
function makeUser(role: UserRole = 'editor', password = PASSWORD) {
  sequence += 1;
  return createUser({
    email: `person${sequence}-${Date.now()}@example.org`,
    name: `Person ${sequence}`,
    role,
    password,
  });
}

/** A request carrying the session cookie for this user, as a browser would send it. */
async function signedInRequest(userId: number, url = 'http://localhost/editor/users', init: RequestInit = {}) {
  const base = new Request(url);
  const setCookie = await commitSession(base, createSession(userId));
  const headers = new Headers(init.headers);
  headers.set('Cookie', setCookie.split(';')[0]);
  return new Request(url, { ...init, headers });
}

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('passwords', () => {
  it('hashes with scrypt in the documented format, salted, and verifies only the right password', async () => {
    const hash = await hashPassword(PASSWORD);
    const [scheme, N, r, p, salt, key] = hash.split('$');
    expect([scheme, N, r, p]).toEqual(['scrypt', String(2 ** 15), '8', '1']);
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(key, 'base64')).toHaveLength(64);
    expect(hash).not.toContain(PASSWORD);
    expect(await hashPassword(PASSWORD)).not.toBe(hash);
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
    expect(await verifyPassword(`${PASSWORD} `, hash)).toBe(false);
    expect(await verifyPassword('Correct horse battery staple', hash)).toBe(false);
  });

  it('needs at least 12 characters as a person counts them, and at most 1024', async () => {
    await expect(hashPassword('elevenchars')).rejects.toBeInstanceOf(WeakPasswordError);
    await expect(hashPassword('elevenchars')).rejects.toThrow('Use at least 12 characters.');
    expect(await hashPassword('twelve chars')).toMatch(/^scrypt\$/);
    // Six emoji are twelve UTF-16 units but six characters.
    await expect(hashPassword('🦄'.repeat(6))).rejects.toBeInstanceOf(WeakPasswordError);
    await expect(hashPassword('x'.repeat(1025))).rejects.toThrow('Use at most 1024 characters.');
  });

  it('matches a password however its accents were composed', async () => {
    const hash = await hashPassword('caf\u00e9 au lait noir');
    expect(await verifyPassword('cafe\u0301 au lait noir', hash)).toBe(true);
  });

  it('treats a damaged or hostile stored hash as no match instead of throwing', async () => {
    const hash = await hashPassword(PASSWORD);
    const parts = hash.split('$');
    const shortKey = [...parts.slice(0, 5), Buffer.alloc(32).toString('base64')].join('$');
    const hugeCost = ['scrypt', String(2 ** 30), '8', '1', parts[4], parts[5]].join('$');
    for (const damaged of ['', 'plain-text-password', shortKey, hugeCost, hash.replace('scrypt', 'bcrypt')]) {
      expect(await verifyPassword(PASSWORD, damaged)).toBe(false);
    }
    expect(await verifyPassword('x'.repeat(5000), hash)).toBe(false);
  });
});

describe('accounts', () => {
  it('stores the email in lower case and never returns the hash with the user', async () => {
    const user = await createUser({
      email: '  Jane.Doe@Example.ORG ',
      name: ' Jane ',
      role: 'editor',
      password: PASSWORD,
    });
    expect(user.email).toBe('jane.doe@example.org');
    expect(user.name).toBe('Jane');
    for (const found of [getUserByEmail('JANE.DOE@example.org'), getUserById(user.id)]) {
      expect(found).not.toBeNull();
      expect(Object.keys(found!).sort()).toEqual(['createdAt', 'disabledAt', 'email', 'id', 'name', 'role']);
    }
    const stored = getDb().select().from(passwords).where(eq(passwords.userId, user.id)).get();
    expect(stored?.hash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(listUsers())).not.toContain('scrypt$');
  });

  it('refuses a second account for the same email, whatever its case', async () => {
    await createUser({ email: 'dup@example.org', name: 'One', role: 'editor', password: PASSWORD });
    const error = await thrown(
      createUser({ email: 'DUP@example.org', name: 'Two', role: 'admin', password: PASSWORD }),
    );
    expect(error).toBeInstanceOf(DuplicateEmailError);
    expect((error as DuplicateEmailError).field).toBe('email');
    expect(getDb().select().from(users).where(eq(users.email, 'dup@example.org')).all()).toHaveLength(1);
  });

  it('refuses a bad email, an empty name, an unknown role and a short password, saving nothing', async () => {
    const before = listUsers().length;
    const cases: [Parameters<typeof createUser>[0], string][] = [
      [{ email: 'not-an-email', name: 'X', role: 'editor', password: PASSWORD }, 'email'],
      [{ email: 'x1@example.org', name: '   ', role: 'editor', password: PASSWORD }, 'name'],
      [{ email: 'x2@example.org', name: 'X', role: 'owner' as UserRole, password: PASSWORD }, 'role'],
    ];
    for (const [input, field] of cases) {
      const error = await thrown(createUser(input));
      expect(error).toBeInstanceOf(InvalidUserError);
      expect((error as InvalidUserError).field).toBe(field);
    }
    await expect(createUser({ email: 'x3@example.org', name: 'X', role: 'editor', password: 'short' })).rejects.toThrow(
      WeakPasswordError,
    );
    expect(listUsers()).toHaveLength(before);
  });

  it('signs in with the right password only, and never a disabled account', async () => {
    const user = await makeUser();
    expect((await verifyLogin(user.email.toUpperCase(), PASSWORD))?.id).toBe(user.id);
    expect(await verifyLogin(user.email, 'wrong password here')).toBeNull();
    expect(await verifyLogin('nobody@example.org', PASSWORD)).toBeNull();
    disableUser(user.id);
    expect(await verifyLogin(user.email, PASSWORD)).toBeNull();
    enableUser(user.id);
    expect((await verifyLogin(user.email, PASSWORD))?.id).toBe(user.id);
  });

  it('takes as long to refuse an unknown email as a wrong password (no timing shortcut)', async () => {
    const user = await makeUser();
    const disabledUser = await makeUser();
    disableUser(disabledUser.id);
    await verifyLogin('warm-up@example.org', 'x'); // the dummy hash is made on first use
    // Interleaved, so a burst of load on a shared machine slows all three alike; medians of 5.
    const cases = {
      wrongPassword: user.email,
      unknownEmail: 'nobody-at-all@example.org',
      disabled: disabledUser.email,
    };
    const samples: Record<keyof typeof cases, number[]> = { wrongPassword: [], unknownEmail: [], disabled: [] };
    for (let i = 0; i < 5; i += 1) {
      for (const [name, email] of Object.entries(cases) as [keyof typeof cases, string][]) {
        const start = performance.now();
        await verifyLogin(email, 'wrong password here');
        samples[name].push(performance.now() - start);
      }
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[2];
    const [wrongPassword, unknownEmail, disabled] = [samples.wrongPassword, samples.unknownEmail, samples.disabled].map(
      median,
    );
    // A real scrypt check takes tens of milliseconds; skipping it would take well under one.
    expect(wrongPassword).toBeGreaterThan(5);
    expect(unknownEmail).toBeGreaterThan(5);
    expect(disabled).toBeGreaterThan(5);
    expect(unknownEmail).toBeGreaterThan(wrongPassword * 0.5);
    expect(disabled).toBeGreaterThan(wrongPassword * 0.5);
  });

  it('keeps at least one active admin, and stops admins locking themselves out', () =>
    // Only this test's admins may exist for "last admin" to mean something: a database of its own,
    // rather than demoting the admins other tests made.
    withFreshDatabase(async () => {
      const admin = await makeUser('admin');
      expect(() => setUserRole(admin.id, 'editor')).toThrow(LastAdminError);
      expect(() => disableUser(admin.id)).toThrow(LastAdminError);
      const second = await makeUser('admin');
      expect(() => disableUser(second.id, { actingUserId: second.id })).toThrow(SelfLockoutError);
      expect(() => setUserRole(second.id, 'editor', { actingUserId: second.id })).toThrow(SelfLockoutError);
      expect(setUserRole(second.id, 'editor', { actingUserId: admin.id }).role).toBe('editor');
      expect(getUserById(second.id)?.role).toBe('editor');
      expect(() => setUserRole(admin.id, 'editor')).toThrow(LastAdminError);
    }));

  it('resets a password: the old one stops working and every session ends', async () => {
    const user = await makeUser();
    const request = await signedInRequest(user.id);
    expect(await getSessionUser(request)).not.toBeNull();
    await resetPassword(user.id, 'a brand new passphrase');
    expect(await verifyLogin(user.email, PASSWORD)).toBeNull();
    expect((await verifyLogin(user.email, 'a brand new passphrase'))?.id).toBe(user.id);
    expect(await getSessionUser(request)).toBeNull();
    await expect(resetPassword(user.id, 'too short')).rejects.toThrow(WeakPasswordError);
  });
});

describe('sessions', () => {
  it('puts a random token in the cookie and only its SHA-256 in the database', async () => {
    const user = await makeUser();
    const session = createSession(user.id, { userAgent: 'Test browser', ip: '203.0.113.9' });
    expect(Buffer.from(session.token, 'base64url')).toHaveLength(32);
    const row = getDb().select().from(sessions).where(eq(sessions.userId, user.id)).get();
    expect(row?.id).toBe(crypto.createHash('sha256').update(session.token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(session.token);
    const days = (session.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.99);
    expect(days).toBeLessThanOrEqual(14);
    expect(listSessions(user.id)).toMatchObject([{ userAgent: 'Test browser', ip: '203.0.113.9' }]);
  });

  it('sets an HttpOnly, SameSite=Lax cookie for the whole site, Secure only in production over HTTPS', async () => {
    const user = await makeUser();
    const session = createSession(user.id);
    const cookie = await commitSession(new Request('http://localhost/login'), session);
    expect(cookie).toMatch(/^__session=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(await commitSession(new Request('https://example.org/login'), session)).toContain('; Secure');
      const proxied = new Request('http://localhost/login', { headers: { 'X-Forwarded-Proto': 'https' } });
      expect(await commitSession(proxied, session)).toContain('; Secure');
      expect(await commitSession(new Request('http://localhost/login'), session)).not.toContain('Secure');
    } finally {
      process.env.NODE_ENV = previous;
    }
  });

  it('finds the user from the cookie, and refuses a forged or foreign-signed one', async () => {
    const user = await makeUser();
    const request = await signedInRequest(user.id);
    expect((await getSessionUser(request))?.email).toBe(user.email);

    const cookie = request.headers.get('Cookie')!;
    const [value, signature] = cookie.slice('__session='.length).split('.');
    const flipped = `__session=${value}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    expect(await getSessionUser(new Request('http://localhost/', { headers: { Cookie: flipped } }))).toBeNull();
    // A raw token without a valid signature is not accepted either.
    const token = JSON.parse(Buffer.from(decodeURIComponent(value), 'base64').toString('utf8'));
    const unsigned = `__session=${encodeURIComponent(Buffer.from(JSON.stringify(token)).toString('base64'))}`;
    expect(await getSessionUser(new Request('http://localhost/', { headers: { Cookie: unsigned } }))).toBeNull();

    process.env.SESSION_SECRET = 'another-secret-entirely-0123456789';
    try {
      expect(await getSessionUser(request)).toBeNull();
      // Rotation: with the old secret still listed, the old cookie still works.
      process.env.SESSION_SECRET = `another-secret-entirely-0123456789,${SECRET}`;
      expect((await getSessionUser(request))?.id).toBe(user.id);
    } finally {
      process.env.SESSION_SECRET = SECRET;
    }
  });

  it('expires after 14 days', async () => {
    const user = await makeUser();
    const fifteenDaysAgo = new Date(Date.now() - 15 * 86_400_000);
    const old = createSession(user.id, {}, fifteenDaysAgo);
    const headers = { Cookie: (await commitSession(new Request('http://localhost/'), old)).split(';')[0] };
    expect(await getSessionUser(new Request('http://localhost/', { headers }))).toBeNull();
    expect(listSessions(user.id)).toEqual([]);
    const recent = createSession(user.id, {}, new Date(Date.now() - 13 * 86_400_000));
    const recentHeaders = { Cookie: (await commitSession(new Request('http://localhost/'), recent)).split(';')[0] };
    expect(await getSessionUser(new Request('http://localhost/', { headers: recentHeaders }))).not.toBeNull();
    expect(
      await getSessionUser(
        new Request('http://localhost/', { headers: recentHeaders }),
        new Date(Date.now() + 2 * 86_400_000),
      ),
    ).toBeNull();
  });

  it('revokes one session, all of a user’s, and ends them when the account is disabled', async () => {
    const user = await makeUser();
    const first = await signedInRequest(user.id);
    const second = await signedInRequest(user.id);
    expect(listSessions(user.id)).toHaveLength(2);
    expect(listUsers().find((u) => u.id === user.id)?.activeSessions).toBe(2);

    const [newest] = listSessions(user.id);
    expect(revokeSession(newest.id)).toBe(true);
    expect([await getSessionUser(first), await getSessionUser(second)].filter(Boolean)).toHaveLength(1);

    const third = await signedInRequest(user.id);
    expect(revokeUserSessions(user.id)).toBe(2);
    expect(await getSessionUser(third)).toBeNull();

    const fourth = await signedInRequest(user.id);
    disableUser(user.id);
    expect(await getSessionUser(fourth)).toBeNull();
    expect(listUsers().find((u) => u.id === user.id)?.activeSessions).toBe(0);
  });

  it('destroys the request’s session and clears the cookie on sign-out', async () => {
    const user = await makeUser();
    const request = await signedInRequest(user.id);
    const cleared = await destroySession(request);
    expect(cleared).toMatch(/^__session=;/);
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    expect(await getSessionUser(request)).toBeNull();
    expect(listSessions(user.id)).toEqual([]);
  });
});

describe('guards', () => {
  it('sends anonymous visitors to the sign-in page with the page they wanted', async () => {
    const error = await thrown(requireUser(new Request('http://localhost/editor/claims?x=1&y=2')));
    expect(error).toBeInstanceOf(Response);
    const response = error as Response;
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('Location')!, 'http://localhost');
    expect(location.pathname).toBe('/login');
    expect(location.searchParams.get('redirectTo')).toBe('/editor/claims?x=1&y=2');
  });

  it('lets admins manage users and answers 403 to an editor', async () => {
    const editor = await makeUser('editor');
    const admin = await makeUser('admin');
    const refused = await thrown(requireAdmin(await signedInRequest(editor.id)));
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(403);
    expect((await requireAdmin(await signedInRequest(admin.id))).id).toBe(admin.id);
    // The page itself, called as Remix calls it.
    const args = { request: await signedInRequest(editor.id), params: {}, context: {} };
    expect(((await thrown(Promise.resolve().then(() => usersLoader(args)))) as Response).status).toBe(403);
  });
});

describe('safeRedirect', () => {
  it('accepts paths on this site', () => {
    expect(safeRedirect('/editor/claims?x=1')).toBe('/editor/claims?x=1');
    expect(safeRedirect('/')).toBe('/');
    expect(safeRedirect('/claims/some-claim#sources')).toBe('/claims/some-claim#sources');
    // Any Unicode comes back percent-encoded, so the Location header can carry it (hardening 2.7).
    expect(safeRedirect('/日本')).toBe('/%E6%97%A5%E6%9C%AC');
    expect(safeRedirect('/claims?q=ü#ß')).toBe('/claims?q=%C3%BC#%C3%9F');
  });

  it.each([
    '//evil.com',
    'https://evil.com',
    '/\\evil',
    '/\\/evil.com',
    'javascript:alert(1)',
    'evil.com',
    '/\tevil',
    '//\nevil.com',
    '/%0a/evil',
    '',
    ' /editor',
  ])('refuses %j and uses the fallback', (to) => {
    const expected = to === '/%0a/evil' ? to : '/editor';
    expect(safeRedirect(to)).toBe(expected);
  });

  it('refuses anything that is not a string', () => {
    expect(safeRedirect(null)).toBe('/editor');
    expect(safeRedirect(undefined, '/')).toBe('/');
    expect(safeRedirect(['/editor/x'])).toBe('/editor');
  });
});

describe('sign-in rate limits', () => {
  beforeEach(() => {
    getDb().delete(loginAttempts).run();
  });

  it(`refuses an account after ${ACCOUNT_LIMIT.max} failures in 15 minutes, until the oldest ages out`, () => {
    const now = new Date('2030-01-01T12:00:00Z');
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    for (let i = 0; i < ACCOUNT_LIMIT.max; i += 1) {
      expect(checkLoginRateLimit({ email: 'target@example.org', ip: `198.51.100.${i}` }, at(i * 60)).limited).toBe(
        false,
      );
      recordLoginFailure({ email: 'Target@Example.org', ip: `198.51.100.${i}` }, at(i * 60));
    }
    const later = at(4 * 60 + 1);
    const limited = checkLoginRateLimit({ email: 'target@example.org', ip: '203.0.113.1' }, later);
    expect(limited).toEqual({ limited: true, scope: 'account', retryAfter: 15 * 60 - 4 * 60 - 1 });
    // Another account from the same addresses is unaffected.
    expect(checkLoginRateLimit({ email: 'other@example.org', ip: '198.51.100.1' }, later).limited).toBe(false);
    // Once the first failure is 15 minutes old, one more try is allowed.
    expect(checkLoginRateLimit({ email: 'target@example.org', ip: '203.0.113.1' }, at(15 * 60)).limited).toBe(false);
  });

  it(`refuses an address after ${ADDRESS_LIMIT.max} failures across accounts`, () => {
    const now = new Date('2030-01-01T12:00:00Z');
    for (let i = 0; i < ADDRESS_LIMIT.max; i += 1) {
      recordLoginFailure({ email: `user${i}@example.org`, ip: '192.0.2.7' }, now);
    }
    const result = checkLoginRateLimit({ email: 'fresh@example.org', ip: '192.0.2.7' }, now);
    expect(result).toMatchObject({ limited: true, scope: 'address' });
    expect(result.limited && result.retryAfter).toBe(ADDRESS_LIMIT.windowSeconds);
    expect(checkLoginRateLimit({ email: 'fresh@example.org', ip: '192.0.2.8' }, now).limited).toBe(false);
  });

  it('counts an attempt as it starts, and refuses without counting once limited', () => {
    const now = new Date('2030-01-01T12:00:00Z');
    const attempt = { email: 'eager@example.org', ip: '192.0.2.60' };
    const results = Array.from({ length: ACCOUNT_LIMIT.max + 3 }, () => startLoginAttempt(attempt, now).limited);
    expect(results).toEqual([...Array(ACCOUNT_LIMIT.max).fill(false), true, true, true]);
    expect(getDb().select().from(loginAttempts).where(eq(loginAttempts.email, attempt.email)).all()).toHaveLength(
      ACCOUNT_LIMIT.max,
    );
  });

  it('starts an account afresh after a successful sign-in', () => {
    const now = new Date();
    for (let i = 0; i < ACCOUNT_LIMIT.max; i += 1)
      recordLoginFailure({ email: 'me@example.org', ip: '192.0.2.1' }, now);
    expect(checkLoginRateLimit({ email: 'me@example.org', ip: '192.0.2.99' }, now).limited).toBe(true);
    clearLoginFailures('ME@example.org');
    expect(checkLoginRateLimit({ email: 'me@example.org', ip: '192.0.2.99' }, now).limited).toBe(false);
  });
});

describe('Origin check', () => {
  const host = 'tracker.example:3000';
  it('lets reads through and same-site writes, by Origin or else Referer', () => {
    expect(checkRequestOrigin({ method: 'GET', host }).ok).toBe(true);
    expect(checkRequestOrigin({ method: 'HEAD', origin: 'https://evil.example', host }).ok).toBe(true);
    expect(checkRequestOrigin({ method: 'POST', origin: 'http://tracker.example:3000', host }).ok).toBe(true);
    expect(checkRequestOrigin({ method: 'POST', referer: 'http://tracker.example:3000/login?x=1', host }).ok).toBe(
      true,
    );
    expect(
      checkRequestOrigin({ method: 'POST', origin: 'https://tracker.example', host: 'tracker.example:443' }).ok,
    ).toBe(true);
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('refuses a cross-site or unlabelled %s', (method) => {
    expect(checkRequestOrigin({ method, origin: 'https://evil.example', host })).toMatchObject({ ok: false });
    expect(checkRequestOrigin({ method, referer: 'https://evil.example/page', host })).toMatchObject({ ok: false });
    expect(checkRequestOrigin({ method, host })).toMatchObject({ ok: false });
    expect(checkRequestOrigin({ method, origin: 'null', host })).toMatchObject({ ok: false });
    expect(checkRequestOrigin({ method, origin: 'http://tracker.example:4000', host })).toMatchObject({ ok: false });
    expect(checkRequestOrigin({ method, origin: 'http://tracker.example.evil.example:3000', host })).toMatchObject({
      ok: false,
    });
    // Origin wins over a same-site Referer.
    expect(
      checkRequestOrigin({ method, origin: 'https://evil.example', referer: 'http://tracker.example:3000/', host }),
    ).toMatchObject({ ok: false });
    expect(checkRequestOrigin({ method, origin: 'http://tracker.example:3000' })).toMatchObject({ ok: false });
  });
});

describe('sign-in and user-admin actions', () => {
  const loginArgs = (fields: Record<string, string>, ip = '192.0.2.50'): ActionFunctionArgs => ({
    request: new Request('http://localhost/login', { method: 'POST', body: new URLSearchParams(fields) }),
    params: {},
    context: { clientIp: ip },
  });

  afterEach(() => {
    getDb().delete(loginAttempts).run();
  });

  it('ignores a form with the honeypot filled in, even with the right password', async () => {
    const user = await makeUser();
    const response = await loginAction(loginArgs({ email: user.email, password: PASSWORD, website: 'http://spam' }));
    expect(response.status).toBe(400);
    expect(response.headers.get('Set-Cookie')).toBeNull();
    expect(listSessions(user.id)).toEqual([]);
    expect(getDb().select().from(loginAttempts).all()).toEqual([]);
  });

  it('keeps the email but never the password when the form is refused', async () => {
    const response = await loginAction(loginArgs({ email: 'Someone@Example.org', password: 'hunter2-secret-value' }));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject({ formError: 'Email or password is incorrect.', email: 'Someone@Example.org' });
    expect(JSON.stringify(body)).not.toContain('hunter2');
    const invalid = await loginAction(loginArgs({ email: 'not an email', password: '' }));
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).errors).toEqual({
      email: 'Enter an email address like name@example.org.',
      password: 'Enter your password.',
    });
  });

  it('counts guesses sent in parallel: no more than five get a password check', async () => {
    const user = await makeUser();
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        loginAction(loginArgs({ email: user.email, password: `parallel guess ${i}` }, `192.0.2.${100 + i}`)),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(5).fill(400), ...Array(7).fill(429)]);
    const limited = responses.find((r) => r.status === 429)!;
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(850);
    expect((await limited.json()).formError).toBe(
      'Too many failed sign-in attempts for this account. Please wait 15 minutes and try again.',
    );
    // Even the right password waits for the window to pass.
    expect((await loginAction(loginArgs({ email: user.email, password: PASSWORD }))).status).toBe(429);
  });

  it('signs in, redirecting only within the site', async () => {
    const user = await makeUser();
    const ok = await loginAction(
      loginArgs({ email: user.email, password: PASSWORD, redirectTo: '/editor/claims?x=1' }),
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.get('Location')).toBe('/editor/claims?x=1');
    expect(ok.headers.get('Set-Cookie')).toMatch(/^__session=.+HttpOnly/);
    const away = await loginAction(loginArgs({ email: user.email, password: PASSWORD, redirectTo: '//evil.com' }));
    expect(away.headers.get('Location')).toBe('/editor');
  });

  it('answers an admin’s bad form with 400 and the error beside its field, and makes good changes', async () => {
    const admin = await makeUser('admin');
    const post = async (fields: Record<string, string>) =>
      usersAction({
        request: await signedInRequest(admin.id, 'http://localhost/editor/users', {
          method: 'POST',
          body: new URLSearchParams(fields),
        }),
        params: {},
        context: {},
      });
    const bad = await post({
      intent: 'create',
      email: 'new@example.org',
      name: 'New',
      role: 'editor',
      password: 'short',
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual({ password: 'Use at least 12 characters.' });
    expect(getUserByEmail('new@example.org')).toBeNull();

    const good = await post({
      intent: 'create',
      email: 'new@example.org',
      name: 'New',
      role: 'editor',
      password: PASSWORD,
    });
    expect(good.status).toBe(302);
    const created = getUserByEmail('new@example.org')!;
    expect(good.headers.get('Location')).toBe(`/editor/users?done=create&user=${created.id}`);

    const self = await post({ intent: 'disable', userId: String(admin.id) });
    expect(self.status).toBe(400);
    expect((await self.json()).errors).toEqual({ form: 'You cannot disable your own account.' });

    expect((await post({ intent: 'set-role', userId: String(created.id), role: 'admin' })).status).toBe(302);
    expect(getUserById(created.id)?.role).toBe('admin');
    expect((await post({ intent: 'frobnicate' })).status).toBe(400);
  });
});
