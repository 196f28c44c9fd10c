/**
 * `npm run bench:load -- [--claims 100000] [--duration 5] [--connections 10,50,200]
 *   [--mode server|cluster] [--workers N] [--archive DIR] [--only NAMES] [--before-root DIR]`
 *
 * The site under load, measured in one run (issue 13). Builds a real archive: State of the Union
 * sentences repeated to N claims (scripts/lib/archive.ts, as bench:editor) plus the seed content,
 * imported with `content:import`, which also saves the readers' search index so no server builds
 * it while it is being timed. Then, at each connection count, with autocannon:
 *
 * - **before**: the built server with `PAGE_CACHE_MB=0` and `WEB_CONCURRENCY=1`, rendering a
 *   different claim page on every request: today's uncached render, the baseline for "≥ 2×";
 * - **the site** (`--mode server`: `node server.js`, one process; `--mode cluster`: `node
 *   cluster.js` with `WEB_CONCURRENCY=--workers`, default one per core): a cached claim page (one
 *   URL again and again), an uncached render (each request a claim URL not asked for before in
 *   this run, so no page cache can answer it), a 304 revalidation (`If-None-Match` with the page's
 *   ETag), search (`/search?q=`, a different real word each time) and the home page;
 * - **bare**: a `node:http` server in its own process sending the claim page's bytes with the same
 *   content type: what this machine can do at all, and the ratio of each row to it.
 *
 * Every row also gives the server's CPU time per response (all its processes, from /proc): on a
 * machine shared with other work, requests/s move with the neighbours' load; CPU per response
 * much less. `--before-root DIR` runs the baseline from another checkout with its own build (a
 * worktree of the commit before a change), so "before" is that code rather than this build with
 * its page cache off.
 *
 * Then an edit visible to readers: one editor submits a change to the cached claim page's verdict
 * explanation the way the edit page's form does, a second approves it, and a reader polls the page
 * (a new connection each time, so every worker of a cluster is asked) until it shows the change.
 * Last, the resident memory of each server (all its processes). Prints a table; writes everything
 * as JSON to `.tmp/bench-load-<time>.json`. The servers' request logs go to files, never through
 * this process, so reading them costs the client nothing.
 *
 * Targets (issue 13): cached claim page ≥ 50% of the bare server's requests/s with p99 ≤ 25 ms
 * at 50 connections and no errors at 200; uncached ≥ 2× before; edit visible within 1 s.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import { loadEnvironment, printDatabase } from '../config/env';
import { readManifest } from '../app/search/store.server';
import { createEditor, pageFormBody, signIn } from '../test/fixtures';
import { generateArchive, generateCorpusArchive, readCorpus, WORDS } from './lib/archive';
import { prng } from './bench-lib';

// ---------------------------------------------------------------------------------------------
// Arguments

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}
function wholeNumber(name: string, fallback: number): number {
  const given = option(name);
  if (given === undefined) return fallback;
  const value = Number(given);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a whole number, got ${given}`);
  return value;
}

const CLAIMS = wholeNumber('claims', 100_000);
const DURATION = wholeNumber('duration', 5);
const CONNECTIONS = (option('connections') ?? '10,50,200').split(',').map((n) => {
  const value = Number(n);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--connections needs whole numbers, got ${n}`);
  return value;
});
const MODE = option('mode') ?? 'server';
if (MODE !== 'server' && MODE !== 'cluster') throw new Error(`--mode is server or cluster, got ${MODE}`);
const WORKERS = option('workers') === undefined ? undefined : wholeNumber('workers', 1);
/**
 * The baseline from another checkout (its own server.js and build/), e.g. a worktree of the
 * commit before a change: "before" then means that code, not this build with the cache off.
 */
const BEFORE_ROOT = path.resolve(option('before-root') ?? '.');
/** Keep (and reuse) the archive in this folder: a second run skips the minutes it takes to build. */
const ARCHIVE_DIR = option('archive');
const ROWS = ['before', 'cached', 'uncached', '304', 'search', 'home', 'bare'] as const;
type RowName = (typeof ROWS)[number];
const ONLY = new Set((option('only') ?? ROWS.join(',')).split(',') as RowName[]);
for (const name of ONLY) if (!ROWS.includes(name)) throw new Error(`--only takes ${ROWS.join(',')}, got ${name}`);

