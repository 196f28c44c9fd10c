/**
 * Writes the database back out in the content/ format (docs/content-format.md), and claims as CSV.
 *
 * The output is canonical: the same database always gives the same bytes, so content/ can be kept
 * in this form and `import → export` reproduces it exactly. The rules:
 * - front-matter keys in the documented order; keys that are empty, null or empty lists left out;
 * - dates always as double-quoted strings; every other string quoted only when YAML needs it;
 * - `topics`, `about` and `authors` as one-line flow lists, everything else in block style;
 * - lists the database keeps in order (citations, charges, defendants, case sources, authors) in
 *   that order; unordered sets (topics, about, relations, case links) sorted by slug; case events
 *   by date; a claim's corrections by time;
 * - editorial times (a claim's published, retracted, corrections) as the day when they fall on
 *   midnight UTC, else the full UTC time to the second, so they read back as the same instant;
 * - the Markdown body trimmed, followed by one newline; files named `<slug>.md`.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { TrackerDb } from '../../db/client';
import { KIND_SPECS } from '~/domain';
import { CONTENT_KINDS } from '~/content/import.server';

export type ContentKind = (typeof CONTENT_KINDS)[number];

/** Front-matter values as they appear in a file: strings, lists of strings, lists of small records. */
export type FrontValue = string | null | undefined | string[] | Record<string, string | null | undefined>[];
export type FrontMatter = Record<string, FrontValue>;

export interface ExportEntry {
  kind: ContentKind;
  slug: string;
  front: FrontMatter;
  body: string;
}

const ENTITY_KEYS = ['name', 'role', 'affiliation'];
/** Canonical key order per kind, as in docs/content-format.md. */
export const KEY_ORDER: Record<ContentKind, string[]> = {
  topics: ['name'],
  people: ENTITY_KEYS,
  organisations: ENTITY_KEYS,
  sources: ['title', 'kind', 'publisher', 'authors', 'url', 'published', 'accessed', 'archive_url'],
  cases: [
    'caption',
    'court',
    'case_number',
    'jurisdiction',
    'judge',
    'filed',
    'status',
    'document_url',
    'defendants',
    'charges',
    'events',
    'sources',
  ],
  claims: [
    'statement',
    'speaker',
    'date',
    'venue',
    'medium',
    'verdict',
    'verdict_explanation',
    'status',
    'published',
    'retracted',
    'language',
    'topics',
    'about',
    'relations',
    'citations',
    'cases',
    'corrections',
  ],
};

/** Key order inside the records of a list, by the list's key. */
const RECORD_KEY_ORDER: Record<string, string[]> = {
  defendants: ['entity', 'note'],
  charges: ['count', 'statute', 'description', 'disposition'],
  events: ['date', 'description', 'source'],
  relations: ['kind', 'claim', 'note'],
  citations: ['source', 'role', 'quote', 'locator'],
  cases: ['case', 'role', 'note'],
  corrections: ['date', 'kind', 'note'],
};

const DATE_KEYS = new Set(['date', 'published', 'retracted', 'accessed', 'filed']);
const FLOW_LIST_KEYS = new Set(['topics', 'about', 'authors']);

/** Fixed stringify options: no line folding, so a long statement stays on one line. */
const YAML_OPTIONS: YAML.ToStringOptions = {
  lineWidth: 0,
  minContentWidth: 0,
  indent: 2,
  indentSeq: true,
  flowCollectionPadding: false,
  defaultStringType: 'PLAIN',
  defaultKeyType: 'PLAIN',
  singleQuote: null,
};

const isEmpty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

function orderedRecord(keys: string[], record: Record<string, unknown>, where: string): Record<string, unknown> {
  const unknown = Object.keys(record).filter((k) => !keys.includes(k));
  if (unknown.length > 0) throw new Error(`${where}: unknown field(s) ${unknown.join(', ')}`);
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    if (!isEmpty(record[key])) out[key] = record[key];
  }
  return out;
}

/** The canonical text of one entry's file. Pure: the same entry always gives the same string. */
export function renderEntry(entry: ExportEntry): string {
  const where = `${entry.kind}/${entry.slug}.md`;
  const front = orderedRecord(KEY_ORDER[entry.kind], entry.front, where);
  for (const [key, value] of Object.entries(front)) {
    const recordKeys = RECORD_KEY_ORDER[key];
    if (recordKeys && Array.isArray(value)) {
      front[key] = (value as Record<string, unknown>[]).map((r, i) =>
        orderedRecord(recordKeys, r, `${where}: ${key}.${i}`),
      );
    }
  }
  const doc = new YAML.Document(front, { version: '1.2' });
  YAML.visit(doc, {
    Pair(_, pair) {
      const key = YAML.isScalar(pair.key) ? String(pair.key.value) : '';
      if (DATE_KEYS.has(key) && YAML.isScalar(pair.value)) pair.value.type = 'QUOTE_DOUBLE';
      if (FLOW_LIST_KEYS.has(key) && YAML.isSeq(pair.value)) pair.value.flow = true;
    },
  });
  const body = entry.body.replace(/\r\n?/g, '\n').trim();
  return `---\n${doc.toString(YAML_OPTIONS)}---\n${body ? `${body}\n` : ''}`;
}

