/**
 * `npm run bench:cards -- [--corpus 1000] [--http 200] [--runs 30]`
 *
 * Verdict cards, measured (`npm run build` first):
 * 1. Drawing, in this process: model + satori + resvg for each seed claim (content/, read from a
 *    seeded server's API) and `--corpus` State of the Union sentences (../shared/corpora; skipped
 *    with a message when missing): median / p95 / max milliseconds and PNG size.
 * 2. Over HTTP, the built server seeded from content/: each seed claim's card asked for the first
 *    time (drawn on the request) and then `--runs` times (from memory), beside a static file of
 *    the same server (`/favicon.svg`) asked as often.
 * 3. Over HTTP, a server on a generated archive of `--corpus` corpus claims: the first request of
 *    `--http` different cards, each a cache miss.
 * The last line printed is one JSON object.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SITE_NAME } from '../app/meta';
import { verdictCardModel, type CardClaim } from '../app/publishing/verdict-card';
import { renderVerdictCard } from '../app/publishing/verdict-card.server';
import { generateCorpusArchive, readCorpus } from './lib/archive';
import { startServer, type StartedServer } from './lib/server';
import { argument } from './bench-lib';

const CORPUS = argument('corpus', 1000);
const HTTP_CARDS = argument('http', 200);
const RUNS = argument('runs', 30);
const VERDICTS = [
  { id: 'false', label: 'False' },
  { id: 'misleading', label: 'Misleading' },
  { id: 'disputed', label: 'Disputed' },
  { id: 'unproven', label: 'Unproven' },
  { id: 'accurate', label: 'Accurate' },
];

const round = (n: number) => Math.round(n * 10) / 10;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
const summary = (values: number[]) => ({
  median: round(percentile(values, 50)),
  p95: round(percentile(values, 95)),
  max: round(Math.max(...values)),
});

/**
 * Drawing time as the wall clock sees it, and as CPU time of this process (all its threads): on a
 * shared machine the first follows the load, the second what the drawing itself costs.
 */
async function draw(claims: CardClaim[]) {
  const ms: number[] = [];
  const cpu: number[] = [];
  const bytes: number[] = [];
  for (const claim of claims) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const png = await renderVerdictCard(verdictCardModel(claim, SITE_NAME));
    const used = process.cpuUsage(cpuBefore);
    ms.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
    bytes.push(png.length);
  }
  return { claims: claims.length, ms: summary(ms), cpuMs: summary(cpu), kb: summary(bytes.map((b) => b / 1024)) };
}

/** The server process's CPU time so far, in ms (Linux: utime + stime of /proc/<pid>/stat). */
function serverCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** Runs `requests` and returns the server's CPU per request, in ms (its clock ticks are 10 ms: count many). */
async function serverCpuPerRequest(server: StartedServer, requests: () => Promise<number>): Promise<number> {
  const before = serverCpuMs(server.pid);
  const count = await requests();
  return round((serverCpuMs(server.pid) - before) / count);
}

async function timed(url: string): Promise<{ ms: number; status: number; type: string | null }> {
  const started = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  return { ms: performance.now() - started, status: res.status, type: res.headers.get('content-type') };
}

async function cardUrlOf(server: StartedServer, slug: string): Promise<string> {
  const html = await (await fetch(`${server.url}/claims/${slug}`)).text();
  const image = html.match(/<meta property="og:image" content="([^"]+)"/)?.[1];
  if (!image) throw new Error(`no og:image on /claims/${slug}`);
  return image;
}

async function slugsOf(server: StartedServer, limit: number): Promise<string[]> {
  const slugs: string[] = [];
  for (let page = 1; slugs.length < limit; page++) {
    const body = (await (await fetch(`${server.url}/api/claims?perPage=100&page=${page}`)).json()) as {
      data?: { slug: string }[];
    };
    if (!body.data?.length) break;
    slugs.push(...body.data.map((c) => c.slug));
  }
  return slugs.slice(0, limit);
}

