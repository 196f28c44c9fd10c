/**
 * `npm run bench:duplicates -- [--samples 300] [--seed 11]`
 *
 * "Has this been checked before?" on a real archive: the State of the Union corpus
 * (../shared/corpora/sotu.jsonl.gz, one published claim per distinct sentence of eight words or
 * more, its president as speaker, its address as the cited source) is written into a fresh SQLite
 * file and the readers' search engine is built on it. Then `samples` claims, drawn with a fixed
 * seed, are restated the way people restate a claim (a mix of: a word or two dropped, two
 * neighbouring words swapped, one typo, other case and punctuation) and looked up with
 * SearchEngine#similar, the editor's speaker given for half of them. Prints the share whose
 * original is among the first 3 suggestions, and the median and p95 time of similar() and of the
 * whole lookup behind GET /editor/similar (findSimilarClaims: engine, drafts and rows). Exits 1
 * under 95%. The last line printed is one JSON object.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { loadEnvironment } from '../config/env';
import { closeDb, getDb, migrateDatabase } from '../db/client';
import { slugify } from '../app/domain';
import { findSimilarClaims } from '../app/models/duplicates.server';
import { getSearchEngine, prepareSearch } from '../app/search/index.server';
import { argument, prng } from './bench-lib';

const SAMPLES = argument('samples', 300);
const SEED = argument('seed', 11);
const TOP = 3;
const GOAL = 0.95;
const CORPUS = path.resolve(process.cwd(), '../shared/corpora/sotu.jsonl.gz');
const VERDICTS = ['false', 'misleading', 'disputed', 'unproven', 'unverified', 'accurate'];

interface Sentence {
  text: string;
  speaker: string;
  year: number;
}

/** Sentences of eight words or more, each once (the corpus repeats some formulas word for word). */
export function readCorpus(file: string): Sentence[] {
  const seen = new Set<string>();
  const sentences: Sentence[] = [];
  const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
  for (const line of lines) {
    if (!line.trim()) continue;
    const address = JSON.parse(line) as { year: number; name: string; text: string };
    for (const raw of address.text.split(/(?<=[.!?])\s+(?=[A-Z"'])/)) {
      const text = raw.replace(/\s+/g, ' ').trim();
      if (text.split(' ').length < 8 || seen.has(text)) continue;
      seen.add(text);
      sentences.push({ text, speaker: address.name, year: address.year });
    }
  }
  return sentences;
}

function writeArchive(sentences: Sentence[]): { ids: number[]; speakerSlugs: string[] } {
  const sqlite = getDb().$client;
  const insertEntity = sqlite.prepare(
    `insert into entities (slug, kind, name, role) values (?, 'person', ?, 'President')`,
  );
  const insertSource = sqlite.prepare(
    `insert into sources (slug, title, kind, publisher_id, published_on) values (?, ?, 'official_statement', ?, ?)`,
  );
  const insertClaim = sqlite.prepare(
    `insert into claims (slug, statement, speaker_id, claimed_on, venue, verdict_id, status, published_at, desk_state)
     values (?, ?, ?, ?, 'State of the Union address', ?, 'published', unixepoch(), 'published')`,
  );
  const insertCitation = sqlite.prepare(
    `insert into citations (claim_id, source_id, role, quote, position) values (?, ?, 'made_in', ?, 0)`,
  );
  const random = prng(SEED + 1);
  const ids: number[] = [];
  const speakerSlugs: string[] = [];
  sqlite.transaction(() => {
    const speakers = new Map<string, number>();
    const sources = new Map<string, number>();
    sentences.forEach((s, i) => {
      const speakerSlug = slugify(s.speaker);
      let speakerId = speakers.get(speakerSlug);
      if (speakerId === undefined) {
        speakerId = Number(insertEntity.run(speakerSlug, s.speaker).lastInsertRowid);
        speakers.set(speakerSlug, speakerId);
      }
      const sourceSlug = `sotu-${s.year}-${speakerSlug}`;
      let sourceId = sources.get(sourceSlug);
      if (sourceId === undefined) {
        const title = `State of the Union address, ${s.year} (${s.speaker})`;
        sourceId = Number(insertSource.run(sourceSlug, title, speakerId, String(s.year)).lastInsertRowid);
        sources.set(sourceSlug, sourceId);
      }
      const verdict = VERDICTS[Math.floor(random() * VERDICTS.length)];
      const id = Number(
        insertClaim.run(`sotu-${String(i + 1).padStart(6, '0')}`, s.text, speakerId, String(s.year), verdict)
          .lastInsertRowid,
      );
      insertCitation.run(id, sourceId, s.text);
      ids.push(id);
      speakerSlugs.push(speakerSlug);
    });
  })();
  return { ids, speakerSlugs };
}

/** A claim as someone else would type it: the same statement, in a mix of small changes. */
export function restate(text: string, random: () => number): { text: string; changes: string[] } {
  let words = text.split(' ');
  const changes: string[] = [];
  const pickIndex = (test: (w: string) => boolean) => {
    const candidates = words.map((w, i) => (test(w) ? i : -1)).filter((i) => i >= 0);
    return candidates.length > 0 ? candidates[Math.floor(random() * candidates.length)] : -1;
  };
  const ops = {
    drop: () => {
      const count = random() < 0.5 ? 1 : 2;
      for (let k = 0; k < count && words.length > 6; k++) words.splice(Math.floor(random() * words.length), 1);
      changes.push(`dropped ${count}`);
    },
    swap: () => {
      const i = Math.floor(random() * (words.length - 1));
      [words[i], words[i + 1]] = [words[i + 1], words[i]];
      changes.push('swapped');
    },
    typo: () => {
      const i = pickIndex((w) => /^[A-Za-z]{4,}/.test(w));
      if (i < 0) return;
      const w = words[i];
      const at = 1 + Math.floor(random() * (w.replace(/[^A-Za-z]+$/, '').length - 2));
      const kind = Math.floor(random() * 4);
      const letter = 'etaoinshrdlu'[Math.floor(random() * 12)];
      words[i] =
        kind === 0
          ? w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2) // two letters swapped
          : kind === 1
            ? w.slice(0, at) + w.slice(at + 1) // a letter left out
            : kind === 2
              ? w.slice(0, at) + letter + w.slice(at) // a letter too many
              : w.slice(0, at) + letter + w.slice(at + 1); // a wrong letter
      changes.push('typo');
    },
    casing: () => {
      const style = Math.floor(random() * 3);
      words = words.map((w) =>
        style === 0 ? w.toLowerCase() : style === 1 ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1),
      );
      const punctuation = Math.floor(random() * 3);
      if (punctuation === 0) words = words.map((w) => w.replace(/[.,;:!?"()]/g, ''));
      else if (punctuation === 1) words[words.length - 1] = words[words.length - 1].replace(/[.!?]*$/, '!');
      else words = words.map((w) => w.replace(/,/g, ' -'));
      changes.push('case and punctuation');
    },
  };
  const names = Object.keys(ops) as (keyof typeof ops)[];
  const chosen = names.filter(() => random() < 0.6);
  while (chosen.length < 2) {
    const extra = names[Math.floor(random() * names.length)];
    if (!chosen.includes(extra)) chosen.push(extra);
  }
  for (const name of names) if (chosen.includes(name)) ops[name]();
  return { text: words.join(' '), changes };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const round = (n: number) => Math.round(n * 100) / 100;

function main() {
  loadEnvironment();
  if (!fs.existsSync(CORPUS)) {
    console.log(`Skipped: the corpus ${CORPUS} is not there (it lives in shared/corpora/ beside the project).`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-duplicates-'));
  process.env.DATABASE_PATH = path.join(dir, 'tracker.db');
  process.env.SEARCH_INDEX_PATH = path.join(dir, 'search-index');
  // Built here, in this process, so the figures are the engine's and not a worker's start-up.
  process.env.SEARCH_INLINE_LIMIT = '1000000';
  try {
    const sentences = readCorpus(CORPUS);
    closeDb();
    migrateDatabase(getDb());
    let started = performance.now();
    const { ids, speakerSlugs } = writeArchive(sentences);
    console.log(`Load average at start: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores.`);
    console.log(`Archive: ${sentences.length} claims written in ${Math.round(performance.now() - started)} ms.`);
    started = performance.now();
    prepareSearch(() => {});
    const { engine } = getSearchEngine();
    console.log(`Engine: ${engine.documentCount} entries built in ${Math.round(performance.now() - started)} ms.`);

    const random = prng(SEED);
    const picked = new Set<number>();
    while (picked.size < Math.min(SAMPLES, sentences.length)) picked.add(Math.floor(random() * sentences.length));
    let found = 0;
    let foundFirst = 0;
    const engineTimes: number[] = [];
    // CPU time too: on a shared machine the wall clock also counts other processes' turns.
    const engineCpu: number[] = [];
    const lookupTimes: number[] = [];
    const misses: string[] = [];
    let n = 0;
    for (const index of picked) {
      const original = sentences[index];
      const { text, changes } = restate(original.text, random);
      const speakerSlug = n++ % 2 === 0 ? speakerSlugs[index] : null;
      let t = performance.now();
      const cpu = process.cpuUsage();
      const hits = engine.similar(text, { speakerSlug, limit: TOP });
      engineTimes.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      engineCpu.push((used.user + used.system) / 1000);
      t = performance.now();
      findSimilarClaims({ statement: text, speaker: speakerSlug ?? undefined, limit: 5 });
      lookupTimes.push(performance.now() - t);
      const rank = hits.findIndex((h) => h.ref === `c${ids[index]}`);
      if (rank >= 0) found += 1;
      if (rank === 0) foundFirst += 1;
      else if (rank < 0 && misses.length < 8)
        misses.push(`  [${changes.join(', ')}] ${text}\n    was: ${original.text}`);
    }
    engineTimes.sort((a, b) => a - b);
    engineCpu.sort((a, b) => a - b);
    lookupTimes.sort((a, b) => a - b);
    const total = picked.size;
    const share = found / total;
    const figures = {
      claims: sentences.length,
      samples: total,
      seed: SEED,
      top3_share: round(share * 100),
      first_share: round((foundFirst / total) * 100),
      similar_p50_ms: round(percentile(engineTimes, 0.5)),
      similar_p95_ms: round(percentile(engineTimes, 0.95)),
      similar_cpu_p50_ms: round(percentile(engineCpu, 0.5)),
      similar_cpu_p95_ms: round(percentile(engineCpu, 0.95)),
      lookup_p50_ms: round(percentile(lookupTimes, 0.5)),
      lookup_p95_ms: round(percentile(lookupTimes, 0.95)),
    };
    if (misses.length > 0)
      console.log(`Some restatements whose original was not in the top ${TOP}:\n${misses.join('\n')}`);
    console.log(
      `Original in the top ${TOP}: ${found} of ${total} (${figures.top3_share}%), first: ${figures.first_share}%. ` +
        `similar(): median ${figures.similar_p50_ms} ms, p95 ${figures.similar_p95_ms} ms ` +
        `(CPU ${figures.similar_cpu_p50_ms} / ${figures.similar_cpu_p95_ms} ms); ` +
        `whole lookup (engine, drafts, rows): median ${figures.lookup_p50_ms} ms, p95 ${figures.lookup_p95_ms} ms.`,
    );
    console.log(JSON.stringify(figures));
    if (share < GOAL) {
      console.error(`Under the goal of ${GOAL * 100}%.`);
      process.exitCode = 1;
    }
  } finally {
    closeDb();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main();
