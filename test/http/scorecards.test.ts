/**
 * Scorecards, the archive in numbers and the transparency pages, against the built server.
 * Claims are written straight into its database (a speaker with every kind of verdict, drafts
 * that must not count, a retracted claim that must), and every number a page shows is checked
 * against a count made here with SQL on the same file, read-only; every bar's link is followed
 * and must list exactly that many claims. The transparency pages are checked against their
 * Markdown files, and a server started on an edited copy of content/ shows the edit.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { contentCopy, tempDir } from '../content-copies';

const PUBLIC = `status in ('published', 'retracted')`;
const SPEAKER = 'scorecard-speaker';
const TOPIC = 'scorecard-topic';
const UNRATED = 'scorecard-unrated';
/** The speaker's claims: [verdict, status, how many]; null is a claim recorded without a verdict. */
const CLAIMS: [string | null, string, number][] = [
  ['false', 'published', 3],
  ['misleading', 'published', 2],
  ['accurate', 'published', 22],
  ['accurate', 'retracted', 1],
  ['unverified', 'published', 1],
  [null, 'published', 2],
  ['false', 'draft', 4],
  ['disputed', 'draft', 1],
];
const ABOUT = ['methodology', 'corrections-policy', 'who-we-are', 'contact'];

let server: StartedServer;
let db: Database.Database;

const get = (pathname: string, base = server.url) => fetch(base + pathname, { redirect: 'manual' });
async function page(pathname: string, base = server.url) {
  const response = await get(pathname, base);
  expect(response.status, pathname).toBe(200);
  return parseHTML(await response.text()).document;
}

/** The scorecard as a reader sees it: verdict label, count shown, and the bar's link if any. */
function readScorecard(doc: Document) {
  return [...doc.querySelectorAll('.scorecard__table tbody tr')].map((row) => ({
    verdict: row.querySelector('th .verdict')!.className.replace(/^verdict verdict--/, ''),
    label: row.querySelector('th')!.textContent!.trim(),
    count: Number(row.querySelector('.scorecard__count')!.textContent),
    href: row.querySelector('a')?.getAttribute('href') ?? null,
  }));
}

/** The database's own counts of public claims per verdict for a condition on claims `c`. */
function countsInDb(condition: string, ...params: unknown[]): Map<string, number> {
  const rows = db
    .prepare(
      `select verdict_id as verdict, count(*) as n from claims c where ${PUBLIC} and verdict_id is not null
       and ${condition} group by verdict_id`,
    )
    .all(...params) as { verdict: string; n: number }[];
  return new Map(rows.map((r) => [r.verdict, r.n]));
}

function expectScorecardMatches(doc: Document, counts: Map<string, number>, where: string) {
  const scale = db.prepare('select id, label from verdicts order by rating').all() as { id: string; label: string }[];
  const shown = readScorecard(doc);
  expect(
    shown.map((s) => s.verdict),
    where,
  ).toEqual(scale.map((v) => v.id));
  for (const bar of shown) expect(bar.count, `${where}: ${bar.verdict}`).toBe(counts.get(bar.verdict) ?? 0);
  return shown;
}

/** The leading number of a list's "N claims, page 1 of 2" line. */
function resultCount(doc: Document): number {
  const text = doc.querySelector('.result-count')?.textContent ?? '0';
  return Number(/^[\d,]+/.exec(text.trim())![0].replace(/,/g, ''));
}

