/**
 * The desk over real HTTP, from the built server: the queues with their counts, filters and
 * pages; the desk panel's forms; the preview (editors only, never indexed or cached, the reader's
 * markup); bylines on the public page; and the site-wide corrections log with its Atom feed.
 */
import Database from 'better-sqlite3';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { createEditor, signIn, type Editor } from '../fixtures';

let server: StartedServer;
let ana: Editor & { id: number; cookie: string };
let ben: Editor & { id: number; cookie: string };

function sql<T = unknown>(query: string, ...params: unknown[]): T {
  const db = new Database(server.databasePath);
  try {
    const statement = db.prepare(query);
    return (statement.reader ? statement.all(...params) : statement.run(...params)) as T;
  } finally {
    db.close();
  }
}

let sequence = 0;
/** A claim written straight into the server's database; returns its id. */
function insertClaim(columns: Record<string, string | number | null> = {}): number {
  const values = { slug: `desk-http-${(sequence += 1)}`, statement: `Desk claim number ${sequence}`, ...columns };
  const names = Object.keys(values);
  const result = sql<{ lastInsertRowid: number }>(
    `insert into claims (${names.join(', ')}) values (${names.map(() => '?').join(', ')})`,
    ...Object.values(values),
  );
  return Number(result.lastInsertRowid);
}

const get = (path: string, cookie?: string) =>
  fetch(server.url + path, { headers: cookie ? { Cookie: cookie } : {}, redirect: 'manual' });

function post(path: string, cookie: string, fields: Record<string, string>) {
  return fetch(server.url + path, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { Origin: server.url, Cookie: cookie },
    redirect: 'manual',
  });
}

/** The page's text as a reader reads it: React's text separators gone. */
const text = async (res: Response) => (await res.text()).replaceAll('<!-- -->', '');
const count = (html: string, needle: string) => html.split(needle).length - 1;

async function editor(name: string) {
  const account = await createEditor(server, { name });
  const [{ id }] = sql<{ id: number }[]>('select id from users where email = ?', account.email);
  return { ...account, id, cookie: await signIn(server, account) };
}

beforeAll(async () => {
  server = await startServer();
  ana = await editor('Desk Ana');
  ben = await editor('Desk Ben');
});

afterAll(async () => {
  await server?.stop();
});

describe('the queues', () => {
  it('sends anonymous visitors to sign in', async () => {
    const res = await get('/editor/desk');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?redirectTo=%2Feditor%2Fdesk');
  });

  it('lists each queue with its count, 20 to a page, and highlights what is overdue', async () => {
    for (let i = 0; i < 23; i++) insertClaim({ desk_state: 'suggested' });
    const overdue = insertClaim({ assignee_id: ana.id, due_on: '2000-01-31', statement: 'Overdue and mine' });
    const proposed = insertClaim({ desk_state: 'in_review', assignee_id: ben.id, statement: 'Proposed by Ben' });
    sql(
      `insert into claim_proposals (claim_id, kind, base_version, proposed_by) values (?, 'publish', 1, ?)`,
      proposed,
      ben.id,
    );

    const first = await get('/editor/desk?queue=suggestions', ana.cookie);
    expect(first.status).toBe(200);
    const html = await text(first);
    expect(html).toContain('<h2 id="queue-title">Unassigned suggestions (23)</h2>');
    expect(html).toContain('23 claims, page 1 of 2');
    expect(count(html, 'class="desk-item"')).toBe(20);
    expect(html).toContain('href="/editor/desk?queue=suggestions&amp;page=2"');
    const second = await text(await get('/editor/desk?queue=suggestions&page=2', ana.cookie));
    expect(count(second, 'class="desk-item"')).toBe(3);
    expect((await get('/editor/desk?queue=suggestions&page=3', ana.cookie)).status).toBe(404);

    const mine = await text(await get('/editor/desk', ana.cookie));
    expect(mine).toContain('<h2 id="queue-title">Mine (1)</h2>');
    expect(mine).toMatch(/<span class="desk-due desk-due--overdue">Due 31 Jan 2000 \(overdue\)<\/span>/);
    expect(mine).toContain(`href="/editor/claims/${overdue}/preview"`);
    expect(mine).toContain('Overdue and mine');

    // Ben's proposal waits for Ana, not for Ben.
    expect(await text(await get('/editor/desk?queue=review', ana.cookie))).toContain('Proposed by Ben');
    const bens = await text(await get('/editor/desk?queue=review', ben.cookie));
    expect(bens).toContain('<h2 id="queue-title">Needs review (0)</h2>');
    expect(bens).not.toContain('Proposed by Ben');

    const filtered = await text(await get(`/editor/desk?queue=all&assignee=${ben.id}&state=in_review`, ana.cookie));
    expect(count(filtered, 'class="desk-item"')).toBe(1);
    expect(filtered).toContain('Proposed by Ben');
  });

  it('answers 400 for filters it cannot use, naming each beside its field', async () => {
    const res = await get('/editor/desk?queue=all&state=done&dueBefore=2027-02-30', ana.cookie);
    expect(res.status).toBe(400);
    const html = await text(res);
    expect(html).toMatch(/id="desk-filter-state-error"[^>]*>There is no such desk state\./);
    expect(html).toMatch(/id="desk-filter-due-error"[^>]*>That date does not exist\./);
    expect(html).toContain('value="2027-02-30"');
  });
});

