/**
 * `npm run bench:memory -- [--claims 100000] [--requests 2000] [--concurrency N]`
 *
 * The resident memory of the whole server (`npm start`: the cluster primary and its workers) on
 * an archive of N claims. Builds the archive of bench:editor (real State of the Union sentences
 * from `../shared/corpora/`, or the synthetic one of bench:pages without the corpus), starts the
 * built server through cluster.js with the default WEB_CONCURRENCY (one per core) unless
 * `--concurrency` says otherwise, and sums VmRSS (and Pss, which counts a page shared by several
 * processes once) over every process from /proc:
 *
 * 1. the first start, with no index saved: one worker builds it (in a worker thread) while the
 *    others wait for it, then all load it; measured idle once every worker answers searches,
 *    after `--requests` requests (half claim pages, half searches, 10 at a time), 5 s later, and
 *    the peak over all of it, sampled every 250 ms;
 * 2. the same after a restart, which loads the saved index (the usual start).
 *
 * It exits 1 if any figure is over the 1.5 GB budget (issue 13). The last line is one JSON object.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { loadEnvironment, printDatabase } from '../config/env';
import { readManifest } from '../app/search/store.server';
import { argument, prng } from './bench-lib';
import { generateArchive, generateCorpusArchive, readCorpus, WORDS } from './lib/archive';
import { startServer, type StartedServer } from './lib/server';
import Database from 'better-sqlite3';

const CLAIMS = argument('claims', 100_000);
const REQUESTS = argument('requests', 2000);
const CONCURRENCY = process.argv.includes('--concurrency') ? argument('concurrency', 1) : null;
const BUDGET_MB = 1536;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The process and all its descendants (cluster workers; worker threads are not processes). */
function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i += 1) {
    try {
      for (const task of fs.readdirSync(`/proc/${tree[i]}/task`)) {
        const children = fs.readFileSync(`/proc/${tree[i]}/task/${task}/children`, 'utf8').trim();
        if (children) tree.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // Gone meanwhile.
    }
  }
  return tree;
}

const kbField = (text: string, field: string) =>
  Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);

interface Memory {
  processes: number;
  rssMb: number;
  pssMb: number;
  perProcessRssMb: number[];
}

function measureMemory(pid: number): Memory {
  const perProcess: number[] = [];
  let pss = 0;
  for (const p of processTree(pid)) {
    try {
      perProcess.push(kbField(fs.readFileSync(`/proc/${p}/status`, 'utf8'), 'VmRSS'));
      pss += kbField(fs.readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'), 'Pss');
    } catch {
      // Gone meanwhile.
    }
  }
  const mb = (kb: number) => Math.round(kb / 1024);
  return {
    processes: perProcess.length,
    rssMb: mb(perProcess.reduce((a, b) => a + b, 0)),
    pssMb: mb(pss),
    perProcessRssMb: perProcess.map(mb),
  };
}

/** One GET on a connection of its own, so the cluster hands it to the next worker. */
function getOnce(url: string, agent: http.Agent | false = false): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

/** Until every worker answers a search from its index (each of 3 × workers fresh connections). */
async function searchReady(server: StartedServer, workers: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const statuses = [];
    for (let i = 0; i < 3 * workers; i += 1) statuses.push(await getOnce(`${server.url}/api/search?q=the+nation`));
    if (statuses.every((s) => s === 200)) return;
    if (Date.now() > deadline) throw new Error(`search not ready in ${timeoutMs} ms: ${statuses.join(' ')}`);
    await sleep(500);
  }
}

async function load(server: StartedServer, paths: string[]): Promise<{ ms: number; errors: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < paths.length) {
        const status = await getOnce(server.url + paths[next++], agent).catch(() => 0);
        if (status !== 200) errors += 1;
      }
    }),
  );
  agent.destroy();
  return { ms: Math.round(performance.now() - started), errors };
}