/** The claim page a shared link points at: the seed's main claim, rebutted, with citations. */
const HOT_CLAIM = 'us-officials-huawei-backdoor-access';

// ---------------------------------------------------------------------------------------------
// autocannon (no published types: the part of its programmatic API used here)

interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
}
interface CannonOptions {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  requests?: { setupRequest?: (request: CannonRequest) => CannonRequest }[];
}
interface CannonResult {
  requests: { total: number };
  latency: { p50: number; p99: number; max: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: CannonOptions) => Promise<CannonResult>;

// ---------------------------------------------------------------------------------------------
// Processes

const ROOT = process.cwd();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** A process and every process below it (a cluster's workers). */
function processTree(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++)
    for (const [child, parent] of parentOf) if (parent === tree[i]) tree.push(child);
  return tree;
}

/**
 * Resident memory of a process and its children, in MB: the sum of their RSS, and of their PSS
 * (a page shared by several processes, such as node's own code, counted once across them).
 */
function residentMb(pid: number): { total: number; pss: number; processes: number } {
  const tree = processTree(pid);
  let kb = 0;
  let pssKb = 0;
  for (const p of tree) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
      pssKb += Number(/^Pss:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return { total: Math.round(kb / 1024), pss: Math.round(pssKb / 1024), processes: tree.length };
}

/** CPU seconds used so far by a process and its children (utime + stime of /proc/PID/stat). */
function cpuSeconds(pid: number): number {
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks / 100;
}

interface Running {
  name: string;
  url: string;
  child: ChildProcess;
  log: string;
  stop: () => Promise<void>;
}

/**
 * Starts a process serving HTTP on a port chosen here and waits for `ready` to answer 200. Its
 * stdout and stderr go to a file: a request log read through a pipe would cost this process (the
 * load generator) CPU, and a pipe read too slowly blocks the server's writes.
 */
async function launch(
  name: string,
  args: string[],
  env: Record<string, string>,
  dir: string,
  ready = '/healthz',
  cwd = ROOT,
): Promise<Running> {
  const timeoutMs = 300_000;
  const port = await freePort();
  const log = path.join(dir, `${name}.log`);
  const out = fs.openSync(log, 'w');
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    if (!running()) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!running()) throw new Error(`${name} exited before answering:\n${fs.readFileSync(log, 'utf8').slice(-3000)}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} did not answer ${ready} in ${timeoutMs} ms`);
    }
    const ok = await fetch(url + ready).then(
      (res) => res.body?.cancel().then(() => res.ok) ?? res.ok,
      () => false,
    );
    if (ok) return { name, url, child, log, stop };
    await sleep(200);
  }
}

function siteEnv(dir: string, extra: Record<string, string>): Record<string, string> {
  return {
    ENV_FILE: '/dev/null',
    NODE_ENV: 'production',
    DATABASE_PATH: path.join(dir, 'tracker.db'),
    SEARCH_INDEX_PATH: path.join(dir, 'search-index'),
    SESSION_SECRET: 'bench-load-session-secret-0123456789',
    // The load is one address; the limits are tested elsewhere.
    SEARCH_RATE_LIMIT: '100000000/60',
    ...extra,
  };
}

async function startSite(
  name: string,
  dir: string,
  runDir: string,
  mode: string,
  extra: Record<string, string>,
  root = ROOT,
) {
  const entry = mode === 'cluster' ? 'cluster.js' : 'server.js';
  if (!fs.existsSync(path.join(root, entry))) throw new Error(`--mode ${mode} needs ${entry}, which ${root} lacks`);
  if (!fs.existsSync(path.join(root, 'build/index.js')))
    throw new Error(`${root} has no build: run npm run build there`);
  const site = await launch(name, [entry], siteEnv(dir, extra), runDir, '/healthz', root);
  await searchSettled(site, dir);
  return site;
}

/**
 * Waits until the saved search index is the database's version and the server answers searches
 * from it: a server that finds its index stale (a reused archive edited by the last run) rebuilds
 * it in a worker thread, which would take a core from the requests being timed.
 */
