/**
 * Two server processes on one database file: an edit made through the database (as an editor's
 * save or a content import in another process would) becomes searchable in both.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bumpDataVersion } from '../../db/data-version';
import { startServer, type StartedServer } from '../../scripts/lib/server';

let first: StartedServer;
let second: StartedServer;

interface ApiResult {
  slug: string;
  title: string;
}

/** The entry's search result once `q` finds it; fails the test if that takes longer than `ms`. */
async function findsWithin(server: StartedServer, q: string, slug: string, ms: number): Promise<ApiResult> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    const res = await fetch(`${server.url}/api/search?q=${encodeURIComponent(q)}`);
    const body = (await res.json()) as { results: ApiResult[] };
    const found = body.results.find((r) => r.slug === slug);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${server.url} did not find "${q}" within ${ms} ms`);
}

beforeAll(async () => {
  first = await startServer();
  second = await startServer({ DATABASE_PATH: first.databasePath });
});

afterAll(async () => {
  await second?.stop();
  await first?.stop();
});

describe('several processes on one database', () => {
  it('each server says which database file it opened: the same one', () => {
    for (const server of [first, second]) expect(server.output()).toContain(`Database: ${first.databasePath}\n`);
  });

  it('both serve the seeded data', async () => {
    for (const server of [first, second]) {
      const res = await fetch(`${server.url}/api/search?q=racketeering`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { results: { kind: string }[] };
      expect(body.results.some((r) => r.kind === 'case')).toBe(true);
    }
  });

  it('an edit logged in the database is searchable in both within 2 seconds', async () => {
    const db = new Database(first.databasePath);
    db.pragma('busy_timeout = 5000');
    const claim = db.prepare(`select id from claims where slug = 'commerce-license-review-process'`).get() as {
      id: number;
    };
    db.transaction(() => {
      db.prepare(`update claims set statement = statement || ' Quokkaprint.' where id = ?`).run(claim.id);
      bumpDataVersion(db, [`c${claim.id}`]);
    })();
    db.close();
    for (const server of [first, second]) {
      const found = await findsWithin(server, 'quokkaprint', 'commerce-license-review-process', 2000);
      // The result shows the edited statement, not the title the index had before.
      expect(found.title, server.url).toMatch(/Quokkaprint\.$/);
    }
  });
});
