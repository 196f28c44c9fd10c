/**
 * `npm run bench:pages -- [--claims 10000] [--runs 30]`
 *
 * The reader pages at archive scale. Generates a deterministic archive into a fresh SQLite file
 * (N claims over 200 speakers with a Zipf-like skew, so the busiest speaker has thousands; 50
 * topics, likewise skewed; N/2 sources; citations, subjects and rebuttals; the shipped verdict
 * scale), starts the built server on it (`npm run build` first), waits for the background
 * search-index build to finish so it does not compete for the CPU, then requests each page kind
 * `runs` times in a row and prints the median and p95 latency and the response size. The last
 * line printed is one JSON object.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadEnvironment, printDatabase } from '../config/env';
import { migrateDatabase, openDatabase } from '../db/client';
import { readManifest } from '../app/search/store.server';
import { startServer } from './lib/server';
import { prng } from './bench-lib';

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i === -1) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} needs a whole number, got ${process.argv[i + 1]}`);
  return value;
}

const CLAIMS = argument('claims', 10000);
const RUNS = argument('runs', 30);
const SPEAKERS = 200;
const TOPICS = 50;
const VERDICTS = ['false', 'misleading', 'disputed', 'unproven', 'unverified', 'accurate'];
const ROLES = ['made_in', 'reports', 'evidence_for', 'evidence_against', 'context'];

/** Draws ranks 0..n-1 with weight 1/(rank+1)^s: a few very busy, a long quiet tail. */
function zipf(random: () => number, n: number, s: number) {
  const cumulative: number[] = [];
  let total = 0;
  for (let r = 1; r <= n; r++) cumulative.push((total += 1 / r ** s));
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const WORDS =
  'government network security officials data trade law court evidence statement president minister policy public national federal company report access equipment telecom export license review indictment charges market carrier spectrum contract supplier audit risk intelligence agency allies partners testimony hearing ruling appeal sanction'.split(
    ' ',
  );

interface Archive {
  busiestPerson: { slug: string; claims: number };
  biggestTopic: { slug: string; claims: number };
  mostCitedSource: { slug: string; citations: number };
  disputedClaim: string;
  verdict: string;
}

/** Writes the archive in one transaction with prepared statements; returns the pages to visit. */
export function generateArchive(file: string, count: number): Archive {
  const db = openDatabase(file);
  migrateDatabase(db);
  const sqlite = db.$client;
  const random = prng(20260228);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const words = (min: number, max: number) => {
    const n = min + Math.floor(random() * (max - min + 1));
    return Array.from({ length: n }, () => pick(WORDS)).join(' ');
  };
  const isoDay = (daysAgo: number) => new Date(Date.UTC(2024, 0, 1) - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const now = Math.floor(Date.UTC(2024, 0, 1) / 1000);

  const insertEntity = sqlite.prepare(
    `insert into entities (slug, kind, name, role, description) values (?, ?, ?, ?, ?)`,
  );
  const insertTopic = sqlite.prepare(`insert into topics (slug, name, description) values (?, ?, ?)`);
  const insertSource = sqlite.prepare(
    `insert into sources (slug, title, kind, publisher_id, url, published_on, archive_url) values (?, ?, 'news_report', ?, ?, ?, ?)`,
  );
  const insertClaim = sqlite.prepare(
    `insert into claims (slug, statement, speaker_id, claimed_on, venue, verdict_id, verdict_explanation, analysis,
       status, published_at, updated_at, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertClaimTopic = sqlite.prepare(`insert or ignore into claim_topics (claim_id, topic_id) values (?, ?)`);
  const insertCitation = sqlite.prepare(
    `insert into citations (claim_id, source_id, role, quote, locator, position) values (?, ?, ?, ?, ?, ?)`,
  );
  const insertSubject = sqlite.prepare(`insert or ignore into claim_subjects (claim_id, entity_id) values (?, ?)`);
  const insertRelation = sqlite.prepare(
    `insert or ignore into claim_relations (from_claim_id, to_claim_id, kind, note) values (?, ?, ?, ?)`,
  );

  const speakerOf = zipf(random, SPEAKERS, 1.2);
  const topicOf = zipf(random, TOPICS, 1.0);
  const sourceCount = Math.max(1, Math.floor(count / 2));
  const sourceOf = zipf(random, sourceCount, 0.9);
  const speakerClaims = new Array<number>(SPEAKERS).fill(0);
  const topicClaims = new Array<number>(TOPICS).fill(0);
  const sourceCitations = new Array<number>(sourceCount).fill(0);
  let disputedClaim = '';

  sqlite.transaction(() => {
    const speakerIds: number[] = [];
    const speakerSlugs: string[] = [];
    for (let i = 0; i < SPEAKERS; i++) {
      // Every fifth speaker is an organisation; the busiest (rank 0) is a person.
      const kind = i % 5 === 4 ? 'organisation' : 'person';
      const slug = `${kind === 'person' ? 'speaker' : 'org'}-${String(i + 1).padStart(3, '0')}`;
      speakerSlugs.push(slug);
      speakerIds.push(
        Number(
          insertEntity.run(slug, kind, `Speaker ${i + 1}`, kind === 'person' ? 'Official' : null, words(10, 30))
            .lastInsertRowid,
        ),
      );
    }
    const publishers = speakerIds.filter((_, i) => i % 5 === 4);
    const topicIds: number[] = [];
    for (let i = 0; i < TOPICS; i++) {
      topicIds.push(
        Number(
          insertTopic.run(`topic-${String(i + 1).padStart(2, '0')}`, `Topic ${i + 1}`, words(10, 30)).lastInsertRowid,
        ),
      );
    }
    const sourceIds: number[] = [];
    for (let i = 0; i < sourceCount; i++) {
      const slug = `source-${String(i + 1).padStart(6, '0')}`;
      sourceIds.push(
        Number(
          insertSource.run(
            slug,
            `Report: ${words(4, 9)}`,
            pick(publishers),
            `https://news.example/${slug}`,
            isoDay(Math.floor(random() * 3650)),
            random() < 0.5 ? `https://archive.example/${slug}` : null,
          ).lastInsertRowid,
        ),
      );
    }
    const claimIds: number[] = [];
    for (let i = 0; i < count; i++) {
      const speaker = speakerOf();
      const r = random();
      const status = r < 0.95 ? 'published' : r < 0.97 ? 'retracted' : 'draft';
      const day = Math.floor(random() * 3650);
      const published = status === 'draft' ? null : now - day * 86_400 + 3600;
      const slug = `claim-${String(i + 1).padStart(6, '0')}`;
      const id = Number(
        insertClaim.run(
          slug,
          `${words(12, 30)}.`,
          speakerIds[speaker],
          isoDay(day),
          random() < 0.5 ? 'Press conference' : null,
          status === 'draft' && random() < 0.5 ? null : pick(VERDICTS),
          words(8, 20),
          words(20, 60),
          status,
          published,
          published ?? now,
          published ?? now,
        ).lastInsertRowid,
      );
      claimIds.push(id);
      const visible = status !== 'draft';
      if (visible) speakerClaims[speaker] += 1;
      const topicCount = 1 + Math.floor(random() * 3);
      const seenTopics = new Set<number>();
      for (let t = 0; t < topicCount; t++) {
        const topic = topicOf();
        if (seenTopics.has(topic)) continue;
        seenTopics.add(topic);
        insertClaimTopic.run(id, topicIds[topic]);
        if (visible) topicClaims[topic] += 1;
      }
      const citationCount = 1 + Math.floor(random() * 2);
      for (let c = 0; c < citationCount; c++) {
        const source = sourceOf();
        insertCitation.run(id, sourceIds[source], pick(ROLES), random() < 0.5 ? words(6, 16) : null, 'p. 1', c);
        if (visible) sourceCitations[source] += 1;
      }
      if (random() < 0.2) insertSubject.run(id, pick(speakerIds));
      if (i > 10 && random() < 0.1) {
        const target = claimIds[Math.floor(random() * (claimIds.length - 1))];
        insertRelation.run(id, target, random() < 0.5 ? 'rebuts' : 'disputes', null);
        if (!disputedClaim && visible) disputedClaim = slug;
      }
    }
  })();
  sqlite.close();
  const maxIndex = (list: number[]) => list.indexOf(Math.max(...list));
  const busiest = maxIndex(speakerClaims.map((n, i) => (i % 5 === 4 ? -1 : n)));
  const topic = maxIndex(topicClaims);
  const source = maxIndex(sourceCitations);
  return {
    busiestPerson: { slug: `speaker-${String(busiest + 1).padStart(3, '0')}`, claims: speakerClaims[busiest] },
    biggestTopic: { slug: `topic-${String(topic + 1).padStart(2, '0')}`, claims: topicClaims[topic] },
    mostCitedSource: { slug: `source-${String(source + 1).padStart(6, '0')}`, citations: sourceCitations[source] },
    disputedClaim,
    verdict: 'disputed',
  };
}