async function searchSettled(site: Running, dir: string) {
  const db = new Database(path.join(dir, 'tracker.db'), { readonly: true });
  const version = () =>
    Number(
      (db.prepare(`select value from site_meta where key = 'data_version'`).get() as { value: string } | undefined)
        ?.value ?? 0,
    );
  const deadline = Date.now() + 30 * 60_000;
  let said = false;
  try {
    for (;;) {
      const fresh = readManifest(path.join(dir, 'search-index'))?.dataVersion === version();
      const answers =
        fresh &&
        (await fetch(`${site.url}/api/search?q=government`).then(
          (res) => res.body?.cancel().then(() => res.status === 200) ?? false,
          () => false,
        ));
      if (answers) break;
      if (!said) console.log(`${site.name}: waiting for the search index to be rebuilt and loaded…`);
      said = true;
      if (Date.now() > deadline) throw new Error('the search index was not ready in 30 minutes');
      await sleep(1000);
    }
  } finally {
    db.close();
  }
  // A rebuilt index is then loaded shard by shard and warmed up: wait until the server is idle.
  await idle(site.child.pid!);
}

/** Until the process uses under a tenth of a core for a second (or two minutes pass). */
async function idle(pid: number) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const before = cpuSeconds(pid);
    await sleep(1000);
    if (cpuSeconds(pid) - before < 0.1 || Date.now() > deadline) return;
  }
}

/** A bare node:http server in its own process: these bytes, this content type, nothing else. */
function startBare(runDir: string, body: Buffer, contentType: string) {
  const file = path.join(runDir, 'bare-body.html');
  fs.writeFileSync(file, body);
  // The file and type go in as the program's own text, not settings: this process reads nothing else.
  const program = `
    const body = require('node:fs').readFileSync(${JSON.stringify(file)});
    const headers = { 'content-type': ${JSON.stringify(contentType)}, 'content-length': body.length };
    require('node:http').createServer((req, res) => {
      if (req.url === '/healthz') return res.end('ok');
      res.writeHead(200, headers);
      res.end(body);
    }).listen(Number(process.env.PORT), '127.0.0.1');`;
  return launch('bare', ['-e', program], {}, runDir);
}

// ---------------------------------------------------------------------------------------------
// The archive

interface ArchiveInfo {
  claims: number;
  corpus: boolean;
  publicSlugs: string[];
  words: string[];
  buildMs: number;
}

/** N claims (the corpus, or bench:pages' synthetic words without it), then content:import. */
function buildArchive(dir: string): ArchiveInfo {
  const dbFile = path.join(dir, 'tracker.db');
  const started = performance.now();
  const corpus = readCorpus();
  const done = path.join(dir, 'archive.json');
  if (fs.existsSync(done)) {
    const kept = JSON.parse(fs.readFileSync(done, 'utf8')) as { claims: number; corpus: boolean };
    if (kept.claims !== CLAIMS) throw new Error(`${dir} holds an archive of ${kept.claims} claims, not ${CLAIMS}`);
    console.log(`Reusing the archive in ${dir}.`);
    return { ...kept, ...readArchive(dbFile, corpus !== null), buildMs: 0 };
  }
  if (corpus) generateCorpusArchive(dbFile, CLAIMS, corpus);
  else {
    console.log('The corpus (../shared/corpora/sotu.jsonl.gz) is missing: using the synthetic archive of bench:pages.');
    generateArchive(dbFile, CLAIMS);
  }
  const imported = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/content-import.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...siteEnv(dir, {}) },
    encoding: 'utf8',
  });
  if (imported.status !== 0) throw new Error(`content:import failed:\n${imported.stdout}\n${imported.stderr}`);
  fs.writeFileSync(done, JSON.stringify({ claims: CLAIMS, corpus: corpus !== null }));
  const buildMs = Math.round(performance.now() - started);
  console.log(
    `Archive: ${CLAIMS} ${corpus ? 'corpus' : 'synthetic'} claims plus content/, index saved, in ${Math.round(buildMs / 1000)} s.`,
  );
  return { claims: CLAIMS, corpus: corpus !== null, ...readArchive(dbFile, corpus !== null), buildMs };
}

