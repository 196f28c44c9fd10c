/**
 * Generated archives for the benchmarks: a deterministic SQLite database of N claims, written in
 * one transaction with prepared statements through the real migrations (so the FTS5 index of
 * migration 0007 is filled by its triggers, as an editor's saves fill it).
 *
 * `generateArchive` (bench:pages) makes its text from a small word list: 200 speakers with a
 * Zipf-like skew, so the busiest has thousands; 50 topics, likewise skewed; N/2 sources;
 * citations, subjects and rebuttals. `generateCorpusArchive` (bench:editor) has the same shape
 * but real English: each claim a sentence of a State of the Union address (`../shared/corpora/`),
 * its president the speaker, its address a cited source, the corpus repeated to reach N.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { migrateDatabase, openDatabase } from '../../db/client';
import { prng } from '../bench-lib';

const SPEAKERS = 200;
const TOPICS = 50;
const VERDICTS = ['false', 'misleading', 'disputed', 'unproven', 'unverified', 'accurate'];
const ROLES = ['made_in', 'reports', 'evidence_for', 'evidence_against', 'context'];

/** Draws ranks 0..n-1 with weight 1/(rank+1)^s: a few very busy, a long quiet tail. */
export function zipf(random: () => number, n: number, s: number) {
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

export const WORDS =
  'government network security officials data trade law court evidence statement president minister policy public national federal company report access equipment telecom export license review indictment charges market carrier spectrum contract supplier audit risk intelligence agency allies partners testimony hearing ruling appeal sanction'.split(
    ' ',
  );

export interface Archive {
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

// ---------------------------------------------------------------------------------------------
// The State of the Union corpus

export const CORPUS_PATH = path.resolve(process.cwd(), '../shared/corpora/sotu.jsonl.gz');

export interface CorpusSentence {
  text: string;
  speaker: string;
  year: number;
}

/**
 * The corpus as statements: each address split into sentences of eight words or more (about
 * 58,800), in order. Null when the corpus is not there (it is never copied into the repository).
 */
export function readCorpus(file = CORPUS_PATH): CorpusSentence[] | null {
  if (!fs.existsSync(file)) return null;
  const sentences: CorpusSentence[] = [];
  for (const line of zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n')) {
    if (!line.trim()) continue;
    const address = JSON.parse(line) as { year: number; name: string; text: string };
    for (const sentence of address.text.split(/(?<=[.!?])\s+(?=["'(]?[A-Z])/)) {
      const text = sentence.replace(/\s+/g, ' ').trim();
      if (text.split(' ').length >= 8) sentences.push({ text, speaker: address.name, year: address.year });
    }
  }
  return sentences;
}

const slugOf = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export interface CorpusArchive {
  /** A published claim with two citations and a rebuttal: the edit form to time. */
  citedClaimId: number;
  /** Speaker (president) names, busiest first. */
  speakers: string[];
  verdict: string;
}

/**
 * `count` claims from the corpus (repeated, with a suffix on the slugs, past its end): the
 * speaker is the sentence's president, the date its address's year, the address a cited source
 * ("made in"), plus one of N/2 news reports (Zipf-skewed) titled with a sentence's first words.
 * Statuses, verdicts and topics are drawn as in `generateArchive`; drafts sit on the desk as
 * suggested or in research.
 */
export function generateCorpusArchive(file: string, count: number, corpus: CorpusSentence[]): CorpusArchive {
  const db = openDatabase(file);
  migrateDatabase(db);
  const sqlite = db.$client;
  const random = prng(20261201);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const sentence = () => pick(corpus).text;
  const firstWords = (text: string, n: number) =>
    text
      .split(' ')
      .slice(0, n)
      .join(' ')
      .replace(/[,;:.]+$/, '');
  const now = Math.floor(Date.UTC(2026, 0, 1) / 1000);

  const insertEntity = sqlite.prepare(
    `insert into entities (slug, kind, name, role, description) values (?, ?, ?, ?, ?)`,
  );
  const insertTopic = sqlite.prepare(`insert into topics (slug, name, description) values (?, ?, ?)`);
  const insertSource = sqlite.prepare(
    `insert into sources (slug, title, kind, publisher_id, url, published_on, archive_url) values (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertClaim = sqlite.prepare(
    `insert into claims (slug, statement, speaker_id, claimed_on, venue, verdict_id, verdict_explanation, analysis,
       status, desk_state, published_at, updated_at, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertClaimTopic = sqlite.prepare(`insert or ignore into claim_topics (claim_id, topic_id) values (?, ?)`);
  const insertCitation = sqlite.prepare(
    `insert into citations (claim_id, source_id, role, quote, locator, position) values (?, ?, ?, ?, ?, ?)`,
  );
  const insertRelation = sqlite.prepare(
    `insert or ignore into claim_relations (from_claim_id, to_claim_id, kind, note) values (?, ?, ?, ?)`,
  );

  const claimsBySpeaker = new Map<string, number>();
  let citedClaimId = 0;
  sqlite.transaction(() => {
    const speakerIds = new Map<string, number>();
    for (const name of new Set(corpus.map((s) => s.speaker))) {
      speakerIds.set(
        name,
        Number(insertEntity.run(slugOf(name), 'person', name, 'President of the United States', '').lastInsertRowid),
      );
    }
    const whiteHouse = Number(
      insertEntity.run('the-white-house', 'organisation', 'The White House', null, '').lastInsertRowid,
    );
    const publishers = Array.from({ length: 40 }, (_, i) =>
      Number(insertEntity.run(`gazette-${i + 1}`, 'organisation', `Gazette ${i + 1}`, null, '').lastInsertRowid),
    );
    const topicIds = Array.from({ length: TOPICS }, (_, i) =>
      Number(insertTopic.run(`topic-${String(i + 1).padStart(2, '0')}`, `Topic ${i + 1}`, sentence()).lastInsertRowid),
    );
    // One source per address, the claim's "made in".
    const addressIds = new Map<string, number>();
    for (const s of corpus) {
      const key = `${s.year} ${s.speaker}`;
      if (addressIds.has(key)) continue;
      const slug = `sotu-${s.year}-${slugOf(s.speaker)}`;
      addressIds.set(
        key,
        Number(
          insertSource.run(
            slug,
            `State of the Union Address, ${s.year} (${s.speaker})`,
            'official_statement',
            whiteHouse,
            `https://archive.example/${slug}`,
            String(s.year),
            null,
          ).lastInsertRowid,
        ),
      );
    }
    const reportCount = Math.max(1, Math.floor(count / 2));
    const reportOf = zipf(random, reportCount, 0.9);
    const reportIds: number[] = [];
    for (let i = 0; i < reportCount; i++) {
      const slug = `report-${String(i + 1).padStart(6, '0')}`;
      reportIds.push(
        Number(
          insertSource.run(
            slug,
            `Report: ${firstWords(sentence(), 4 + Math.floor(random() * 6))}`,
            'news_report',
            pick(publishers),
            `https://news.example/${slug}`,
            `${1790 + Math.floor(random() * 232)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}`,
            random() < 0.5 ? `https://archive.example/${slug}` : null,
          ).lastInsertRowid,
        ),
      );
    }
    const topicOf = zipf(random, TOPICS, 1.0);
    const claimIds: number[] = [];
    for (let i = 0; i < count; i++) {
      const s = corpus[i % corpus.length];
      const round = Math.floor(i / corpus.length);
      const r = random();
      const status = r < 0.95 ? 'published' : r < 0.97 ? 'retracted' : 'draft';
      const desk = status === 'draft' ? (random() < 0.5 ? 'suggested' : 'in_research') : 'published';
      const changed = now - Math.floor(random() * 3650) * 86_400;
      const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
      const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
      const id = Number(
        insertClaim.run(
          `sotu-${i + 1}${round > 0 ? `-r${round}` : ''}`,
          s.text,
          speakerIds.get(s.speaker),
          `${s.year}-${month}-${day}`,
          'State of the Union address',
          status === 'draft' && random() < 0.5 ? null : pick(VERDICTS),
          sentence(),
          `${sentence()} ${sentence()}`,
          status,
          desk,
          status === 'draft' ? null : changed,
          changed,
          changed,
        ).lastInsertRowid,
      );
      claimIds.push(id);
      claimsBySpeaker.set(s.speaker, (claimsBySpeaker.get(s.speaker) ?? 0) + 1);
      for (let t = 1 + Math.floor(random() * 3); t > 0; t--) insertClaimTopic.run(id, topicIds[topicOf()]);
      insertCitation.run(id, addressIds.get(`${s.year} ${s.speaker}`), 'made_in', firstWords(s.text, 12), null, 0);
      if (random() < 0.6) insertCitation.run(id, reportIds[reportOf()], pick(ROLES), null, 'p. 1', 1);
      if (i > 10 && random() < 0.1) {
        insertRelation.run(
          id,
          claimIds[Math.floor(random() * (claimIds.length - 1))],
          pick(['rebuts', 'disputes']),
          null,
        );
        if (!citedClaimId && status === 'published') {
          insertCitation.run(id, reportIds[0], 'evidence_against', sentence(), 'para. 2', 2);
          citedClaimId = id;
        }
      }
    }
  })();
  sqlite.close();
  return {
    citedClaimId,
    speakers: [...claimsBySpeaker.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => name),
    verdict: 'disputed',
  };
}
