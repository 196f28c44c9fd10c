/**
 * The search engine on the real dataset in content/, imported into this file's own SQLite
 * database: ranking, stemming, prefixes, typos, field syntax, snippets, speed on odd input,
 * keeping up with edits (delta index), sharding and the saved index.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeDb, databasePath, getDb, migrateDatabase } from '../../db/client';
import { importContent } from '~/content/import.server';
import { bumpDataVersion, getDataVersion } from '../../db/data-version';
import { parseSearchParams, RESULTS_PER_PAGE, searchSite, type SearchResultItem } from '~/models/search.server';
import { splitCompound, stem } from '~/search/analysis';
import { SearchEngine } from '~/search/engine.server';
import { getSearchEngine, prepareSearch, refreshSearch, searchIndexDir } from '~/search/index.server';
import { parseQuery, splitWords } from '~/search/query';
import { buildShard, shardDocuments, type SearchDocument } from '~/search/shard-format.server';
import { readManifest } from '~/search/store.server';
import { ODD_QUERIES } from '../odd-queries';

const BACKDOOR_CLAIMS = ['us-officials-huawei-backdoor-access', 'andy-purdy-denies-backdoor-access'];

function search(q: string, extra: Record<string, string> = {}) {
  const parsed = parseSearchParams(new URLSearchParams({ q, ...extra }));
  if (!parsed.ok) throw new Error(`invalid parameters: ${JSON.stringify(parsed.errors)}`);
  return searchSite(parsed.params);
}

const slugs = (items: SearchResultItem[]) => items.map((i) => i.slug);
const hitTexts = (item: SearchResultItem) =>
  [...item.titleSegments, ...item.snippet].filter((s) => s.hit).map((s) => s.text);

function claimId(slug: string): number {
  const row = getDb().$client.prepare('select id from claims where slug = ?').get(slug) as { id: number } | undefined;
  if (!row) throw new Error(`no claim ${slug}`);
  return row.id;
}

async function eventually<T>(read: () => T, ok: (value: T) => boolean, withinMs = 2_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  let value = read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25));
    value = read();
  }
  return value;
}

beforeAll(() => {
  importContent(getDb(), path.resolve('content'));
  prepareSearch(() => {});
});

describe('search on the seeded dataset', () => {
  it('is ready and indexes every public entry', () => {
    const { engine, ready } = getSearchEngine();
    expect(ready).toBe(true);
    const sqlite = getDb().$client;
    const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
    const expected =
      count(`select count(*) as n from claims where status in ('published', 'retracted')`) +
      count('select count(*) as n from entities') +
      count('select count(*) as n from sources') +
      count('select count(*) as n from cases') +
      count('select count(*) as n from topics');
    expect(expected).toBeGreaterThan(40);
    expect(engine.documentCount).toBe(expected);
    expect(engine.dataVersion).toBe(getDataVersion(getDb()));
  });

  it('ranks the two back-door claims first for "backdoor"', () => {
    const r = search('backdoor');
    expect(r.total).toBeGreaterThanOrEqual(2);
    expect(slugs(r.items).slice(0, 2).sort()).toEqual([...BACKDOOR_CLAIMS].sort());
    expect(r.items.slice(0, 2).every((i) => i.kind === 'claim')).toBe(true);
  });

  it('finds both back-door claims, with "backdoor" (or "back door") marked in each', () => {
    const r = search('backdoor');
    for (const slug of BACKDOOR_CLAIMS) {
      const item = r.items.find((i) => i.slug === slug);
      expect(item, slug).toBeDefined();
      expect(item!.href).toBe(`/claims/${slug}`);
      const hits = hitTexts(item!);
      expect(hits.length, slug).toBeGreaterThan(0);
      for (const text of hits) expect(text.toLowerCase()).toMatch(/back|door/);
    }
  });

  it('finds the Huawei court case for "racketeering", with the word marked', () => {
    const r = search('racketeering');
    const item = r.items.find((i) => i.kind === 'case');
    expect(item?.slug).toBe('us-v-huawei-edny');
    expect(item?.href).toBe('/cases/us-v-huawei-edny');
    expect(hitTexts(item!).map((t) => t.toLowerCase())).toContain('racketeering');
  });

  it('finds the case by its docket number "18-457"', () => {
    const r = search('18-457');
    expect(slugs(r.items)[0]).toBe('us-v-huawei-edny');
    expect(r.items[0].kind).toBe('case');
    expect(r.items[0].titleSegments.filter((s) => s.hit).map((s) => s.text)).toContain('18-457');
  });

  it('matches other forms of a word: "denies" finds "denied", and "deny" finds the same entries', () => {
    const r = search('denies');
    expect(r.total).toBeGreaterThan(1);
    const allHits = r.items.flatMap(hitTexts).map((t) => splitWords(t)[0]);
    expect(allHits).toContain('denied');
    expect(allHits).toContain('denies');
    for (const item of r.items) {
      for (const word of hitTexts(item).flatMap((t) => splitWords(t))) expect(stem(word)).toBe(stem('denies'));
    }
    expect(slugs(search('deny').items).sort()).toEqual(slugs(r.items).sort());
    expect(slugs(search('denied').items).sort()).toEqual(slugs(r.items).sort());
  });

  it('completes a word still being typed: "huaw" finds Huawei entries', () => {
    const r = search('huaw');
    expect(r.fuzzy).toBe(false);
    expect(r.total).toBeGreaterThan(10);
    expect(slugs(r.items)).toContain('huawei-technologies');
    for (const item of r.items) {
      expect(
        hitTexts(item).some((t) => t.toLowerCase().startsWith('huawei')),
        item.slug,
      ).toBe(true);
    }
    expect(search('backd').items.map((i) => i.slug)).toEqual(expect.arrayContaining(BACKDOOR_CLAIMS));
  });

  it('forgives a typo: "huwaei" finds Huawei entries and suggests "huawei"', () => {
    const r = search('huwaei');
    expect(r.fuzzy).toBe(true);
    expect(r.suggestion).toBe('huawei');
    expect(r.total).toBeGreaterThan(10);
    expect(slugs(r.items)).toContain('huawei-technologies');
    expect(r.items.flatMap(hitTexts).some((t) => t.toLowerCase().startsWith('huawei'))).toBe(true);
    // Two slips are forgiven in a long word.
    const long = search('supersedng');
    expect(long.fuzzy).toBe(true);
    expect(slugs(long.items)).toEqual(expect.arrayContaining(['lawfare-superseding', 'us-v-huawei-edny']));
    expect(long.suggestion).toMatch(/^supersed/);
  });

  it('forgives a slip in a word whose ending the stemmer would strip', () => {
    // One missing letter in "racketeering" and one swap in "indictment": within the allowance of
    // two edits for words of nine letters or more.
    const racket = search('rackteering');
    expect(slugs(racket.items)).toContain('us-v-huawei-edny');
    expect(racket.suggestion).toMatch(/^racket/);
    const indict = search('indictmnet');
    expect(slugs(indict.items)).toEqual(expect.arrayContaining(['huawei-pleads-not-guilty', 'us-v-huawei-edny']));
    expect(indict.suggestion).toMatch(/^indict/);
  });

  it('treats a misspelt last word like any other misspelt word', () => {
    // "backdor" is not the start of any indexed word, so it is a slip, not a word still being
    // typed: the search must not quietly drop it and answer for "purdy" alone.
    const last = search('purdy backdor');
    const first = search('backdor purdy');
    expect(first.fuzzy).toBe(true);
    expect(first.suggestion).toBe('backdoor purdy');
    expect(last.fuzzy).toBe(true);
    expect(last.suggestion).toBe('purdy backdoor');
    expect(slugs(last.items).slice(0, 3).sort()).toEqual(slugs(first.items).slice(0, 3).sort());
  });

  it('gives no suggestion when the words are found as typed', () => {
    const r = search('huawei');
    expect(r.fuzzy).toBe(false);
    expect(r.suggestion).toBeNull();
  });

  it('speaker:purdy returns only Andy Purdy’s claim', () => {
    const r = search('speaker:purdy');
    expect(slugs(r.items)).toEqual(['andy-purdy-denies-backdoor-access']);
    expect(r.total).toBe(1);
  });

  it('kind:case returns only court cases', () => {
    const r = search('kind:case');
    expect(r.total).toBeGreaterThan(0);
    expect(r.items.every((i) => i.kind === 'case')).toBe(true);
    expect(slugs(r.items)).toContain('us-v-huawei-edny');
    const claims = search('huawei kind:claim');
    expect(claims.total).toBeGreaterThan(1);
    expect(claims.items.every((i) => i.kind === 'claim')).toBe(true);
  });

  it('combines words with AND: "purdy backdoor" only returns entries with both', () => {
    const both = new Set(slugs(search('purdy backdoor').items));
    const purdy = new Set(slugs(search('purdy').items));
    const backdoor = new Set(slugs(search('backdoor').items));
    expect(both.size).toBeGreaterThan(0);
    for (const slug of both) {
      expect(purdy.has(slug)).toBe(true);
      expect(backdoor.has(slug)).toBe(true);
    }
  });

  it('counts per kind add up to the total, and the kind filter narrows the list to its count', () => {
    for (const q of ['huawei', 'huaw', 'denies', 'backdoor', 'racketeering', 'huwaei']) {
      const all = search(q);
      const sum = Object.values(all.counts).reduce((a, b) => a + b, 0);
      expect(sum, q).toBe(all.total);
      for (const [kind, n] of Object.entries(all.counts)) {
        const only = search(q, { kind });
        expect(only.total, `${q} kind=${kind}`).toBe(n);
        expect(only.counts, `${q} kind=${kind}`).toEqual(all.counts);
        expect(only.items.every((i) => i.kind === kind)).toBe(true);
      }
    }
  });

  it('pages through long result lists without repeating or losing entries', () => {
    const first = search('huawei');
    expect(first.pageCount).toBeGreaterThan(1);
    const seen: string[] = [];
    for (let page = 1; page <= first.pageCount; page += 1) {
      const r = search('huawei', { page: String(page) });
      expect(r.page).toBe(page);
      seen.push(...r.items.map((i) => `${i.kind}:${i.slug}`));
    }
    expect(seen).toHaveLength(first.total);
    expect(new Set(seen).size).toBe(first.total);
    // A page past the end shows the last page.
    expect(search('huawei', { page: '999' }).page).toBe(first.pageCount);
  });

  it('applies verdict, speaker, topic and date filters', () => {
    const byVerdict = search('huawei', { verdict: 'unproven' });
    expect(byVerdict.total).toBeGreaterThan(0);
    expect(byVerdict.items.every((i) => i.verdict === 'unproven')).toBe(true);

    const bySpeaker = search('', { speaker: 'andy-purdy' });
    expect(slugs(bySpeaker.items)).toEqual(['andy-purdy-denies-backdoor-access']);

    const byTopic = search('', { topic: 'cybersecurity' });
    expect(slugs(byTopic.items)).toEqual(expect.arrayContaining(BACKDOOR_CLAIMS));
    expect(byTopic.items.every((i) => i.kind === 'claim')).toBe(true);

    const inFebruary = search('huawei', { from: '2020-02-12', to: '2020-02-13' });
    expect(inFebruary.total).toBeGreaterThan(0);
    for (const item of inFebruary.items) {
      expect(item.date! >= '2020-02-12' && item.date!.slice(0, 10) <= '2020-02-13', item.slug).toBe(true);
    }
  });

  it('builds snippets whose marked segments are exactly the matched words', () => {
    for (const q of ['backdoor', 'racketeering', 'purdy', 'superseding indictment']) {
      // A run-together word also matches as two words ("backdoor" ~ "back doors").
      const wanted = new Set(
        parseQuery(q).terms.flatMap((t) => [stem(t.word), ...splitCompound(t.word).flat().map(stem)]),
      );
      const r = search(q);
      expect(r.items.length, q).toBeGreaterThan(0);
      for (const item of r.items) {
        const hits = hitTexts(item);
        expect(hits.length, `${q}: ${item.slug}`).toBeGreaterThan(0);
        for (const text of hits) {
          expect(
            splitWords(text).some((w) => wanted.has(stem(w))),
            `${q}: ${text}`,
          ).toBe(true);
        }
        expect(item.snippet.map((s) => s.text).join('').length).toBeGreaterThan(0);
      }
    }
  });

  it('shows a result’s title whole when it is short, with the matched word marked', () => {
    // "superseding" is the tenth word of this claim's 12-word statement.
    const item = search('superseding').items.find((i) => i.slug === 'huawei-pleads-not-guilty');
    expect(item).toBeDefined();
    expect(item!.titleSegments.filter((s) => s.hit).map((s) => s.text)).toEqual(['superseding']);
    expect(item!.titleSegments.map((s) => s.text).join('')).toBe(item!.title);
    for (const q of ['backdoor', 'racketeering', 'purdy', 'huawei', 'license applications']) {
      for (const i of search(q).items) {
        expect(i.titleSegments.map((s) => s.text).join(''), `${q}: ${i.slug}`).toBe(
          i.title.replace(/\s+/g, ' ').trim(),
        );
      }
    }
  });

  it('answers "No results" data for words that are nowhere', () => {
    const r = search('zzzzqqq');
    expect(r.total).toBe(0);
    expect(r.items).toEqual([]);
    expect(Object.values(r.counts).every((n) => n === 0)).toBe(true);
  });

  it.each(ODD_QUERIES.map((q) => [JSON.stringify(q.slice(0, 40)), q]))(
    'never throws and answers within 200 ms: %s',
    (_label, q) => {
      const started = performance.now();
      const r = search(q);
      const { engine } = getSearchEngine();
      const direct = engine.search(parseQuery(q));
      const took = performance.now() - started;
      expect(took).toBeLessThan(200);
      // The first page holds as many of the results as fit on it.
      expect(r.items).toHaveLength(Math.min(r.total, RESULTS_PER_PAGE));
      expect(Object.values(r.counts).reduce((a, b) => a + b, 0)).toBe(r.total);
      expect(direct.total).toBe(r.total);
      expect(r.query.length).toBeLessThanOrEqual(10_000);
    },
  );

  it('finds entries through accents and control characters in the query', () => {
    expect(search('Hu\u0301awei').total).toBe(search('huawei').total);
    expect(slugs(search('\u0000backdoor\u0007\u202e').items)).toEqual(slugs(search('backdoor').items));
    expect(slugs(search('BACKDOOR').items)).toEqual(slugs(search('backdoor').items));
  });

  it('rejects invalid filter parameters instead of searching', () => {
    expect(parseSearchParams(new URLSearchParams({ q: 'x', kind: 'zzz' })).ok).toBe(false);
    expect(parseSearchParams(new URLSearchParams({ q: 'x', page: 'abc' })).ok).toBe(false);
    expect(parseSearchParams(new URLSearchParams({ q: 'x', page: '0' })).ok).toBe(false);
    expect(parseSearchParams(new URLSearchParams({ q: 'x', from: '13/02/2020' })).ok).toBe(false);
    expect(parseSearchParams(new URLSearchParams({ q: 'x', speaker: 'Andy Purdy' })).ok).toBe(false);
    expect(parseSearchParams(new URLSearchParams({ q: 'x', kind: '', page: '' })).ok).toBe(true);
  });
});

describe('a SearchEngine over several shards', () => {
  const docs: SearchDocument[] = Array.from({ length: 120 }, (_, i) => ({
    ref: `c${i + 1}`,
    kind: i % 10 === 0 ? 'case' : 'claim',
    slug: `doc-${i + 1}`,
    title: `Statement number ${i + 1} about ${i % 2 === 0 ? 'tariffs' : 'subsidies'} shard${Math.floor(i / 50)}`,
    speaker: `Speaker ${['Alvarez', 'Brennan', 'Chowdhury'][i % 3]}`,
    topics: i % 4 === 0 ? 'Trade policy' : 'Telecoms',
    body: `Analysis of claim ${i + 1}. ${i === 7 ? 'A pangolin appears here.' : ''} ${
      i === 115 ? 'A narwhal appears here.' : ''
    } Common words follow.`,
    verdict: i % 3 === 0 ? 'false' : 'unproven',
    date: `2020-01-${String((i % 28) + 1).padStart(2, '0')}`,
  }));
  const groups = shardDocuments(docs, 50);
  const engine = new SearchEngine();

  beforeAll(() => {
    engine.setShards(
      groups.map((g) => buildShard(g)),
      7,
    );
  });

  const shardOf = (ref: string) => groups.findIndex((g) => g.some((d) => d.ref === ref));

  it('splits 120 documents into shards of at most 50', () => {
    expect(groups.map((g) => g.length)).toEqual([50, 50, 20]);
    expect(engine.documentCount).toBe(120);
    expect(engine.dataVersion).toBe(7);
    expect(shardDocuments([], 50)).toEqual([[]]);
  });

  it('returns hits from every shard for a word in all of them', () => {
    const r = engine.search(parseQuery('tariffs'));
    expect(r.total).toBe(60);
    expect(new Set(r.hits.map((h) => shardOf(h.ref)))).toEqual(new Set([0, 1, 2]));
    expect(r.hits.every((h) => h.matchedTerms.includes(stem('tariffs')))).toBe(true);
  });

  it('finds a word that only one shard holds, in the first and in the last shard', () => {
    expect(engine.search(parseQuery('pangolin')).hits.map((h) => h.ref)).toEqual(['c8']);
    expect(engine.search(parseQuery('narwhal')).hits.map((h) => h.ref)).toEqual(['c116']);
    expect(engine.search(parseQuery('shard2')).total).toBe(20);
  });

  it('completes prefixes and forgives typos across shards', () => {
    expect(engine.search(parseQuery('narwh')).hits.map((h) => h.ref)).toEqual(['c116']);
    const typo = engine.search(parseQuery('pangolim'));
    expect(typo.fuzzy).toBe(true);
    expect(typo.hits.map((h) => h.ref)).toEqual(['c8']);
    expect(typo.suggestion).toBe('pangolin');
  });

  it('filters by kind, verdict and field across shards', () => {
    const cases = engine.search(parseQuery('statement kind:case'));
    expect(cases.total).toBe(12);
    expect(new Set(cases.hits.map((h) => shardOf(h.ref))).size).toBe(3);
    const falseOnes = engine.search(parseQuery('subsidies verdict:false'));
    expect(falseOnes.hits.every((h) => h.meta.verdict === 'false')).toBe(true);
    expect(falseOnes.total).toBe(20);
    expect(engine.search(parseQuery('speaker:brennan')).total).toBe(40);
  });

  it('lists entries by filter alone, newest first', () => {
    const r = engine.search(parseQuery('kind:case'));
    expect(r.total).toBe(12);
    const dates = r.hits.map((h) => h.meta.date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    expect(engine.search(parseQuery('')).total).toBe(0);
  });

  it('serves edits from the delta index and hides removed entries', () => {
    const local = new SearchEngine();
    local.setShards(
      groups.map((g) => buildShard(g)),
      1,
    );
    const edited = { ...docs[60], title: 'An axolotl statement' };
    local.applyChanges([edited], ['c8'], 2);
    expect(local.dataVersion).toBe(2);
    expect(local.deltaSize).toBe(1);
    expect(local.search(parseQuery('axolotl')).hits.map((h) => h.ref)).toEqual(['c61']);
    expect(local.search(parseQuery('pangolin')).total).toBe(0);
    const tariffs = local.search(parseQuery('tariffs')).hits.map((h) => h.ref);
    expect(tariffs).not.toContain('c61'); // its old title had "tariffs"
    expect(tariffs).toHaveLength(59);
    expect(new Set(local.search(parseQuery('statement')).hits.map((h) => h.ref)).size).toBe(119);
  });

  it('an empty engine answers every query without throwing', () => {
    const empty = new SearchEngine();
    for (const q of ODD_QUERIES) expect(empty.search(parseQuery(q)).total).toBe(0);
    empty.setShards([buildShard([])], 0);
    for (const q of ODD_QUERIES) expect(empty.search(parseQuery(q)).total).toBe(0);
  });
});

describe('keeping the index up to date', () => {
  const sqlite = () => getDb().$client;

  it('saves the index with a manifest at the current data version', () => {
    const dir = searchIndexDir();
    expect(path.dirname(dir)).toBe(path.dirname(databasePath()));
    const manifest = readManifest(dir);
    expect(manifest).not.toBeNull();
    expect(manifest!.dataVersion).toBe(getDataVersion(getDb()));
    expect(manifest!.documents).toBe(getSearchEngine().engine.documentCount);
    for (let i = 0; i < manifest!.shards; i += 1) expect(fs.existsSync(path.join(dir, `shard-${i}.json`))).toBe(true);
  });

  it('finds an edited statement within 2 seconds and stops finding the old words', async () => {
    const slug = 'doj-huawei-ip-theft-scheme';
    const id = claimId(slug);
    expect(slugs(search('misappropriate').items)).toEqual([slug]); // only in this statement
    const before = getDataVersion(getDb());

    sqlite()
      .prepare('update claims set statement = ? where id = ?')
      .run('Huawei ran a zebrafinch scheme against U.S. companies.', id);
    const version = bumpDataVersion(getDb(), [`c${id}`]);
    expect(version).toBe(before + 1);
    refreshSearch(true);

    const found = await eventually(
      () => search('zebrafinch'),
      (r) => r.total > 0,
    );
    expect(slugs(found.items)).toEqual([slug]);
    expect(found.items[0].titleSegments.filter((s) => s.hit).map((s) => s.text)).toEqual(['zebrafinch']);
    expect(search('misappropriate').total).toBe(0);
    // Words in both the old and the new text find the claim once, not once per index.
    const scheme = slugs(search('scheme').items);
    expect(scheme.filter((s) => s === slug)).toHaveLength(1);
    const huawei = slugs(search('huawei', { kind: 'claim' }).items);
    expect(huawei.filter((s) => s === slug)).toHaveLength(1);
    expect(getSearchEngine().engine.dataVersion).toBe(version);
  });

  it('picks up a change made elsewhere (no forced refresh) within 2 seconds, keeping earlier edits', async () => {
    // An earlier edit of another claim, already in the delta index.
    const earlier = claimId('uk-huawei-5g-decision-us-opposition');
    sqlite()
      .prepare('update claims set statement = ? where id = ?')
      .run('The administration opposed the kittiwakeline decision on Huawei and 5G.', earlier);
    bumpDataVersion(getDb(), [`c${earlier}`]);
    refreshSearch(true);
    expect(slugs(search('kittiwakeline').items)).toEqual(['uk-huawei-5g-decision-us-opposition']);

    const id = claimId('huawei-pleads-not-guilty');
    sqlite()
      .prepare('update claims set statement = ? where id = ?')
      .run('Huawei pleaded not guilty to the charges in the superseding indictment, said the quetzalbird.', id);
    bumpDataVersion(getDb(), [`c${id}`]);
    const found = await eventually(
      () => search('quetzalbird'),
      (r) => r.total > 0,
    );
    expect(slugs(found.items)).toEqual(['huawei-pleads-not-guilty']);
    // The earlier edit is still searchable too.
    expect(slugs(search('kittiwakeline').items)).toEqual(['uk-huawei-5g-decision-us-opposition']);
  });

  it('drops a claim that is unpublished, and brings it back when republished', async () => {
    const slug = 'commerce-license-review-process';
    const id = claimId(slug);
    expect(slugs(search('interagency').items)).toContain(slug);

    sqlite().prepare(`update claims set status = 'draft' where id = ?`).run(id);
    bumpDataVersion(getDb(), [`c${id}`]);
    refreshSearch(true);
    const gone = await eventually(
      () => search('interagency'),
      (r) => !slugs(r.items).includes(slug),
    );
    expect(slugs(gone.items)).not.toContain(slug);
    expect(slugs(search('commerce license applications', { kind: 'claim' }).items)).not.toContain(slug);
    expect(slugs(search('', { speaker: 'us-department-of-commerce' }).items)).not.toContain(slug);

    sqlite().prepare(`update claims set status = 'published' where id = ?`).run(id);
    bumpDataVersion(getDb(), [`c${id}`]);
    refreshSearch(true);
    const back = await eventually(
      () => search('interagency'),
      (r) => slugs(r.items).includes(slug),
    );
    expect(slugs(back.items).filter((s) => s === slug)).toHaveLength(1);
  });

  it('rebuilds fully after a bulk change and saves the new index', () => {
    // An edit served from the delta index first: the full rebuild must keep it.
    const slug = 'wsj-commerce-drafting-direct-product-rule-change';
    const id = claimId(slug);
    const statement = 'The Commerce Department is drafting a ptarmiganfold rule on chips made for Huawei.';
    sqlite().prepare('update claims set statement = ? where id = ?').run(statement, id);
    bumpDataVersion(getDb(), [`c${id}`]);
    refreshSearch(true);
    expect(getSearchEngine().engine.deltaSize).toBeGreaterThan(0);

    const version = bumpDataVersion(getDb(), ['*']);
    refreshSearch(true);
    const { engine } = getSearchEngine();
    expect(engine.dataVersion).toBe(version);
    expect(engine.deltaSize).toBe(0);
    expect(readManifest(searchIndexDir())!.dataVersion).toBe(version);
    const rebuilt = search('ptarmiganfold').items;
    expect(slugs(rebuilt)).toEqual([slug]);
    expect(rebuilt[0].title).toBe(statement);
  });

  it('a restarted process loads the saved index instead of rebuilding, and answers the same', () => {
    // An edit saved with the index (a full rebuild saves it), so the restart has it to load.
    const id = claimId('commerce-indictments-reaffirm-caution');
    sqlite()
      .prepare('update claims set statement = ? where id = ?')
      .run('The wagtailmere indictments of Huawei reaffirm the need for caution.', id);
    bumpDataVersion(getDb(), ['*']);
    refreshSearch(true);
    const queries = ['backdoor', 'wagtailmere', 'huaw', 'huwaei', 'speaker:purdy', 'kind:case', '18-457'];
    const before = queries.map((q) => search(q));
    expect(slugs(before[1].items)).toEqual(['commerce-indictments-reaffirm-caution']);
    delete (globalThis as { __trackerSearch?: unknown }).__trackerSearch;
    const log: string[] = [];
    prepareSearch((line) => log.push(line));
    expect(log.join('\n')).toMatch(/Search index loaded/);
    expect(getSearchEngine().engine.dataVersion).toBe(getDataVersion(getDb()));
    queries.forEach((q, i) => {
      const after = search(q);
      expect(slugs(after.items), q).toEqual(slugs(before[i].items));
      expect(after.counts, q).toEqual(before[i].counts);
      expect(after.suggestion, q).toBe(before[i].suggestion);
    });
  });

  it('does not load a saved index that belongs to another database', () => {
    // A site is reset: content/ is edited, the database file deleted and the server restarted.
    // The new database is at data version 1 again, like the old one when its index was saved.
    const root = path.join(path.dirname(databasePath()), 'reset');
    const fileDatabase = process.env.DATABASE_PATH;
    const content = path.join(root, 'content');
    fs.cpSync(path.resolve('content'), content, { recursive: true });
    const start = () => {
      closeDb();
      process.env.DATABASE_PATH = path.join(root, 'tracker.db');
      migrateDatabase(getDb());
      importContent(getDb(), content);
      // A new server process starts with no index in memory.
      delete (globalThis as { __trackerSearch?: unknown }).__trackerSearch;
      prepareSearch(() => {});
    };
    start();
    expect(slugs(search('misappropriate').items)).toEqual(['doj-huawei-ip-theft-scheme']);
    expect(readManifest(path.join(root, 'search-index'))?.dataVersion).toBe(getDataVersion(getDb()));

    const file = path.join(content, 'claims', 'doj-huawei-ip-theft-scheme.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('misappropriate', 'pilfer'));
    closeDb();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(root, `tracker.db${suffix}`), { force: true });
    start();
    const statement = getDb()
      .$client.prepare(`select statement from claims where slug = 'doj-huawei-ip-theft-scheme'`)
      .get() as { statement: string };
    expect(statement.statement).toContain('pilfer');

    expect(slugs(search('pilfer').items)).toEqual(['doj-huawei-ip-theft-scheme']);
    expect(search('misappropriate').total).toBe(0);

    // Back to this file's own database and a fresh start of its index, for whatever runs next.
    closeDb();
    process.env.DATABASE_PATH = fileDatabase;
    delete (globalThis as { __trackerSearch?: unknown }).__trackerSearch;
    prepareSearch(() => {});
  });
});
