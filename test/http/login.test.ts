/**
 * Sign-in over real HTTP against the built server (server.js + build/) on its own temp database.
 * Accounts are made with the real command line (`scripts/users.ts`, password on standard input).
 * Each test sends from its own client address (X-Forwarded-For, honoured from loopback only) so
 * the per-address limit of one test does not spill into the next. Run `npx remix build` first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { createEditor, signIn as signInTo } from '../fixtures';

let server: StartedServer;
const ADMIN = { email: 'admin@example.org', password: 'admin passphrase 2024' };
const EDITOR = { email: 'editor@example.org', password: 'editor passphrase 2024' };

let addressCounter = 0;
/** A client address of its own for each test. */
const newAddress = () => `198.51.100.${(addressCounter += 1)}`;

beforeAll(async () => {
  server = await startServer({ SESSION_SECRET: 'http-test-session-secret-0123456789' });
  await createEditor(server, { ...ADMIN, name: 'Ada Admin', role: 'admin' });
  await createEditor(server, { ...EDITOR, name: 'Ed Editor', role: 'editor' });
});

afterAll(async () => {
  await server?.stop();
});

interface PostOptions {
  /** Origin header; `null` sends none. Defaults to the server's own origin. */
  origin?: string | null;
  referer?: string;
  cookie?: string;
  ip?: string;
  headers?: Record<string, string>;
}

function post(pathname: string, fields: Record<string, string>, options: PostOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  const origin = options.origin === undefined ? server.url : options.origin;
  if (origin !== null) headers.Origin = origin;
  if (options.referer) headers.Referer = options.referer;
  if (options.cookie) headers.Cookie = options.cookie;
  if (options.ip) headers['X-Forwarded-For'] = options.ip;
  return fetch(server.url + pathname, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers,
    redirect: 'manual',
  });
}

function get(pathname: string, cookie?: string) {
  return fetch(server.url + pathname, { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });
}

/** Signs in from an address of its own. */
const signIn = (account: { email: string; password: string }) => signInTo(server, account, { ip: newAddress() });

const readable = (html: string) => html.replace(/<!-- -->/g, '').replace(/&#x27;|&#39;/g, "'");

describe('the sign-in page', () => {
  it('has labelled email and password fields, a hidden honeypot and a redirectTo field', async () => {
    const response = await get('/login?redirectTo=%2Feditor%2Fclaims%3Fx%3D1');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<label for="login-email">Email</label>');
    expect(html).toMatch(/<input id="login-email" name="email" type="email"/);
    expect(html).toContain('<label for="login-password">Password</label>');
    expect(html).toMatch(/<input id="login-password" name="password" type="password" autoComplete="current-password"/);
    expect(html).toMatch(
      /<div class="visually-hidden" aria-hidden="true">.*<input id="login-website" name="website" type="text" tabindex="-1" autoComplete="off"/s,
    );
    expect(html).toContain('<input type="hidden" name="redirectTo" value="/editor/claims?x=1"/>');
  });

  it('does not carry a foreign redirectTo into the form', async () => {
    const html = await (await get('/login?redirectTo=https%3A%2F%2Fevil.com')).text();
    expect(html).toContain('<input type="hidden" name="redirectTo" value=""/>');
    expect(html).not.toMatch(/(href|value)="[^"]*evil\.com/);
  });
});