interface PageResult {
  path: string;
  status: number;
  medianMs: number;
  p95Ms: number;
  kb: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

async function measure(base: string, pagePath: string, runs: number): Promise<PageResult> {
  // One untimed request first: Remix compiles nothing lazily, but SQLite's page cache warms up.
  await fetch(base + pagePath).then((res) => res.arrayBuffer());
  const times: number[] = [];
  let status = 0;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const res = await fetch(base + pagePath);
    const body = await res.arrayBuffer();
    times.push(performance.now() - started);
    status = res.status;
    bytes = body.byteLength;
  }
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    path: pagePath,
    status,
    medianMs: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
    kb: round(bytes / 1024),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  if (!['build/index.js', 'build/search-worker.js'].every((file) => fs.existsSync(path.resolve(file)))) {
    throw new Error('No complete build: run `npm run build` first.');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pages-'));
  const dbFile = path.join(dir, 'tracker.db');
  const searchDir = path.join(dir, 'search-index');
  printDatabase(dbFile);
  try {
    let started = performance.now();
    const archive = generateArchive(dbFile, CLAIMS);
    const generateMs = Math.round(performance.now() - started);
    console.log(
      `Archive: ${CLAIMS} claims in ${generateMs} ms; busiest person ${archive.busiestPerson.slug} ` +
        `(${archive.busiestPerson.claims} public claims), biggest topic ${archive.biggestTopic.slug} ` +
        `(${archive.biggestTopic.claims}), most-cited source ${archive.mostCitedSource.slug} ` +
        `(${archive.mostCitedSource.citations} citations).`,
    );

    started = performance.now();
    // The search index is built by the server's worker thread; wait for it to be saved so it
    // does not compete with the requests being timed.
    const server = await startServer(
      { DATABASE_PATH: dbFile, SEARCH_INDEX_PATH: searchDir, SEARCH_INLINE_LIMIT: '0' },
      120_000,
    );
    try {
      const startMs = Math.round(performance.now() - started);
      started = performance.now();
      const deadline = Date.now() + 30 * 60_000;
      while (!readManifest(searchDir)) {
        if (Date.now() > deadline) throw new Error('the search index was not built in 30 minutes');
        await sleep(500);
      }
      await sleep(2000);
      const searchMs = Math.round(performance.now() - started);
      console.log(`Server up in ${startMs} ms; search index built in the background in ~${searchMs} ms.\n`);

      const pages: [string, string][] = [
        ['home', '/'],
        ['claims index', '/claims'],
        ['claims filtered p50', `/claims?verdict=${archive.verdict}&page=50`],
        ['claim', `/claims/${archive.disputedClaim}`],
        ['busiest person', `/people/${archive.busiestPerson.slug}`],
        ['biggest topic', `/topics/${archive.biggestTopic.slug}`],
        ['most-cited source', `/sources/${archive.mostCitedSource.slug}`],
        ['people index', '/people'],
        ['sources index', '/sources'],
        // The last page of sources (20 a page): the deepest offset a reader can ask for.
        ['sources index last', `/sources?page=${Math.ceil(Math.max(1, Math.floor(CLAIMS / 2)) / 20)}`],
        ['topics index', '/topics'],
        ['sitemap.xml', '/sitemap.xml'],
      ];
      // A sitemap index names its children: time the first and the last.
      const sitemap = await fetch(`${server.url}/sitemap.xml`).then((res) => res.text());
      if (sitemap.includes('<sitemapindex')) {
        const children = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
        pages.push(['sitemap child 1', children[0]]);
        if (children.length > 1) pages.push([`sitemap child ${children.length}`, children[children.length - 1]]);
      }
      pages.push(['feed.xml', '/feed.xml'], ['api claims p100', '/api/claims?page=100'], ['api people', '/api/people']);

      const results: Record<string, PageResult> = {};
      console.log(
        `${'page'.padEnd(22)} ${'status'.padStart(6)} ${'median'.padStart(9)} ${'p95'.padStart(9)} ${'size'.padStart(11)}  path`,
      );
      for (const [name, pagePath] of pages) {
        const result = await measure(server.url, pagePath, RUNS);
        results[name] = result;
        console.log(
          `${name.padEnd(22)} ${String(result.status).padStart(6)} ${`${result.medianMs} ms`.padStart(9)} ` +
            `${`${result.p95Ms} ms`.padStart(9)} ${`${result.kb} KB`.padStart(11)}  ${pagePath}`,
        );
      }
      console.log(JSON.stringify({ claims: CLAIMS, runs: RUNS, generateMs, startMs, archive, pages: results }));
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Run as a script; imported (to build an archive for EXPLAIN QUERY PLAN, say), it only exports.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  loadEnvironment();
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