beforeAll(async () => {
  server = await startServer();
  const writer = new Database(server.databasePath);
  writer.transaction(() => {
    const person = (slug: string, name: string) =>
      writer.prepare(`insert into entities (slug, kind, name, description) values (?, 'person', ?, '')`).run(slug, name)
        .lastInsertRowid;
    const speaker = person(SPEAKER, 'Score Card Speaker');
    const unrated = person(UNRATED, 'Unrated Speaker');
    person('scorecard-silent', 'Silent Speaker');
    const topic = writer
      .prepare(`insert into topics (slug, name, description) values (?, 'Scorecard topic', '')`)
      .run(TOPIC).lastInsertRowid;
    const insert = writer.prepare(
      `insert into claims (slug, statement, speaker_id, claimed_on, verdict_id, status, published_at)
       values (?, ?, ?, ?, ?, ?, unixepoch())`,
    );
    let n = 0;
    for (const [verdict, status, count] of CLAIMS) {
      for (let i = 0; i < count; i++) {
        n++;
        const claim = insert.run(
          `scorecard-claim-${n}`,
          `Scorecard statement ${n}.`,
          speaker,
          `2022-01-${String((n % 28) + 1).padStart(2, '0')}`,
          verdict,
          status,
        ).lastInsertRowid;
        // Every other claim is on the topic, so its scorecard differs from the speaker's.
        if (n % 2) writer.prepare('insert into claim_topics (claim_id, topic_id) values (?, ?)').run(claim, topic);
      }
    }
    // Only a claim without a verdict and a draft with one: nothing to chart.
    insert.run('scorecard-unrated-1', 'Unrated statement.', unrated, '2022-02-01', null, 'published');
    insert.run('scorecard-unrated-2', 'Unrated draft.', unrated, '2022-02-02', 'false', 'draft');
  })();
  writer.close();
  db = new Database(server.databasePath, { readonly: true, fileMustExist: true });
});

afterAll(async () => {
  db?.close();
  await server?.stop();
});

describe('scorecards', () => {
  it("shows a person's public verdicts as the database counts them, drafts left out and retracted ones in", async () => {
    const doc = await page(`/people/${SPEAKER}`);
    const id = (db.prepare('select id from entities where slug = ?').get(SPEAKER) as { id: number }).id;
    const counts = countsInDb('c.speaker_id = ?', id);
    const shown = expectScorecardMatches(doc, counts, SPEAKER);
    // What the test data says, so the SQL above cannot agree with the page by sharing a mistake.
    expect(Object.fromEntries(shown.filter((s) => s.count).map((s) => [s.verdict, s.count]))).toEqual({
      false: 3,
      misleading: 2,
      accurate: 23,
      unverified: 1,
    });
    const caption = doc.querySelector('.scorecard__table caption')!.textContent!;
    expect(caption).toContain('the 29 published claims Score Card Speaker made');
    expect(doc.querySelector('.scorecard')!.textContent).toContain('2 more published claims have no verdict yet.');
    // The bars are drawn on the server: an SVG per bar, its width the share of the largest.
    const accurate = doc.querySelector('.scorecard__fill--accurate')!;
    expect(accurate.getAttribute('width')).toBe('100');
    expect(Number(doc.querySelector('.scorecard__fill--false')!.getAttribute('width'))).toBeCloseTo((3 / 23) * 100, 0);
  });

  it("links every bar to the claim list filtered to exactly that bar's claims, and a bar of none to nothing", async () => {
    const bars = readScorecard(await page(`/people/${SPEAKER}`));
    expect(bars.filter((b) => b.href)).toHaveLength(4);
    for (const bar of bars) {
      if (bar.count === 0) {
        expect(bar.href, bar.verdict).toBeNull();
        continue;
      }
      expect(bar.href).toBe(`/claims?speaker=${SPEAKER}&verdict=${bar.verdict}`);
      const list = await page(bar.href!);
      expect(resultCount(list), bar.href!).toBe(bar.count);
      // The first page's cards all carry the bar's verdict.
      const badges = [...list.querySelectorAll('.claim-list .verdict')].map((b) => b.textContent!.trim());
      expect(badges.length).toBe(Math.min(bar.count, 20));
      expect(new Set(badges)).toEqual(new Set([bar.label]));
    }
  });

  it("shows a topic's verdicts, each bar linking to the topic's claims of that verdict", async () => {
    const doc = await page(`/topics/${TOPIC}`);
    const id = (db.prepare('select id from topics where slug = ?').get(TOPIC) as { id: number }).id;
    const counts = countsInDb('c.id in (select claim_id from claim_topics where topic_id = ?)', id);
    const bars = expectScorecardMatches(doc, counts, TOPIC);
    expect(bars.reduce((sum, b) => sum + b.count, 0)).toBe(15);
    for (const bar of bars.filter((b) => b.href)) {
      expect(bar.href).toBe(`/claims?topic=${TOPIC}&verdict=${bar.verdict}`);
      expect(resultCount(await page(bar.href!))).toBe(bar.count);
    }
  });

  it('matches the database on every person, organisation and topic page of content/', async () => {
    const entities = db.prepare(`select id, slug, kind from entities where slug not like 'scorecard-%'`).all() as {
      id: number;
      slug: string;
      kind: string;
    }[];
    let charted = 0;
    for (const e of entities) {
      const doc = await page(`/${e.kind === 'person' ? 'people' : 'organisations'}/${e.slug}`);
      const counts = countsInDb('c.speaker_id = ?', e.id);
      if (counts.size === 0) expect(doc.querySelector('.scorecard__table'), e.slug).toBeNull();
      else {
        expectScorecardMatches(doc, counts, e.slug);
        charted++;
      }
    }
    const topics = db.prepare(`select id, slug from topics where slug != ?`).all(TOPIC) as {
      id: number;
      slug: string;
    }[];
    for (const t of topics) {
      const counts = countsInDb('c.id in (select claim_id from claim_topics where topic_id = ?)', t.id);
      const doc = await page(`/topics/${t.slug}`);
      if (counts.size > 0) expectScorecardMatches(doc, counts, t.slug);
    }
    expect(charted).toBeGreaterThan(3);
  });

  it('says so in a sentence, instead of an empty chart, for a person with no claim that has a verdict', async () => {
    for (const [slug, name] of [
      [UNRATED, 'Unrated Speaker'],
      ['scorecard-silent', 'Silent Speaker'],
    ]) {
      const doc = await page(`/people/${slug}`);
      const card = doc.querySelector('.scorecard')!;
      expect(card.querySelector('table, svg'), slug).toBeNull();
      expect(card.querySelector('.empty')!.textContent).toBe(`No published claim by ${name} has a verdict yet.`);
    }
    // The unrated speaker's one public claim is still counted as having no verdict.
    expect((await page(`/people/${UNRATED}`)).querySelector('.scorecard')!.textContent).toContain(
      '1 more published claim has no verdict yet.',
    );
  });
});

