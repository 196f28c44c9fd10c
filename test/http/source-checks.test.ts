/**
 * Link rot (issue 14) against local test servers only: sources whose addresses answer ok, 304 to
 * a conditional request, a redirect to another page, a redirect to a private address, 404, 410,
 * too slowly, and a page that changes between checks; `npm run sources:check` over them keeps at
 * most one request per host per interval (the timestamps the test servers saw), and the built
 * site's dashboard, source editor page and reader's source page show what the checks found; and
 * two server processes on one database run the schedule once per round between them. One
 * journey, in order: the later parts read the history the earlier checks made. Run `npm run build` first.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, getDb } from '../../db/client';
import { captureSource } from '../../app/capture/capture.server';
import { checkSource } from '../../app/capture/check.server';
import { sourceCheckHistory, sourcesNeedingAttention } from '../../app/models/source-checks.server';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { createEditor, signIn } from '../fixtures';

interface Seen {
  path: string;
  at: number;
  headers: http.IncomingHttpHeaders;
}

/** A publisher's site: every route a check can meet, and a log of what it was asked. */
function publisher() {
  const seen: Seen[] = [];
  let version = 1;
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    seen.push({ path, at: Date.now(), headers: req.headers });
    const page = (body: string, headers: Record<string, string> = {}) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...headers });
      res.end(`<!doctype html><html><head><title>Story</title></head><body><article>${body}</article></body></html>`);
    };
    if (path === '/steady') return page('<p>The exact words stay here.</p>');
    if (path === '/etag') {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { ETag: '"v1"' });
        return res.end();
      }
      return page('<p>Validated.</p>', { ETag: '"v1"', 'Last-Modified': 'Tue, 01 Dec 2026 10:00:00 GMT' });
    }
    if (path === '/old-home') {
      res.writeHead(301, { Location: '/new-home' });
      return res.end();
    }
    if (path === '/new-home') return page('<p>The story now lives here.</p>');
    if (path === '/to-metadata') {
      res.writeHead(302, { Location: 'http://169.254.169.254/latest/meta-data/' });
      return res.end();
    }
    if (path === '/missing') {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      return res.end('not found');
    }
    if (path === '/withdrawn') {
      res.writeHead(410, { 'Content-Type': 'text/plain' });
      return res.end('gone');
    }
    if (path === '/slow') {
      const timer = setTimeout(() => page('<p>Too late.</p>'), 5_000);
      req.on('close', () => clearTimeout(timer));
      return;
    }
    if (path === '/changing')
      return page(
        version === 1
          ? '<p>The minister said the network was “completely secure” in February.</p>'
          : '<p>This article has been updated. The minister declined to comment.</p>',
      );
    if (path === '/noisy')
      // Another token in every answer, the same article: bytes differ, words do not.
      return page(`<p>The words quoted stay the same.</p><script>var token = "${Math.random()}";</script>`);
    if (path.startsWith('/many/')) return page(`<p>Page ${path}.</p>`);
    res.writeHead(500);
    res.end();
  });
  return {
    seen,
    change: () => (version += 1),
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(server.address() as AddressInfo).port}`)),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const siteA = publisher();
const siteB = publisher();
let hostA = '';
let hostB = '';
let site: StartedServer;
let cookie = '';
const ids: Record<string, number> = {};

function addSource(slug: string, url: string): number {
  const row = getDb().get<{ id: number }>(
    sql`insert into sources (slug, title, kind, url) values (${slug}, ${`Source ${slug}`}, 'news_report', ${url}) returning id`,
  );
  ids[slug] = row.id;
  return row.id;
}

const seenAt = (who: ReturnType<typeof publisher>, path: string) => who.seen.filter((s) => s.path === path);

beforeAll(async () => {
  [hostA, hostB] = await Promise.all([siteA.listen(), siteB.listen()]);
  // The fetcher refuses loopback addresses unless named here (tests only), as written in the URL.
  process.env.CAPTURE_ALLOW_HOSTS = `${hostA},${hostB}`;
  site = await startServer({ CAPTURE_ALLOW_HOSTS: `${hostA},${hostB}` });
  // Check the site's own database, the seeded one; its sources' real addresses are beyond reach
  // here (no internet), so only this file's sources have an address to check.
  closeDb();
  process.env.DATABASE_PATH = site.databasePath;
  getDb().run(sql`update sources set url = null`);
  addSource('steady', `http://${hostA}/steady`);
  addSource('etag', `http://${hostA}/etag`);
  addSource('old-home', `http://${hostA}/old-home`);
  addSource('to-metadata', `http://${hostA}/to-metadata`);
  addSource('missing', `http://${hostB}/missing`);
  addSource('withdrawn', `http://${hostB}/withdrawn`);
  addSource('slow', `http://${hostB}/slow`);
  addSource('changing', `http://${hostB}/changing`);
  addSource('noisy', `http://${hostB}/noisy`);
  cookie = await signIn(site, await createEditor(site, { name: 'Link Checker' }));
}, 90_000);

