/**
 * `npm run bench:pages -- [--claims 10000] [--runs 30]`
 *
 * The reader pages at archive scale. Generates a deterministic archive (scripts/lib/archive.ts)
 * into a fresh SQLite file (N claims over 200 speakers with a Zipf-like skew, so the busiest
 * speaker has thousands; 50 topics, likewise skewed; N/2 sources; citations, subjects and
 * rebuttals; the shipped verdict scale), starts the built server on it (`npm run build` first), waits for the background
 * search-index build to finish so it does not compete for the CPU, then requests each page kind
 * `runs` times in a row and prints the median and p95 latency and the response size. The last
 * line printed is one JSON object.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadEnvironment, printDatabase } from '../config/env';
import { readManifest } from '../app/search/store.server';
import { startServer } from './lib/server';
import { generateArchive } from './lib/archive';
import { argument } from './bench-lib';

export { generateArchive };

const CLAIMS = argument('claims', 10000);
const RUNS = argument('runs', 30);
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
