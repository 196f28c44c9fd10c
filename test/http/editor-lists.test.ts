/**
 * The editor's lists over real HTTP, from the built server with the seeded content/: editors
 * only; bad filters and pages answer 400 or 404 with a message, never 500; any text is a search;
 * a page of 50 long rows stays under 100 KB. And the "Edit this …" link on public pages: never in
 * a reader's page, always with `private, no-store` in an editor's.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { createEditor, signIn } from '../fixtures';
import { ODD_QUERIES } from '../odd-queries';

let server: StartedServer;
let cookie: string;

function sql<T = unknown>(query: string, ...params: unknown[]): T {
  const db = new Database(server.databasePath);
  try {
    const statement = db.prepare(query);
    return (statement.reader ? statement.all(...params) : statement.run(...params)) as T;
  } finally {
    db.close();
  }
}

const get = (path: string, withCookie: string | null = cookie) =>
  fetch(server.url + path, { headers: withCookie ? { Cookie: withCookie } : {}, redirect: 'manual' });
/** The page's text as a reader reads it: React's text separators gone. */
const text = async (res: Response) => (await res.text()).replaceAll('<!-- -->', '');
const KB = 1024;

beforeAll(async () => {
  server = await startServer();
  cookie = await signIn(server, await createEditor(server, { name: 'List Editor' }));
});

afterAll(async () => {
  await server?.stop();
});