async function main() {
  if (!['build/index.js', 'build/search-worker.js'].every((file) => fs.existsSync(path.resolve(file)))) {
    throw new Error('No complete build: run `npm run build` first.');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-memory-'));
  const dbFile = path.join(dir, 'tracker.db');
  const searchDir = path.join(dir, 'search-index');
  printDatabase(dbFile);
  try {
    let started = performance.now();
    const corpus = readCorpus();
    if (corpus) generateCorpusArchive(dbFile, CLAIMS, corpus);
    else {
      console.log('The corpus (../shared/corpora/sotu.jsonl.gz) is missing: using the synthetic archive.');
      generateArchive(dbFile, CLAIMS);
    }
    console.log(`Archive: ${CLAIMS} claims (${corpus ? 'corpus' : 'synthetic'}) in ${ms(started)} ms.`);

    // What the load visits: claim pages drawn over the whole archive, and searches of one to
    // three words of its own text.
    const sqlite = new Database(dbFile, { readonly: true });
    const slugs = (
      sqlite.prepare(`select slug from claims where status = 'published'`).all() as { slug: string }[]
    ).map((r) => r.slug);
    sqlite.close();
    const random = prng(20261202);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
    const vocabulary = corpus
      ? corpus
          .slice(0, 5000)
          .flatMap((s) => s.text.toLowerCase().match(/[a-z]{4,}/g) ?? [])
          .filter((w, i, all) => all.indexOf(w) === i)
      : WORDS;
    const paths = Array.from({ length: REQUESTS }, (_, i) =>
      i % 2 === 0
        ? `/claims/${pick(slugs)}`
        : `/api/search?q=${encodeURIComponent(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(vocabulary)).join(' '))}`,
    );

    const workers = CONCURRENCY ?? os.availableParallelism();
    const env = {
      DATABASE_PATH: dbFile,
      SEARCH_INDEX_PATH: searchDir,
      // Blank is unset: the default, one per core, as `npm start` runs it.
      WEB_CONCURRENCY: CONCURRENCY ? String(CONCURRENCY) : '',
    };
    const phases: Record<string, Memory & { ms?: number; errors?: number }> = {};
    const report = (name: string, memory: Memory, extra: { ms?: number; errors?: number } = {}) => {
      phases[name] = { ...memory, ...extra };
      console.log(
        `${name.padEnd(34)} ${`${memory.rssMb} MB`.padStart(8)} RSS ${`${memory.pssMb} MB`.padStart(8)} PSS  ` +
          `(${memory.processes} processes: ${memory.perProcessRssMb.join(' + ')} MB)` +
          (extra.ms !== undefined ? `  ${REQUESTS} requests in ${extra.ms} ms, ${extra.errors} errors` : ''),
      );
    };

    for (const start of ['first start', 'restart']) {
      started = performance.now();
      const server = await startServer(env, 10 * 60_000, { cluster: true });
      try {
        console.log(`\n${start}: listening in ${ms(started)} ms, ${workers} workers.`);
        let peak = measureMemory(server.pid);
        const sampler = setInterval(() => {
          const now = measureMemory(server.pid);
          if (now.rssMb > peak.rssMb) peak = now;
        }, 250);
        try {
          // A worker takes connections only once it listens: wait for all before asking them.
          const serving = `(${workers} of ${workers}) is serving`;
          while (workers > 1 && !server.output().includes(serving)) await sleep(100);
          await searchReady(server, workers, 30 * 60_000);
          if (start === 'first start')
            console.log(`Search index built and loaded by every worker in ${ms(started)} ms.`);
          else console.log(`Saved index loaded by every worker in ${ms(started)} ms.`);
          await sleep(3000);
          report(`${start}: idle`, measureMemory(server.pid));
          const result = await load(server, paths);
          report(`${start}: after the requests`, measureMemory(server.pid), result);
          await sleep(5000);
          report(`${start}: 5 s later`, measureMemory(server.pid));
        } finally {
          clearInterval(sampler);
        }
        report(`${start}: peak (every 250 ms)`, peak);
        if (start === 'first start' && !readManifest(searchDir))
          throw new Error('no saved index after the first start');
      } finally {
        await server.stop();
      }
    }
    const worst = Math.max(...Object.values(phases).map((p) => p.rssMb));
    console.log(
      `\nHighest sum of RSS: ${worst} MB (budget ${BUDGET_MB} MB): ${worst <= BUDGET_MB ? 'within' : 'OVER'}.`,
    );
    console.log(JSON.stringify({ claims: CLAIMS, requests: REQUESTS, workers, budgetMb: BUDGET_MB, worst, phases }));
    if (worst > BUDGET_MB) process.exitCode = 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (since: number) => Math.round(performance.now() - since);

loadEnvironment();
main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
