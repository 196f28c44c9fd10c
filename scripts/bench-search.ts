/**
 * `npm run bench:search -- [--docs 1000,10000,100000] [--queries 300]`
 *
 * Generates a deterministic synthetic corpus that looks like ours (statements of 20-60 words,
 * analyses of 100-300 words, speakers, topics, quotes), then for each size measures our lunr
 * engine and SQLite FTS5 (porter tokenizer, bm25) on the same corpus and the same mixed query
 * set. Each engine is built in one child process and loaded and queried in a fresh one, so
 * load time and resident memory are what a starting server would see. The last line printed is
 * one JSON object for the largest size.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { env, loadEnvironment } from '../config/env';
import { SearchEngine } from '../app/search/engine.server';
import { parseQuery, splitWords } from '../app/search/query';
import { buildShard, shardDocuments, type SearchDocument } from '../app/search/shard-format.server';
import { readManifest, readShard, saveIndex } from '../app/search/store.server';
import { prng } from './bench-lib';

// ---------------------------------------------------------------------------------------------
// Deterministic corpus

const SYLLABLES =
  'ba be bi bo bu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo ver con pro tion ment al ing ed er ous ive port dis'.split(
    ' ',
  );
const COMMON =
  'the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her she there their one all we can has been if more when will would who so no government said company network security report officials data trade law court evidence claim statement president minister policy public national federal'.split(
    ' ',
  );

function makeVocabulary(random: () => number, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const n = 2 + Math.floor(random() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.add(w);
  }
  return [...words];
}

interface Corpus {
  docs: SearchDocument[];
  vocabulary: string[];
  speakers: string[];
  topics: string[];
}

export function generateCorpus(count: number, seed = 42): Corpus {
  const random = prng(seed);
  const vocabulary = makeVocabulary(random, 30000);
  // Zipf-like choice: common function words often, then a long tail of the vocabulary.
  const word = () => {
    if (random() < 0.35) return COMMON[Math.floor(random() * COMMON.length)];
    const r = random();
    return vocabulary[Math.floor(vocabulary.length * r * r * r)];
  };
  const sentence = (min: number, max: number) => {
    const n = min + Math.floor(random() * (max - min + 1));
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(word());
    return out.join(' ');
  };
  const speakers = Array.from(
    { length: 800 },
    () => `${vocabulary[Math.floor(random() * 3000)]} ${vocabulary[Math.floor(random() * 3000)]}`,
  );
  const topics = Array.from({ length: 60 }, (_, i) => vocabulary[100 + i * 7]);
  const verdicts = ['false', 'misleading', 'disputed', 'unproven', 'unverified', 'accurate'];
  const docs: SearchDocument[] = [];
  for (let i = 0; i < count; i++) {
    const speaker = speakers[Math.floor(random() * speakers.length)];
    const claimTopics = [topics[Math.floor(random() * topics.length)], topics[Math.floor(random() * topics.length)]];
    const year = 2015 + Math.floor(random() * 10);
    const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
    docs.push({
      ref: `c${i + 1}`,
      kind: 'claim',
      slug: `claim-${i + 1}`,
      title: sentence(20, 60),
      speaker,
      topics: claimTopics.join(' | '),
      body: [sentence(10, 25), sentence(8, 20), sentence(100, 300)].join(' '),
      verdict: verdicts[Math.floor(random() * verdicts.length)],
      topicSlugs: claimTopics,
      speakerSlug: speaker.replace(/\s+/g, '-'),
      date: `${year}-${month}`,
    });
  }
  return { docs, vocabulary, speakers, topics };
}

/** A fixed mix: common words, rare words, 2-3 word queries, prefixes, typos, field queries. */
export function makeQueries(corpus: Corpus, n: number, seed = 7): string[] {
  const random = prng(seed);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const fromDoc = () => {
    const doc = pick(corpus.docs);
    const words = splitWords(doc.title).filter((w) => w.length > 3 && !COMMON.includes(w));
    return words.length > 0 ? pick(words) : pick(corpus.vocabulary);
  };
  const typo = (w: string) => {
    if (w.length < 5) return w;
    const i = 1 + Math.floor(random() * (w.length - 2));
    return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
  };
  const queries: string[] = [];
  const kinds = [
    () => pick(COMMON.slice(40)), // common content words
    () => pick(corpus.vocabulary.slice(20000)), // rare words
    () => `${fromDoc()} ${fromDoc()}`,
    () => `${fromDoc()} ${fromDoc()} ${fromDoc()}`,
    () => fromDoc().slice(0, 4), // prefix while typing
    () => typo(fromDoc()),
    () => `speaker:${pick(corpus.speakers).split(' ')[0]}`,
    () => `${fromDoc()} verdict:${pick(['false', 'disputed', 'accurate'])}`,
    () => `${pick(COMMON.slice(40))} ${fromDoc()}`,
  ];
  for (let i = 0; i < n; i++) queries.push(kinds[i % kinds.length]());
  return queries;
}