/** The public claims' addresses (shuffled, so a walk is not in insertion order) and search words. */
function readArchive(dbFile: string, corpus: boolean) {
  const db = new Database(dbFile, { readonly: true });
  const slugs = (
    db.prepare(`select slug from claims where status in ('published', 'retracted') order by id`).all() as {
      slug: string;
    }[]
  ).map((r) => r.slug);
  const statements = db.prepare(`select statement from claims order by random() limit 3000`).all() as {
    statement: string;
  }[];
  db.close();
  const random = prng(1301);
  for (let i = slugs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [slugs[i], slugs[j]] = [slugs[j], slugs[i]];
  }
  // Words a reader would type: from the statements, four letters or more, each once.
  const words = corpus
    ? [
        ...new Set(
          statements.flatMap((s) =>
            (s.statement.toLowerCase().match(/\p{L}{4,}/gu) ?? []).filter((w) => w.length < 14),
          ),
        ),
      ]
    : WORDS;
  return { publicSlugs: slugs.filter((s) => s !== HOT_CLAIM), words };
}

// ---------------------------------------------------------------------------------------------
// Measuring

interface Row {
  name: RowName;
  label: string;
  connections: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  /** Responses with a status other than the one expected (200, or 304 for the revalidation). */
  unexpected: number;
  statuses: Record<string, number>;
  /**
   * The server's CPU time (all its processes, 10 ms ticks) over the requests answered: the cost of
   * one response, which other work on a shared machine changes far less than requests/s.
   */
  serverCpuMsPerRequest: number;
  /** The uncached row: whether the walk ran out of unseen claims and reused some. */
  reusedSlugs?: boolean;
}

const LABELS: Record<RowName, string> = {
  before: 'uncached, PAGE_CACHE_MB=0, 1 process (before)',
  cached: 'cached claim page',
  uncached: 'uncached render (new claim each request)',
  '304': '304 revalidation (If-None-Match)',
  search: 'search (/search?q=, varied words)',
  home: 'home page',
  bare: 'bare node:http, same bytes',
};

/** Hands out claim addresses never requested before in this run (per server: caches are). */
class SlugWalk {
  private next = 0;
  reused = false;
  constructor(private readonly slugs: string[]) {}
  take(): string {
    if (this.next >= this.slugs.length) this.reused = true;
    const slug = this.slugs[this.next % this.slugs.length];
    this.next += 1;
    // Past the end of the archive, a query string still makes a new URL for the page cache.
    return this.reused ? `/claims/${slug}?walk=${Math.floor(this.next / this.slugs.length)}` : `/claims/${slug}`;
  }
}

async function measure(
  name: RowName,
  server: Running,
  connections: number,
  target: { path?: string; headers?: Record<string, string>; walk?: () => string },
  expected = 200,
): Promise<Row> {
  // What the last row left queued (200 connections of slow searches, say) must not be timed here.
  await idle(server.child.pid!);
  const cpuBefore = cpuSeconds(server.child.pid!);
  const result = await autocannon({
    url: server.url + (target.path ?? '/'),
    connections,
    duration: DURATION,
    headers: target.headers,
    requests: target.walk ? [{ setupRequest: (request) => ({ ...request, path: target.walk!() }) }] : undefined,
  });
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
  const total = Object.values(statuses).reduce((a, b) => a + b, 0);
  const cpu = cpuSeconds(server.child.pid!) - cpuBefore;
  return {
    name,
    label: LABELS[name],
    connections,
    requestsPerSecond: Math.round(total / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    unexpected: total - (statuses[expected] ?? 0),
    statuses,
    serverCpuMsPerRequest: total > 0 ? Math.round((cpu * 1000 * 100) / total) / 100 : 0,
  };
}

/** Lets the server's JIT and SQLite's page cache warm up on the pages about to be timed. */
async function warmUp(base: string, paths: string[]) {
  await autocannon({
    url: base,
    connections: 4,
    duration: 2,
    requests: [{ setupRequest: (request) => ({ ...request, path: paths[Math.floor(Math.random() * paths.length)] }) }],
  });
}

async function fetchPage(base: string, pagePath: string) {
  // Uncompressed, as autocannon asks (it sends no Accept-Encoding): the bytes and ETag it gets.
  const res = await fetch(base + pagePath, { headers: { 'Accept-Encoding': 'identity' } });
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`${pagePath} answered ${res.status}`);
  return { body, contentType: res.headers.get('content-type') ?? 'text/html', etag: res.headers.get('etag') };
}

