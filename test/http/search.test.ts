/**
 * Search over real HTTP: the built server (server.js + build/) on this file's own temp database,
 * seeded from content/ at start. Covers the HTML page and the JSON API, highlighting, escaping
 * of hostile input, and that no input, however odd, produces a server error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { ODD_QUERIES } from '../odd-queries';

/** The odd queries a browser can put in an address (a lone surrogate cannot be URL-encoded). */
const URL_QUERIES = ODD_QUERIES.filter((q) => {
  try {
    return encodeURIComponent(q).length < 12_000;
  } catch {
    return false;
  }
});

const BACKDOOR_CLAIMS = ['us-officials-huawei-backdoor-access', 'andy-purdy-denies-backdoor-access'];

interface ApiResult {
  kind: string;
  slug: string;
  url: string;
  title: string;
  snippet: string;
  highlights: string[];
}
interface ApiResponse {
  query: string;
  total: number;
  page: number;
  pageCount: number;
  counts: Record<string, number>;
  suggestion: string | null;
  fuzzy: boolean;
  notices: string[];
  results: ApiResult[];
}

let server: StartedServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

async function get(path: string) {
  const res = await fetch(new URL(path, server.url), { redirect: 'manual' });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: await res.text(),
    headers: res.headers,
  };
}

const searchUrl = (q: string, extra = '') => `/search?q=${encodeURIComponent(q)}${extra}`;
const apiUrl = (q: string, extra = '') => `/api/search?q=${encodeURIComponent(q)}${extra}`;