describe('signing in', () => {
  it('answers a wrong password with 400, the same message as an unknown email, keeping the email only', async () => {
    const ip = newAddress();
    const wrong = await post('/login', { email: EDITOR.email, password: 'not the password at all' }, { ip });
    expect(wrong.status).toBe(400);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const html = readable(await wrong.text());
    expect(html).toContain('Email or password is incorrect.');
    expect(html).toContain(`value="${EDITOR.email}"`);
    expect(html).not.toContain('not the password at all');

    const unknown = await post('/login', { email: 'nobody@example.org', password: 'not the password at all' }, { ip });
    expect(unknown.status).toBe(400);
    expect(readable(await unknown.text())).toContain('Email or password is incorrect.');
  });

  it('shows what is wrong beside each field of an incomplete form', async () => {
    const response = await post('/login', { email: 'not-an-email', password: '' }, { ip: newAddress() });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toMatch(/id="login-email"[^>]*aria-invalid="true" aria-describedby="login-email-error"/);
    expect(html).toContain(
      '<p class="field-error" id="login-email-error">Enter an email address like name@example.org.</p>',
    );
    expect(html).toContain('<p class="field-error" id="login-password-error">Enter your password.</p>');
  });

  it('sets an HttpOnly, SameSite=Lax session cookie and goes to the editor area', async () => {
    const response = await post('/login', { email: EDITOR.email, password: EDITOR.password }, { ip: newAddress() });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/editor');
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^__session=[^;]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    // Plain HTTP: a Secure cookie would never come back.
    expect(cookie).not.toContain('Secure');
  });

  it('marks the cookie Secure behind an HTTPS proxy on this machine', async () => {
    const response = await post(
      '/login',
      { email: EDITOR.email, password: EDITOR.password },
      // The browser's page is https (the proxy's scheme), so its Origin is too: an http Origin
      // would be another origin, refused (same scheme, host and port, server.js).
      { ip: newAddress(), origin: server.url.replace('http:', 'https:'), headers: { 'X-Forwarded-Proto': 'https' } },
    );
    expect(response.status).toBe(302);
    expect(response.headers.get('set-cookie')).toContain('; Secure');
  });

  it('sends a signed-in visitor from /login to the editor area', async () => {
    const cookie = await signIn(EDITOR);
    const response = await get('/login', cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/editor');
  });

  it('returns to a page on this site after signing in, but never to another site', async () => {
    const ip = newAddress();
    const local = await post('/login', { ...EDITOR, redirectTo: '/editor/claims?x=1' }, { ip });
    expect(local.headers.get('location')).toBe('/editor/claims?x=1');
    for (const redirectTo of ['//evil.com', 'https://evil.com', '/\\evil.com', 'javascript:alert(1)']) {
      const response = await post('/login', { ...EDITOR, redirectTo }, { ip });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('/editor');
    }
  });

  it('answers a filled-in honeypot with 400 and signs nobody in', async () => {
    const response = await post('/login', { ...EDITOR, website: 'https://spam.example' }, { ip: newAddress() });
    expect(response.status).toBe(400);
    expect(response.headers.get('set-cookie')).toBeNull();
  });
});

describe('rate limits', () => {
  it('refuses an account with 429 and Retry-After after five failures, even with the right password', async () => {
    await createEditor(server, { email: 'target@example.org', password: 'target passphrase 1', name: 'Target' });
    for (let i = 0; i < 5; i += 1) {
      const response = await post(
        '/login',
        { email: 'target@example.org', password: `guess number ${i}` },
        { ip: newAddress() },
      );
      expect(response.status).toBe(400);
    }
    const limited = await post(
      '/login',
      { email: 'target@example.org', password: 'target passphrase 1' },
      { ip: newAddress() },
    );
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(limited.headers.get('set-cookie')).toBeNull();
    expect(readable(await limited.text())).toContain(
      'Too many failed sign-in attempts for this account. Please wait 15 minutes and try again.',
    );
  });

  it('refuses an address with 429 after twenty failures across accounts', async () => {
    const ip = newAddress();
    for (let i = 0; i < 20; i += 1) {
      const response = await post('/login', { email: `guess${i}@example.org`, password: 'some password here' }, { ip });
      expect(response.status).toBe(400);
    }
    const limited = await post('/login', { ...EDITOR }, { ip });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(readable(await limited.text())).toContain('Too many failed sign-in attempts from your network.');
    // Another address signs in to the same account as usual.
    expect((await post('/login', { ...EDITOR }, { ip: newAddress() })).status).toBe(302);
  });
});

describe('cross-site requests', () => {
  it('refuses a POST from another origin with 403, before any action runs', async () => {
    const response = await post('/login', { ...EDITOR }, { origin: 'https://evil.example', ip: newAddress() });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe('Forbidden: this request was sent from another site.');
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a POST that names no origin at all (no Origin, no Referer)', async () => {
    const response = await post('/login', { ...EDITOR }, { origin: null, ip: newAddress() });
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/^Forbidden: /);
  });

  it('accepts a same-site Referer when the browser sent no Origin', async () => {
    const response = await post(
      '/login',
      { ...EDITOR },
      { origin: null, referer: `${server.url}/login`, ip: newAddress() },
    );
    expect(response.status).toBe(302);
  });

  it('does not let another site sign a visitor out or change users', async () => {
    const admin = await signIn(ADMIN);
    const logout = await post('/logout', {}, { origin: 'https://evil.example', cookie: admin });
    expect(logout.status).toBe(403);
    const change = await post(
      '/editor/users',
      {
        intent: 'create',
        email: 'planted@example.org',
        name: 'Planted',
        role: 'admin',
        password: 'planted passphrase',
      },
      { origin: 'https://evil.example', cookie: admin },
    );
    expect(change.status).toBe(403);
    const page = await get('/editor/users', admin);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('planted@example.org');
  });
});

