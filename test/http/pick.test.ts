/**
 * The pick endpoint over real HTTP (`/editor/pick/:kind`): editors find drafts by typing, anyone
 * else gets 401 JSON (never the sign-in page), unknown kinds 404 JSON, odd and huge queries a
 * plain answer (never 500), and a POST creates a minimal entry through the editor's writer.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { createEditor, signIn } from '../fixtures';
import { ODD_QUERIES } from '../odd-queries';

let server: StartedServer;
let cookie = '';

const pick = (kind: string, q: string, as: string | null = cookie) =>
  fetch(`${server.url}/editor/pick/${kind}?${new URLSearchParams({ q })}`, {
    headers: as ? { Cookie: as, Accept: 'application/json' } : { Accept: 'application/json' },
    redirect: 'manual',
  });
const create = (kind: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/editor/pick/${kind}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { Origin: server.url, Cookie: cookie, Accept: 'application/json', ...headers },
    redirect: 'manual',
  });

interface Item {
  id: number;
  slug: string;
  title: string;
  detail: string;
}

beforeAll(async () => {
  server = await startServer();
  cookie = await signIn(server, await createEditor(server, { name: 'Picking Editor' }));
});

afterAll(async () => {
  await server?.stop();
});

describe('GET /editor/pick/:kind', () => {
  it('finds people and organisations by the start of their names, with a line saying what each is', async () => {
    const res = await pick('entities', 'andy pur');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
    const { items } = (await res.json()) as { items: Item[] };
    expect(items[0]).toMatchObject({ slug: 'andy-purdy', title: 'Andy Purdy' });
    expect(items[0].detail).toMatch(/^Person · /);
    const orgs = (await (await pick('organisations', 'huawei')).json()) as { items: Item[] };
    expect(orgs.items.length).toBeGreaterThan(1);
    expect(orgs.items.length).toBeLessThanOrEqual(10);
    expect(orgs.items.every((i) => i.detail.startsWith('Organisation'))).toBe(true);
    expect((await (await pick('people', 'huawei technologies')).json()) as { items: Item[] }).toEqual({ items: [] });
  });

  it('shows an editor the drafts too, saying they are drafts', async () => {
    const db = new Database(server.databasePath);
    db.prepare(
      `insert into claims (slug, statement, status) values ('pick-draft', 'Quokkas audit the lighthouse budget', 'draft')`,
    ).run();
    db.close();
    const { items } = (await (await pick('claims', 'quokkas audit')).json()) as { items: Item[] };
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ slug: 'pick-draft', title: 'Quokkas audit the lighthouse budget' });
    expect(items[0].detail).toMatch(/^Claim · Draft/);
  });

  it('answers every kind of the contract, and 404 JSON for any other', async () => {
    for (const kind of ['claims', 'sources', 'people', 'organisations', 'entities', 'cases', 'topics']) {
      expect((await pick(kind, 'hua')).status, kind).toBe(200);
    }
    for (const kind of ['users', 'x', 'sessions', '..%2Fusers']) {
      const res = await pick(kind, 'a');
      expect(res.status, kind).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(((await res.json()) as { error: string }).error).toBeTruthy();
    }
  });

  it('answers anyone signed out with 401 JSON, never a redirect to the sign-in page', async () => {
    for (const res of [await pick('entities', 'andy', null), await pick('entities', 'andy', '__session=forged')]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('location')).toBeNull();
      expect(((await res.json()) as { error: string }).error).toMatch(/sign in/i);
    }
    const post = await fetch(`${server.url}/editor/pick/people`, {
      method: 'POST',
      body: new URLSearchParams({ name: 'Anonymous Creation' }),
      headers: { Origin: server.url },
      redirect: 'manual',
    });
    expect(post.status).toBe(401);
  });

  it('answers odd, hostile and huge queries with 200 and a short list, never 500', async () => {
    for (const q of [...ODD_QUERIES, 'a'.repeat(100_000).slice(0, 6000)]) {
      for (const kind of ['entities', 'claims']) {
        const res = await pick(kind, q);
        expect(res.status, JSON.stringify(q).slice(0, 60)).toBe(200);
        const { items } = (await res.json()) as { items: Item[] };
        expect(items.length).toBeLessThanOrEqual(10);
      }
    }
    // A query string no browser would send (bad percent-escapes) is still no error page.
    const raw = await fetch(`${server.url}/editor/pick/entities?q=%E0%A4%A&q=%ZZ`, { headers: { Cookie: cookie } });
    expect(raw.status).toBeLessThan(500);
  });
});

describe('POST /editor/pick/:kind', () => {
  it('creates a person through the writer (slug, revision, search) and answers the new item', async () => {
    const res = await create('people', { name: 'Pat Picker', role: 'Spokesperson' });
    expect(res.status).toBe(200);
    const { item } = (await res.json()) as { item: Item };
    expect(item).toMatchObject({ title: 'Pat Picker', slug: 'pat-picker', detail: 'Person · Spokesperson' });
    const { items } = (await (await pick('entities', 'pat pick')).json()) as { items: Item[] };
    expect(items.map((i) => i.id)).toContain(item.id);
    const db = new Database(server.databasePath, { readonly: true });
    const revisions = db
      .prepare(`select count(*) as n from revisions where entity_kind = 'entity' and entity_id = ?`)
      .get(item.id) as { n: number };
    db.close();
    expect(revisions.n).toBe(1);
  });

  it('creates a source with a title and address, and refuses what the source form refuses', async () => {
    const ok = await create('sources', { title: 'A report found while typing', url: 'https://example.org/found' });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { item: Item }).item.title).toBe('A report found while typing');
    const bad = await create('sources', { title: '', url: 'javascript:alert(1)' });
    expect(bad.status).toBe(400);
    const { errors } = (await bad.json()) as { errors: Record<string, string> };
    expect(Object.keys(errors).sort()).toEqual(['title', 'url']);
    const long = await create('people', { name: 'n'.repeat(301) });
    expect(long.status).toBe(400);
  });

  it('creates only what a picker may create, and only from this site', async () => {
    for (const kind of ['claims', 'topics', 'cases', 'entities']) {
      expect((await create(kind, { name: 'x', title: 'x' })).status, kind).toBe(400);
    }
    expect((await create('nonsense', { name: 'x' })).status).toBe(404);
    const crossSite = await create('people', { name: 'Cross Site' }, { Origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    const huge = await create('people', { name: 'x'.repeat(40_000) });
    expect([400, 413]).toContain(huge.status);
  });
});
