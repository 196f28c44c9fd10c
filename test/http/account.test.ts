/**
 * An editor's own account page (/editor/account) over real HTTP against the built server on its
 * own temp database: changing one's password, signing out one's other sessions, and what odd or
 * hostile forms get. Accounts are made with the real command line; each test makes its own, so
 * one test's sign-outs and password changes cannot touch another's. Run `npx remix build` first.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { createEditor, signIn as signInTo } from '../fixtures';

let server: StartedServer;
const PASSWORD = 'my first passphrase 2024';
const NEW_PASSWORD = 'my second passphrase 2025';

let counter = 0;
/** A client address of its own for each sign-in, so no per-address limit builds up. */
const newAddress = () => `203.0.113.${(counter += 1) % 250}`;

/**
 * One account per test, all made before the first test: made between requests, the seconds the
 * command line takes would leave the client's kept-alive connection idle long enough to race the
 * server closing it.
 */
const LABELS = ['page', 'change', 'wrong', 'weak', 'limited', 'everywhere', 'one', 'mine', 'theirs', 'odd', 'origin'];
const accountFor = (label: string) => ({ email: `${label}@example.org`, password: PASSWORD });

beforeAll(async () => {
  server = await startServer({ SESSION_SECRET: 'account-test-session-secret-0123456789' });
  await Promise.all(
    LABELS.map((label) => createEditor(server, { ...accountFor(label), name: `Editor ${label}`, role: 'editor' })),
  );
});

afterAll(async () => {
  await server?.stop();
});

function post(pathname: string, fields: Record<string, string>, cookie?: string, headers: Record<string, string> = {}) {
  return fetch(server.url + pathname, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { Origin: server.url, ...(cookie ? { Cookie: cookie } : {}), ...headers },
    redirect: 'manual',
  });
}

function get(pathname: string, cookie?: string) {
  return fetch(server.url + pathname, { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });
}

/** Signs in from an address of its own. */
const signIn = (account: { email: string; password: string }) => signInTo(server, account, { ip: newAddress() });

/** Still signed in: the editor area answers 200 rather than sending to /login. */
async function signedIn(cookie: string) {
  const response = await get('/editor', cookie);
  if (response.status === 302) expect(response.headers.get('location')).toBe('/login?redirectTo=%2Feditor');
  return response.status === 200;
}

/** The session ids offered for signing out on this cookie's account page (its other sessions). */
async function otherSessionIds(cookie: string) {
  const html = await (await get('/editor/account', cookie)).text();
  return [...html.matchAll(/name="sessionId" value="([0-9a-f]{64})"/g)].map((m) => m[1]);
}

const readable = (html: string) =>
  html
    .replace(/<!-- -->/g, '')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"');

const change = (cookie: string, fields: Partial<Record<string, string>>) =>
  post(
    '/editor/account',
    {
      intent: 'change-password',
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
      ...fields,
    } as Record<string, string>,
    cookie,
  );

describe('the account page', () => {
  it('sends an anonymous visitor to sign in first, for reading and for posting', async () => {
    const page = await get('/editor/account');
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/login?redirectTo=%2Feditor%2Faccount');
    const sent = await post('/editor/account', { intent: 'revoke-others' });
    expect(sent.status).toBe(302);
    expect(sent.headers.get('location')).toBe('/login?redirectTo=%2Feditor%2Faccount');
  });

  it('shows the editor’s details, a labelled password form and their sessions, linked from the editor nav', async () => {
    const account = accountFor('page');
    await signIn(account);
    const cookie = await signIn(account);
    const response = await get('/editor/account', cookie);
    expect(response.status).toBe(200);
    const html = readable(await response.text());
    expect(html).toContain('<h1>Your account</h1>');
    expect(html).toContain('aria-current="page" class="active" href="/editor/account">Your account</a>');
    expect(html).toContain(`<dd class="break">${account.email}</dd>`);
    expect(html).toContain('<dd>Editor page</dd>');
    expect(html).toContain('<dd>Editor</dd>');
    expect(html).toMatch(
      /<label for="current-password">Current password<\/label><input id="current-password" name="currentPassword" type="password" autoComplete="current-password"/,
    );
    expect(html).toMatch(
      /<input id="new-password" name="newPassword" type="password" autoComplete="new-password"[^>]*aria-describedby="new-password-hint"/,
    );
    expect(html).toContain('At least 12 characters.');
    expect(html).toMatch(
      /<input id="confirm-password" name="confirmPassword" type="password" autoComplete="new-password"/,
    );
    expect(html).toContain('This browser');
    expect(html.match(/name="sessionId"/g)).toHaveLength(1);
    expect(html).toContain('>Sign out everywhere else</button>');
  });
});