afterAll(async () => {
  await site?.stop();
  await Promise.all([siteA.close(), siteB.close()]);
});

describe('checking one source', () => {
  it('finds a steady page ok twice, keeping its hash', async () => {
    const first = await checkSource(ids.steady);
    const second = await checkSource(ids.steady);
    expect([first?.outcome, second?.outcome]).toEqual(['ok', 'ok']);
    const [latest, earlier] = sourceCheckHistory(ids.steady);
    expect(latest.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(latest.sha256).toBe(earlier.sha256);
  });

  it('asks again conditionally with the ETag it was given, and a 304 is ok', async () => {
    await checkSource(ids.etag);
    const second = await checkSource(ids.etag);
    expect(second).toMatchObject({ outcome: 'ok', httpStatus: 304 });
    const requests = seenAt(siteA, '/etag');
    expect(requests[0].headers['if-none-match']).toBeUndefined();
    expect(requests.at(-1)?.headers['if-none-match']).toBe('"v1"');
    expect(requests.at(-1)?.headers['if-modified-since']).toBe('Tue, 01 Dec 2026 10:00:00 GMT');
  });

  it('records a redirect to another page as moved, with where to', async () => {
    expect(await checkSource(ids['old-home'])).toMatchObject({
      outcome: 'moved',
      httpStatus: 200,
      location: `http://${hostA}/new-home`,
    });
  });

  it('refuses a redirect to a private address: unreachable, saying why, and nothing is fetched there', async () => {
    const result = await checkSource(ids['to-metadata']);
    expect(result?.outcome).toBe('unreachable');
    expect(result?.error).toMatch(/^The address redirects, and then: .*169\.254\.169\.254/);
  });

  it('records 404 and 410 as gone', async () => {
    expect(await checkSource(ids.missing)).toMatchObject({ outcome: 'gone', httpStatus: 404 });
    expect(await checkSource(ids.withdrawn)).toMatchObject({ outcome: 'gone', httpStatus: 410 });
  });

  it('gives up on a slow page at the deadline: unreachable', async () => {
    const started = Date.now();
    const result = await checkSource(ids.slow, { timeoutMs: 500 });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(result).toMatchObject({ outcome: 'unreachable', httpStatus: null });
    expect(result?.error).toMatch(/took longer than/);
  });

  it('finds a page that changed between checks, and captures it again', async () => {
    expect((await checkSource(ids.changing))?.outcome).toBe('ok');
    siteB.change();
    const changed = await checkSource(ids.changing);
    expect(changed).toMatchObject({ outcome: 'changed', recaptured: true, recaptureError: null });
    const captures = getDb().all<{ outcome: string; sha256: string }>(
      sql`select outcome, sha256 from source_captures where source_id = ${ids.changing} order by id`,
    );
    expect(captures.at(-1)).toMatchObject({ outcome: 'ok', sha256: sourceCheckHistory(ids.changing)[0].sha256 });
    // The new capture is the baseline now: the next check finds the page as captured.
    expect((await checkSource(ids.changing))?.outcome).toBe('ok');
  });

  it('calls a page whose bytes differ but whose words do not ok, and does not capture it again', async () => {
    expect((await captureSource(ids.noisy, 'manual')).error).toBeNull();
    const results = [await checkSource(ids.noisy), await checkSource(ids.noisy)];
    expect(results.map((r) => r?.outcome)).toEqual(['ok', 'ok']);
    const [a, b] = sourceCheckHistory(ids.noisy);
    expect(a.sha256).not.toBe(b.sha256);
    const captures = getDb().get<{ n: number }>(
      sql`select count(*) as n from source_captures where source_id = ${ids.noisy}`,
    );
    expect(captures.n).toBe(1);
  });
});

describe('the shared cache in front', () => {
  it('is told to drop a source page when what readers see of it changes, and only then', async () => {
    const purges: { method?: string; keys?: string }[] = [];
    const receiver = http.createServer((req, res) => {
      purges.push({ method: req.method, keys: String(req.headers['surrogate-key']) });
      res.end();
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    process.env.PURGE_URL = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;
    try {
      const id = addSource('purged', `http://${hostB}/missing`);
      await checkSource(id); // gone once: not dead yet, nothing readers see
      expect(purges).toEqual([]);
      await checkSource(id); // gone twice: dead, the page now says so
      expect(purges).toEqual([{ method: 'PURGE', keys: `s${id} sources` }]);
      await checkSource(id); // still dead: the page is unchanged
      expect(purges).toHaveLength(1);
    } finally {
      delete process.env.PURGE_URL;
      await new Promise<void>((r) => receiver.close(() => r()));
    }
  });
});

describe('npm run sources:check', () => {
  it('checks every source at most once per host per interval, hosts side by side, and sums up', async () => {
    const interval = 400;
    for (let i = 0; i < 3; i += 1) addSource(`many-${i}`, `http://${hostA}/many/${i}`);
    const since = Date.now();
    const output = await new Promise<{ code: number | null; text: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/sources-check.ts'], {
        env: {
          ...process.env,
          ENV_FILE: '/dev/null',
          DATABASE_PATH: site.databasePath,
          CAPTURE_ALLOW_HOSTS: `${hostA},${hostB}`,
          SOURCE_CHECK_HOST_INTERVAL_MS: String(interval),
          SOURCE_CHECK_TIMEOUT_MS: '500',
        },
      });
      let text = '';
      child.stdout.on('data', (c: Buffer) => (text += c.toString()));
      child.stderr.on('data', (c: Buffer) => (text += c.toString()));
      child.on('exit', (code) => resolve({ code, text }));
    });
    expect(output.code, output.text).toBe(0);
    for (const who of [siteA, siteB]) {
      // A check's redirect is followed at once (one check, two requests); checks are spaced.
      const times = who.seen.filter((s) => s.at >= since && s.path !== '/new-home').map((s) => s.at);
      expect(times.length).toBeGreaterThanOrEqual(4);
      const gaps = times.slice(1).map((t, i) => t - times[i]);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(interval);
    }
    // Side by side: host B's first request came before host A's last one.
    const firstB = siteB.seen.find((s) => s.at >= since)!.at;
    expect(firstB).toBeLessThan(siteA.seen.at(-1)!.at);
    expect(output.text).toMatch(
      /Checked 13 sources on 2 hosts in [\d.]+ s: \d+ ok, \d+ changed, 1 moved, 3 gone, 2 unreachable\./,
    );
    expect(output.text).toMatch(
      /Rate per host: one request at a time, the next 0\.40 s after it ended; 4 hosts at a time \(measured: smallest gap between two requests 0\.4\d s/,
    );
    console.log(
      output.text
        .split('\n')
        .filter((l) => /^(Checked|Rate)/.test(l))
        .join('\n'),
    );
  }, 60_000);

  it('refuses an unknown --source with a sentence', async () => {
    const result = await new Promise<{ code: number | null; text: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/sources-check.ts', '--source', 'no-such'], {
        env: { ...process.env, ENV_FILE: '/dev/null', DATABASE_PATH: site.databasePath },
      });
      let text = '';
      child.stderr.on('data', (c: Buffer) => (text += c.toString()));
      child.on('exit', (code) => resolve({ code, text }));
    });
    expect(result.code).toBe(1);
    expect(result.text).toContain('No source with the slug "no-such" and an address to check.');
  });
});

