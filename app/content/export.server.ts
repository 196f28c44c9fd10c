/**
 * Writes the database back out in the content/ format (docs/content-format.md). The entries come
 * from the one serializer (`entryDocument`, which revisions store too); this module decides only
 * how a document looks as a file.
 *
 * The output is canonical: the same database always gives the same bytes, so content/ can be kept
 * in this form and `import → export` reproduces it exactly. The rules:
 * - front-matter keys in the order of the format's schemas (`format.ts`); keys that are empty,
 *   null or empty lists left out;
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
import type { TrackerHandle } from '../../db/client';
import { entryDocuments } from './document.server';
import { CONTENT_KINDS, KEY_ORDER, RECORD_KEY_ORDER, type ContentKind, type EntryDocument } from './format';

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
export function renderEntry(entry: EntryDocument): string {
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

/** Every entry in the database, drafts included, kind by kind, each kind sorted by slug. */
export function collectEntries(db: TrackerHandle): EntryDocument[] {
  return CONTENT_KINDS.flatMap((kind) => entryDocuments(db, kind));
}

export type ExportSummary = Record<ContentKind, number>;

/**
 * Writes every entry to `dir/<kind>/<slug>.md`. The kind folders are made to mirror the
 * database: a `.md` file there whose entry no longer exists is removed. Nothing else in `dir` is
 * touched.
 */
export function exportContent(db: TrackerHandle, dir: string): ExportSummary {
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