describe('GET /search', () => {
  it('lists both back-door claims for "backdoor", with the word marked', async () => {
    const { status, type, body } = await get(searchUrl('backdoor'));
    expect(status).toBe(200);
    expect(type).toContain('text/html');
    for (const slug of BACKDOOR_CLAIMS) expect(body).toContain(`href="/claims/${slug}"`);
    const marks = [...body.matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => m[1]);
    expect(marks.length).toBeGreaterThanOrEqual(2);
    for (const m of marks) expect(m.toLowerCase()).toMatch(/back|door/);
    expect(body).toMatch(/\d+ results?/);
    expect(body).toContain('value="backdoor"');
  });

  it('shows "No results" for a word that is nowhere', async () => {
    const { status, body } = await get(searchUrl('zzzzqqq'));
    expect(status).toBe(200);
    expect(body).toContain('No results');
    expect(body).not.toContain('class="search-result"');
  });

  it('offers "did you mean" for a typo', async () => {
    const { status, body } = await get(searchUrl('huwaei'));
    expect(status).toBe(200);
    expect(body).toContain('Did you mean');
    expect(body).toContain('href="/search?q=huawei"');
    expect(body).toContain('for words like yours');
  });

  it('narrows to one kind with ?kind=case and shows the kind tabs', async () => {
    const { status, body } = await get(searchUrl('racketeering', '&kind=case'));
    expect(status).toBe(200);
    expect(body).toContain('href="/cases/us-v-huawei-edny"');
    expect(body).not.toContain('href="/claims/');
    const tabs = /<nav aria-label="Result kinds".*?<\/nav>/s.exec(body)?.[0].replace(/<!-- -->/g, '') ?? '';
    const { counts, total } = JSON.parse((await get(apiUrl('racketeering'))).body) as ApiResponse;
    expect(tabs).toContain(`All (${total})`);
    expect(tabs).toContain(`href="/search?q=racketeering&amp;kind=case">Court case (${counts.case})</a>`);
    expect(tabs).toMatch(/<a aria-current="page"[^>]*kind=case">/);
    expect(tabs).toContain(`Claim (${counts.claim})`);
  });

  it('escapes hostile input everywhere it is echoed', async () => {
    const { status, body } = await get(searchUrl('<script>alert(1)</script>'));
    expect(status).toBe(200);
    expect(body).not.toContain('<script>alert(1)</script>');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('says when a long query was cut', async () => {
    const { status, body } = await get(searchUrl(`huawei ${'x'.repeat(300)}`));
    expect(status).toBe(200);
    expect(body).toContain('Only the first 200 characters of your search were used.');
  });

  it('answers 400 with a message for invalid filter parameters', async () => {
    for (const extra of ['&kind=zzz', '&page=abc', '&page=0', '&from=yesterday', '&speaker=Andy%20Purdy']) {
      const { status, body } = await get(searchUrl('huawei', extra));
      expect(status, extra).toBe(400);
      expect(body, extra).toContain('role="alert"');
    }
  });

  it.each(URL_QUERIES.map((q) => [JSON.stringify(q.slice(0, 30)), q]))(
    'answers 200 and never echoes raw markup for %s',
    async (_label, q) => {
      const { status, body } = await get(searchUrl(q));
      expect(status).toBe(200);
      expect(body).toContain('<h1>Search</h1>');
      expect(body).not.toContain('<script>alert(1)</script>');
    },
  );

  it('answers an address too long for any query with a 4xx, not a 500', async () => {
    const { status } = await get(`/search?q=${encodeURIComponent('huawei '.repeat(2_000))}`);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });

  it('survives malformed percent-encoding in the address', async () => {
    for (const raw of ['/search?q=%', '/search?q=%ZZ', '/search?q=%E0%A4%A', '/search?q=%00', '/search?q=a&q=b']) {
      const { status } = await get(raw);
      expect(status, raw).toBeLessThan(500);
      expect([200, 400], raw).toContain(status);
    }
  });
});

describe('GET /api/search', () => {
  it('returns the case for "racketeering" as JSON', async () => {
    const { status, type, body, headers } = await get(apiUrl('racketeering'));
    expect(status).toBe(200);
    expect(type).toContain('application/json');
    expect(headers.get('cache-control')).toBe('no-store');
    const data = JSON.parse(body) as ApiResponse;
    expect(data.query).toBe('racketeering');
    const hit = data.results.find((r) => r.kind === 'case');
    expect(hit).toMatchObject({ slug: 'us-v-huawei-edny', url: '/cases/us-v-huawei-edny' });
    expect(hit!.highlights.map((h) => h.toLowerCase())).toContain('racketeering');
    expect(data.total).toBe(Object.values(data.counts).reduce((a, b) => a + b, 0));
    expect(data.counts.case).toBe(1);
  });

  it('returns both back-door claims for "backdoor"', async () => {
    const data = JSON.parse((await get(apiUrl('backdoor'))).body) as ApiResponse;
    expect(data.results.map((r) => r.slug)).toEqual(expect.arrayContaining(BACKDOOR_CLAIMS));
  });

  it('filters with speaker: in the query and kind= in the address', async () => {
    const purdy = JSON.parse((await get(apiUrl('speaker:purdy'))).body) as ApiResponse;
    expect(purdy.results.map((r) => r.slug)).toEqual(['andy-purdy-denies-backdoor-access']);
    const cases = JSON.parse((await get(apiUrl('huawei', '&kind=case'))).body) as ApiResponse;
    expect(cases.results.length).toBeGreaterThan(0);
    expect(cases.results.every((r) => r.kind === 'case')).toBe(true);
  });

  it('answers 400 with the field for invalid parameters', async () => {
    for (const [extra, field] of [
      ['&kind=zzz', 'kind'],
      ['&page=abc', 'page'],
      ['&from=13-02-2020', 'from'],
    ]) {
      const { status, body } = await get(apiUrl('huawei', extra));
      expect(status, extra).toBe(400);
      const data = JSON.parse(body) as { error: string; fields: Record<string, string> };
      expect(Object.keys(data.fields), extra).toEqual([field]);
    }
  });

  it('answers 400 for dates that do not exist', async () => {
    for (const extra of ['&to=2020-13', '&from=2020-00', '&from=2020-02-30', '&to=2020-12-32']) {
      const { status } = await get(apiUrl('huawei', extra));
      expect(status, extra).toBe(400);
    }
  });

  it.each(URL_QUERIES.map((q) => [JSON.stringify(q.slice(0, 30)), q]))(
    'answers 200 with JSON for %s',
    async (_label, q) => {
      const { status, type, body } = await get(apiUrl(q));
      expect(status).toBe(200);
      expect(type).toContain('application/json');
      const data = JSON.parse(body) as ApiResponse;
      expect(data.total).toBe(Object.values(data.counts).reduce((a, b) => a + b, 0));
      expect(Array.isArray(data.results)).toBe(true);
    },
  );
});