describe('what editors and readers see', () => {
  it('lists dead, moved and changed sources on the dashboard, linked to their editor pages', async () => {
    const attention = sourcesNeedingAttention();
    expect(attention.dead.map((s) => s.slug).sort()).toEqual(['missing', 'purged', 'slow', 'to-metadata', 'withdrawn']);
    expect(attention.moved.map((s) => s.slug)).toEqual(['old-home']);
    expect(attention.changed.map((s) => s.slug)).toEqual(['changing']);
    const html = await (await fetch(`${site.url}/editor`, { headers: { Cookie: cookie } })).text();
    const section = html.split('id="link-rot-title"')[1];
    expect(section).toBeDefined();
    expect(section).toContain(`href="/editor/sources/${ids.withdrawn}"`);
    expect(section).toContain(`href="/editor/sources/${ids['old-home']}"`);
    expect(section).toContain(`now at http://${hostA}/new-home`);
    expect(section).toContain(`href="/editor/sources/${ids.changing}"`);
    expect(section).not.toContain(`href="/editor/sources/${ids.steady}"`);
  });

  it('shows the check history on the source’s editor page', async () => {
    const html = await (
      await fetch(`${site.url}/editor/sources/${ids.withdrawn}`, { headers: { Cookie: cookie } })
    ).text();
    expect(html).toContain('Link checks');
    expect(html).toContain('The site says the page is gone for good (410).');
  });

  it('tells readers the original is gone and links our capture; a live source says when it was last seen', async () => {
    getDb().run(
      sql`insert into source_captures (source_id, requested_url, final_url, http_status, fetched_at, sha256, outcome, text)
          values (${ids.withdrawn}, 'http://x/withdrawn', 'http://x/withdrawn', 200, '2026-11-20T09:00:00.000Z', 'ab', 'ok', 'Words')`,
    );
    const capture = getDb().get<{ id: number }>(sql`select max(id) as id from source_captures`);
    const gone = await (await fetch(`${site.url}/sources/withdrawn`)).text();
    expect(gone).toContain('The original is no longer available');
    expect(gone).toContain(`href="/sources/withdrawn/captures/${capture.id}"`);
    expect(gone).toContain('captured on <time dateTime="2026-11-20T09:00:00.000Z">20 Nov 2026</time>');
    const steady = await (await fetch(`${site.url}/sources/steady`)).text();
    expect(steady).toContain('The original was last seen at its address on');
    expect(steady).not.toContain('no longer available');
  });
});

