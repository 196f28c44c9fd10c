/**
 * How each key of a revision snapshot reads in the history: its label (the form's label for an
 * editable field, from KIND_SPECS; its own for a link list such as citations), and its shape,
 * which says how a change to it is shown (a word diff, "was → now", lines added and removed).
 * Snapshots are entry documents (`app/content/document.server.ts`): references are slugs, and
 * this table says which table each slug names so the history can show the name beside it.
 */
import {
  caseRoleLabel,
  citationRoleLabel,
  correctionKindLabel,
  KIND_SPECS,
  relationOutgoing,
  sourceKindLabel,
  statementKindLabel,
  STATUS_LABELS,
  type EntryKind,
  type FieldSpec,
  type PickKind,
} from '~/domain';

/** The tables a snapshot refers to by slug (a verdict by its id, which is a slug too). */
export type RefTable = 'entities' | 'topics' | 'sources' | 'claims' | 'cases' | 'verdicts';

/** Current names of referenced entries, by table and slug (a slug missing here names nothing now). */
export type Names = Partial<Record<RefTable, Record<string, string>>>;

/** A piece of readable text: words, or a reference shown by its name (null: no longer there) and slug. */
export type Segment = string | { ref: RefTable; slug: string; name: string | null };
export type Readable = Segment[];

export type SnapshotRecord = Record<string, unknown>;
type LineOf = (record: SnapshotRecord, ref: (table: RefTable, slug: unknown) => Segment) => Readable;

export type Shape =
  | { type: 'text' }
  | { type: 'long' }
  | { type: 'choice'; labels: Record<string, string>; absent?: string }
  | { type: 'ref'; ref: RefTable }
  | { type: 'refs'; ref: RefTable }
  | { type: 'strings' }
  | { type: 'records'; line: LineOf };

export interface HistoryField {
  key: string;
  label: string;
  shape: Shape;
}

/** Where an editable field sits in the document (`DOCUMENT_FIELDS` of app/content/format.ts). */
export type DocumentKeys = Record<string, { key: string; absent?: string }>;

const str = (value: unknown) => (value === null || value === undefined ? '' : String(value));
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const labelOf = (labels: Record<string, string>, value: unknown) => labels[str(value)] ?? str(value);
const withNote = (note: unknown): Readable => (str(note) ? [` — ${str(note)}`] : []);

const citationLine: LineOf = (c, ref) => [
  'Cited ',
  ref('sources', c.source),
  str(c.quote) ? `: “${str(c.quote)}”` : '',
  str(c.locator) ? ` (${str(c.locator)})` : '',
  ` — ${lowerFirst(labelOf(citationRoleLabel, c.role))}`,
];
const relationLine: LineOf = (r, ref) => [
  `${labelOf(relationOutgoing, r.kind)} `,
  ref('claims', r.claim),
  ...withNote(r.note),
];
const caseLine: LineOf = (k, ref) => [`${labelOf(caseRoleLabel, k.role)}: `, ref('cases', k.case), ...withNote(k.note)];
const correctionLine: LineOf = (k) => [`${labelOf(correctionKindLabel, k.kind)} of ${str(k.date)}: ${str(k.note)}`];
const defendantLine: LineOf = (d, ref) => [ref('entities', d.entity), ...withNote(d.note)];
const chargeLine: LineOf = (c) => [
  [str(c.count) && `Count ${str(c.count)}`, str(c.statute), str(c.description)].filter(Boolean).join(': '),
  str(c.disposition) ? ` (${str(c.disposition)})` : '',
];
const eventLine: LineOf = (e, ref) => [
  `${str(e.date)}: ${str(e.description)}`,
  ...(str(e.source) ? [' (source: ', ref('sources', e.source), ')'] : []),
];

const records = (line: LineOf): Shape => ({ type: 'records', line });

/** The keys a kind's document has beyond its editable fields: its links and status, in reading order. */
const LINK_FIELDS: Partial<Record<EntryKind, HistoryField[]>> = {
  claims: [
    { key: 'status', label: 'Status', shape: { type: 'choice', labels: STATUS_LABELS } },
    { key: 'published', label: 'Published on', shape: { type: 'text' } },
    { key: 'retracted', label: 'Retracted on', shape: { type: 'text' } },
    { key: 'citations', label: 'Citations', shape: records(citationLine) },
    { key: 'relations', label: 'Related claims', shape: records(relationLine) },
    { key: 'cases', label: 'Court cases', shape: records(caseLine) },
    { key: 'corrections', label: 'Corrections and updates', shape: records(correctionLine) },
  ],
  cases: [
    { key: 'defendants', label: 'Defendants', shape: records(defendantLine) },
    { key: 'charges', label: 'Charges', shape: records(chargeLine) },
    { key: 'events', label: 'Events', shape: records(eventLine) },
    { key: 'sources', label: 'Sources', shape: { type: 'refs', ref: 'sources' } },
  ],
};

/** The table a reference field's snapshot slugs name (people and organisations share one). */
const REF_TABLE: Record<PickKind, RefTable> = {
  claims: 'claims',
  sources: 'sources',
  people: 'entities',
  organisations: 'entities',
  entities: 'entities',
  cases: 'cases',
  topics: 'topics',
};

function shapeOfField(field: FieldSpec, absent: string | undefined): Shape {
  if (field.type === 'markdown' || field.type === 'textarea') return { type: 'long' };
  if (field.type === 'list') return { type: 'strings' };
  if (field.type === 'reference' || field.type === 'references') {
    const ref = REF_TABLE[field.refers ?? 'entities'];
    return { type: field.type === 'references' ? 'refs' : 'ref', ref };
  }
  switch (field.options) {
    case 'verdicts':
      return { type: 'ref', ref: 'verdicts' };
    case 'statementKinds':
      return { type: 'choice', labels: statementKindLabel, absent };
    case 'sourceKinds':
      return { type: 'choice', labels: sourceKindLabel, absent };
    default:
      return { type: 'text' };
  }
}

/** Every key of a kind's snapshot the history knows, in the form's order, then the links. */
export function historyFields(kind: EntryKind, documentKeys: DocumentKeys): HistoryField[] {
  const editable = KIND_SPECS[kind].fields.map((field): HistoryField => {
    const place = documentKeys[field.name];
    return { key: place?.key ?? field.name, label: field.label, shape: shapeOfField(field, place?.absent) };
  });
  return [...editable, ...(LINK_FIELDS[kind] ?? [])];
}

/** A key nobody described (a field added since): its name as words, its value's own shape. */
export function unknownField(key: string, sample: unknown): HistoryField {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ');
  const label = words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
  const list = Array.isArray(sample);
  const recordList = list && sample.some((v) => typeof v === 'object' && v !== null);
  const plain: LineOf = (r) => [
    Object.entries(r)
      .filter(([, v]) => str(v) !== '')
      .map(([k, v]) => `${k.replace(/_/g, ' ')}: ${Array.isArray(v) ? v.map(str).join(', ') : str(v)}`)
      .join(' · '),
  ];
  const shape: Shape = recordList
    ? records(plain)
    : list
      ? { type: 'strings' }
      : str(sample).length > 200 || str(sample).includes('\n')
        ? { type: 'long' }
        : { type: 'text' };
  return { key, label, shape };
}
