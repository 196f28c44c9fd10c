/**
 * The reader pages when one speaker and one topic have many claims: 120 published claims by one
 * person on one topic, written straight into the built server's database. Their pages show the
 * newest 20 with working pages, refuse bad and past-the-end pages, and the sitemap turns into
 * an index once it holds more URLs than a file may (a limit lowered to 50 for this server).
 * Extra people, organisations, sources, topics and cases give every index page a page 2.
 */
import Database from 'better-sqlite3';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';

const CLAIMS = 120;
const PER_PAGE = 20;
const URL_LIMIT = 50;
const SPEAKER = 'prolific-speaker';
const TOPIC = 'busy-topic';
const SOURCE = 'much-cited-source';
/** Rows added to each index on top of content/, so that each has more than one page. */
const EXTRA = { people: 60, organisations: 10, sources: 60, topics: 15, cases: 25 };

let server: StartedServer;
const parser = new XMLParser({ isArray: (name) => ['url', 'sitemap'].includes(name) });

/** Claim n (1-based) was made on day n, so claim 120 is the newest. */
const slugOf = (n: number) => `scale-claim-${String(n).padStart(3, '0')}`;
const claimLinks = (html: string) => [...html.matchAll(/href="\/claims\/(scale-claim-\d{3})"/g)].map((m) => m[1]);

beforeAll(async () => {
  server = await startServer({ SITEMAP_URL_LIMIT: String(URL_LIMIT) });
  const db = new Database(server.databasePath);
  db.transaction(() => {
    const speaker = db
      .prepare(`insert into entities (slug, kind, name, description) values (?, 'person', 'Prolific Speaker', '')`)
      .run(SPEAKER).lastInsertRowid;
    const topic = db
      .prepare(`insert into topics (slug, name, description) values (?, 'Busy topic', '')`)
      .run(TOPIC).lastInsertRowid;
    const source = db
      .prepare(`insert into sources (slug, title) values (?, 'A much-cited source')`)
      .run(SOURCE).lastInsertRowid;
    const insertClaim = db.prepare(
      `insert into claims (slug, statement, speaker_id, claimed_on, verdict_id, status, published_at)
       values (?, ?, ?, ?, 'unproven', 'published', unixepoch())`,
    );
    for (let n = 1; n <= CLAIMS; n++) {
      const day = new Date(Date.UTC(2021, 0, n)).toISOString().slice(0, 10);
      const claim = insertClaim.run(slugOf(n), `Scale statement number ${n}.`, speaker, day).lastInsertRowid;
      db.prepare('insert into claim_topics (claim_id, topic_id) values (?, ?)').run(claim, topic);
      db.prepare(`insert into citations (claim_id, source_id, role) values (?, ?, 'made_in')`).run(claim, source);
    }
    // Names alternate upper and lower case: the indexes sort them ignoring case.
    const cased = (n: number, name: string) => (n % 2 ? name : name.toLowerCase());
    const two = (n: number) => String(n).padStart(2, '0');
    const insertEntity = db.prepare(`insert into entities (slug, kind, name, description) values (?, ?, ?, '')`);
    for (let n = 1; n <= EXTRA.people; n++)
      insertEntity.run(`index-person-${two(n)}`, 'person', cased(n, `Index Person ${two(n)}`));
    for (let n = 1; n <= EXTRA.organisations; n++) {
      insertEntity.run(`index-org-${two(n)}`, 'organisation', cased(n, `Index Org ${two(n)}`));
    }
    const insertSource = db.prepare(`insert into sources (slug, title, published_on) values (?, ?, ?)`);
    for (let n = 1; n <= EXTRA.sources; n++) {
      // Three sources a day, so the title decides between sources of the same date.
      const day = new Date(Date.UTC(2019, 0, 1 + Math.floor(n / 3))).toISOString().slice(0, 10);
      insertSource.run(`index-source-${two(n)}`, `Index source ${two(EXTRA.sources + 1 - n)}`, day);
    }
    const insertTopic = db.prepare(`insert into topics (slug, name, description) values (?, ?, '')`);
    for (let n = 1; n <= EXTRA.topics; n++) insertTopic.run(`index-topic-${two(n)}`, cased(n, `Index topic ${two(n)}`));
    const insertCase = db.prepare(`insert into cases (slug, caption, court, filed_on) values (?, ?, 'Test court', ?)`);
    for (let n = 1; n <= EXTRA.cases; n++) {
      insertCase.run(`index-case-${two(n)}`, `Index case ${two(n)}`, `2018-0${1 + (n % 9)}-01`);
    }
  })();
  db.close();
});