describe('the schedule inside the server', () => {
  it('checks on its own, in one process of several sharing the database, once per round', async () => {
    const everyHours = 0.001; // 3.6 s
    const since = Date.now();
    const settings = {
      DATABASE_PATH: site.databasePath,
      CAPTURE_ALLOW_HOSTS: `${hostA},${hostB}`,
      SOURCE_CHECK_EVERY_HOURS: String(everyHours),
      SOURCE_CHECK_HOST_INTERVAL_MS: '50',
      SOURCE_CHECK_TIMEOUT_MS: '500',
    };
    const both = await Promise.all([startServer(settings), startServer(settings)]);
    try {
      await new Promise((r) => setTimeout(r, 9_000));
    } finally {
      await Promise.all(both.map((s) => s.stop()));
    }
    const rounds = both.flatMap((s) => s.output().match(/^Source check: \d+ sources/gm) ?? []);
    for (const s of both) expect(s.output()).toContain('Source checks scheduled every 0.001 h');
    const steady = seenAt(siteA, '/steady').filter((s) => s.at >= since);
    expect(rounds.length).toBeGreaterThanOrEqual(2);
    // One request per round, whichever process ran it: never two processes in the same round.
    expect(steady.length).toBe(rounds.length);
    const gaps = steady.slice(1).map((s, i) => s.at - steady[i].at);
    // Sources are checked oldest first, so where in its round a page comes varies; two processes
    // running the same round would ask for it within a second of each other.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(everyHours * 3_600_000 * 0.5);
  }, 60_000);
});
