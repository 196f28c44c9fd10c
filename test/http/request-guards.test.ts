/**
 * The hardening trial's reproductions (../shared/reviews/hardening-2026-12.md, rows 1.1-1.13, 2.5,
 * 2.12, 2.13, 6.5) against the built server: each answers 4xx with a sentence, never a 500 or a
 * stack trace, and nothing a refused request carried is stored. Run `npm run build` first.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { createEditor, signIn } from '../fixtures';

let server: StartedServer;
let cookie = '';
let port = 0;

beforeAll(async () => {
  server = await startServer();
  port = Number(new URL(server.url).port);
  cookie = await signIn(server, await createEditor(server, { name: 'Ed Guard', role: 'editor' }));
});

afterAll(async () => {
  await server?.stop();
});

/** A raw HTTP/1.1 exchange, for requests fetch() will not send (bad Host, no Host, raw paths). */
function raw(request: string, timeoutMs = 15_000): Promise<{ status: number; text: string; seconds: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('close', () =>
      resolve({
        status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(data)?.[1] ?? 0),
        text: data,
        seconds: (Date.now() - started) / 1000,
      }),
    );
    socket.on('error', reject);
    socket.setTimeout(timeoutMs, () => socket.destroy());
    socket.write(request);
  });
}

function expectNoInternals(text: string) {
  expect(text).not.toMatch(/\bat [\w.$<>]+ \(/);
  expect(text).not.toContain(process.cwd());
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('addresses and hosts', () => {
  it('answers backslash paths and broken escapes with 4xx, not 500', async () => {
    for (const path of [
      '/%5C',
      '/%5C%5C',
      '/%5C%20',
      '/%5C@',
      "/%5C%22%3Balert('XSS')%3B%2F%2F",
      '/%E0%A4%A',
      '/a%00b',
    ]) {
      const response = await fetch(server.url + path, { redirect: 'manual' });
      expect([400, 404], path).toContain(response.status);
      const text = await response.text();
      expectNoInternals(text);
      expect(text).not.toContain("alert('XSS')");
    }
  });

  it('answers a Host that is not a host name with 400', async () => {
    for (const host of ['a b', 'a/b', '<x>', 'a..b:99999999', 'ex ample.org']) {
      const response = await raw(`GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect(response.status, host).toBe(400);
      expectNoInternals(response.text);
    }
  });

  it('never names a Host the server does not answer on in absolute URLs', async () => {
    const empty = await raw(`GET /api/claims HTTP/1.0\r\nHost:\r\n\r\n`);
    expect(empty.status).toBe(200);
    expect(empty.text).not.toContain('undefined');
    expect(empty.text).toContain(`"url":"http://localhost:${port}/claims/`);
    const evil = await fetch(`${server.url}/feed.xml`, { headers: { 'X-Forwarded-Host': 'evil.example' } });
    expect(await evil.text()).not.toContain('evil.example');
    const spoofed = await raw(`GET /feed.xml HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`);
    expect(spoofed.status).toBe(200);
    expect(spoofed.text).not.toContain('evil.example');
    expect(spoofed.text).toContain(`http://localhost:${port}/`);
  });

  it('sends the security headers with static files too', async () => {
    const response = await fetch(`${server.url}/favicon.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('bodies', () => {
  const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
    fetch(server.url + path, {
      method: 'POST',
      body,
      headers: { Origin: server.url, Cookie: cookie, ...headers },
      redirect: 'manual',
    });

  it('answers a POST of another content type with 415 and a message, for every form', async () => {
    for (const path of ['/login', '/editor/claims/new', '/editor/account', '/suggest']) {
      for (const type of ['text/plain', 'application/json', 'application/xml']) {
        const response = await post(path, 'x', { 'Content-Type': type });
        expect(response.status, `${path} ${type}`).toBe(415);
        expect(await response.text()).toContain('only accepts form submissions');
      }
    }
  });

  it('refuses a file in a text field and stores nothing', async () => {
    const body = new FormData();
    body.append('statement', new Blob(['/etc/hostname contents']), 'hostname');
    body.append('language', 'en');
    const response = await post('/editor/claims/new', body);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('a file was sent in “statement”');
    const list = await (await fetch(`${server.url}/editor/claims`, { headers: { Cookie: cookie } })).text();
    expect(list).not.toContain('[object File]');
  });

  it('answers an oversized body with 413 before reading it, and a browser gets a short page', async () => {
    const started = Date.now();
    const response = await post('/editor/claims/new', `statement=${'a'.repeat(3 * 1024 * 1024)}`, {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
    });
    expect(response.status).toBe(413);
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('This form is too large: at most 1024 KB can be sent at once. Nothing was saved.');
    expect(Date.now() - started).toBeLessThan(3000);
    const login = await post('/login', `email=${'a'.repeat(100_000)}&password=x`, {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(login.status).toBe(413);
  });

  it('drops a body that never ends within seconds (408)', async () => {
    const response = await raw(
      `POST /login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${server.url}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nemail\r\n`,
    );
    expect(response.status).toBe(408);
    expect(response.seconds).toBeLessThan(13);
  }, 20_000);

  it('refuses a form from the same host under another scheme (cross-scheme Origin)', async () => {
    const response = await post('/login', form({ email: 'a@b.c', password: 'x' }), {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: server.url.replace('http:', 'https:'),
    });
    expect(response.status).toBe(403);
  });

  it('removes control characters from every field before any form reads it', async () => {
    const response = await post(
      '/editor/claims/new',
      form({ statement: 'Guarded\u0000 state\u001b[31mment\u0007 kept\ttab', language: 'en', statementKind: 'quote' }),
      { 'Content-Type': 'application/x-www-form-urlencoded' },
    );
    expect(response.status).toBe(302);
    const page = await (
      await fetch(server.url + response.headers.get('location'), { headers: { Cookie: cookie } })
    ).text();
    expect(page).toContain('Guarded state[31mment kept\ttab');
    expect(page).not.toContain('\u001b');
  });
});

describe('logs', () => {
  it('writes one JSON line per request, and no stack trace for a refused one', async () => {
    const before = server.output().length;
    const id = (n: number) => ({ 'X-Request-Id': `log-test-${n}` });
    await fetch(`${server.url}/%5C`, { headers: id(1) });
    await fetch(`${server.url}/login`, {
      method: 'POST',
      body: 'x',
      headers: { ...id(2), Origin: server.url, 'Content-Type': 'text/plain' },
    });
    const response = await fetch(`${server.url}/about`, { headers: id(3) });
    expect(response.headers.get('x-request-id')).toBe('log-test-3');
    await new Promise((r) => setTimeout(r, 200));
    const output = server.output().slice(before);
    const entries = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((e) => String(e.id).startsWith('log-test-'));
    expect(entries.map((e) => [e.id, e.method, e.path, e.status])).toEqual([
      ['log-test-1', 'GET', '/%5C', 404],
      ['log-test-2', 'POST', '/login', 415],
      ['log-test-3', 'GET', '/about', 200],
    ]);
    expect(typeof entries[2].ms).toBe('number');
    expect(output).not.toMatch(/\bat [\w.$<>]+ \(/);
  });
});

describe('search rate limit', () => {
  it('answers the address over SEARCH_RATE_LIMIT with 429, Retry-After and a message; others still search', async () => {
    const limited = await startServer({ SEARCH_RATE_LIMIT: '3/60' });
    try {
      const search = (path: string, ip: string) => fetch(limited.url + path, { headers: { 'X-Forwarded-For': ip } });
      for (let i = 0; i < 3; i++) expect((await search(`/api/search?q=huawei${i}`, '203.0.113.7')).status).toBe(200);
      const api = await search('/api/search?q=huawei', '203.0.113.7');
      expect(api.status).toBe(429);
      expect(Number(api.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await api.json()).error).toContain('You have searched many times in a short while');
      const page = await search('/search?q=huawei', '203.0.113.7');
      expect(page.status).toBe(429);
      expect(await page.text()).toContain('You have searched many times in a short while');
      // The empty search page is not a search; another address is not limited.
      expect((await search('/search', '203.0.113.7')).status).toBe(200);
      expect((await search('/api/search?q=huawei', '203.0.113.8')).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });
});

describe('redirectTo', () => {
  it('signs in and returns to an address with any Unicode, percent-encoded, instead of a 500', async () => {
    const editor = await createEditor(server, { name: 'Ed Unicode' });
    const response = await fetch(`${server.url}/login`, {
      method: 'POST',
      headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: editor.email, password: editor.password, redirectTo: '/日本' }).toString(),
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/%E6%97%A5%E6%9C%AC');
    const cookie = response.headers.get('set-cookie')!.split(';')[0];
    const signedIn = await fetch(`${server.url}/login?redirectTo=${encodeURIComponent('/日本')}`, {
      headers: { Cookie: cookie },
      redirect: 'manual',
    });
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get('location')).toBe('/%E6%97%A5%E6%9C%AC');
  });
});