describe('the archive in numbers', () => {
  it('gives counts the database agrees with, each linking to a list of exactly that many', async () => {
    const home = await page('/');
    const shown = new Map(
      [...home.querySelectorAll('.archive-numbers a')].map((a) => [
        a.getAttribute('href')!,
        Number(a.querySelector('strong')!.textContent!.replace(/,/g, '')),
      ]),
    );
    const count = (query: string) => (db.prepare(query).get() as { n: number }).n;
    const expected = {
      '/claims': count(`select count(*) as n from claims where ${PUBLIC}`),
      '/sources': count('select count(*) as n from sources'),
      '/corrections': count(
        `select count(*) as n from claim_corrections k join claims c on c.id = k.claim_id where c.${PUBLIC}`,
      ),
      '/people': count(`select count(*) as n from entities where kind = 'person'`),
      '/organisations': count(`select count(*) as n from entities where kind = 'organisation'`),
      '/cases': count('select count(*) as n from cases'),
    };
    expect(Object.fromEntries(shown)).toEqual(expected);
    expect(expected['/corrections']).toBeGreaterThan(0);
    for (const [href, n] of shown) expect(resultCount(await page(href)), href).toBe(n);
  });
});

describe('transparency pages', () => {
  const markdown = (slug: string, dir = 'content') => fs.readFileSync(path.join(dir, 'about', `${slug}.md`), 'utf8');
  const headings = (source: string, level: string) =>
    [...source.matchAll(new RegExp(`^${level} (.+)$`, 'gm'))].map((m) => m[1].trim());

  it("answer 200 with their Markdown's headings, and no marker left unrendered", async () => {
    for (const slug of ABOUT) {
      const source = markdown(slug);
      const doc = await page(`/about/${slug}`);
      expect(doc.querySelector('h1')!.textContent, slug).toBe(headings(source, '#')[0]);
      const h2s = [...doc.querySelectorAll('main h2')].map((h) => h.textContent!.trim());
      for (const heading of headings(source, '##')) expect(h2s, slug).toContain(heading);
      expect(doc.querySelector('main')!.textContent, slug).not.toContain('{{');
      expect(doc.querySelector('title')!.textContent).toContain(headings(source, '#')[0]);
    }
  });

  it("draw the verdict scale from the database and show the corrections log's newest entries", async () => {
    const methodology = await page('/about/methodology');
    const scale = db.prepare('select label, meaning from verdicts order by rating').all() as {
      label: string;
      meaning: string;
    }[];
    const listed = [...methodology.querySelectorAll('.verdict-scale > div')].map((d) => ({
      label: d.querySelector('dt')!.textContent!.trim(),
      meaning: d.querySelector('dd')!.textContent!.trim(),
    }));
    expect(listed).toEqual(scale);

    const policy = await page('/about/corrections-policy');
    const notes = db
      .prepare(
        `select k.note from claim_corrections k join claims c on c.id = k.claim_id where c.${PUBLIC}
         order by k.created_at desc, k.id desc limit 5`,
      )
      .all() as { note: string }[];
    expect(notes.length).toBeGreaterThan(0);
    const shown = [...policy.querySelectorAll('.latest-corrections .public-log__note')].map((p) => p.textContent);
    expect(shown).toEqual(notes.map((n) => n.note));
    expect(policy.querySelector('.latest-corrections a[href="/corrections"]')).not.toBeNull();
  });

  it('are linked from every page, from /about, and listed in the sitemap; an unknown one is a 404 with a sentence', async () => {
    for (const pathname of ['/', '/about', '/people/andy-purdy']) {
      const doc = await page(pathname);
      for (const slug of ABOUT) {
        expect(doc.querySelector(`footer a[href="/about/${slug}"]`), `${pathname} footer`).not.toBeNull();
      }
    }
    const hub = await page('/about');
    for (const slug of ABOUT) expect(hub.querySelector(`main a[href="/about/${slug}"]`), slug).not.toBeNull();
    const sitemap = await (await get('/sitemap.xml')).text();
    for (const slug of ABOUT) expect(sitemap).toContain(`${server.url}/about/${slug}</loc>`);
    const missing = await get('/about/no-such-page');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('There is no page about us at this address.');
  });

  it("show a newsroom's edit of the Markdown, and a page whose file was removed says it is not written yet", async () => {
    const copy = contentCopy({
      'about/who-we-are.md': (text) =>
        text
          .replace(/^# Who we are$/m, '# Who runs this tracker')
          .replace(/^## Funding$/m, '## Funding\n\nWe are paid for by **the test newsroom’s readers**.\n'),
    });
    fs.rmSync(path.join(copy, 'about', 'contact.md'));
    const edited = await startServer({ CONTENT_PATH: copy });
    try {
      const doc = await page('/about/who-we-are', edited.url);
      expect(doc.querySelector('h1')!.textContent).toBe('Who runs this tracker');
      const strong = [...doc.querySelectorAll('main p strong')].map((b) => b.textContent);
      expect(strong).toContain('the test newsroom’s readers');
      for (const heading of headings(markdown('who-we-are', copy), '##')) {
        expect(doc.querySelector('main')!.innerHTML).toContain(`<h2>${heading}</h2>`);
      }
      const removed = await get('/about/contact', edited.url);
      expect(removed.status).toBe(404);
      expect(await removed.text()).toContain('This page has not been written yet');
      // The server on the unedited content/ is unchanged.
      expect((await page('/about/who-we-are')).querySelector('h1')!.textContent).toBe('Who we are');
    } finally {
      await edited.stop();
    }
  });

  it('render raw HTML in the Markdown as text, never as markup', async () => {
    const copy = tempDir();
    fs.cpSync(path.resolve('content'), copy, { recursive: true });
    fs.appendFileSync(
      path.join(copy, 'about', 'methodology.md'),
      '\n<script>alert(1)</script> [x](javascript:alert(1))\n',
    );
    const edited = await startServer({ CONTENT_PATH: copy });
    try {
      const html = await (await get('/about/methodology', edited.url)).text();
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).not.toContain('href="javascript:');
    } finally {
      await edited.stop();
    }
  });
});