describe('the editor lists', () => {
  it('send anonymous visitors to sign in, and come back to the same list', async () => {
    const res = await get('/editor/claims?status=draft', null);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent('/editor/claims?status=draft')}`);
  });

  it('list every kind with its count and columns', async () => {
    const [{ n }] = sql<{ n: number }[]>('select count(*) as n from claims');
    const claims = await get('/editor/claims');
    expect(claims.status).toBe(200);
    const html = await text(claims);
    expect(html).toContain(`1–${n} of ${n} claims`);
    for (const column of ['Statement', 'Speaker', 'Verdict', 'Status', 'Desk state', 'Assignee', 'Changed']) {
      expect(html).toContain(`<th scope="col">${column}</th>`);
    }
    expect(html).toContain('Andy Purdy');
    for (const kind of ['sources', 'people', 'organisations', 'cases', 'topics']) {
      const res = await get(`/editor/${kind}`);
      expect(res.status, kind).toBe(200);
      expect(await text(res), kind).toMatch(/1–\d+ of \d+/);
    }
  });

  it('filter by a typed speaker and show the filter as removable', async () => {
    const html = await text(await get('/editor/claims?speaker=andy+purdy&sort=date'));
    expect(html).toContain('Said by: <strong>Andy Purdy</strong>');
    expect(html).toMatch(/href="\/editor\/claims\?sort=date">Remove<span class="visually-hidden"> the filter Said by/);
    expect(html).not.toContain('U.S. officials');
  });

  it('answer unknown filter values with 400 and the reason beside the field, keeping what was typed', async () => {
    const cases: [string, string][] = [
      ['status=deleted', 'There is no such status.'],
      ['desk=lost', 'There is no such desk state.'],
      ['assignee=abc', 'There is no such editor.'],
      ['verdict=pants-on-fire', 'There is no such verdict.'],
      ['speaker=nobody+of+that+name', 'Nobody has that name.'],
      ['topic=unicorns', 'No topic has that name.'],
      ['from=2020-13-45', 'That date does not exist.'],
      ['sort=cited', 'This list cannot be sorted that way.'],
      ['page=abc', 'Page must be a whole number.'],
      ['page=-1', 'Page numbers start at 1.'],
    ];
    for (const [query, message] of cases) {
      const res = await get(`/editor/claims?${query}`);
      expect(res.status, query).toBe(400);
      expect(await text(res), query).toContain(message);
    }
    const sources = await get('/editor/sources?kind=tweet&archived=maybe&publisher=zzzz');
    expect(sources.status).toBe(400);
    const html = await text(sources);
    expect(html).toContain('There is no such kind of source.');
    expect(html).toContain('Choose yes or no.');
    expect(html).toContain('value="zzzz"');
    expect((await get('/editor/cases?court=Narnia')).status).toBe(400);
    expect((await get('/editor/people?affiliation=zzzz')).status).toBe(400);
    expect((await get('/editor/things')).status).toBe(404);
  });

  it('answer a page past the end with 404 and a link to the last page', async () => {
    const res = await get('/editor/claims?status=published&page=999');
    expect(res.status).toBe(404);
    const html = await text(res);
    expect(html).toContain('There is only 1 page.');
    expect(html).toContain('href="/editor/claims?status=published&amp;page=1">Go to the last page');
  });

  it('take any text as a search, hostile or huge, and never answer 500', async () => {
    for (const q of ODD_QUERIES) {
      const res = await get(`/editor/claims?${new URLSearchParams({ q })}`);
      expect(res.status, JSON.stringify(q.slice(0, 40))).toBe(200);
      const body = await res.text();
      expect(body.length, JSON.stringify(q.slice(0, 40))).toBeLessThan(100 * KB);
    }
    const res = await get(
      `/editor/sources?${new URLSearchParams({ q: 'x'.repeat(5_000), publisher: 'y'.repeat(5_000) })}`,
    );
    expect(res.status).toBe(400);
    expect((await res.text()).length).toBeLessThan(100 * KB);
  });

  it('keep a page of 50 long claims under 100 KB of HTML, and page through them', async () => {
    const long = 'Lengthy statement about networks and security '.repeat(40);
    const db = new Database(server.databasePath);
    try {
      const insert = db.prepare(`insert into claims (slug, statement, verdict_explanation) values (?, ?, ?)`);
      db.transaction(() => {
        for (let i = 0; i < 120; i++) insert.run(`long-claim-${i}`, `${long} ${i}`, long);
      })();
    } finally {
      db.close();
    }
    const res = await get('/editor/claims?q=lengthy');
    expect(res.status).toBe(200);
    const html = await text(res);
    expect(html.length).toBeLessThan(100 * KB);
    expect(html).toContain('1–50 of 120 claims');
    expect(html.match(/<tr>/g)?.length).toBe(51);
    expect(await text(await get('/editor/claims?q=lengthy&page=3'))).toContain('101–120 of 120 claims');
  });
});

describe('the dashboard', () => {
  it('says what kind of entry each recent change is', async () => {
    const html = await text(await get('/editor'));
    expect(html).toMatch(/<span class="kind-label">(Claim|Source|Person|Organisation|Court case|Topic)<\/span>/);
  });
});

describe('the Edit link on public pages', () => {
  const pages = () => {
    const id = (table: string, slug: string) =>
      sql<{ id: number }[]>(`select id from ${table} where slug = ?`, slug)[0].id;
    return [
      {
        path: '/claims/andy-purdy-denies-backdoor-access',
        edit: `/editor/claims/${id('claims', 'andy-purdy-denies-backdoor-access')}`,
        label: 'Edit this claim',
      },
      {
        path: '/sources/foxbiz-purdy-denial',
        edit: `/editor/sources/${id('sources', 'foxbiz-purdy-denial')}`,
        label: 'Edit this source',
      },
      { path: '/people/andy-purdy', edit: `/editor/people/${id('entities', 'andy-purdy')}`, label: 'Edit this person' },
      {
        path: '/organisations/huawei-technologies',
        edit: `/editor/organisations/${id('entities', 'huawei-technologies')}`,
        label: 'Edit this organisation',
      },
      {
        path: '/cases/us-v-huawei-edny',
        edit: `/editor/cases/${id('cases', 'us-v-huawei-edny')}`,
        label: 'Edit this court case',
      },
      { path: '/topics/huawei', edit: `/editor/topics/${id('topics', 'huawei')}`, label: 'Edit this topic' },
    ];
  };

  it('is never in a reader’s page, whose headers stay as they were', async () => {
    for (const page of pages()) {
      const res = await get(page.path, null);
      expect(res.status, page.path).toBe(200);
      expect(res.headers.get('cache-control') ?? '', page.path).not.toMatch(/private|no-store/);
      const html = await text(res);
      expect(html, page.path).not.toContain('Edit this');
      expect(html, page.path).not.toContain('href="/editor/');
    }
    // Not for a cookie that is no session either; its answer is kept private all the same (any
    // request carrying the session cookie is, so no cache ever files it with readers' pages).
    const forged = await get(pages()[0].path, '__session=forged');
    expect(await text(forged)).not.toContain('Edit this');
    expect(forged.headers.get('cache-control')).toBe('private, no-store');
  });

  it('is in an editor’s page, which says private, no-store', async () => {
    for (const page of pages()) {
      const res = await get(page.path);
      expect(res.status, page.path).toBe(200);
      expect(res.headers.get('cache-control'), page.path).toBe('private, no-store');
      expect(await text(res), page.path).toMatch(
        new RegExp(`<a rel="nofollow"[^>]* href="${page.edit}">${page.label}</a>`),
      );
    }
    // The root's data, as client-side navigation reads it, is private for an editor too.
    const data = await get('/claims/andy-purdy-denies-backdoor-access?_data=root');
    expect(data.headers.get('cache-control')).toBe('private, no-store');
    expect(await data.json()).toMatchObject({ editor: true });
    const anonymous = await get('/claims/andy-purdy-denies-backdoor-access?_data=root', null);
    expect(anonymous.headers.get('cache-control') ?? '').not.toContain('private');
    expect(await anonymous.json()).toMatchObject({ editor: false });
    // Any route's data sent to an editor is private; a reader's is not.
    const list = await get(`/editor/claims?_data=${encodeURIComponent('routes/editor.$kind._index')}`);
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toBe('private, no-store');
    const claimData = `/claims/andy-purdy-denies-backdoor-access?_data=${encodeURIComponent('routes/claims.$slug')}`;
    expect((await get(claimData)).headers.get('cache-control')).toBe('private, no-store');
    expect((await get(claimData, null)).headers.get('cache-control') ?? '').not.toContain('private');
  });

  it('makes any page drawn for an editor private, a 404 included', async () => {
    const missing = await get('/claims/no-such-claim');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('private, no-store');
    const home = await get('/');
    expect(home.headers.get('cache-control')).toBe('private, no-store');
    expect(await text(home)).not.toContain('Edit this');
  });
});
