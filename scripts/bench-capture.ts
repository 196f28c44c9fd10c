/**
 * `npm run bench:capture -- [--runs 20]`
 *
 * What a capture costs (issue 14): a local publisher (test/capture-site.ts) serves an article of
 * real size, about 5,000 words of State of the Union sentences in a news page's markup, gzip
 * compressed as publishers send it, and the same page uncompressed; each is captured `--runs`
 * times, one after another, through the whole path (safe fetch, WARC written, Readability,
 * row stored) into a temp database and captures folder. It prints per capture: the time (median
 * and p95), the page as sent and as HTML, the WARC file on disk, and the readable text kept in
 * the database. The last line printed is one JSON object.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';

const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt === -1 ? 20 : Number(process.argv[runsAt + 1]);
if (!Number.isInteger(RUNS) || RUNS < 1)
  throw new Error(`--runs needs a whole number, got ${process.argv[runsAt + 1]}`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-capture-'));
process.env.ENV_FILE = '/dev/null';
process.env.DATABASE_PATH = path.join(dir, 'bench.db');
process.env.CAPTURES_PATH = path.join(dir, 'captures');

const { startCaptureSite } = await import('../test/capture-site');
const { getDb, migrateDatabase, closeDb } = await import('../db/client');
const { captureSource } = await import('../app/capture/capture.server');
const { getCaptureWithText } = await import('../app/models/captures.server');

const site = await startCaptureSite();
process.env.CAPTURE_ALLOW_HOSTS = site.hostPort;
const article = site.pages.get('/article')!;
site.pages.set('/article-identity', { ...article, gzip: false });
migrateDatabase(getDb());

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const results: Record<string, unknown> = {};
try {
  for (const pathname of ['/article', '/article-identity']) {
    const times: number[] = [];
    let last = { received: 0, warc: 0, text: 0, words: 0 };
    for (let run = 0; run < RUNS; run++) {
      const { id } = getDb().get<{ id: number }>(
        sql`insert into sources (slug, title, url) values (${`bench-${pathname.slice(1)}-${run}`}, 'Bench', ${site.url + pathname}) returning id`,
      );
      const started = performance.now();
      const outcome = await captureSource(id, 'manual');
      times.push(performance.now() - started);
      if (outcome.error) throw new Error(`${pathname}: ${outcome.error}`);
      const capture = getCaptureWithText(outcome.captureId!)!;
      last = {
        received: capture.byteLength ?? 0,
        warc: fs.statSync(path.join(process.env.CAPTURES_PATH!, capture.warcPath!)).size,
        text: Buffer.byteLength(capture.text ?? ''),
        words: (capture.text ?? '').split(/\s+/).length,
      };
    }
    const html = Buffer.byteLength(site.pages.get(pathname)!.body);
    console.log(
      `${pathname} (${last.words} words of text, ${kb(html)} of HTML, sent as ${kb(last.received)}): ` +
        `capture median ${median(times).toFixed(0)} ms, p95 ${p95(times).toFixed(0)} ms; ` +
        `WARC file ${kb(last.warc)}; readable text in the database ${kb(last.text)}`,
    );
    results[pathname] = {
      words: last.words,
      htmlBytes: html,
      receivedBytes: last.received,
      warcBytes: last.warc,
      textBytes: last.text,
      medianMs: Math.round(median(times)),
      p95Ms: Math.round(p95(times)),
      runs: RUNS,
    };
  }
} finally {
  await site.close();
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(results));