describe('the users page', () => {
  it('is for admins: lists accounts with their sessions; an editor gets 403, a visitor the sign-in page', async () => {
    const admin = await signIn(ADMIN);
    const page = await get('/editor/users', admin);
    expect(page.status).toBe(200);
    const html = readable(await page.text());
    expect(html).toContain('<h1>Users</h1>');
    expect(html).toContain(ADMIN.email);
    expect(html).toContain(EDITOR.email);
    expect(html).toMatch(/Ada Admin \(you\)/);
    expect(html).not.toContain(' 0 active');
    expect(html).not.toContain('scrypt$');

    const editor = await signIn(EDITOR);
    const refused = await get('/editor/users', editor);
    expect(refused.status).toBe(403);
    expect(readable(await refused.text())).toContain('You do not have permission to do that.');
    const editorPost = await post(
      '/editor/users',
      { intent: 'set-role', userId: '2', role: 'admin' },
      { cookie: editor },
    );
    expect(editorPost.status).toBe(403);

    const anonymous = await get('/editor/users');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/login?redirectTo=%2Feditor%2Fusers');
  });

  it('adds an account (error beside the field first), which can then sign in; disabling ends its session', async () => {
    const admin = await signIn(ADMIN);
    const account = { email: 'new.editor@example.org', password: 'a good long passphrase' };
    const short = await post(
      '/editor/users',
      { intent: 'create', email: account.email, name: 'New Editor', role: 'editor', password: 'short' },
      { cookie: admin },
    );
    expect(short.status).toBe(400);
    const html = await short.text();
    expect(html).toMatch(
      /id="new-password"[^>]*aria-invalid="true" aria-describedby="new-password-error new-password-hint"/,
    );
    expect(html).toContain('<p class="field-error" id="new-password-error">Use at least 12 characters.</p>');
    expect(html).toContain(`value="${account.email}"`);

    const created = await post(
      '/editor/users',
      { intent: 'create', email: account.email, name: 'New Editor', role: 'editor', password: account.password },
      { cookie: admin },
    );
    expect(created.status).toBe(302);
    const after = await get(created.headers.get('location')!, admin);
    expect(readable(await after.text())).toContain(`Added ${account.email}.`);

    const cookie = await signIn(account);
    expect((await get('/login', cookie)).status).toBe(302);
    const userId = /name="userId" value="(\d+)"/.exec(
      (await (await get('/editor/users', admin)).text()).split(account.email)[1],
    )![1];
    const disabled = await post('/editor/users', { intent: 'disable', userId }, { cookie: admin });
    expect(disabled.status).toBe(302);
    expect((await get('/login', cookie)).status).toBe(200);
    expect((await post('/login', account, { ip: newAddress() })).status).toBe(400);
  });
});

describe('signing out', () => {
  it('POST /logout ends the session and clears the cookie', async () => {
    const admin = await signIn(ADMIN);
    expect((await get('/editor/users', admin)).status).toBe(200);
    const response = await post('/logout', {}, { cookie: admin });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/');
    expect(response.headers.get('set-cookie')).toMatch(/^__session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/);
    // The old cookie no longer works, even if a browser kept it.
    const after = await get('/editor/users', admin);
    expect(after.status).toBe(302);
    expect(after.headers.get('location')).toMatch(/^\/login\?redirectTo=/);
  });

  it('GET /logout changes nothing', async () => {
    const admin = await signIn(ADMIN);
    const response = await get('/logout', admin);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect((await get('/editor/users', admin)).status).toBe(200);
  });
});