/** GET on a new connection (so a cluster's primary hands each to the next worker). */
function freshGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

/**
 * One editor submits a change to the claim's verdict explanation from the edit page's form (the
 * fields as the page rendered them, as a browser without JavaScript posts them), a second editor
 * approves it; a reader who had the page cached polls it until the change shows.
 */
async function editVisible(base: string, dir: string) {
  const db = new Database(path.join(dir, 'tracker.db'), { readonly: true });
  const { id } = db.prepare('select id from claims where slug = ?').get(HOT_CLAIM) as { id: number };
  db.close();
  const server = { url: base, databasePath: path.join(dir, 'tracker.db') };
  const author = await signIn(server, await createEditor(server, { name: 'Bench Author' }), { ip: '10.13.0.1' });
  const reviewer = await signIn(server, await createEditor(server, { name: 'Bench Reviewer' }), { ip: '10.13.0.2' });
  const editPage = async (cookie: string) =>
    (await fetch(`${base}/editor/claims/${id}`, { headers: { Cookie: cookie } })).text();
  const post = (cookie: string, body: URLSearchParams) =>
    fetch(`${base}/editor/claims/${id}`, {
      method: 'POST',
      body,
      headers: { Origin: base, Cookie: cookie },
      redirect: 'manual',
    });
  const marker = `Checked again under load, ${new Date().toISOString()}.`;
  const submitted = await post(
    author,
    pageFormBody(await editPage(author), {
      verdictExplanation: marker,
      'status.note': 'The explanation was brought up to date.',
      intent: 'status:update',
    }),
  );
  if (submitted.status !== 302) throw new Error(`submitting the change answered ${submitted.status}`);
  const review = await editPage(reviewer);
  const proposal = /value="approve:(\d+)"/.exec(review)?.[1];
  const version = /name="version" value="(\d+)"/.exec(review)?.[1];
  if (!proposal || !version) throw new Error('the reviewer sees no change to approve');
  const pageUrl = `${base}/claims/${HOT_CLAIM}`;
  const before = await freshGet(pageUrl);
  if (before.body.includes(marker)) throw new Error('the reader saw the change before it was approved');

  const started = performance.now();
  const approved = await post(reviewer, new URLSearchParams({ intent: `approve:${proposal}`, version }));
  const approveMs = performance.now() - started;
  if (approved.status !== 302) throw new Error(`approving answered ${approved.status}`);
  let polls = 0;
  let visibleMs = 0;
  while (performance.now() - started < 10_000) {
    polls += 1;
    const page = await freshGet(pageUrl);
    if (page.status === 200 && page.body.replaceAll('<!-- -->', '').includes(marker)) {
      visibleMs = performance.now() - started;
      break;
    }
  }
  // Then every one of the next reads (each a new connection: every worker) must show it.
  let staleAfter = 0;
  for (let i = 0; i < 20; i++) {
    const page = await freshGet(pageUrl);
    if (!page.body.replaceAll('<!-- -->', '').includes(marker)) staleAfter += 1;
  }
  const round = (n: number) => Math.round(n * 10) / 10;
  return { approveMs: round(approveMs), visibleMs: visibleMs ? round(visibleMs) : null, polls, staleAfter };
}

// ---------------------------------------------------------------------------------------------
// The run

