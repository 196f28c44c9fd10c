/**
 * The reader's pages over real HTTP, from the built server (`node server.js` + build/) with its
 * own temp database seeded from content/: every page kind with its content, kind 404 pages,
 * hostile addresses, security headers, compression, asset caching and the health check.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';

let server: StartedServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

interface Page {
  status: number;
  headers: Headers;
  html: string;
  /** The HTML with React's text separators removed and common entities decoded. */
  text: string;
}

function readable(html: string): string {
  return html
    .replace(/<!-- -->/g, '')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

async function get(path: string, headers: Record<string, string> = {}): Promise<Page> {
  const res = await fetch(server.url + path, { redirect: 'manual', headers });
  const html = await res.text();
  return { status: res.status, headers: res.headers, html, text: readable(html) };
}

/** A raw request, so the body arrives exactly as sent (fetch would decompress it). */
function rawGet(path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.get(server.url + path, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** Signs that an error leaked its internals: stack frames, source paths, module folders. */
function expectNoStackTrace(html: string) {
  expect(html).not.toMatch(/\bat [\w.$<>]+ \(/);
  expect(html).not.toMatch(/\bat (file:\/\/)?\/[\w./-]+\.(m?js|tsx?):\d+/);
  expect(html).not.toContain(process.cwd());
  expect(html).not.toContain('node_modules');
  expect(html).not.toMatch(/SqliteError|TypeError|ReferenceError|URIError/);
}

const SEEDED_PAGES: [string, string[]][] = [
  [
    '/',
    [
      '<h1 id="home-title">Who said what, and what the record shows</h1>',
      '8 fact-checks so far',
      'class="verdict verdict--unproven"',
      'href="/claims/andy-purdy-denies-backdoor-access"',
      'Most disputed',
    ],
  ],
  ['/claims', ['<h1>All claims</h1>', '8 claims', 'href="/claims/us-officials-huawei-backdoor-access"']],
  [
    '/claims/andy-purdy-denies-backdoor-access',
    [
      '“We can prove that our equipment is not subject to any influence for the Chinese government',
      'Our verdict',
      'Unproven',
      'Rebuts U.S. officials',
      'href="/claims/us-officials-huawei-backdoor-access"',
      '“Huawei exec denies US intelligence on China backdoor access”',
      'href="/sources/foxbiz-purdy-denial"',
      'href="/people/andy-purdy"',
    ],
  ],
  [
    '/claims/us-officials-huawei-backdoor-access',
    ['Huawei can covertly access mobile networks', 'Rebutted by Andy Purdy', 'Unproven'],
  ],
  [
    '/people/andy-purdy',
    ['<h1>Andy Purdy</h1>', 'Chief Security Officer', 'href="/organisations/huawei-technologies-usa"', 'Claims made'],
  ],
  [
    '/organisations/huawei-technologies',
    ['<h1>Huawei Technologies Co., Ltd.</h1>', 'Court cases as a party', 'href="/cases/us-v-huawei-edny"'],
  ],
  [
    '/sources/foxbiz-purdy-denial',
    [
      '<h1>Huawei exec denies US intelligence on China backdoor access</h1>',
      'FOX Business',
      'href="https://www.foxbusiness.com/technology/huawei-china-backdoor-us-intelligence"',
      'href="/claims/andy-purdy-denies-backdoor-access"',
    ],
  ],
  [
    '/cases/us-v-huawei-edny',
    [
      '<h1>United States v. Huawei Technologies Co., Ltd., et al.</h1>',
      '18-457',
      'Ann M. Donnelly',
      'Racketeering (RICO) conspiracy',
      'Wanzhou Meng',
      "Huawei's Chief Financial Officer",
    ],
  ],
  ['/topics/huawei', ['<h1>Huawei</h1>', 'href="/claims/doj-huawei-ip-theft-scheme"']],
  ['/people', ['<h1>People</h1>', 'href="/people/andy-purdy"', 'href="/people/wanzhou-meng"']],
  ['/organisations', ['href="/organisations/huawei-technologies"', 'href="/organisations/fox-business"']],
  ['/sources', ['<h1>Sources</h1>', 'href="/sources/foxbiz-purdy-denial"', 'href="/sources/law360-not-guilty"']],
  ['/cases', ['<h1>Court cases</h1>', 'href="/cases/us-v-huawei-edny"']],
  ['/topics', ['<h1>Topics</h1>', 'href="/topics/huawei"', 'href="/topics/semiconductors"']],
  ['/about', ['<h1>How we work</h1>', 'Rebuttals and responses', 'Unverified']],
];

describe('pages with the seeded content', () => {
  it.each(SEEDED_PAGES)('%s answers 200 with its content', async (path, expected) => {
    const page = await get(path);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.html).toMatch(/^<!DOCTYPE html><html lang="en">/);
    expect(page.html).toMatch(/<title>[^<]+<\/title>/);
    expect(page.html).toMatch(/<meta name="description" content="[^"]+"/);
    for (const snippet of expected) expect(page.text, snippet).toContain(snippet);
  });

  it('shows the right verdict badge on every claim card of the index', async () => {
    const { text } = await get('/claims');
    const cards = text.split('<article class="claim-card">').slice(1);
    expect(cards).toHaveLength(8);
    for (const card of cards) expect(card).toMatch(/class="verdict verdict--(unproven|accurate|unverified)"/);
  });

  it('filters the claims index from the address', async () => {
    const { status, text } = await get('/claims?verdict=accurate');
    expect(status).toBe(200);
    expect(text).toContain('4 claims');
    expect(text).not.toContain('href="/claims/andy-purdy-denies-backdoor-access"');
    expect(text).toContain('href="/claims/wsj-commerce-drafting-direct-product-rule-change"');
  });

  it('sends an organisation under /people to /organisations with a 301', async () => {
    const res = await get('/people/huawei-technologies');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/organisations/huawei-technologies');
  });
});

describe('not found', () => {
  const NOT_FOUND: [string, string][] = [
    ['/claims/no-such-claim', 'There is no claim at this address.'],
    ['/people/no-such-person', 'We have no person at this address.'],
    ['/organisations/no-such-organisation', 'We have no organisation at this address.'],
    ['/sources/no-such-source', 'We have no source at this address.'],
    ['/cases/no-such-case', 'We have no court case at this address.'],
    ['/topics/no-such-topic', 'We have no topic at this address.'],
    ['/no-such-page', 'There is nothing at this address.'],
    ['/claims/no-such-claim/extra/segments', 'There is nothing at this address.'],
  ];

  it.each(NOT_FOUND)('%s answers 404 with a helpful page and no stack trace', async (path, message) => {
    const page = await get(path);
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('<h1>Page not found</h1>');
    expect(page.text).toContain(message);
    // Ways on from a dead end.
    expect(page.html).toContain('href="/search"');
    expect(page.html).toContain('href="/claims"');
    expect(page.html).toContain('href="/"');
    expectNoStackTrace(page.html);
  });

  it('names every 404 page in its <title>, for the browser tab and screen readers', async () => {
    const untitled: string[] = [];
    for (const [path] of NOT_FOUND) {
      const { html } = await get(path);
      if (!/<title>[^<]*not found[^<]*<\/title>/i.test(html)) untitled.push(path);
    }
    expect(untitled, 'pages without a "not found" <title>').toEqual([]);
  });
});

describe('hostile addresses', () => {
  const HOSTILE = [
    '/%E0%A4%A',
    '/%',
    '/claims/%E0%A4%A',
    '/claims?page=-1',
    '/claims?page=abc',
    '/claims?page=99999999999999999999',
    '/claims?verdict=%3Cscript%3E',
    '/claims?verdict=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    '/claims?topic=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    '/claims?from=2020-13-45',
    '/claims?from=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    '/claims/%00',
    '/claims/%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    `/claims/${'a'.repeat(5_000)}`,
    `/people/${'%41'.repeat(1_000)}`,
    '/sources/..%2F..%2Fetc%2Fpasswd',
    '/build/..%2F..%2Fpackage.json',
  ];

  it.each(HOSTILE.map((path) => [path.length > 60 ? `${path.slice(0, 60)}… (${path.length} chars)` : path, path]))(
    '%s answers 4xx, never 500, and reflects no markup',
    async (_label, path) => {
      const page = await get(path);
      expect(page.status).toBeGreaterThanOrEqual(400);
      expect(page.status).toBeLessThan(500);
      expect(page.html).not.toMatch(/<script>alert|"><script/i);
      // Every inline script that would run is one we rendered: allowed by its hash in the CSP.
      const csp = page.headers.get('content-security-policy') ?? '';
      for (const [, attrs, text] of page.html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        if (/\bsrc=|ld\+json/.test(attrs) || text.length === 0) continue;
        expect(csp).toContain(`'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`);
      }
      expectNoStackTrace(page.html);
    },
  );

  it('explains rejected filters beside the field, keeping the page usable', async () => {
    const page = await get('/claims?from=2020-13-45&speaker=Andy%20Purdy');
    expect(page.status).toBe(400);
    expect(page.text).toContain('That date does not exist.');
    expect(page.text).toContain('Not a known value.');
    expect(page.html).toMatch(/<input[^>]*id="filter-from"[^>]*aria-invalid="true"[^>]*aria-describedby="from-error"/);
    expect(page.html).toMatch(/<select[^>]*id="filter-speaker"[^>]*aria-invalid="true"/);
    expect(page.html).toContain('role="alert"');
    // The date the reader typed is kept in the field, escaped.
    expect(page.html).toMatch(/id="filter-from"[^>]*value="2020-13-45"/);

    const badPage = await get('/claims?page=abc');
    expect(badPage.status).toBe(400);
    expect(badPage.text).toContain('Page must be a whole number.');
  });

  it('does not serve files from outside the public folder', async () => {
    const page = await get('/build/..%2F..%2Fpackage.json');
    expect(page.html).not.toContain('"devDependencies"');
  });
});

describe('security headers', () => {
  it('sends a CSP allowing exactly the inline scripts of the page, by their hashes, and no nonce', async () => {
    const first = await get('/claims/andy-purdy-denies-backdoor-access');
    const csp = first.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('nonce-');
    expect(first.html).not.toContain('nonce=');
    const allowed = [...csp.matchAll(/'sha256-([A-Za-z0-9+/=]+)'/g)].map((m) => m[1]).sort();

    // Every inline script that would run is one of the hashes, and every hash is one of them.
    const inline = [...first.html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
      .filter(([, attrs, text]) => !/\bsrc=/.test(attrs) && !/ld\+json/.test(attrs) && text.length > 0)
      .map(([, , text]) => crypto.createHash('sha256').update(text, 'utf8').digest('base64'));
    expect(inline.length).toBeGreaterThan(0);
    expect([...new Set(inline)].sort()).toEqual(allowed);

    // The same page again (from the page cache) carries the same policy: it matches its bytes.
    const second = await get('/claims/andy-purdy-denies-backdoor-access');
    expect(second.headers.get('content-security-policy')).toBe(csp);
    expect(second.html).toBe(first.html);
  });

  it.each(['/', '/claims/no-such-claim', '/%E0%A4%A', '/healthz'])(
    '%s: nosniff, a referrer policy and no X-Powered-By',
    async (path) => {
      const { headers } = await get(path);
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(headers.get('x-powered-by')).toBeNull();
    },
  );
});

describe('compression and caching', () => {
  it('gzips HTML when the browser accepts it', async () => {
    const res = await rawGet('/claims', { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    const html = zlib.gunzipSync(res.body).toString('utf8');
    expect(html).toContain('<h1>All claims</h1>');
    expect(res.body.length).toBeLessThan(Buffer.byteLength(html));
  });

  it('sends plain HTML to a client that does not accept gzip', async () => {
    const res = await rawGet('/claims', { 'accept-encoding': 'identity' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString('utf8')).toContain('<h1>All claims</h1>');
  });

  it('serves fingerprinted /build/ assets as immutable for a year', async () => {
    const { html } = await get('/');
    const assets = [...new Set([...html.matchAll(/(?:href|src)="(\/build\/[^"]+)"/g)].map((m) => m[1]))];
    const css = assets.find((a) => a.endsWith('.css'));
    const js = assets.find((a) => a.endsWith('.js'));
    expect(css, assets.join(', ')).toBeTruthy();
    expect(js, assets.join(', ')).toBeTruthy();
    for (const asset of [css!, js!]) {
      const res = await fetch(server.url + asset);
      expect(res.status, asset).toBe(200);
      const cacheControl = res.headers.get('cache-control') ?? '';
      expect(cacheControl, asset).toContain('immutable');
      expect(cacheControl, asset).toContain('max-age=31536000');
      await res.arrayBuffer();
    }
  });

  it('does not mark HTML pages immutable', async () => {
    const { headers } = await get('/');
    expect(headers.get('cache-control') ?? '').not.toContain('immutable');
  });

  it('answers 404 (not the app shell) for a missing asset', async () => {
    const res = await get('/build/_shared/no-such-chunk-ABC123.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control') ?? '').not.toContain('immutable');
  });
});

describe('/healthz', () => {
  it("answers 200 'ok', uncached", async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(res.html).toBe('ok');
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('the server log', () => {
  it('records no server error for any of these requests', () => {
    // Runs last in this file: any 500 above would have printed its error here.
    expect(server.output()).toContain('Claims tracker listening on http://localhost:');
    expect(server.output()).not.toMatch(/Error|at .*\.js:\d+/);
  });
});