afterAll(async () => {
  await server?.stop();
});

describe('pages of many claims', () => {
  for (const pagePath of [`/people/${SPEAKER}`, `/topics/${TOPIC}`, `/sources/${SOURCE}`]) {
    it(`${pagePath} shows the newest ${PER_PAGE}, a count and a next page that works`, async () => {
      const first = await fetch(server.url + pagePath);
      expect(first.status).toBe(200);
      const html = await first.text();
      expect(claimLinks(html)).toEqual(Array.from({ length: PER_PAGE }, (_, i) => slugOf(CLAIMS - i)));
      expect(html).toContain(`${CLAIMS} ${pagePath.startsWith('/sources') ? 'citations' : 'claims'}, page 1 of 6`);
      expect(html).toContain(`href="${pagePath}?page=2"`);
      expect(html).toContain('rel="next"');
      expect(html).not.toContain('rel="prev"');

      const second = await fetch(`${server.url}${pagePath}?page=2`);
      expect(second.status).toBe(200);
      const secondHtml = await second.text();
      expect(claimLinks(secondHtml)).toEqual(Array.from({ length: PER_PAGE }, (_, i) => slugOf(CLAIMS - PER_PAGE - i)));
      expect(secondHtml).toContain(`href="${pagePath}?page=1"`);
      expect(secondHtml).toContain('rel="prev"');

      const last = await fetch(`${server.url}${pagePath}?page=6`);
      expect(last.status).toBe(200);
      const lastHtml = await last.text();
      expect(claimLinks(lastHtml)).toEqual(Array.from({ length: PER_PAGE }, (_, i) => slugOf(PER_PAGE - i)));
      expect(lastHtml).not.toContain('rel="next"');
    });

    it(`${pagePath} answers 404 past the last page and 400 for a page that is not one`, async () => {
      const past = await fetch(`${server.url}${pagePath}?page=7`);
      expect(past.status).toBe(404);
      expect(await past.text()).toContain('There are only 6 pages.');
      for (const bad of ['0', 'two', '1.5', '-1']) {
        const res = await fetch(`${server.url}${pagePath}?page=${bad}`);
        expect(res.status, bad).toBe(400);
      }
    });
  }

  it('the person page stays small: no more than one page of claims in the HTML', async () => {
    const html = await fetch(`${server.url}/people/${SPEAKER}`).then((res) => res.text());
    expect(new Set(claimLinks(html)).size).toBe(PER_PAGE);
    expect(Buffer.byteLength(html)).toBeLessThan(100 * 1024);
  });
});

