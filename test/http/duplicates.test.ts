/**
 * Never a duplicate, over real HTTP against the built server: the newsroom trial's duplicate
 * source (P1) is refused with a link to the one that exists and everything typed kept; a person
 * of a close name is held until confirmed; "Check for earlier fact-checks" works without
 * JavaScript; and GET /editor/similar answers editors only, with a list for any input.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { createEditor, signIn, sourceFormFields } from '../fixtures';
import { ODD_QUERIES } from '../odd-queries';

let server: StartedServer;
let cookie = '';

const CHIP_RULE = 'https://www.foxbusiness.com/technology/huawei-chip-tech-national-security';
const CHIP_TITLE = 'Trump administration wants to crack down on Huawei access to US chip-making tech: report';
const RESTATED_PURDY =
  'We can prove that our equipment is not subject to any influence for the Chinese government and we can prove that our employees are not subject to the communist goverment';

function post(pathname: string, fields: Record<string, string>) {
  return fetch(server.url + pathname, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { Origin: server.url, Cookie: cookie },
    redirect: 'manual',
  });
}

/** A page's HTML without React's text separators (`a <!-- -->b`), as a reader's text reads. */
const pageText = async (res: Response) => (await res.text()).replace(/<!-- -->/g, '');

function idOf(table: string, slug: string): number {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return (db.prepare(`select id from ${table} where slug = ?`).get(slug) as { id: number }).id;
  } finally {
    db.close();
  }
}