/** The server's own warm-up (fonts, satori's layout engine) runs 3 s after start: let it finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5_000));

async function main() {
  if (!fs.existsSync(path.resolve('build/index.js'))) throw new Error('No build: run `npm run build` first.');

  // 2. The seeded server: first and cached requests of each seed claim's card, and a static file.
  const seeded = await startServer();
  let seed: CardClaim[];
  let http: Record<string, unknown>;
  try {
    await settle();
    const listed = (await (await fetch(`${seeded.url}/api/claims?perPage=100`)).json()) as { data: CardClaim[] };
    seed = listed.data;
    const first: number[] = [];
    const cached: number[] = [];
    const statics: number[] = [];
    const urls: string[] = [];
    for (const claim of seed) urls.push(await cardUrlOf(seeded, claim.slug));
    const firstCpu = await serverCpuPerRequest(seeded, async () => {
      for (const url of urls) {
        const miss = await timed(url);
        if (miss.status !== 200 || miss.type !== 'image/png') throw new Error(`${url} answered ${miss.status}`);
        first.push(miss.ms);
      }
      return urls.length;
    });
    const cachedCpu = await serverCpuPerRequest(seeded, async () => {
      for (let i = 0; i < RUNS; i++) for (const url of urls) cached.push((await timed(url)).ms);
      return RUNS * urls.length;
    });
    const staticCpu = await serverCpuPerRequest(seeded, async () => {
      for (let i = 0; i < RUNS * urls.length; i++) statics.push((await timed(`${seeded.url}/favicon.svg`)).ms);
      return RUNS * urls.length;
    });
    http = {
      seedFirstMs: summary(first),
      seedFirstServerCpuMs: firstCpu,
      seedCachedMs: summary(cached),
      seedCachedServerCpuMs: cachedCpu,
      staticFileMs: summary(statics),
      staticFileServerCpuMs: staticCpu,
    };
  } finally {
    await seeded.stop();
  }

  // 1. Drawing in this process: the seed claims, then the corpus.
  const corpus = readCorpus();
  if (!corpus) console.log('The corpus (../shared/corpora/sotu.jsonl.gz) is missing: corpus figures skipped.');
  await renderVerdictCard(verdictCardModel(seed[0], SITE_NAME)); // fonts and layout engine, once
  const step = corpus ? Math.max(1, Math.floor(corpus.length / CORPUS)) : 1;
  const sample = (corpus ?? []).filter((_, i) => i % step === 0).slice(0, CORPUS);
  const corpusClaims: CardClaim[] = sample.map((s, i) => ({
    slug: `sotu-${i}`,
    statement: s.text,
    statementKind: i % 5 === 4 ? 'summary' : 'quote',
    claimedOn: String(s.year),
    venue: `State of the Union Address, ${s.year}`,
    status: i % 50 === 49 ? 'retracted' : 'published',
    verdict: VERDICTS[i % VERDICTS.length],
    speaker: { name: s.speaker, role: 'President of the United States' },
  }));
  const drawing = { seed: await draw(seed), corpus: corpusClaims.length ? await draw(corpusClaims) : null };

  // 3. A corpus archive behind the server: the first request of many different cards.
  let corpusHttp: Record<string, unknown> | null = null;
  if (corpus) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cards-'));
    const dbFile = path.join(dir, 'tracker.db');
    generateCorpusArchive(dbFile, CORPUS, corpus);
    const server = await startServer({ DATABASE_PATH: dbFile, SEARCH_INDEX_PATH: path.join(dir, 'search-index') });
    try {
      await settle();
      const urls: string[] = [];
      for (const slug of await slugsOf(server, HTTP_CARDS)) urls.push(await cardUrlOf(server, slug));
      const first: number[] = [];
      const cpu = await serverCpuPerRequest(server, async () => {
        for (const url of urls) first.push((await timed(url)).ms);
        return urls.length;
      });
      corpusHttp = {
        cards: urls.length,
        firstMs: summary(first),
        serverCpuMs: cpu,
        over300ms: first.filter((ms) => ms > 300).length,
      };
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  const result = { drawing, http: { ...http, corpus: corpusHttp }, load: os.loadavg().map(round) };
  console.log('Drawing (model + satori + resvg), in process:');
  for (const [name, figures] of Object.entries(drawing)) {
    if (figures) {
      console.log(
        `  ${name.padEnd(7)} ${String(figures.claims).padStart(5)} cards: ${figures.ms.median} ms median, ` +
          `${figures.ms.p95} p95, ${figures.ms.max} max (CPU ${figures.cpuMs.median} ms median, ${figures.cpuMs.p95} p95); ` +
          `${round(figures.kb.median)} KB median, ${round(figures.kb.max)} KB max`,
      );
    }
  }
  console.log('Over HTTP (ms: median / p95 / max; then the server’s CPU per request):');
  const line = (label: string, s: unknown, cpu: unknown) => {
    const f = s as { median: number; p95: number; max: number };
    console.log(`  ${label.padEnd(34)} ${f.median} / ${f.p95} / ${f.max}; CPU ${cpu} ms`);
  };
  line(`seed cards, first request (${seed.length})`, http.seedFirstMs, http.seedFirstServerCpuMs);
  line(`seed cards, cached (${seed.length} × ${RUNS})`, http.seedCachedMs, http.seedCachedServerCpuMs);
  line(`static file /favicon.svg (× ${seed.length * RUNS})`, http.staticFileMs, http.staticFileServerCpuMs);
  if (corpusHttp) line(`corpus cards, first request (${corpusHttp.cards})`, corpusHttp.firstMs, corpusHttp.serverCpuMs);
  console.log(`Load average during the run: ${result.load.join(', ')}`);
  console.log(JSON.stringify(result));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
