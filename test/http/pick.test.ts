/**
 * The pick endpoint over real HTTP (`/editor/pick/:kind`): editors find drafts by typing, anyone
 * else gets 401 JSON (never the sign-in page), unknown kinds 404 JSON, odd and huge queries a
 * plain answer (never 500), and a POST creates a minimal entry through the editor's writer.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { claimFormFields, createEditor, signIn, sourceFormFields } from '../fixtures';
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

/** A form post of the editor's own pages, as a browser sends it (repeated keys for checkboxes). */
function postForm(pathname: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
  return fetch(server.url + pathname, {
    method: 'POST',
    body,
    headers: { Origin: server.url, Cookie: cookie },
    redirect: 'manual',
  });
}
const idFrom = (res: Response) => Number(/\/(\d+)\?saved=1$/.exec(res.headers.get('location') ?? '')![1]);
function row<T>(sql: string, ...params: unknown[]): T {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}

describe('reference fields in form posts', () => {
  it('stores the speaker of a claim posted as id + text, and looks an edited text up', async () => {
    const purdy = row<{ id: number }>(`select id from entities where slug = 'andy-purdy'`).id;
    const chosen = await postForm(
      '/editor/claims/new',
      claimFormFields({ speakerId: String(purdy), speakerId__text: 'Andy Purdy' }),
    );
    expect(chosen.status).toBe(302);
    const speaker = (id: number) =>
      row<{ slug: string | null }>(
        'select e.slug from claims c left join entities e on e.id = c.speaker_id where c.id = ?',
        id,
      ).slug;
    expect(speaker(idFrom(chosen))).toBe('andy-purdy');
    // The id is stale (the editor typed over the chosen name): the text wins, looked up on save.
    const retyped = await postForm(
      '/editor/claims/new',
      claimFormFields({ speakerId: String(purdy), speakerId__text: 'Wilbur Ross' }),
    );
    expect(retyped.status).toBe(302);
    expect(speaker(idFrom(retyped))).toBe('wilbur-ross');
    const none = await postForm('/editor/claims/new', claimFormFields({ statement: 'Said by nobody in particular' }));
    expect(speaker(idFrom(none))).toBeNull();
  });

  it('answers a name that matches nothing with 400, the error beside the field, and everything kept', async () => {
    const res = await postForm(
      '/editor/claims/new',
      claimFormFields({ statement: 'Kept while the speaker is unknown', speakerId__text: 'Nobody Atall' }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/id="speakerId-error"[^>]*>No person or organisation matches “Nobody Atall”/);
    expect(html).toContain('Kept while the speaker is unknown');
    expect(html).toContain('value="Nobody Atall"');
    expect(html).toContain('name="speakerId__create"');
  });

  it('stores a publisher typed on the source form and topics ticked on the claim form', async () => {
    const source = await postForm('/editor/sources/new', sourceFormFields({ publisherId__text: 'fox business' }));
    expect(source.status).toBe(302);
    const publisher = row<{ slug: string }>(
      'select e.slug from sources s join entities e on e.id = s.publisher_id where s.id = ?',
      idFrom(source),
    );
    expect(publisher.slug).toBe('fox-business');
    const topic = row<{ id: number }>(`select id from topics where name = 'Sanctions'`).id;
    const claim = await postForm(
      '/editor/claims/new',
      claimFormFields({ topics: [String(topic)], topics__text: 'export con' }),
    );
    expect(claim.status).toBe(400); // "export con" is no topic's whole name: candidates are offered
    const html = await claim.text();
    expect(html).toMatch(/name="topics__pick" value="\d+"/);
    expect(html).toContain('Export controls');
    expect(html).toMatch(new RegExp(`name="topics" checked="" value="${topic}"`));
  });
});

describe('the docket link on the public case page', () => {
  it('links the docket when the case has one', async () => {
    const docket = 'https://www.courtlistener.com/docket/987654/united-states-v-huawei/';
    const db = new Database(server.databasePath);
    db.prepare(`update cases set docket_url = ? where slug = 'us-v-huawei-edny'`).run(docket);
    db.close();
    const html = await (await fetch(`${server.url}/cases/us-v-huawei-edny`)).text();
    expect(html).toMatch(/<dt>Docket<\/dt>\s*<dd><a href="https:\/\/www\.courtlistener\.com\/docket\/987654/);
  });
});