// ---------------------------------------------------------------------------------------------
// Engines

interface Figures {
  build_ms: number;
  size_mb: number;
  load_ms: number;
  rss_mb: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
  edit_ms: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const round = (n: number) => Math.round(n * 10) / 10;

function dirSize(dir: string): number {
  let total = 0;
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    const stat = fs.statSync(file);
    total += stat.isDirectory() ? dirSize(file) : stat.size;
  }
  return total;
}

function buildLunr(docs: number, dir: string) {
  const corpus = generateCorpus(docs);
  const started = performance.now();
  const shards = shardDocuments(corpus.docs).map((group) => buildShard(group));
  saveIndex(dir, shards, 1, 'bench');
  return { build_ms: performance.now() - started };
}

function serveLunr(docs: number, dir: string, queryCount: number) {
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const manifest = readManifest(dir)!;
  const engine = new SearchEngine();
  engine.setShards([], 1);
  for (let i = 0; i < manifest.shards; i++) engine.pushShard(readShard(dir, i));
  engine.warmUp(); // as the server does at start
  const load_ms = performance.now() - started;
  global.gc?.();
  const rss_mb = (process.memoryUsage().rss - rssBefore) / 1e6;
  const corpus = generateCorpus(docs);
  const queries = makeQueries(corpus, queryCount);
  const times: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    engine.search(parseQuery(q));
    times.push(performance.now() - t);
  }
  if (env().BENCH_SLOWEST) {
    const slow = queries
      .map((q, i) => [times[i], q] as const)
      .sort((a, b) => b[0] - a[0])
      .slice(0, 8);
    console.error(slow.map(([ms, q]) => `${ms.toFixed(1)} ms  ${q}`).join('\n'));
  }
  // An edit: one changed document searchable through the delta index.
  const edited = { ...corpus.docs[0], title: `${corpus.docs[0].title} zebrafinch` };
  const t = performance.now();
  engine.applyChanges([edited], [], 2);
  const found = engine.search(parseQuery('zebrafinch')).hits.some((h) => h.ref === edited.ref);
  const edit_ms = performance.now() - t;
  if (!found) throw new Error('edited document not found');
  return { load_ms, rss_mb, times, edit_ms };
}

function ftsQuery(q: string): { match: string; verdict?: string } | null {
  const parsed = parseQuery(q);
  const parts = parsed.terms.map((t, i) => {
    const word = t.word.replace(/"/g, '');
    const term = i === parsed.terms.length - 1 && word.length >= 3 ? `"${word}"*` : `"${word}"`;
    return t.field === 'speaker' ? `speaker : ${term}` : term;
  });
  if (parts.length === 0) return null;
  return { match: parts.join(' AND '), verdict: parsed.verdicts[0] };
}

function buildFts(docs: number, file: string) {
  const corpus = generateCorpus(docs);
  fs.rmSync(file, { force: true });
  const started = performance.now();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(
    `create virtual table docs using fts5(title, speaker, topics, body, verdict unindexed, tokenize = 'porter unicode61')`,
  );
  const insert = db.prepare(
    'insert into docs (rowid, title, speaker, topics, body, verdict) values (?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    corpus.docs.forEach((d, i) => insert.run(i + 1, d.title, d.speaker, d.topics, d.body, d.verdict));
  })();
  db.exec(`insert into docs(docs) values ('optimize')`);
  db.close();
  return { build_ms: performance.now() - started };
}