function printTable(rows: Row[], bare: Map<number, number>, before: Map<number, number>) {
  const header =
    `${'row'.padEnd(46)} ${'conns'.padStart(5)} ${'req/s'.padStart(7)} ${'p50'.padStart(6)} ${'p99'.padStart(6)} ` +
    `${'errors'.padStart(7)} ${'other'.padStart(6)} ${'cpu/req'.padStart(8)} ${'÷bare'.padStart(6)} ${'÷before'.padStart(8)}`;
  console.log(`\n${header}\n${'-'.repeat(header.length)}`);
  for (const row of rows) {
    const ratio = (base: number | undefined) => (base ? `${(row.requestsPerSecond / base).toFixed(2)}` : '');
    console.log(
      `${row.label.padEnd(46)} ${String(row.connections).padStart(5)} ${String(row.requestsPerSecond).padStart(7)} ` +
        `${`${row.p50}`.padStart(6)} ${`${row.p99}`.padStart(6)} ${String(row.errors + row.timeouts).padStart(7)} ` +
        `${String(row.unexpected).padStart(6)} ${row.serverCpuMsPerRequest.toFixed(2).padStart(8)} ` +
        `${ratio(row.name === 'bare' ? undefined : bare.get(row.connections)).padStart(6)} ` +
        `${ratio(row.name === 'uncached' ? before.get(row.connections) : undefined).padStart(8)}`,
    );
  }
  console.log(
    '(latency in ms; "other": responses with another status than the row expects, 200 or 304; ' +
      'cpu/req: server CPU ms per response, all its processes)',
  );
}

