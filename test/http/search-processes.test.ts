/**
 * Two server processes on one database file: an edit made through the database (as an editor's
 * save or a content import in another process would) becomes searchable in both.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './server';

let first: TestServer;
let second: TestServer;

async function findsWithin(server: TestServer, q: string, slug: string, ms: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    const res = await fetch(`${server.url}/api/search?q=${encodeURIComponent(q)}`);
    const body = (await res.json()) as { results: { slug: string }[] };
    if (body.results.some((r) => r.slug === slug)) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${server.url} did not find "${q}" within ${ms} ms`);
}

beforeAll(async () => {
  first = await startTestServer();
  second = await startTestServer({ DATABASE_PATH: path.join(first.dir, 'tracker.db') });
});

afterAll(async () => {
  await second?.stop();
  await first?.stop();
});

describe('several processes on one database', () => {
  it('both serve the seeded data', async () => {
    for (const server of [first, second]) {
      const res = await fetch(`${server.url}/api/search?q=racketeering`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { results: { kind: string }[] };
      expect(body.results.some((r) => r.kind === 'case')).toBe(true);
    }
  });

  it('an edit logged in the database is searchable in both within 2 seconds', async () => {
    const db = new Database(path.join(first.dir, 'tracker.db'));
    db.pragma('busy_timeout = 5000');
    const claim = db.prepare(`select id from claims where slug = 'commerce-license-review-process'`).get() as {
      id: number;
    };
    db.transaction(() => {
      db.prepare(`update claims set statement = statement || ' Quokkaprint.' where id = ?`).run(claim.id);
      db.prepare(`update site_meta set value = cast(value as integer) + 1 where key = 'data_version'`).run();
      const version = (db.prepare(`select value from site_meta where key = 'data_version'`).get() as { value: string })
        .value;
      db.prepare(`insert into content_changes (data_version, ref) values (?, ?)`).run(Number(version), `c${claim.id}`);
    })();
    db.close();
    for (const server of [first, second]) {
      const ms = await findsWithin(server, 'quokkaprint', 'commerce-license-review-process', 2000);
      expect(ms).toBeLessThan(2000);
    }
  });
});
