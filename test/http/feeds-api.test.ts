/**
 * Feeds, sitemap, robots.txt and the read API over real HTTP, from the built server with its own
 * temp database seeded from content/. The XML is read back with a real parser (fast-xml-parser),
 * every link is followed, and a draft claim put straight into the database must never show.
 */
import Database from 'better-sqlite3';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';

let server: StartedServer;

const DRAFT_SLUG = 'draft-claim-never-public';
const ODD_SLUG = 'claim-with-markup-in-its-text';
const ODD_STATEMENT = 'Tom & Jerry said <b>"bold"</b> it\'s ]]> fine\u0001\u0008 today';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  isArray: (name) => ['entry', 'link', 'category', 'url'].includes(name),
});

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

interface AtomEntry {
  id: string;
  title: { '#text': string } | string;
  link: { '@_rel': string; '@_href': string }[];
  published: string;
  updated: string;
  author: { name: string };
  summary: { '#text': string } | string;
  category?: { '@_term': string; '@_label': string }[];
}
interface AtomFeed {
  id: string;
  title: { '#text': string } | string;
  updated: string;
  link: { '@_rel': string; '@_href': string }[];
  entry?: AtomEntry[];
}

const text = (node: { '#text': string } | string) => (typeof node === 'string' ? node : node['#text']);
const alternate = (entry: AtomEntry) => entry.link.find((l) => l['@_rel'] === 'alternate')!['@_href'];

async function getFeed(base: string, feedPath: string): Promise<AtomFeed> {
  const res = await fetch(base + feedPath);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  expect(res.headers.get('cache-control')).toBe('public, max-age=300');
  const xml = await res.text();
  expect(XMLValidator.validate(xml)).toBe(true);
  return (parser.parse(xml) as { feed: AtomFeed }).feed;
}