async function main() {
  if (!['build/index.js', 'build/search-worker.js'].every((file) => fs.existsSync(path.resolve(file)))) {
    throw new Error('No complete build: run `npm run build` first.');
  }
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-load-'));
  const dir = ARCHIVE_DIR ? path.resolve(ARCHIVE_DIR) : runDir;
  fs.mkdirSync(dir, { recursive: true });
  printDatabase(path.join(dir, 'tracker.db'));
  const running: Running[] = [];
  try {
    const archive = buildArchive(dir);
    const rows: Row[] = [];
    const memory: Record<string, { total: number; pss: number; processes: number }> = {};
    const show = (row: Row) => {
      rows.push(row);
      console.log(
        `  ${row.label}, ${row.connections} connections: ${row.requestsPerSecond} req/s, p50 ${row.p50} ms, ` +
          `p99 ${row.p99} ms, ${row.errors + row.timeouts} errors, ${row.unexpected} other`,
      );
    };
    const claimPaths = archive.publicSlugs.slice(-500).map((s) => `/claims/${s}`);

    // Before: today's render, no page cache, one process.
    if (ONLY.has('before')) {
      const site = await startSite(
        'before',
        dir,
        runDir,
        'server',
        { PAGE_CACHE_MB: '0', WEB_CONCURRENCY: '1' },
        BEFORE_ROOT,
      );
      running.push(site);
      console.log(`\nBefore: ${path.relative(ROOT, BEFORE_ROOT) || '.'}/server.js with PAGE_CACHE_MB=0 on ${site.url}`);
      await warmUp(site.url, claimPaths);
      const walk = new SlugWalk(archive.publicSlugs);
      for (const connections of CONNECTIONS)
        show(await measure('before', site, connections, { walk: () => walk.take() }));
      memory.before = residentMb(site.child.pid!);
      await site.stop();
      running.pop();
    }

    const extra: Record<string, string> =
      MODE === 'cluster' ? (WORKERS ? { WEB_CONCURRENCY: String(WORKERS) } : {}) : { WEB_CONCURRENCY: '1' };
    const site = await startSite('site', dir, runDir, MODE, extra);
    running.push(site);
    console.log(
      `\nThe site: ${MODE === 'cluster' ? 'cluster.js' : 'server.js'} ${JSON.stringify(extra)} on ${site.url}`,
    );
    const hot = await fetchPage(site.url, `/claims/${HOT_CLAIM}`);
    const headers = await fetch(`${site.url}/claims/${HOT_CLAIM}`).then((res) => {
      void res.body?.cancel();
      return Object.fromEntries(res.headers);
    });
    console.log(
      `Claim page /claims/${HOT_CLAIM}: ${(hot.body.length / 1024).toFixed(1)} KB, ${hot.contentType}, ` +
        `ETag ${hot.etag ?? 'none'}, Cache-Control ${headers['cache-control'] ?? 'none'}`,
    );
    const bare = await startBare(runDir, hot.body, hot.contentType);
    running.push(bare);
    await warmUp(site.url, [...claimPaths, '/', `/claims/${HOT_CLAIM}`]);

    const walk = new SlugWalk(archive.publicSlugs);
    const random = prng(1302);
    const word = () => archive.words[Math.floor(random() * archive.words.length)];
    for (const connections of CONNECTIONS) {
      if (ONLY.has('bare')) show(await measure('bare', bare, connections, {}));
      if (ONLY.has('cached')) show(await measure('cached', site, connections, { path: `/claims/${HOT_CLAIM}` }));
      if (ONLY.has('uncached')) show(await measure('uncached', site, connections, { walk: () => walk.take() }));
      if (ONLY.has('304')) {
        const row = hot.etag
          ? await measure(
              '304',
              site,
              connections,
              { path: `/claims/${HOT_CLAIM}`, headers: { 'If-None-Match': hot.etag } },
              304,
            )
          : null;
        if (row) show(row);
        else console.log('  304 revalidation: skipped, the page has no ETag');
      }
      if (ONLY.has('home')) show(await measure('home', site, connections, { path: '/' }));
      if (ONLY.has('search'))
        show(await measure('search', site, connections, { walk: () => `/search?q=${encodeURIComponent(word())}` }));
    }
    memory.site = residentMb(site.child.pid!);
    memory.bare = residentMb(bare.child.pid!);

    console.log('\nAn edit visible to readers:');
    const edit = await editVisible(site.url, dir);
    console.log(
      `  approved in ${edit.approveMs} ms; the reader's page showed it ${edit.visibleMs ?? 'never (10 s)'} ms after ` +
        `the approval was sent (${edit.polls} polls); stale in the next 20 reads: ${edit.staleAfter}`,
    );
    memory.siteAfter = residentMb(site.child.pid!);
    if (walk.reused) console.log('\nThe uncached walk ran out of claims: some URLs carried ?walk= to stay new.');

    const bareRps = new Map(rows.filter((r) => r.name === 'bare').map((r) => [r.connections, r.requestsPerSecond]));
    const beforeRps = new Map(rows.filter((r) => r.name === 'before').map((r) => [r.connections, r.requestsPerSecond]));
    printTable(rows, bareRps, beforeRps);
    console.log(
      `\nResident memory: ${Object.entries(memory)
        .map(
          ([name, m]) =>
            `${name} ${m.total} MB RSS, ${m.pss} MB PSS (${m.processes} process${m.processes === 1 ? '' : 'es'})`,
        )
        .join(', ')}`,
    );

    const at = (name: RowName, connections: number) =>
      rows.find((r) => r.name === name && r.connections === connections);
    const cached50 = at('cached', 50);
    const cached200 = at('cached', 200);
    const targets = {
      cachedHalfOfBareAt50: cached50 && bareRps.get(50) ? cached50.requestsPerSecond / bareRps.get(50)! >= 0.5 : null,
      cachedP99Within25msAt50: cached50 ? cached50.p99 <= 25 : null,
      cachedNoErrorsAt200: cached200 ? cached200.errors + cached200.timeouts + cached200.unexpected === 0 : null,
      uncachedTwiceBefore: CONNECTIONS.map((c) => {
        const u = at('uncached', c);
        const b = beforeRps.get(c);
        const bc = at('before', c)?.serverCpuMsPerRequest;
        return {
          connections: c,
          ratio: u && b ? Math.round((u.requestsPerSecond / b) * 100) / 100 : null,
          cpuRatio: u && bc && u.serverCpuMsPerRequest ? Math.round((bc / u.serverCpuMsPerRequest) * 100) / 100 : null,
        };
      }),
      editVisibleWithin1s: edit.visibleMs !== null && edit.visibleMs <= 1000 && edit.staleAfter === 0,
    };
    console.log(`Targets: ${JSON.stringify(targets)}`);

    const result = {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version },
      mode: MODE,
      extra,
      beforeRoot: path.relative(ROOT, BEFORE_ROOT) || '.',
      claims: archive.claims,
      corpus: archive.corpus,
      durationSeconds: DURATION,
      connections: CONNECTIONS,
      page: { path: `/claims/${HOT_CLAIM}`, bytes: hot.body.length, etag: hot.etag, headers },
      rows,
      edit,
      memoryMb: memory,
      targets,
    };
    const out = path.join(ROOT, '.tmp', `bench-load-${result.at.replace(/[:.]/g, '-')}.json`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`Results: ${path.relative(ROOT, out)}`);
  } finally {
    for (const server of running.reverse()) await server.stop();
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

loadEnvironment();
main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
