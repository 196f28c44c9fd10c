/**
 * `npm run bench:search-budget -- [--claims 100000] [--runs 40]`
 *
 * The readers' search at its worst (hardening trial row 3.3): a corpus archive of N claims
 * (State of the Union sentences, scripts/lib/archive.ts), its search index built in this
 * process, then queries built to cost the most — eight random 40-letter words, eight random
 * 9-letter words (each gets a two-typo expansion), eight real words misspelt, and ordinary
 * queries beside them for scale. Prints median, p95 and max per kind and exits 1 if any p95 is
 * over 50 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SearchEngine } from '../app/search/engine.server';
import { loadSearchDocuments } from '../app/search/documents.server';
import { parseQuery } from '../app/search/query';
import { buildShard, shardDocuments } from '../app/search/shard-format.server';
import { argument, prng } from './bench-lib';
import { generateCorpusArchive, readCorpus } from './lib/archive';

const claims = argument('claims', 100_000);
const runs = argument('runs', 40);
const LIMIT_MS = 50;

const corpus = readCorpus();
if (!corpus) throw new Error('The corpus (../shared/corpora/sotu.jsonl.gz) is needed.');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-budget-'));
try {
  const file = path.join(dir, 'archive.db');
  let started = performance.now();
  generateCorpusArchive(file, claims, corpus);
  const { default: Database } = await import('better-sqlite3');
  const sqlite = new Database(file, { readonly: true });
  const docs = loadSearchDocuments(sqlite);
  sqlite.close();
  const engine = new SearchEngine();
  engine.setShards(
    shardDocuments(docs).map((part) => buildShard(part)),
    1,
  );
  engine.warmUp();
  console.log(`${docs.length} documents indexed in ${((performance.now() - started) / 1000).toFixed(0)} s`);

  const random = prng(7);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const word = (n: number) => Array.from({ length: n }, () => letters[Math.floor(random() * 26)]).join('');
  const real = corpus.flatMap((s) => s.text.toLowerCase().match(/[a-z]{6,}/g) ?? []);
  const misspell = (w: string) => {
    const i = 1 + Math.floor(random() * (w.length - 2));
    return w.slice(0, i) + letters[Math.floor(random() * 26)] + w.slice(i + 1);
  };
  const kinds: Record<string, () => string> = {
    'eight 40-letter random words': () => Array.from({ length: 8 }, () => word(40)).join(' '),
    'eight 9-letter random words': () => Array.from({ length: 8 }, () => word(9)).join(' '),
    'eight misspelt real words': () =>
      Array.from({ length: 8 }, () => misspell(real[Math.floor(random() * real.length)])).join(' '),
    'two real words': () => `${real[Math.floor(random() * real.length)]} ${real[Math.floor(random() * real.length)]}`,
  };
  const percentile = (values: number[], p: number) =>
    [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
  const results: Record<string, { median: number; p95: number; max: number }> = {};
  let over = false;
  for (const [kind, make] of Object.entries(kinds)) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const query = parseQuery(make());
      started = performance.now();
      engine.search(query, {}, 20);
      times.push(performance.now() - started);
    }
    const r = {
      median: Math.round(percentile(times, 50) * 10) / 10,
      p95: Math.round(percentile(times, 95) * 10) / 10,
      max: Math.round(Math.max(...times) * 10) / 10,
    };
    results[kind] = r;
    if (r.p95 > LIMIT_MS) over = true;
    console.log(`${kind.padEnd(32)} median ${r.median} ms  p95 ${r.p95} ms  max ${r.max} ms`);
  }
  console.log(JSON.stringify({ claims, documents: docs.length, runs, results }));
  process.exitCode = over ? 1 : 0;
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