describe('changing one’s password', () => {
  it('signs out the account’s other sessions, keeps this one, and the new password is the one that works', async () => {
    const account = accountFor('change');
    const a = await signIn(account);
    const b = await signIn(account);
    const response = await change(a, {});
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/editor/account?changed=password');

    expect(await signedIn(b)).toBe(false);
    expect(await signedIn(a)).toBe(true);
    const page = await get('/editor/account?changed=password', a);
    expect(readable(await page.text())).toContain(
      '<p class="notice" role="status">Your password has been changed, and you have been signed out everywhere else.</p>',
    );

    const old = await post('/login', account, undefined, { 'X-Forwarded-For': newAddress() });
    expect(old.status).toBe(400);
    await signIn({ email: account.email, password: NEW_PASSWORD });
  });

  it('answers a wrong current password with 400 beside the field, never echoing a password', async () => {
    const account = accountFor('wrong');
    const a = await signIn(account);
    const b = await signIn(account);
    const response = await change(a, { currentPassword: 'guessing at the password' });
    expect(response.status).toBe(400);
    const html = readable(await response.text());
    expect(html).toMatch(/id="current-password"[^>]*aria-invalid="true" aria-describedby="current-password-error"/);
    expect(html).toContain('<p class="field-error" id="current-password-error">That is not your current password.</p>');
    for (const typed of ['guessing at the password', NEW_PASSWORD, PASSWORD]) expect(html).not.toContain(typed);
    expect(html).not.toMatch(/type="password"[^>]*value=/);
    expect(await signedIn(b)).toBe(true);
    await signIn(account);
  });

  it('answers a weak or mismatched new password with 400 beside its field', async () => {
    const account = accountFor('weak');
    const a = await signIn(account);
    const weak = await change(a, { newPassword: 'short', confirmPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(readable(await weak.text())).toContain(
      '<p class="field-error" id="new-password-error">Use at least 12 characters.</p>',
    );
    const mismatch = await change(a, { confirmPassword: 'something else entirely' });
    expect(mismatch.status).toBe(400);
    const html = readable(await mismatch.text());
    expect(html).toMatch(/id="confirm-password"[^>]*aria-invalid="true" aria-describedby="confirm-password-error"/);
    expect(html).toContain('The two new passwords are not the same.');
    expect(html).not.toContain('something else entirely');
  });

  it('refuses with 429 and Retry-After after five wrong current passwords; signing in is not locked', async () => {
    const account = accountFor('limited');
    const a = await signIn(account);
    for (let i = 0; i < 5; i += 1) expect((await change(a, { currentPassword: `wrong guess ${i}` })).status).toBe(400);
    const limited = await change(a, {});
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(readable(await limited.text())).toContain('Too many wrong passwords. Please wait 15 minutes and try again.');
    await signIn(account);
  });
});

describe('signing out one’s other sessions', () => {
  it('signs out everywhere else, keeping this browser', async () => {
    const account = accountFor('everywhere');
    const [a, b, c] = [await signIn(account), await signIn(account), await signIn(account)];
    const response = await post('/editor/account', { intent: 'revoke-others' }, a);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/editor/account?changed=others');
    expect(await signedIn(b)).toBe(false);
    expect(await signedIn(c)).toBe(false);
    expect(await signedIn(a)).toBe(true);
    const html = readable(await (await get('/editor/account?changed=others', a)).text());
    expect(html).toContain('You have been signed out everywhere else.');
    expect(html).toContain('You are not signed in anywhere else.');
  });

  it('signs out one other session of one’s own', async () => {
    const account = accountFor('one');
    const a = await signIn(account);
    const b = await signIn(account);
    const c = await signIn(account);
    const ids = await otherSessionIds(a);
    expect(ids).toHaveLength(2);
    const [firstId] = ids;
    const response = await post('/editor/account', { intent: 'revoke-session', sessionId: firstId }, a);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/editor/account?changed=session');
    expect([await signedIn(b), await signedIn(c)].sort()).toEqual([false, true]);
    expect(await signedIn(a)).toBe(true);
    expect(await otherSessionIds(a)).toEqual(ids.slice(1));
  });

  it('answers 404 for someone else’s session or an unknown one, 400 for a malformed id, ending nothing', async () => {
    const mine = accountFor('mine');
    const theirs = accountFor('theirs');
    const a = await signIn(mine);
    const x1 = await signIn(theirs);
    const x2 = await signIn(theirs);
    const [foreignId] = await otherSessionIds(x1);
    expect(foreignId).toMatch(/^[0-9a-f]{64}$/);

    for (const sessionId of [foreignId, crypto.randomBytes(32).toString('hex')]) {
      const response = await post('/editor/account', { intent: 'revoke-session', sessionId }, a);
      expect(response.status).toBe(404);
      expect(readable(await response.text())).toContain(
        '<p class="notice notice--error" role="alert">That session is not one of yours, or it has already ended.</p>',
      );
    }
    for (const sessionId of ['', '<script>alert(1)</script>', 'x'.repeat(10_000)]) {
      const response = await post('/editor/account', { intent: 'revoke-session', sessionId }, a);
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain('Choose one of your sessions.');
      expect(html).not.toContain('<script>alert(1)</script>');
    }
    expect(await signedIn(x1)).toBe(true);
    expect(await signedIn(x2)).toBe(true);
    expect(await signedIn(a)).toBe(true);
  });
});

describe('odd forms', () => {
  it('answers 400, not 500, to huge passwords, HTML in fields, missing fields and unknown intents', async () => {
    const account = accountFor('odd');
    const a = await signIn(account);
    const huge = 'x'.repeat(10_000);
    const hostile = '<img src=x onerror=alert(1)>';
    const forms: Record<string, string>[] = [
      { intent: 'change-password', currentPassword: huge, newPassword: huge, confirmPassword: huge },
      { intent: 'change-password', currentPassword: PASSWORD, newPassword: huge, confirmPassword: huge },
      { intent: 'change-password', currentPassword: hostile, newPassword: hostile, confirmPassword: `${hostile}!` },
      { intent: 'change-password' },
      { intent: 'delete-everything' },
      {},
    ];
    for (const fields of forms) {
      const response = await post('/editor/account', fields, a);
      expect(response.status, JSON.stringify(fields).slice(0, 80)).toBe(400);
      const html = await response.text();
      expect(html).not.toContain(huge);
      expect(html).not.toContain(hostile);
    }
    expect(await signedIn(a)).toBe(true);
    await signIn(account);
  });

  it('is covered by the site’s Origin check like every other form', async () => {
    const account = accountFor('origin');
    const a = await signIn(account);
    const b = await signIn(account);
    const response = await post('/editor/account', { intent: 'revoke-others' }, a, { Origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(await signedIn(b)).toBe(true);
  });
});