describe('sitemap index', () => {
  it('past the per-file limit /sitemap.xml is an index; every child answers with at most the limit', async () => {
    const res = await fetch(`${server.url}/sitemap.xml`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const index = (parser.parse(xml) as { sitemapindex: { sitemap: { loc: string; lastmod?: string }[] } })
      .sitemapindex;
    const children = index.sitemap.map((s) => s.loc);
    expect(children).toContain(`${server.url}/sitemap/claims-1.xml`);
    expect(children).toContain(`${server.url}/sitemap/claims-3.xml`);

    const locs: string[] = [];
    for (const child of children) {
      const childRes = await fetch(child);
      expect(childRes.status, child).toBe(200);
      expect(childRes.headers.get('content-type')).toBe('application/xml; charset=utf-8');
      const childXml = await childRes.text();
      expect(XMLValidator.validate(childXml)).toBe(true);
      const urls = (parser.parse(childXml) as { urlset: { url: { loc: string; lastmod?: string }[] } }).urlset.url;
      expect(urls.length, child).toBeGreaterThan(0);
      expect(urls.length, child).toBeLessThanOrEqual(URL_LIMIT);
      locs.push(...urls.map((u) => u.loc));
    }
    // Every page once: all 120 new claims, the new person, topic and source, home and about.
    expect(new Set(locs).size).toBe(locs.length);
    for (let n = 1; n <= CLAIMS; n++) expect(locs).toContain(`${server.url}/claims/${slugOf(n)}`);
    for (const pagePath of ['/', '/about', `/people/${SPEAKER}`, `/topics/${TOPIC}`, `/sources/${SOURCE}`]) {
      expect(locs).toContain(server.url + pagePath);
    }
    const claimsChild = await fetch(`${server.url}/sitemap/claims-1.xml`).then((r) => r.text());
    expect(claimsChild).toMatch(/<lastmod>\d{4}-\d{2}-\d{2}T/);
  });

  it('a child that does not exist answers 404', async () => {
    for (const name of ['claims-99.xml', 'nothing-1.xml', 'claims-1', 'pages.txt']) {
      const res = await fetch(`${server.url}/sitemap/${name}`);
      expect(res.status, name).toBe(404);
    }
  });
});

describe('API list pagination', () => {
  it('/api/claims counts and pages the speaker’s claims', async () => {
    const res = await fetch(`${server.url}/api/claims?speaker=${SPEAKER}&perPage=50&page=3`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { slug: string }[]; total: number; pageCount: number; page: number };
    expect(body.total).toBe(CLAIMS);
    expect(body.pageCount).toBe(3);
    expect(body.data.map((c) => c.slug)).toEqual(Array.from({ length: 20 }, (_, i) => slugOf(20 - i)));
    expect((await fetch(`${server.url}/api/claims?speaker=${SPEAKER}&perPage=50&page=4`)).status).toBe(404);
  });

  it('/api/people and /api/sources page in order with the right total', async () => {
    for (const list of ['people', 'sources']) {
      const all = (await fetch(`${server.url}/api/${list}?perPage=100`).then((r) => r.json())) as {
        data: { slug: string }[];
        total: number;
      };
      expect(all.total).toBe(all.data.length);
      expect(all.data.map((d) => d.slug)).toContain(list === 'people' ? SPEAKER : SOURCE);
      const paged: string[] = [];
      for (let page = 1; page <= Math.ceil(all.total / 2); page++) {
        const body = (await fetch(`${server.url}/api/${list}?perPage=2&page=${page}`).then((r) => r.json())) as {
          data: { slug: string }[];
          total: number;
        };
        expect(body.total).toBe(all.total);
        paged.push(...body.data.map((d) => d.slug));
      }
      expect(paged).toEqual(all.data.map((d) => d.slug));
      const past = await fetch(`${server.url}/api/${list}?perPage=2&page=${Math.ceil(all.total / 2) + 1}`);
      expect(past.status).toBe(404);
    }
    const sources = (await fetch(`${server.url}/api/sources?perPage=100`).then((r) => r.json())) as {
      data: { slug: string; citationCount: number }[];
    };
    expect(sources.data.find((s) => s.slug === SOURCE)!.citationCount).toBe(CLAIMS);
  });
});

/**
 * Every row of an index in the order its pages show them, read from the database and sorted here
 * (not in SQL), so the pages are checked against an order worked out independently.
 */
function expectedOrder(list: 'people' | 'organisations' | 'sources' | 'topics' | 'cases'): string[] {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    const text = (a: string | null, b: string | null) =>
      a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;
    type Row = { id: number; slug: string; name: string; date: string | null };
    const byName = (a: Row, b: Row) => text(a.name.toLowerCase(), b.name.toLowerCase()) || a.id - b.id;
    // Newest first, undated last, then by title or caption.
    const byDate = (a: Row, b: Row) =>
      Number(a.date === null) - Number(b.date === null) || text(b.date, a.date) || text(a.name, b.name) || a.id - b.id;
    const rows = (query: string) => db.prepare(query).all() as Row[];
    switch (list) {
      case 'people':
      case 'organisations':
        return rows(
          `select id, slug, name from entities where kind = '${list === 'people' ? 'person' : 'organisation'}'`,
        )
          .sort(byName)
          .map((r) => r.slug);
      case 'topics':
        return rows('select id, slug, name from topics')
          .sort(byName)
          .map((r) => r.slug);
      case 'sources':
        return rows('select id, slug, title as name, published_on as date from sources')
          .sort(byDate)
          .map((r) => r.slug);
      case 'cases':
        return rows('select id, slug, caption as name, filed_on as date from cases')
          .sort(byDate)
          .map((r) => r.slug);
    }
  } finally {
    db.close();
  }
}