async function getSitemapLocs(base: string) {
  const res = await fetch(`${base}/sitemap.xml`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
  const xml = await res.text();
  expect(XMLValidator.validate(xml)).toBe(true);
  const urls = (parser.parse(xml) as { urlset: { url: { loc: string; lastmod?: string }[] } }).urlset.url;
  return urls;
}

interface ApiList {
  data: { slug: string; url: string; api: string; verdict?: { id: string }; speaker?: { slug: string } | null }[];
  page: number;
  perPage: number;
  total: number;
  pageCount: number;
  links: { self: string; next: string | null; prev: string | null };
}

async function api<T = any>(pathOrUrl: string): Promise<{ status: number; headers: Headers; body: T }> {
  const res = await fetch(pathOrUrl.startsWith('http') ? pathOrUrl : server.url + pathOrUrl);
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

async function allClaimSlugs(query = ''): Promise<string[]> {
  const { body } = await api<ApiList>(`/api/claims?perPage=100${query}`);
  return body.data.map((c) => c.slug);
}

beforeAll(async () => {
  server = await startServer();
  // Written behind the server's back, as an editor's unpublished work and a published claim
  // whose text needs escaping. Both have the newest update time, so a leak would top the feed.
  const db = new Database(server.databasePath);
  const future = Math.floor(Date.now() / 1000) + 3600;
  const speaker = db.prepare(`select id from entities where slug = 'andy-purdy'`).get() as { id: number };
  const topic = db.prepare(`select id from topics where slug = 'huawei'`).get() as { id: number };
  const insert = db.prepare(
    `insert into claims (slug, statement, speaker_id, claimed_on, verdict_id, verdict_explanation, status, published_at, updated_at)
     values (?, ?, ?, '2020-03-01', 'false', ?, ?, ?, ?)`,
  );
  const draft = insert.run(DRAFT_SLUG, 'A secret draft claim.', speaker.id, 'Draft.', 'draft', null, future + 60);
  const odd = insert.run(ODD_SLUG, ODD_STATEMENT, speaker.id, 'Is 1 < 2 & "so" on?', 'published', future, future);
  for (const claimId of [draft.lastInsertRowid, odd.lastInsertRowid]) {
    db.prepare('insert into claim_topics (claim_id, topic_id) values (?, ?)').run(claimId, topic.id);
  }
  // Renamed entries: their old slugs, as an editor's rename leaves them.
  db.prepare(
    `insert into slug_redirects (entity_kind, old_slug, entity_id) values ('source', 'fox-business-purdy', (select id from sources where slug = 'foxbiz-purdy-denial'))`,
  ).run();
  db.prepare(
    `insert into slug_redirects (entity_kind, old_slug, entity_id) values ('claim', 'purdy-denial', (select id from claims where slug = 'andy-purdy-denies-backdoor-access'))`,
  ).run();
  db.close();
});

afterAll(async () => {
  await server?.stop();
});

describe('Atom feeds', () => {
  it('/feed.xml is a valid Atom feed of published claims with absolute links that resolve', async () => {
    const feed = await getFeed(server.url, '/feed.xml');
    expect(feed.id).toBe(`${server.url}/feed.xml`);
    expect(text(feed.title)).toMatch(/latest fact-checks/);
    expect(feed.updated).toMatch(RFC3339);
    expect(feed.link.find((l) => l['@_rel'] === 'self')!['@_href']).toBe(`${server.url}/feed.xml`);

    const entries = feed.entry!;
    const published = await allClaimSlugs();
    expect(entries).toHaveLength(published.length);
    for (const entry of entries) {
      const href = alternate(entry);
      expect(href.startsWith(`${server.url}/claims/`)).toBe(true);
      expect(entry.id).toBe(href);
      expect(text(entry.title).length).toBeGreaterThan(0);
      expect(text(entry.title).length).toBeLessThanOrEqual(140);
      for (const date of [entry.published, entry.updated]) {
        expect(date).toMatch(RFC3339);
        expect(Number.isNaN(Date.parse(date))).toBe(false);
      }
      expect(entry.author.name).toBeTruthy();
      expect(text(entry.summary)).toMatch(/^(Retracted\. )?[A-Z][\w -]+\./);
      const page = await fetch(href);
      expect(page.status, href).toBe(200);
    }
    const updated = entries.map((e) => Date.parse(e.updated));
    expect(updated).toEqual([...updated].sort((a, b) => b - a));
    expect(Date.parse(feed.updated)).toBe(updated[0]);
    expect(entries.map(alternate)).not.toContain(`${server.url}/claims/${DRAFT_SLUG}`);
  });

  it('escapes markup and drops characters XML cannot hold', async () => {
    const feed = await getFeed(server.url, '/feed.xml');
    const entry = feed.entry![0];
    expect(alternate(entry)).toBe(`${server.url}/claims/${ODD_SLUG}`);
    // The speaker's exact words (the default kind of statement), so in quotation marks.
    expect(text(entry.title)).toBe(`Andy Purdy: “${ODD_STATEMENT.replace('\u0001', '').replace('\u0008', '')}”`);
    expect(text(entry.summary)).toBe('False. Is 1 < 2 & "so" on?');
    expect(entry.category!.map((c) => c['@_term'])).toEqual(['huawei']);
  });

  it('a topic feed holds only that topic’s claims, each with the topic as a category', async () => {
    const feed = await getFeed(server.url, '/topics/huawei/feed.xml');
    expect(feed.id).toBe(`${server.url}/topics/huawei/feed.xml`);
    const expected = await allClaimSlugs('&topic=huawei');
    expect(feed.entry!.map(alternate).sort()).toEqual(expected.map((s) => `${server.url}/claims/${s}`).sort());
    for (const entry of feed.entry!) expect(entry.category!.map((c) => c['@_term'])).toContain('huawei');

    const other = await getFeed(server.url, '/topics/trade-secrets/feed.xml');
    const tradeSecrets = await allClaimSlugs('&topic=trade-secrets');
    expect(tradeSecrets.length).toBeLessThan(expected.length);
    expect((other.entry ?? []).map(alternate).sort()).toEqual(
      tradeSecrets.map((s) => `${server.url}/claims/${s}`).sort(),
    );
  });

  it('person and organisation feeds hold only the claims they made', async () => {
    for (const [section, slug] of [
      ['people', 'andy-purdy'],
      ['organisations', 'huawei-technologies'],
    ]) {
      const feed = await getFeed(server.url, `/${section}/${slug}/feed.xml`);
      const made = await allClaimSlugs(`&speaker=${slug}`);
      expect(made.length).toBeGreaterThan(0);
      expect((feed.entry ?? []).map(alternate).sort()).toEqual(made.map((s) => `${server.url}/claims/${s}`).sort());
      expect(feed.entry!.map(alternate)).not.toContain(`${server.url}/claims/${DRAFT_SLUG}`);
    }
  });

  it('unknown topics and speakers answer a plain 404', async () => {
    for (const feedPath of [
      '/topics/no-such-topic/feed.xml',
      '/people/no-such-person/feed.xml',
      '/people/huawei-technologies/feed.xml',
      '/organisations/andy-purdy/feed.xml',
    ]) {
      const res = await fetch(server.url + feedPath);
      expect(res.status, feedPath).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await res.text()).toMatch(/^We have no \w+ at this address\.$/);
    }
  });
});

describe('sitemap and robots.txt', () => {
  it('lists every public page with an absolute address that answers 200, and no draft', async () => {
    const urls = await getSitemapLocs(server.url);
    const locs = urls.map((u) => u.loc);
    expect(new Set(locs).size).toBe(locs.length);
    for (const page of ['/', '/claims', '/people', '/organisations', '/sources', '/cases', '/topics', '/about']) {
      expect(locs).toContain(server.url + page);
    }
    for (const slug of await allClaimSlugs()) expect(locs).toContain(`${server.url}/claims/${slug}`);
    expect(locs).toContain(`${server.url}/people/andy-purdy`);
    expect(locs).toContain(`${server.url}/organisations/huawei-technologies`);
    expect(locs).toContain(`${server.url}/sources/foxbiz-purdy-denial`);
    expect(locs).toContain(`${server.url}/cases/us-v-huawei-edny`);
    expect(locs).toContain(`${server.url}/topics/huawei`);
    expect(locs.some((l) => l.includes(DRAFT_SLUG))).toBe(false);

    const claimEntry = urls.find((u) => u.loc === `${server.url}/claims/${ODD_SLUG}`)!;
    expect(claimEntry.lastmod).toMatch(RFC3339);
    for (const url of urls) {
      if (url.lastmod) expect(Number.isNaN(Date.parse(url.lastmod))).toBe(false);
      expect(url.loc.startsWith(`${server.url}/`)).toBe(true);
      const res = await fetch(url.loc, { redirect: 'manual' });
      expect(res.status, url.loc).toBe(200);
    }
  });

  it('robots.txt keeps crawlers out of the editor, sign-in and API and points to the sitemap', async () => {
    const res = await fetch(`${server.url}/robots.txt`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const lines = (await res.text()).split('\n');
    expect(lines).toContain('User-agent: *');
    expect(lines).toContain('Disallow: /editor');
    expect(lines).toContain('Disallow: /login');
    expect(lines).toContain('Disallow: /api/');
    expect(lines).toContain(`Sitemap: ${server.url}/sitemap.xml`);
    expect(lines.filter((l) => l.startsWith('Disallow:'))).toHaveLength(3);
  });
});

describe('read API', () => {
  it('answers JSON with CORS and caching headers', async () => {
    for (const apiPath of [
      '/api/claims',
      '/api/claims/andy-purdy-denies-backdoor-access',
      '/api/people',
      '/api/people/andy-purdy',
      '/api/organisations',
      '/api/organisations/huawei-technologies',
      '/api/sources',
      '/api/sources/foxbiz-purdy-denial',
      '/api/cases',
      '/api/cases/us-v-huawei-edny',
      '/api/claims/no-such-claim',
      '/api/claims?page=0',
    ]) {
      const res = await api(apiPath);
      expect(res.headers.get('content-type'), apiPath).toBe('application/json; charset=utf-8');
      expect(res.headers.get('access-control-allow-origin'), apiPath).toBe('*');
      expect(res.headers.get('cache-control'), apiPath).toBe('public, max-age=60');
    }
  });

  it('pages through every published claim exactly once, forwards and back, never a draft', async () => {
    const first = await api<ApiList>('/api/claims?perPage=2');
    expect(first.status).toBe(200);
    const { total, pageCount } = first.body;
    expect(total).toBe((await allClaimSlugs()).length);
    expect(pageCount).toBe(Math.ceil(total / 2));
    expect(first.body.links.prev).toBeNull();
    expect(first.body.links.self).toBe(`${server.url}/api/claims?page=1&perPage=2`);

    const seen: string[] = [];
    let pageUrl: string | null = first.body.links.self;
    let last: ApiList | null = null;
    while (pageUrl) {
      expect(pageUrl.startsWith(`${server.url}/api/claims?`)).toBe(true);
      const res: { status: number; body: ApiList } = await api<ApiList>(pageUrl);
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.data.map((c) => c.slug));
      last = res.body;
      pageUrl = res.body.links.next;
    }
    expect(last!.page).toBe(pageCount);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen.sort()).toEqual((await allClaimSlugs()).sort());
    expect(seen).not.toContain(DRAFT_SLUG);
    expect(seen).toContain(ODD_SLUG);

    const back: string[] = [];
    pageUrl = last!.links.self;
    while (pageUrl) {
      const res: { body: ApiList } = await api<ApiList>(pageUrl);
      back.push(...res.body.data.map((c) => c.slug));
      pageUrl = res.body.links.prev;
    }
    expect(back.sort()).toEqual(seen);
  });

  it('filters like the claims page, and links keep the filters', async () => {
    const accurate = await api<ApiList>('/api/claims?verdict=accurate');
    expect(accurate.body.total).toBeGreaterThan(0);
    for (const claim of accurate.body.data) expect(claim.verdict!.id).toBe('accurate');

    const bySpeaker = await api<ApiList>('/api/claims?speaker=andy-purdy&perPage=1');
    expect(bySpeaker.body.total).toBe(2);
    for (const claim of bySpeaker.body.data) expect(claim.speaker!.slug).toBe('andy-purdy');
    expect(bySpeaker.body.links.next).toBe(`${server.url}/api/claims?speaker=andy-purdy&page=2&perPage=1`);

    const march = await api<ApiList & { data: { claimedOn: string }[] }>('/api/claims?from=2020-03&to=2020-03');
    expect(march.body.total).toBeGreaterThan(0);
    for (const claim of march.body.data) expect(claim.claimedOn.startsWith('2020-03')).toBe(true);

    const huawei = await allClaimSlugs('&topic=huawei');
    expect(huawei).toContain(ODD_SLUG);
    expect(huawei).not.toContain(DRAFT_SLUG);
  });

  it('refuses bad parameters with 400 and a message per field', async () => {
    const cases: [string, string][] = [
      ['page=0', 'page'],
      ['page=abc', 'page'],
      ['page=99999999999999999999', 'page'],
      ['perPage=0', 'perPage'],
      ['perPage=101', 'perPage'],
      ['perPage=2.5', 'perPage'],
      ['verdict=%3Cscript%3Ealert(1)%3C%2Fscript%3E', 'verdict'],
      ['verdict=nonsense', 'verdict'],
      ['topic=no-such-topic', 'topic'],
      ['speaker=nobody-at-all', 'speaker'],
      ['from=2020-13', 'from'],
      ['to=2021-02-29', 'to'],
      ['from=2021&to=2020', 'to'],
    ];
    for (const [query, field] of cases) {
      const res = await api<{ error: string; fields: Record<string, string> }>(`/api/claims?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error).toBe('Invalid parameters');
      expect(res.body.fields[field], query).toMatch(/\w/);
    }
    const lists = await api<{ fields: Record<string, string> }>('/api/people?perPage=1000&page=-1');
    expect(lists.status).toBe(400);
    expect(Object.keys(lists.body.fields).sort()).toEqual(['page', 'perPage']);
  });

  it('answers 404 JSON for pages past the end and unknown or unpublished slugs', async () => {
    const past = await api<{ error: string }>('/api/claims?page=500');
    expect(past.status).toBe(404);
    expect(past.body.error).toMatch(/There (is|are) only \d+ pages?\./);
    expect((await api('/api/sources?page=500')).status).toBe(404);
    for (const apiPath of [
      '/api/claims/no-such-claim',
      `/api/claims/${DRAFT_SLUG}`,
      '/api/claims/%3Cscript%3E',
      '/api/people/no-such-person',
      '/api/people/huawei-technologies',
      '/api/organisations/andy-purdy',
      '/api/sources/no-such-source',
      '/api/cases/no-such-case',
    ]) {
      const res = await api<{ error: string }>(apiPath);
      expect(res.status, apiPath).toBe(404);
      expect(res.body.error).toMatch(/^No [\w ]+ at this address\.$/);
    }
  });

  it('follows a renamed entry: its old slug answers 301 to the new API address', async () => {
    for (const [old, current] of [
      ['/api/sources/fox-business-purdy', '/api/sources/foxbiz-purdy-denial'],
      ['/api/claims/purdy-denial', '/api/claims/andy-purdy-denies-backdoor-access'],
    ]) {
      const res = await fetch(server.url + old, { redirect: 'manual' });
      expect(res.status, old).toBe(301);
      expect(res.headers.get('location')).toBe(current);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      const followed = await fetch(server.url + old);
      expect(followed.status).toBe(200);
      expect(((await followed.json()) as { slug: string }).slug).toBe(current.split('/').at(-1));
    }
  });

  it('gives a claim with speaker, verdict, topics, citations, relations both ways and cases', async () => {
    const { status, body } = await api('/api/claims/andy-purdy-denies-backdoor-access');
    expect(status).toBe(200);
    expect(body.url).toBe(`${server.url}/claims/andy-purdy-denies-backdoor-access`);
    expect(body.speaker).toMatchObject({ slug: 'andy-purdy', kind: 'person', url: `${server.url}/people/andy-purdy` });
    expect(body.verdict).toMatchObject({ id: 'unproven', label: 'Unproven' });
    expect(body.verdictExplanation).toMatch(/Purdy said Huawei could prove/);
    expect(body.topics.map((t: { slug: string }) => t.slug)).toContain('cybersecurity');
    expect(Date.parse(body.updatedAt)).not.toBeNaN();
    const denial = body.citations.find((c: any) => c.source.slug === 'foxbiz-purdy-denial');
    expect(denial).toMatchObject({ role: 'reports', locator: 'headline' });
    expect(denial.quote).toMatch(/Huawei exec denies/);
    expect(denial.source.title).toBeTruthy();
    expect(denial.source.sourceUrl).toMatch(/^https?:\/\//);
    expect(denial.source).toHaveProperty('archiveUrl');
    expect(body.relations.outgoing).toEqual([
      expect.objectContaining({
        kind: 'rebuts',
        claim: expect.objectContaining({ slug: 'us-officials-huawei-backdoor-access' }),
      }),
    ]);

    const target = await api('/api/claims/us-officials-huawei-backdoor-access');
    expect(target.body.relations.incoming.map((r: any) => [r.kind, r.claim.slug])).toContainEqual([
      'rebuts',
      'andy-purdy-denies-backdoor-access',
    ]);

    const plea = await api('/api/claims/huawei-pleads-not-guilty');
    expect(plea.body.cases.map((k: any) => k.slug)).toEqual(['us-v-huawei-edny']);
    expect(plea.body.cases[0].url).toBe(`${server.url}/cases/us-v-huawei-edny`);
  });

  it('gives people and organisations with claims made, claims about and cases', async () => {
    const people = await api<ApiList>('/api/people?perPage=5');
    expect(people.body.data).toHaveLength(5);
    expect(people.body.total).toBeGreaterThan(5);

    const purdy = await api('/api/people/andy-purdy');
    expect(purdy.body).toMatchObject({ slug: 'andy-purdy', name: 'Andy Purdy', kind: 'person' });
    const made = purdy.body.claimsMade.map((c: any) => c.slug);
    expect(made).toContain('andy-purdy-denies-backdoor-access');
    expect(made).not.toContain(DRAFT_SLUG);

    const huawei = await api('/api/organisations/huawei-technologies');
    expect(huawei.body.claimsMade.map((c: any) => c.slug)).toContain('huawei-pleads-not-guilty');
    expect(huawei.body.claimsAbout.map((c: any) => c.slug)).toContain('andy-purdy-denies-backdoor-access');
    expect(huawei.body.cases.map((k: any) => k.slug)).toEqual(['us-v-huawei-edny']);

    const organisations = await api<ApiList>('/api/organisations?perPage=100');
    expect(organisations.body.data.map((o) => o.slug)).toContain('huawei-technologies');
    expect(organisations.body.data.map((o) => o.slug)).not.toContain('andy-purdy');
  });

  it('gives sources with what cites them, and cases in full', async () => {
    const sources = await api<ApiList>('/api/sources?perPage=100');
    expect(sources.body.total).toBe(8);
    const source = await api('/api/sources/foxbiz-purdy-denial');
    expect(source.body.title).toBeTruthy();
    expect(source.body.citedBy.map((c: any) => [c.claim.slug, c.role, c.locator])).toContainEqual([
      'andy-purdy-denies-backdoor-access',
      'reports',
      'headline',
    ]);

    const cases = await api<ApiList>('/api/cases');
    expect(cases.body.data.map((k) => k.slug)).toEqual(['us-v-huawei-edny']);
    const edny = await api('/api/cases/us-v-huawei-edny');
    expect(edny.body).toMatchObject({
      caption: 'United States v. Huawei Technologies Co., Ltd., et al.',
      court: 'U.S. District Court for the Eastern District of New York',
      caseNumber: 'Cr. No. 18-457 (S-3) (AMD)',
      judge: 'Ann M. Donnelly',
      status: 'pending',
    });
    expect(edny.body.charges.map((c: any) => c.description)).toContain('Racketeering (RICO) conspiracy');
    expect(edny.body.defendants.map((d: any) => d.slug)).toContain('wanzhou-meng');
    expect(edny.body.events.length).toBeGreaterThan(0);
    expect(edny.body.claims.map((c: any) => c.claim.slug)).toContain('huawei-pleads-not-guilty');
  });
});

describe('with SITE_URL set', () => {
  let site: StartedServer;
  const SITE = 'https://claims.example';

  beforeAll(async () => {
    site = await startServer({ SITE_URL: `${SITE}/` });
  });
  afterAll(async () => {
    await site?.stop();
  });

  it('uses the configured address in feeds, sitemap, robots.txt and API links', async () => {
    const feed = await getFeed(site.url, '/feed.xml');
    expect(feed.id).toBe(`${SITE}/feed.xml`);
    for (const entry of feed.entry!) expect(alternate(entry).startsWith(`${SITE}/claims/`)).toBe(true);

    const topicFeed = await getFeed(site.url, '/topics/huawei/feed.xml');
    expect(topicFeed.id).toBe(`${SITE}/topics/huawei/feed.xml`);

    const locs = (await getSitemapLocs(site.url)).map((u) => u.loc);
    expect(locs).toContain(`${SITE}/`);
    for (const loc of locs) expect(loc.startsWith(`${SITE}/`)).toBe(true);

    const robots = await (await fetch(`${site.url}/robots.txt`)).text();
    expect(robots).toContain(`Sitemap: ${SITE}/sitemap.xml`);

    const list = await fetch(`${site.url}/api/claims?perPage=2`).then((r) => r.json() as Promise<ApiList>);
    expect(list.links.next).toBe(`${SITE}/api/claims?page=2&perPage=2`);
    expect(list.data[0].url.startsWith(`${SITE}/claims/`)).toBe(true);
  });
});
