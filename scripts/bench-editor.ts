/**
 * `npm run bench:editor -- [--claims 100000] [--runs 30] [--indexes]`
 *
 * Editing at archive scale (issue 11). Builds an archive of real statements (scripts/lib/archive.ts:
 * the State of the Union corpus from ../shared/corpora/, repeated to N claims; without the corpus,
 * the synthetic archive of bench:pages, with a message), measures the database with and without
 * its FTS5 index (ADR 0007), starts the built server on it (`npm run build` first), waits for
 * the readers' search index to be built so it does not compete for the CPU, signs in an editor
 * and times over HTTP: the editor's claim list (page 1, a deep page, filtered by status and
 * verdict), the editor's search (queries of 1-3 words taken from the corpus), the pickers
 * (`/editor/pick/entities`, `/editor/pick/claims`; "not available" where the route is not built)
 * and the edit form of a claim with citations. It prints the median and p95 of each and the
 * largest editor page, and exits 1 if any p95 is over 100 ms or any editor page over 100 KB.
 *
 * `--indexes` also times the same requests on a copy of the archive with the indexes named in
 * CANDIDATE_INDEXES created, to show what they would change (migrations are not this script's).
 * The last line printed is one JSON object.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadEnvironment, printDatabase } from '../config/env';
import { readManifest } from '../app/search/store.server';
import { createEditor, signIn } from '../test/fixtures';
import { generateArchive, generateCorpusArchive, readCorpus, WORDS, type CorpusSentence } from './lib/archive';
import { startServer, type StartedServer } from './lib/server';
import { argument, prng } from './bench-lib';

const CLAIMS = argument('claims', 100_000);
const RUNS = argument('runs', 30);
const WITH_INDEXES = process.argv.includes('--indexes');
const P95_LIMIT_MS = 100;
const HTML_LIMIT_KB = 100;
/** Indexes a later migration could add, tried on a scratch copy with --indexes. */
const CANDIDATE_INDEXES = [
  // A claim list filtered by verdict (and status), most recently changed first: counted and paged
  // from the index alone, where claims_verdict_date makes it read every such claim's row.
  'create index if not exists bench_claims_verdict_status_updated on claims (verdict_id, status, updated_at)',
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (n: number) => Math.round(n * 10) / 10;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

interface Endpoint {
  name: string;
  /** One or more paths: their timings are pooled (a search is several queries). */
  paths: string[];
  /** A JSON endpoint (a picker): not an editor page for the size limit. */
  json?: boolean;
}

interface Result {
  name: string;
  status: number;
  medianMs: number;
  p95Ms: number;
  kb: number;
  available: boolean;
  paths: string[];
}

async function measure(server: StartedServer, cookie: string, endpoint: Endpoint, runs: number): Promise<Result> {
  const headers = { Cookie: cookie };
  const first = await fetch(server.url + endpoint.paths[0], { headers, redirect: 'manual' });
  await first.arrayBuffer();
  // A picker route that is not built answers the site's HTML 404 page, not its JSON.
  if (endpoint.json && !(first.headers.get('content-type') ?? '').includes('application/json')) {
    return { name: endpoint.name, status: first.status, medianMs: 0, p95Ms: 0, kb: 0, available: false, paths: [] };
  }
  const times: number[] = [];
  let status = 0;
  let bytes = 0;
  const perPath = Math.max(3, Math.ceil(runs / endpoint.paths.length));
  for (const pagePath of endpoint.paths) {
    // One untimed request first: SQLite's page cache warms up for this query.
    await fetch(server.url + pagePath, { headers }).then((res) => res.arrayBuffer());
    for (let i = 0; i < perPath; i++) {
      const started = performance.now();
      const res = await fetch(server.url + pagePath, { headers, redirect: 'manual' });
      const body = await res.arrayBuffer();
      times.push(performance.now() - started);
      if (res.status !== 200) throw new Error(`${pagePath} answered ${res.status}`);
      status = res.status;
      bytes = Math.max(bytes, body.byteLength);
    }
  }
  times.sort((a, b) => a - b);
  return {
    name: endpoint.name,
    status,
    medianMs: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
    kb: round(bytes / 1024),
    available: true,
    paths: endpoint.paths,
  };
}

/** What an editor types: 1-3 consecutive words of a statement, lower case, as the corpus has them. */
function corpusQueries(corpus: CorpusSentence[] | null, count: number): string[] {
  const random = prng(1101);
  const queries: string[] = [];
  while (queries.length < count) {
    const words = corpus
      ? (corpus[Math.floor(random() * corpus.length)].text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
      : Array.from({ length: 12 }, () => WORDS[Math.floor(random() * WORDS.length)]);
    const n = 1 + (queries.length % 3);
    if (words.length < n) continue;
    const start = Math.floor(random() * (words.length - n + 1));
    const query = words.slice(start, start + n).join(' ');
    if (!queries.includes(query)) queries.push(query);
  }
  return queries;
}

function fileSize(file: string): number {
  return fs.statSync(file).size;
}

/** The database's size compacted, and compacted without the FTS5 tables and their triggers. */
function measureSizes(dbFile: string, dir: string) {
  const withFts = path.join(dir, 'size-with-fts.db');
  const withoutFts = path.join(dir, 'size-without-fts.db');
  const source = new Database(dbFile);
  source.exec(`vacuum into '${withFts}'`);
  source.close();
  fs.copyFileSync(withFts, withoutFts);
  const db = new Database(withoutFts);
  const objects = db
    .prepare(
      `select type, name from sqlite_master where (type = 'trigger' and name like '%fts%')
       or (type = 'table' and name like '%\\_fts' escape '\\')`,
    )
    .all() as { type: string; name: string }[];
  for (const o of objects.filter((o) => o.type === 'trigger')) db.exec(`drop trigger "${o.name}"`);
  for (const o of objects.filter((o) => o.type === 'table')) db.exec(`drop table "${o.name}"`);
  db.exec('vacuum');
  db.close();
  const sizes = { withFtsMb: round(fileSize(withFts) / 2 ** 20), withoutFtsMb: round(fileSize(withoutFts) / 2 ** 20) };
  fs.rmSync(withFts);
  fs.rmSync(withoutFts);
  return { ...sizes, ftsTables: objects.filter((o) => o.type === 'table').length };
}

async function readersSearchReady(server: StartedServer): Promise<boolean> {
  const res = await fetch(`${server.url}/api/search?q=government`);
  if (res.status !== 200) return false;
  const body = (await res.json()) as { total?: number };
  return (body.total ?? 0) > 0;
}

async function runOn(dbFile: string, searchDir: string, endpoints: Endpoint[], label: string) {
  const server = await startServer(
    { DATABASE_PATH: dbFile, SEARCH_INDEX_PATH: searchDir, SEARCH_INLINE_LIMIT: '0' },
    180_000,
  );
  try {
    const deadline = Date.now() + 30 * 60_000;
    while (!readManifest(searchDir)) {
      if (Date.now() > deadline) throw new Error('the search index was not built in 30 minutes');
      await sleep(500);
    }
    // The server then loads the new index (shard by shard, answering requests in between) and
    // warms it up: wait until the readers' search answers from it, so that work is not timed.
    while (!(await readersSearchReady(server))) {
      if (Date.now() > deadline) throw new Error('the search index was not loaded in 30 minutes');
      await sleep(500);
    }
    await sleep(2000);
    const cookie = await signIn(server, await createEditor(server, { name: 'Bench Editor' }));
    console.log(`\n${label}`);
    console.log(
      `${'endpoint'.padEnd(28)} ${'median'.padStart(9)} ${'p95'.padStart(9)} ${'largest'.padStart(10)}  path`,
    );
    const results: Result[] = [];
    for (const endpoint of endpoints) {
      const result = await measure(server, cookie, endpoint, RUNS);
      results.push(result);
      const shown =
        endpoint.paths.length > 1 ? `${endpoint.paths.length} queries, e.g. ${endpoint.paths[0]}` : endpoint.paths[0];
      console.log(
        result.available
          ? `${endpoint.name.padEnd(28)} ${`${result.medianMs} ms`.padStart(9)} ${`${result.p95Ms} ms`.padStart(9)} ` +
              `${`${result.kb} KB`.padStart(10)}  ${shown}`
          : `${endpoint.name.padEnd(28)} ${'not available'.padStart(19)}             (no such route on this build)`,
      );
    }
    return results;
  } finally {
    await server.stop();
  }
}

async function main() {
  if (!['build/index.js', 'build/search-worker.js'].every((file) => fs.existsSync(path.resolve(file)))) {
    throw new Error('No complete build: run `npm run build` first.');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-editor-'));
  const dbFile = path.join(dir, 'tracker.db');
  printDatabase(dbFile);
  try {
    const corpus = readCorpus();
    let started = performance.now();
    let citedClaimId: number;
    let speakers: string[];
    if (corpus) {
      const archive = generateCorpusArchive(dbFile, CLAIMS, corpus);
      citedClaimId = archive.citedClaimId;
      speakers = archive.speakers;
    } else {
      console.log(
        'The corpus (../shared/corpora/sotu.jsonl.gz) is missing: using the synthetic archive of bench:pages.',
      );
      generateArchive(dbFile, CLAIMS);
      citedClaimId = 1;
      speakers = ['Speaker 1', 'Speaker 2', 'Speaker 3'];
    }
    const generateMs = Math.round(performance.now() - started);
    started = performance.now();
    const sizes = measureSizes(dbFile, dir);
    console.log(
      `Archive: ${CLAIMS} claims (${corpus ? `${corpus.length} corpus sentences, repeated` : 'synthetic'}) in ` +
        `${generateMs} ms. Database ${sizes.withFtsMb} MB with the FTS5 index (${sizes.ftsTables} tables), ` +
        `${sizes.withoutFtsMb} MB without: the index is ${round(sizes.withFtsMb - sizes.withoutFtsMb)} MB ` +
        `(+${Math.round((100 * (sizes.withFtsMb - sizes.withoutFtsMb)) / sizes.withoutFtsMb)}%).`,
    );

    const queries = corpusQueries(corpus, 9);
    const q = (text: string) => encodeURIComponent(text);
    const namePrefixes = speakers.slice(0, 6).map((name, i) => {
      const [first, last = first] = name
        .toLowerCase()
        .split(' ')
        .filter((w) => /^[a-z]/.test(w))
        .slice(-2);
      return i % 2 === 0 ? last.slice(0, 4) : `${first} ${last.slice(0, 3)}`;
    });
    const deepPage = Math.min(1000, Math.ceil(CLAIMS / 50));
    const endpoints: Endpoint[] = [
      { name: 'claim list, page 1', paths: ['/editor/claims'] },
      { name: `claim list, page ${deepPage}`, paths: [`/editor/claims?page=${deepPage}`] },
      { name: 'claim list, status+verdict', paths: ['/editor/claims?status=published&verdict=disputed'] },
      { name: 'claim list, filtered p20', paths: ['/editor/claims?status=published&verdict=disputed&page=20'] },
      { name: 'claim list, by speaker', paths: [`/editor/claims?speaker=${q(speakers[0])}&sort=date`] },
      { name: 'editor search', paths: queries.map((text) => `/editor/claims?q=${q(text)}`) },
      { name: 'source list, page 1', paths: ['/editor/sources'] },
      { name: 'people list, search', paths: namePrefixes.map((text) => `/editor/people?q=${q(text)}`) },
      { name: 'picker: entities', paths: namePrefixes.map((text) => `/editor/pick/entities?q=${q(text)}`), json: true },
      { name: 'picker: claims', paths: queries.map((text) => `/editor/pick/claims?q=${q(text)}`), json: true },
      { name: 'claim edit form', paths: [`/editor/claims/${citedClaimId}`] },
    ];
    console.log(`Editor search queries: ${queries.map((t) => JSON.stringify(t)).join(', ')}`);

    const searchDir = path.join(dir, 'search-index');
    const results = await runOn(dbFile, searchDir, endpoints, 'As migrated (no extra index):');
    let indexed: Result[] | null = null;
    if (WITH_INDEXES) {
      const scratch = path.join(dir, 'scratch.db');
      const source = new Database(dbFile);
      source.exec(`vacuum into '${scratch}'`);
      source.close();
      const db = new Database(scratch);
      for (const statement of CANDIDATE_INDEXES) db.exec(statement);
      db.close();
      indexed = await runOn(
        scratch,
        path.join(dir, 'search-index-scratch'),
        endpoints,
        `On a scratch copy with: ${CANDIDATE_INDEXES.join('; ')}`,
      );
    }

    const measured = results.filter((r) => r.available);
    const pages = measured.filter((r) => !endpoints.find((e) => e.name === r.name)?.json);
    const largest = pages.reduce((a, b) => (b.kb > a.kb ? b : a));
    const slow = measured.filter((r) => r.p95Ms > P95_LIMIT_MS);
    const big = pages.filter((r) => r.kb > HTML_LIMIT_KB);
    console.log(`\nLargest editor page: ${largest.kb} KB (${largest.name}).`);
    console.log(
      slow.length === 0 && big.length === 0
        ? `Every p95 is within ${P95_LIMIT_MS} ms and every editor page within ${HTML_LIMIT_KB} KB.`
        : `Over the limits: ${[...slow.map((r) => `${r.name} p95 ${r.p95Ms} ms`), ...big.map((r) => `${r.name} ${r.kb} KB`)].join('; ')}.`,
    );
    console.log(
      JSON.stringify({
        claims: CLAIMS,
        runs: RUNS,
        corpus: Boolean(corpus),
        generateMs,
        sizes,
        largestPageKb: largest.kb,
        results,
        ...(indexed ? { indexes: CANDIDATE_INDEXES, indexed } : {}),
      }),
    );
    if (slow.length > 0 || big.length > 0) process.exitCode = 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

loadEnvironment();
main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