/** The rows an index page lists, in order: links to `/list/slug`, each once. */
const rowLinks = (html: string, list: string) => [
  ...new Set([...html.matchAll(new RegExp(`href="/${list}/([^"/?#]+)"`, 'g'))].map((m) => m[1])),
];

describe('index pages at scale', () => {
  const nouns = {
    people: 'people',
    organisations: 'organisations',
    sources: 'sources',
    topics: 'topics',
    cases: 'court cases',
  } as const;
  for (const list of ['people', 'organisations', 'sources', 'topics', 'cases'] as const) {
    it(`/${list} shows ${PER_PAGE} at a time in the usual order, with a count and working pages`, async () => {
      const expected = expectedOrder(list);
      const pageCount = Math.ceil(expected.length / PER_PAGE);
      expect(pageCount).toBeGreaterThan(1);
      const seen: string[] = [];
      for (let page = 1; page <= pageCount; page++) {
        const res = await fetch(`${server.url}/${list}${page === 1 ? '' : `?page=${page}`}`);
        expect(res.status, `page ${page}`).toBe(200);
        const html = await res.text();
        const rows = rowLinks(html, list);
        expect(rows, `page ${page}`).toEqual(expected.slice((page - 1) * PER_PAGE, page * PER_PAGE));
        expect(html).toContain(`${expected.length} ${nouns[list]}, page ${page} of ${pageCount}`);
        if (page < pageCount) expect(html).toMatch(new RegExp(`<a rel="next"[^>]* href="/${list}\\?page=${page + 1}"`));
        else expect(html).not.toContain('rel="next"');
        if (page > 1) expect(html).toMatch(new RegExp(`<a rel="prev"[^>]* href="/${list}\\?page=${page - 1}"`));
        else expect(html).not.toContain('rel="prev"');
        expect(Buffer.byteLength(html), `page ${page}`).toBeLessThan(60 * 1024);
        seen.push(...rows);
      }
      expect(seen).toEqual(expected);
    });

    it(`/${list} answers 404 past the last page and 400, with the reason, for a page that is not one`, async () => {
      const pageCount = Math.ceil(expectedOrder(list).length / PER_PAGE);
      const past = await fetch(`${server.url}/${list}?page=${pageCount + 1}`);
      expect(past.status).toBe(404);
      expect(await past.text()).toContain(`There are only ${pageCount} pages.`);
      const reasons: [string, string][] = [
        ['0', 'Page numbers start at 1.'],
        ['-1', 'Page numbers start at 1.'],
        ['abc', 'Page must be a whole number.'],
        ['1e3', 'Page must be a whole number.'],
        ['1.5', 'Page must be a whole number.'],
        ['0x2', 'Page must be a whole number.'],
        ['99999999999', 'That page does not exist.'],
      ];
      for (const [bad, reason] of reasons) {
        const res = await fetch(`${server.url}/${list}?page=${bad}`);
        expect(res.status, bad).toBe(400);
        expect(await res.text(), bad).toContain(reason);
      }
      const empty = await fetch(`${server.url}/${list}?page=`);
      expect(empty.status).toBe(200);
    });
  }

  it('/topics and /people count the claims of the rows on the page', async () => {
    const topics = expectedOrder('topics');
    const topicPage = Math.floor(topics.indexOf(TOPIC) / PER_PAGE) + 1;
    const topicHtml = await fetch(`${server.url}/topics?page=${topicPage}`).then((r) => r.text());
    expect(topicHtml).toMatch(
      new RegExp(`href="/topics/${TOPIC}">Busy topic</a></h2><p class="card__meta">${CLAIMS} claims</p>`),
    );
    expect(topicHtml).toMatch(
      /href="\/topics\/index-topic-01">Index topic 01<\/a><\/h2><p class="card__meta">0 claims<\/p>/,
    );

    const people = expectedOrder('people');
    const personPage = Math.floor(people.indexOf(SPEAKER) / PER_PAGE) + 1;
    const personHtml = await fetch(`${server.url}/people?page=${personPage}`).then((r) => r.text());
    expect(personHtml).toMatch(
      new RegExp(`href="/people/${SPEAKER}"[^>]*>Prolific Speaker</a></h2><p class="card__meta">${CLAIMS} claims</p>`),
    );
  });
});