function claimCount(): number {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return (db.prepare('select count(*) as n from claims').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const claimFields = (over: Record<string, string> = {}) => ({
  statement: '',
  statementKind: 'quote',
  slug: '',
  speakerId: '',
  claimedOn: '2020-02-20',
  venue: 'A venue typed by the editor',
  medium: '',
  verdictId: '',
  verdictExplanation: 'An explanation typed by the editor',
  analysis: '',
  language: 'en',
  editSummary: '',
  ...over,
});

beforeAll(async () => {
  server = await startServer();
  cookie = await signIn(server, await createEditor(server, { name: 'Duplicates Editor' }));
});

afterAll(async () => {
  await server?.stop();
});

describe('a source that is already a source', () => {
  it.each([
    CHIP_RULE,
    'http://foxbusiness.com/technology/huawei-chip-tech-national-security/',
    `${CHIP_RULE}?utm_source=newsletter&utm_campaign=feb#top`,
  ])('is refused with 400 and a link to the existing source when created as %s, keeping every value', async (url) => {
    const res = await post(
      '/editor/sources/new',
      sourceFormFields({ title: CHIP_TITLE, url, authors: 'Audrey Conklin', note: 'Typed note' }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    const existing = idOf('sources', 'foxbiz-chip-rule');
    expect(html).toMatch(/id="url-error"[^>]*>This page is already a source: /);
    expect(html).toContain(`<a href="/editor/sources/${existing}">${CHIP_TITLE.replace(/&/g, '&amp;')}</a>`);
    expect(html).toContain(`value="${url.replace(/&/g, '&amp;')}"`);
    expect(html).toContain('value="Audrey Conklin"');
    expect(html).toContain('Typed note</textarea>');
    expect(html).toContain('value="2020-03-02"');
  });

  it('creates a source whose page is new', async () => {
    const res = await post('/editor/sources/new', sourceFormFields({ url: 'https://example.org/a-new-page?id=7' }));
    expect(res.status).toBe(302);
    const again = await post(
      '/editor/sources/new',
      sourceFormFields({ url: 'https://www.example.org/a-new-page/?id=7' }),
    );
    expect(again.status).toBe(400);
  });
});

describe('a source edited to another’s address', () => {
  it('is refused, while saving a source with its own address is not', async () => {
    const id = idOf('sources', 'foxbiz-aug-rule');
    const edit = (url: string) =>
      post(`/editor/sources/${id}`, sourceFormFields({ version: '1', slug: 'foxbiz-aug-rule', title: 'Edited', url }));
    const refused = await edit(`${CHIP_RULE}/`);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/id="url-error"[^>]*>This page is already a source: /);
    const own = await edit('https://www.foxbusiness.com/technology/huawei-trump-commerce-department-semiconductors');
    expect(own.status).toBe(302);
  });
});

describe('a person of a close name', () => {
  const person = (over: Record<string, string> = {}) => ({
    name: 'Purdy, Andy',
    slug: '',
    role: 'Chief security officer',
    affiliationId: '',
    description: '',
    editSummary: '',
    ...over,
  });

  it('is held with a warning naming the match, every value kept, and created once confirmed', async () => {
    const held = await post('/editor/people/new', person());
    expect(held.status).toBe(409);
    const html = await pageText(held);
    expect(html).toContain('Nothing was saved yet');
    expect(html).toContain(`href="/editor/people/${idOf('entities', 'andy-purdy')}"`);
    expect(html).toMatch(
      /<input type="checkbox" name="differentFrom" value="Purdy, Andy"\/> This is a different person/,
    );
    expect(html).toContain('value="Purdy, Andy"');
    expect(html).toContain('value="Chief security officer"');

    const confirmed = await post('/editor/people/new', person({ differentFrom: 'Purdy, Andy' }));
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get('location')).toMatch(/^\/editor\/people\/\d+\?saved=1$/);
  });

  it('asks again when the name changed after the warning', async () => {
    const res = await post('/editor/people/new', person({ name: 'Andy Purdey', differentFrom: 'Purdy, Andy' }));
    expect(res.status).toBe(409);
  });

  it('creates a name like no other at once', async () => {
    const res = await post('/editor/people/new', person({ name: 'Zebulon Quaintance' }));
    expect(res.status).toBe(302);
  });
});

describe('checking for earlier fact-checks without JavaScript', () => {
  it('sends the form back with the list and every value kept, saving nothing', async () => {
    const before = claimCount();
    const res = await post('/editor/claims/new', { ...claimFields({ statement: RESTATED_PURDY }), intent: 'similar' });
    expect(res.status).toBe(200);
    const html = await pageText(res);
    expect(html).toContain('href="/claims/andy-purdy-denies-backdoor-access"');
    expect(html).toMatch(/<strong>Unproven<\/strong> · Published/);
    expect(html).toContain(`${RESTATED_PURDY}</textarea>`);
    expect(html).toContain('value="A venue typed by the editor"');
    expect(html).toContain('An explanation typed by the editor</textarea>');
    expect(html).toContain('value="2020-02-20"');
    expect(claimCount()).toBe(before);
  });
});

describe('GET /editor/similar', () => {
  const similar = (params: Record<string, string>, withCookie = true) =>
    fetch(`${server.url}/editor/similar?${new URLSearchParams(params)}`, {
      headers: withCookie ? { Cookie: cookie } : {},
      redirect: 'manual',
    });

  it('answers anonymous visitors 401 with a JSON message, and no drafts', async () => {
    const res = await similar({ statement: RESTATED_PURDY }, false);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ error: expect.stringMatching(/Sign in/) });
  });

  it('lists the claim a restated statement repeats, with its verdict, status and link, never cached', async () => {
    const res = await similar({ statement: RESTATED_PURDY, speaker: String(idOf('entities', 'andy-purdy')) });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const body = (await res.json()) as {
      items: { slug: string; verdict: { label: string }; statusLabel: string; href: string }[];
    };
    expect(body.items.length).toBeLessThanOrEqual(5);
    expect(body.items[0]).toMatchObject({
      slug: 'andy-purdy-denies-backdoor-access',
      verdict: { label: 'Unproven' },
      statusLabel: 'Published',
      href: '/claims/andy-purdy-denies-backdoor-access',
    });
    const without = (await (
      await similar({ statement: RESTATED_PURDY, exclude: String(idOf('claims', 'andy-purdy-denies-backdoor-access')) })
    ).json()) as {
      items: { slug: string }[];
    };
    expect(without.items.map((i) => i.slug)).not.toContain('andy-purdy-denies-backdoor-access');
  });

  it('answers any input with a list, never an error', async () => {
    // (Cut to what fits in a request line; the route itself reads at most 2,000 characters.)
    for (const text of [...ODD_QUERIES.map((q) => q.slice(0, 5000)), 'prove '.repeat(800)]) {
      const res = await similar({ statement: text, speaker: text.slice(0, 300), exclude: text.slice(0, 300) });
      expect(res.status, JSON.stringify(text.slice(0, 40))).toBe(200);
      expect(Array.isArray(((await res.json()) as { items: unknown[] }).items)).toBe(true);
    }
    const bare = await fetch(`${server.url}/editor/similar`, { headers: { Cookie: cookie } });
    expect(bare.status).toBe(200);
    expect(await bare.json()).toEqual({ items: [] });
  });
});