describe('the desk panel', () => {
  it('refuses to decline without a reason (beside the field), then declines, assigns and sets a due date', async () => {
    const id = insertClaim({ desk_state: 'suggested' });
    const at = `/editor/claims/${id}/desk`;
    const refused = await post(at, ana.cookie, {
      intent: 'move',
      state: 'declined',
      reason: ' ',
      version: '1',
      back: at,
    });
    expect(refused.status).toBe(400);
    const html = await text(refused);
    expect(html).toMatch(/id="desk-reason"[^>]*aria-invalid="true"[^>]*aria-describedby="desk-reason-error/);
    expect(html).toMatch(/id="desk-reason-error"[^>]*>Say why this claim is declined\./);

    const declined = await post(at, ana.cookie, {
      intent: 'move',
      state: 'declined',
      reason: 'A prediction: nothing to check yet.',
      version: '1',
      back: '/editor/desk?queue=all',
    });
    expect(declined.status).toBe(302);
    expect(declined.headers.get('location')).toBe('/editor/desk?queue=all&saved=1');
    const assigned = await post(at, ana.cookie, { intent: 'assign', assigneeId: String(ben.id), version: '2' });
    expect(assigned.headers.get('location')).toBe(`/editor/claims/${id}?saved=1`);
    const badDate = await post(at, ana.cookie, { intent: 'due', dueOn: '2027-13-01', version: '3' });
    expect(badDate.status).toBe(400);
    expect(await text(badDate)).toContain('value="2027-13-01"');
    expect((await post(at, ana.cookie, { intent: 'due', dueOn: '2027-12-01', version: '3' })).status).toBe(302);
    // Somewhere else entirely is not a way back.
    const away = await post(at, ana.cookie, {
      intent: 'due',
      dueOn: '',
      clear: '1',
      version: '4',
      back: '//evil.example/',
    });
    expect(away.headers.get('location')).toBe(`/editor/claims/${id}?saved=1`);

    const page = await text(await get(at, ana.cookie));
    expect(page).toContain('Declined');
    expect(page).toContain('Declined: A prediction: nothing to check yet.');
    expect(page).toContain('assigned to Desk Ben');
    expect(page).toContain('no due date');
    const [row] = sql<{ version: number }[]>('select version from claims where id = ?', id);
    expect(row.version).toBe(5);

    const stale = await post(at, ana.cookie, { intent: 'assign', assigneeId: '', version: '1' });
    expect(stale.status).toBe(409);
    expect(await text(stale)).toContain('Someone changed this claim after you opened the page');
  });
});

describe('the desk panel on the claim’s editing page', () => {
  it('is part of the page’s one form: a refused change keeps what was typed, the others save', async () => {
    const id = insertClaim({ desk_state: 'suggested' });
    const at = `/editor/claims/${id}`;
    const refused = await post(at, ana.cookie, {
      intent: 'desk-decline',
      'desk.reason': ' ',
      'citation.quote': 'A quote typed meanwhile',
      version: '1',
    });
    expect(refused.status).toBe(400);
    const html = await text(refused);
    expect(html).toMatch(/id="desk-reason-error"[^>]*>Say why this claim is declined\./);
    expect(html).toContain('A quote typed meanwhile</textarea>');

    const assigned = await post(at, ana.cookie, {
      intent: 'desk-assign',
      'desk.assigneeId': String(ben.id),
      version: '1',
    });
    expect(assigned.status).toBe(302);
    expect(assigned.headers.get('location')).toBe(`${at}?saved=1`);
    expect(await text(await get(at, ana.cookie))).toContain('assigned to Desk Ben');
    expect((await post(at, ana.cookie, { intent: 'desk-due', 'desk.dueOn': '2027-12-01', version: '2' })).status).toBe(
      302,
    );
    expect(await text(await get(at, ana.cookie))).toContain('due 1 Dec 2027');
    expect((await post(at, ana.cookie, { intent: 'desk-due-clear', version: '3' })).status).toBe(302);
    const declined = await post(at, ana.cookie, {
      intent: 'desk-decline',
      'desk.reason': 'Out of scope.',
      version: '4',
    });
    expect(declined.status).toBe(302);
    const page = await text(await get(at, ana.cookie));
    expect(page).toContain('no due date');
    expect(page).toContain('Declined: Out of scope.');
  });
});

/** The reader's part of a claim page: the article, without the JSON-LD a preview leaves out. */
function article(html: string): string {
  const start = html.indexOf('<article class="page claim-page"');
  const end = html.indexOf('</article>', start);
  expect(start, 'the page has a claim article').toBeGreaterThan(-1);
  return html.slice(start, end).replace(/<script type="application\/ld\+json"[^>]*>.*?<\/script>/s, '');
}
function between(html: string, from: string, to: string): string {
  const start = html.indexOf(from);
  expect(start, `the page has ${from}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf(to, start));
}

describe('the preview', () => {
  it('is for editors only: anonymous visitors are sent to sign in', async () => {
    const res = await get('/editor/claims/1/preview');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?redirectTo=%2Feditor%2Fclaims%2F1%2Fpreview');
  });

  it('shows a published claim exactly as its public page does, labelled, never indexed or cached', async () => {
    const slug = 'andy-purdy-denies-backdoor-access';
    const [{ id }] = sql<{ id: number }[]>('select id from claims where slug = ?', slug);
    const res = await get(`/editor/claims/${id}/preview`, ana.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-robots-tag')).toContain('noindex');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const preview = await text(res);
    expect(preview).toContain('<meta name="robots" content="noindex, nofollow"/>');
    expect(preview).toContain('Preview: this is the page readers see now.');
    expect(preview).not.toContain('application/ld+json');
    // The reader's page, not the editor's: no editor navigation around it.
    expect(preview).not.toContain('aria-label="Editors"');
    const reader = await text(await get(`/claims/${slug}`));
    expect(article(preview)).toBe(article(reader));
  });

  it('shows a draft as readers will see it once it is published', async () => {
    const id = insertClaim({
      statement: 'A draft nobody has seen yet',
      verdict_id: 'misleading',
      claimed_on: '2020-02-20',
    });
    sql(`insert into citations (claim_id, source_id, role) values (?, (select min(id) from sources), 'reports')`, id);
    const slug = sql<{ slug: string }[]>('select slug from claims where id = ?', id)[0].slug;
    expect((await get(`/claims/${slug}`)).status).toBe(404);
    const preview = await text(await get(`/editor/claims/${id}/preview`, ben.cookie));
    expect(preview).toContain('<strong>Preview: readers cannot see this yet.</strong>');
    expect(preview).toContain('A draft nobody has seen yet');

    // Published as an approval would leave it (the review's own tests cover the approving).
    sql(
      `update claims set status = 'published', desk_state = 'published', published_at = unixepoch() where id = ?`,
      id,
    );
    const reader = await text(await get(`/claims/${slug}`));
    for (const [from, to] of [
      ['<figure class="claim-quote', '</figure>'],
      ['<section class="verdict-panel"', '</section>'],
      ['<section aria-labelledby="sources-title">', '</section>'],
    ]) {
      expect(between(article(preview), from, to), from).toBe(between(article(reader), from, to));
    }
  });

  it('answers 404 for a claim that does not exist', async () => {
    expect((await get('/editor/claims/999999/preview', ana.cookie)).status).toBe(404);
  });
});

describe('bylines', () => {
  const slug = 'huawei-pleads-not-guilty';
  const byline = async () => {
    const html = await text(await get(`/claims/${slug}`));
    return /<p class="byline">(.*?)<\/p>/.exec(html)?.[1].replace(/<[^>]+>/g, '') ?? null;
  };

  it('names the author and an independent reviewer, says when nobody else reviewed it, and invents none', async () => {
    expect(await byline()).toBeNull();
    sql('update claims set author_id = ?, reviewer_id = ? where slug = ?', ana.id, ben.id, slug);
    expect(await byline()).toBe('Fact-check by Desk Ana · Reviewed by Desk Ben');
    // A change its own proposer approved (REVIEW_RULE=off): not independently reviewed.
    sql(
      `insert into claim_proposals (claim_id, kind, base_version, proposed_by, status, reviewed_by)
       values ((select id from claims where slug = ?), 'edit', 1, ?, 'approved', ?)`,
      slug,
      ana.id,
      ana.id,
    );
    expect(await byline()).toBe('Fact-check by Desk Ana · Not independently reviewed');
    sql('update claims set author_id = null, reviewer_id = null where slug = ?', slug);
    expect(await byline()).toBeNull();
  });
});

describe('the corrections log', () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    isArray: (name) => name === 'entry',
  });

  it('lists every entry on public claims newest first, 20 a page, with a feed that parses', async () => {
    const published = sql<{ id: number; slug: string }[]>(
      `select id, slug from claims where status = 'published' order by id limit 2`,
    );
    const draft = insertClaim({ statement: 'Draft with a private note' });
    // Whatever content/ logs already is older than these (dated 2030), and counted in the total.
    const [{ seeded }] = sql<{ seeded: number }[]>(
      `select count(*) as seeded from claim_corrections k join claims c on c.id = k.claim_id where c.status <> 'draft'`,
    );
    const base = Date.UTC(2030, 0, 1) / 1000;
    for (let i = 0; i < 25; i++) {
      const kind = ['correction', 'update', 'retraction', 'republication'][i % 4];
      sql(
        'insert into claim_corrections (claim_id, kind, note, created_at) values (?, ?, ?, ?)',
        published[i % 2].id,
        kind,
        `Log entry ${i}`,
        base + i * 3600,
      );
    }
    sql(`insert into claim_corrections (claim_id, kind, note) values (?, 'correction', 'Never public')`, draft);

    const res = await get('/corrections');
    expect(res.status).toBe(200);
    const html = await text(res);
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" href="/corrections.xml"');
    const total = seeded + 25;
    expect(html).toContain(`${total} entries, page 1 of ${Math.ceil(total / 20)}`);
    const notes = [...html.matchAll(/<p class="public-log__note">Log entry (\d+)<\/p>/g)].map((m) => Number(m[1]));
    expect(notes).toEqual(Array.from({ length: 20 }, (_, i) => 24 - i));
    expect(html).toContain(`href="/claims/${published[0].slug}#correction-`);
    expect(html).not.toContain('Never public');
    const second = await text(await get('/corrections?page=2'));
    expect([...second.matchAll(/Log entry (\d+)</g)].map((m) => Number(m[1]))).toEqual([4, 3, 2, 1, 0]);
    expect((await get(`/corrections?page=${Math.ceil(total / 20) + 1}`)).status).toBe(404);
    expect((await get('/corrections?page=x')).status).toBe(400);

    const feed = await get('/corrections.xml');
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await feed.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parser.parse(xml) as {
      feed: {
        id: string;
        entry: {
          id: string;
          title: { '#text': string };
          summary: { '#text': string };
          link: { '@_href': string };
          updated: string;
        }[];
      };
    };
    expect(doc.feed.id).toBe(`${server.url}/corrections.xml`);
    expect(doc.feed.entry).toHaveLength(Math.min(total, 50));
    // Entry 24 is a correction (kinds go round correction, update, retraction, republication).
    expect(doc.feed.entry[0].summary['#text']).toBe('Correction. Log entry 24');
    expect(doc.feed.entry[1].title['#text']).toMatch(/^Republication: .*: /);
    const updated = doc.feed.entry.map((e) => Date.parse(e.updated));
    expect([...updated].sort((a, b) => b - a)).toEqual(updated);
    for (const entry of doc.feed.entry)
      expect(entry.link['@_href']).toMatch(new RegExp(`^${server.url}/claims/[a-z0-9-]+#correction-\\d+$`));
    expect(xml).not.toContain('Never public');

    // A claim's own log names each kind (a republication is not a correction).
    expect(await text(await get(`/claims/${published[1].slug}`))).toContain('Republication: Log entry 3');
    // The entry the feed links to is on the claim's page.
    const anchor = new URL(doc.feed.entry[0].link['@_href']);
    expect(await text(await get(anchor.pathname))).toContain(`id="${anchor.hash.slice(1)}"`);
  });

  it('is in the sitemap and linked from How we work', async () => {
    expect(await text(await get('/sitemap.xml'))).toContain(`<loc>${server.url}/corrections</loc>`);
    expect(await text(await get('/about'))).toContain('href="/corrections"');
  });
});
