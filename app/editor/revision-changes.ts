/**
 * What changed between two revisions of an entry, as an editor reads it: only the fields that
 * changed, by the form's labels; references by name with their slug (never an id); citations,
 * relations and case links as sentences added or removed; long text as a word diff; short values
 * as "was → now". Pure: the snapshots are entry documents (slugs throughout), and the current
 * names of what they refer to are looked up beforehand (`referencedSlugs`, then one query).
 */
import { diffText, type WordPart } from './diff';
import {
  historyFields,
  unknownField,
  type DocumentKeys,
  type HistoryField,
  type Names,
  type Readable,
  type RefTable,
  type Segment,
  type Shape,
} from './revision-fields';

export type { DocumentKeys, Names, Readable, RefTable, Segment } from './revision-fields';

export type Snapshot = Record<string, unknown>;

export interface ChangedLine {
  kind: 'added' | 'removed';
  text: Readable;
}

export type FieldChange = { key: string; label: string } & (
  | { type: 'value'; before: Readable | null; after: Readable | null }
  | { type: 'words'; parts: WordPart[]; truncated: boolean }
  | { type: 'lines'; lines: ChangedLine[]; reordered: boolean }
);

export interface ChangeOptions {
  /** Unchanged words kept each side of a change in long text. */
  context?: number;
  /** At most this much changed text per long field (a list of many versions stays readable). */
  maxChangedChars?: number;
}

type RefOf = (table: RefTable, slug: unknown) => Segment;

const NAME_MAX = 160;
const str = (value: unknown) => (value === null || value === undefined ? '' : String(value));
const isEmpty = (value: unknown) => str(value) === '' || (Array.isArray(value) && value.length === 0);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : isEmpty(value) ? [] : [value]);

/** A record as one comparable string: its keys sorted, empty values left out (absent and null are one). */
function canonical(record: unknown): string {
  if (typeof record !== 'object' || record === null) return str(record);
  const entries = Object.entries(record)
    .filter(([, v]) => !isEmpty(v))
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}

function scalar(shape: Shape, value: unknown): string {
  if (shape.type === 'choice' && isEmpty(value)) return shape.absent ?? '';
  return str(value);
}

function readableValue(shape: Shape, value: unknown, ref: RefOf): Readable | null {
  const text = scalar(shape, value);
  if (text === '') return null;
  if (shape.type === 'choice') return [shape.labels[text] ?? text];
  if (shape.type === 'ref') return [ref(shape.ref, text)];
  return [text];
}

function lineItems(shape: Shape, value: unknown, ref: RefOf): { key: string; text: Readable }[] {
  return list(value).map((item) => {
    if (shape.type === 'records' && typeof item === 'object' && item !== null) {
      return { key: canonical(item), text: shape.line(item as Record<string, unknown>, ref) };
    }
    if (shape.type === 'refs') return { key: str(item), text: [ref(shape.ref, item)] };
    return { key: canonical(item), text: [str(item)] };
  });
}

const isList = (shape: Shape) => shape.type === 'refs' || shape.type === 'strings' || shape.type === 'records';

/** The fields to compare: the kind's, in form order, then any key neither describes. */
function fieldsFor(kind: HistoryKind, keys: DocumentKeys, snapshots: (Snapshot | null)[]): HistoryField[] {
  const known = historyFields(kind, keys);
  const seen = new Set(known.map((f) => f.key));
  const extra: HistoryField[] = [];
  for (const snapshot of snapshots) {
    for (const [key, value] of Object.entries(snapshot ?? {})) {
      if (seen.has(key)) continue;
      seen.add(key);
      extra.push(unknownField(key, value));
    }
  }
  return [...known, ...extra];
}

type HistoryKind = Parameters<typeof historyFields>[0];

/** Every slug the snapshots refer to, by table: what to look names up for, in one query. */
export function referencedSlugs(
  kind: HistoryKind,
  keys: DocumentKeys,
  snapshots: Snapshot[],
): Partial<Record<RefTable, string[]>> {
  const found: Partial<Record<RefTable, Set<string>>> = {};
  const collect: RefOf = (table, slug) => {
    (found[table] ??= new Set()).add(str(slug));
    return str(slug);
  };
  for (const field of fieldsFor(kind, keys, snapshots)) {
    for (const snapshot of snapshots) {
      const value = snapshot[field.key];
      if (isList(field.shape)) lineItems(field.shape, value, collect);
      else readableValue(field.shape, value, collect);
    }
  }
  return Object.fromEntries(Object.entries(found).map(([table, slugs]) => [table, [...slugs]]));
}

function namer(names: Names): RefOf {
  return (table, slug) => {
    const name = names[table]?.[str(slug)] ?? null;
    return {
      ref: table,
      slug: str(slug),
      name: name !== null && name.length > NAME_MAX ? `${name.slice(0, NAME_MAX - 1).trimEnd()}…` : name,
    };
  };
}

/** Lines only one side has (as many times as it has them more), and whether the order changed. */
function changedLines(before: { key: string; text: Readable }[], after: { key: string; text: Readable }[]) {
  const remaining = new Map<string, number>();
  for (const item of after) remaining.set(item.key, (remaining.get(item.key) ?? 0) + 1);
  const lines: ChangedLine[] = [];
  for (const item of before) {
    const left = remaining.get(item.key) ?? 0;
    if (left > 0) remaining.set(item.key, left - 1);
    else lines.push({ kind: 'removed', text: item.text });
  }
  const stayed = new Map<string, number>();
  for (const item of before) stayed.set(item.key, (stayed.get(item.key) ?? 0) + 1);
  for (const item of after) {
    const left = stayed.get(item.key) ?? 0;
    if (left > 0) stayed.set(item.key, left - 1);
    else lines.push({ kind: 'added', text: item.text });
  }
  // The same lines in another order (citations keep theirs): said once, not as every line removed and added.
  const order = (items: { key: string }[]) => items.map((i) => i.key).join('\u0000');
  const reordered = lines.length === 0 && order(before) !== order(after);
  return { lines, reordered };
}

/**
 * The fields that differ between two snapshots of an entry of this kind. With no `before` (the
 * first revision) every field that has a value, as the entry was created.
 */
export function changedFields(
  kind: HistoryKind,
  keys: DocumentKeys,
  before: Snapshot | null,
  after: Snapshot,
  names: Names,
  options: ChangeOptions = {},
): FieldChange[] {
  const ref = namer(names);
  const changes: FieldChange[] = [];
  for (const field of fieldsFor(kind, keys, [before, after])) {
    const { key, label, shape } = field;
    const was = before?.[key];
    const now = after[key];
    if (isList(shape)) {
      const { lines, reordered } = changedLines(lineItems(shape, was, ref), lineItems(shape, now, ref));
      if (lines.length > 0 || reordered) changes.push({ key, label, type: 'lines', lines, reordered });
    } else if (scalar(shape, was) !== scalar(shape, now) || (!before && scalar(shape, now) !== '')) {
      if (shape.type === 'long') {
        changes.push({ key, label, type: 'words', ...diffText(str(was), str(now), options) });
      } else {
        changes.push({
          key,
          label,
          type: 'value',
          before: before ? readableValue(shape, was, ref) : null,
          after: readableValue(shape, now, ref),
        });
      }
    }
  }
  return changes;
}