type Row = Record<string, string | number | null>;

/** Unix seconds as `2026-11-28` at midnight UTC, else as `2026-11-28T14:05:00Z`. */
export function editorialTime(seconds: number): string {
  const iso = new Date(seconds * 1000).toISOString();
  return seconds % 86400 === 0 ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`;
}

/** Every entry in the database, drafts included, each kind sorted by slug. */
export function collectEntries(db: TrackerDb): ExportEntry[] {
  const sqlite = db.$client;
  const all = (query: string, ...params: unknown[]) => sqlite.prepare(query).all(...params) as Row[];
  const str = (v: string | number | null | undefined) => (v === null || v === undefined ? undefined : String(v));
  const text = (v: string | number | null | undefined) => str(v) ?? '';
  const entries: ExportEntry[] = [];

  for (const t of all('select slug, name, description from topics order by slug')) {
    entries.push({ kind: 'topics', slug: text(t.slug), front: { name: text(t.name) }, body: text(t.description) });
  }

  for (const e of all(
    `select e.slug, e.kind, e.name, e.role, a.slug as affiliation, e.description
     from entities e left join entities a on a.id = e.affiliation_id order by e.slug`,
  )) {
    entries.push({
      kind: e.kind === 'person' ? 'people' : 'organisations',
      slug: text(e.slug),
      front: { name: text(e.name), role: str(e.role), affiliation: str(e.affiliation) },
      body: text(e.description),
    });
  }

  for (const s of all(
    `select s.slug, s.title, s.kind, p.slug as publisher, s.authors, s.url, s.published_on, s.accessed_on,
       s.archive_url, s.note
     from sources s left join entities p on p.id = s.publisher_id order by s.slug`,
  )) {
    const authors = JSON.parse(text(s.authors) || '[]') as unknown;
    entries.push({
      kind: 'sources',
      slug: text(s.slug),
      front: {
        title: text(s.title),
        kind: text(s.kind),
        publisher: str(s.publisher),
        authors: Array.isArray(authors) ? authors.map(String) : [],
        url: str(s.url),
        published: str(s.published_on),
        accessed: str(s.accessed_on),
        archive_url: str(s.archive_url),
      },
      body: text(s.note),
    });
  }

  for (const c of all('select * from cases order by slug')) {
    const defendants = all(
      `select e.slug as entity, d.note from case_defendants d join entities e on e.id = d.entity_id
       where d.case_id = ? order by d.position, e.slug`,
      c.id,
    );
    const charges = all(
      'select count, statute, description, disposition from charges where case_id = ? order by position, id',
      c.id,
    );
    const events = all(
      `select ev.occurred_on as date, ev.description, s.slug as source from case_events ev
       left join sources s on s.id = ev.source_id where ev.case_id = ? order by ev.occurred_on, ev.id`,
      c.id,
    );
    const sources = all(
      `select s.slug from case_sources cs join sources s on s.id = cs.source_id
       where cs.case_id = ? order by cs.position, s.slug`,
      c.id,
    );
    entries.push({
      kind: 'cases',
      slug: text(c.slug),
      front: {
        caption: text(c.caption),
        court: text(c.court),
        case_number: str(c.case_number),
        jurisdiction: str(c.jurisdiction),
        judge: str(c.judge),
        filed: str(c.filed_on),
        status: text(c.status),
        document_url: str(c.document_url),
        defendants: defendants.map((d) => ({ entity: text(d.entity), note: str(d.note) })),
        charges: charges.map((ch) => ({
          count: str(ch.count),
          statute: str(ch.statute),
          description: text(ch.description),
          disposition: str(ch.disposition),
        })),
        events: events.map((ev) => ({
          date: text(ev.date),
          description: text(ev.description),
          source: str(ev.source),
        })),
        sources: sources.map((s) => text(s.slug)),
      },
      body: text(c.summary),
    });
  }

  for (const c of all(
    `select c.*, e.slug as speaker from claims c left join entities e on e.id = c.speaker_id order by c.slug`,
  )) {
    const slugs = (query: string) => all(query, c.id).map((r) => text(r.slug));
    const relations = all(
      `select r.kind, t.slug as claim, r.note from claim_relations r join claims t on t.id = r.to_claim_id
       where r.from_claim_id = ? order by t.slug, r.kind`,
      c.id,
    );
    const citations = all(
      `select s.slug as source, ci.role, ci.quote, ci.locator from citations ci join sources s on s.id = ci.source_id
       where ci.claim_id = ? order by ci.position, ci.id`,
      c.id,
    );
    const caseLinks = all(
      `select k.slug as "case", cc.role, cc.note from claim_cases cc join cases k on k.id = cc.case_id
       where cc.claim_id = ? order by k.slug, cc.role`,
      c.id,
    );
    const corrections = all(
      'select created_at, kind, note from claim_corrections where claim_id = ? order by created_at, id',
      c.id,
    );
    const time = (v: string | number | null) => (v === null ? undefined : editorialTime(Number(v)));
    entries.push({
      kind: 'claims',
      slug: text(c.slug),
      front: {
        statement: text(c.statement),
        speaker: str(c.speaker),
        date: str(c.claimed_on),
        venue: str(c.venue),
        medium: str(c.medium),
        verdict: str(c.verdict_id),
        verdict_explanation: str(c.verdict_explanation),
        status: text(c.status),
        // Only where the importer accepts them: a claim unpublished in the editor keeps its old
        // published_at in the database, but a draft file may not carry it.
        published: c.status === 'draft' ? undefined : time(c.published_at),
        retracted: c.status === 'retracted' ? time(c.retracted_at) : undefined,
        language: text(c.language),
        topics: slugs(
          'select t.slug from claim_topics ct join topics t on t.id = ct.topic_id where ct.claim_id = ? order by t.slug',
        ),
        about: slugs(
          'select e.slug from claim_subjects cs join entities e on e.id = cs.entity_id where cs.claim_id = ? order by e.slug',
        ),
        relations: relations.map((r) => ({ kind: text(r.kind), claim: text(r.claim), note: str(r.note) })),
        citations: citations.map((ci) => ({
          source: text(ci.source),
          role: text(ci.role),
          quote: str(ci.quote),
          locator: str(ci.locator),
        })),
        cases: caseLinks.map((k) => ({ case: text(k.case), role: text(k.role), note: str(k.note) })),
        corrections: corrections.map((k) => ({
          date: time(k.created_at),
          kind: text(k.kind),
          note: text(k.note),
        })),
      },
      body: text(c.analysis),
    });
  }
  return entries;
}

export type ExportSummary = Record<ContentKind, number>;

/**
 * Writes every entry to `dir/<kind>/<slug>.md`. The kind folders are made to mirror the
 * database: a `.md` file there whose entry no longer exists is removed. Nothing else in `dir` is
 * touched.
 */
export function exportContent(db: TrackerDb, dir: string): ExportSummary {
  const entries = collectEntries(db);
  const summary = Object.fromEntries(CONTENT_KINDS.map((k) => [k, 0])) as ExportSummary;
  for (const kind of CONTENT_KINDS) {
    const kindDir = path.join(dir, kind);
    fs.mkdirSync(kindDir, { recursive: true });
    const wanted = new Set(entries.filter((e) => e.kind === kind).map((e) => `${e.slug}.md`));
    for (const name of fs.readdirSync(kindDir)) {
      if (name.endsWith('.md') && !wanted.has(name)) fs.rmSync(path.join(kindDir, name));
    }
  }
  for (const entry of entries) {
    fs.writeFileSync(path.join(dir, entry.kind, `${entry.slug}.md`), renderEntry(entry));
    summary[entry.kind] += 1;
  }
  return summary;
}

// ---------------------------------------------------------------------------------------------
// CSV

export const CLAIM_CSV_HEADER = [
  'slug',
  'statement',
  'speaker',
  'date',
  'venue',
  'medium',
  'verdict',
  'status',
  'topics',
  'sources',
  'url',
] as const;

/**
 * One RFC 4180 field. A cell a spreadsheet would run as a formula (leading = + - @, or a tab or
 * carriage return that some programs skip before one) gets a leading apostrophe.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function renderCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

/** All claims, drafts included, sorted by slug; references as slugs, lists joined with ";". */
export function claimsCsv(db: TrackerDb): string {
  const claims = collectEntries(db).filter((e) => e.kind === 'claims');
  const field = (v: FrontValue) => (typeof v === 'string' ? v : '');
  const rows = claims.map((c) => {
    const citations = (c.front.citations ?? []) as Record<string, string>[];
    return [
      c.slug,
      field(c.front.statement),
      field(c.front.speaker),
      field(c.front.date),
      field(c.front.venue),
      field(c.front.medium),
      field(c.front.verdict),
      field(c.front.status),
      ((c.front.topics ?? []) as string[]).join(';'),
      [...new Set(citations.map((ci) => ci.source))].join(';'),
      `${KIND_SPECS.claims.path}/${c.slug}`,
    ];
  });
  return renderCsv([[...CLAIM_CSV_HEADER], ...rows]);
}