function serveFts(docs: number, file: string, queryCount: number) {
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const db = new Database(file, { readonly: true });
  const search = db.prepare(
    `select rowid, bm25(docs, 4.0, 3.0, 2.0, 1.0) as score from docs where docs match ? order by score limit 500`,
  );
  const searchVerdict = db.prepare(
    `select rowid, bm25(docs, 4.0, 3.0, 2.0, 1.0) as score from docs where docs match ? and verdict = ? order by score limit 500`,
  );
  search.all('"warmup"');
  const load_ms = performance.now() - started;
  const rss_mb = (process.memoryUsage().rss - rssBefore) / 1e6;
  const corpus = generateCorpus(docs);
  const queries = makeQueries(corpus, queryCount);
  const times: number[] = [];
  for (const q of queries) {
    const fq = ftsQuery(q);
    const t = performance.now();
    if (fq && fq.verdict) searchVerdict.all(fq.match, fq.verdict);
    else if (fq) search.all(fq.match);
    times.push(performance.now() - t);
  }
  const rw = new Database(file);
  const t = performance.now();
  rw.prepare('update docs set title = title || ? where rowid = 1').run(' zebrafinch');
  const found = rw.prepare(`select rowid from docs where docs match 'zebrafinch'`).all().length > 0;
  const edit_ms = performance.now() - t;
  rw.close();
  if (!found) throw new Error('edited document not found');
  return { load_ms, rss_mb, times, edit_ms };
}

// ---------------------------------------------------------------------------------------------
// Driver: children do the work so each measurement starts from a clean process.

function child(args: string[]): Record<string, unknown> {
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', path.resolve('scripts/bench-search.ts'), ...args],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  if (result.status !== 0) throw new Error(`bench child failed: ${args.join(' ')}\n${result.stderr}`);
  const lines = result.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

function summarise(
  build: number,
  dirOrFile: string,
  served: { load_ms: number; rss_mb: number; times: number[]; edit_ms: number },
): Figures {
  const sorted = [...served.times].sort((a, b) => a - b);
  const size = fs.statSync(dirOrFile).isDirectory()
    ? dirSize(dirOrFile)
    : ['', '-wal', '-shm'].reduce(
        (n, s) => n + (fs.existsSync(dirOrFile + s) ? fs.statSync(dirOrFile + s).size : 0),
        0,
      );
  return {
    build_ms: round(build),
    size_mb: round(size / 1e6),
    load_ms: round(served.load_ms),
    rss_mb: round(served.rss_mb),
    p50_ms: round(percentile(sorted, 50)),
    p95_ms: round(percentile(sorted, 95)),
    p99_ms: round(percentile(sorted, 99)),
    max_ms: round(sorted[sorted.length - 1]),
    edit_ms: round(served.edit_ms),
  };
}

loadEnvironment();

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};

const role = arg('role');
if (role) {
  const docs = Number(arg('docs'));
  const target = arg('target')!;
  const queries = Number(arg('queries') ?? 300);
  const out =
    role === 'build-lunr'
      ? buildLunr(docs, target)
      : role === 'build-fts'
        ? buildFts(docs, target)
        : role === 'serve-lunr'
          ? serveLunr(docs, target, queries)
          : serveFts(docs, target, queries);
  console.log(JSON.stringify(out));
} else {
  const sizes = (arg('docs') ?? '1000,10000,100000').split(',').map(Number);
  const queries = arg('queries') ?? '300';
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-search-'));
  let last: Record<string, unknown> = {};
  console.log(`Search benchmark: ${queries} mixed queries per size; lunr = our engine, fts5 = SQLite FTS5 bm25.`);
  console.log(`machine: ${os.cpus().length} cores, node ${process.version}`);
  for (const docs of sizes) {
    const lunrDir = path.join(work, `lunr-${docs}`);
    const ftsFile = path.join(work, `fts-${docs}.db`);
    const lunrBuild = child(['--role', 'build-lunr', '--docs', String(docs), '--target', lunrDir]) as {
      build_ms: number;
    };
    const lunrServe = child([
      '--role',
      'serve-lunr',
      '--docs',
      String(docs),
      '--target',
      lunrDir,
      '--queries',
      queries,
    ]);
    const ftsBuild = child(['--role', 'build-fts', '--docs', String(docs), '--target', ftsFile]) as {
      build_ms: number;
    };
    const ftsServe = child(['--role', 'serve-fts', '--docs', String(docs), '--target', ftsFile, '--queries', queries]);
    const lunr = summarise(lunrBuild.build_ms, lunrDir, lunrServe as never);
    const fts5 = summarise(ftsBuild.build_ms, ftsFile, ftsServe as never);
    console.log(`\n${docs} claims`);
    console.log('metric      lunr        fts5        lunr/fts5');
    for (const key of Object.keys(lunr) as (keyof Figures)[]) {
      const ratio = fts5[key] > 0 ? `${round(lunr[key] / fts5[key])}x` : '-';
      console.log(`${key.padEnd(11)} ${String(lunr[key]).padEnd(11)} ${String(fts5[key]).padEnd(11)} ${ratio}`);
    }
    last = { docs, lunr, fts5 };
  }
  fs.rmSync(work, { recursive: true, force: true });
  console.log(JSON.stringify(last));
}
