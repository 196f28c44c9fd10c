/**
 * What the history page reads: an entry's revisions a page at a time (each with the one before
 * it, to show what it changed), any two versions to compare, whether the entry's row is still
 * there (the history of a deleted or merged entry still opens, from its revisions alone), and
 * the current names of the entries its snapshots refer to by slug, in one query.
 *
 * Snapshots saved before revisions were documents (form values: `speakerId: 12`, topic ids,
 * authors as one string) are read as documents here, so the history never shows an id.
 */
import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { getDb, type TrackerHandle } from '../../db/client';
import { cases, claims, entities, revisions, sources, topics, users, verdicts } from '../../db/schema';
import { DOCUMENT_FIELDS, type DocumentField } from '~/content/format';
import { KIND_SPECS, KINDS, type EntryKind, type PageOf } from '~/domain';
import { pageCountFor } from '~/http/pagination.server';
import { ofKind, tableOf } from './entry-row.server';
import type { Revision, Snapshot } from './revision.server';

/** Versions per page of a history: an entry edited more often than this gets pages. */
export const HISTORY_PER_PAGE = 50;

/** The tables a snapshot names by slug, and the column that is each one's name. */
const NAMED = {
  entities: { table: entities, slug: entities.slug, name: entities.name },
  topics: { table: topics, slug: topics.slug, name: topics.name },
  sources: { table: sources, slug: sources.slug, name: sources.title },
  claims: { table: claims, slug: claims.slug, name: claims.statement },
  cases: { table: cases, slug: cases.slug, name: cases.caption },
  verdicts: { table: verdicts, slug: verdicts.id, name: verdicts.label },
};
export type NamedTable = keyof typeof NAMED;

/** Where each editable field of a kind sits in its snapshot. */
export function documentKeys(kind: EntryKind): Record<string, DocumentField> {
  return DOCUMENT_FIELDS[kind];
}

const revisionColumns = {
  id: revisions.id,
  version: revisions.version,
  summary: revisions.summary,
  createdAt: revisions.createdAt,
  userName: users.name,
  snapshot: revisions.snapshot,
};

interface RevisionRow {
  id: number;
  version: number;
  summary: string | null;
  createdAt: Date;
  userName: string | null;
  snapshot: string;
}

function ofEntry(kind: EntryKind, id: number, also?: SQL): SQL {
  return and(eq(revisions.entityKind, KINDS[kind].revisionKind), eq(revisions.entityId, id), also)!;
}

function selectRevisions(db: TrackerHandle, where: SQL) {
  return db.select(revisionColumns).from(revisions).leftJoin(users, eq(users.id, revisions.userId)).where(where);
}

/** A stored revision as the history reads it: its snapshot parsed, and read as a document. */
function toRevision(db: TrackerHandle, kind: EntryKind, row: RevisionRow): Revision {
  return {
    ...row,
    createdAt: Math.floor(row.createdAt.getTime() / 1000),
    snapshot: asDocument(db, kind, JSON.parse(row.snapshot) as Snapshot),
  };
}

export interface HistoryPage extends PageOf<Revision> {
  /** The revision just older than the page's oldest: what that one changed is measured from it. */
  older: Revision | null;
  /** The newest revision of all (the page may not hold it): the entry's last known state. */
  newest: Revision | null;
}

/** One page of an entry's revisions, newest first (past the last page there are none). */
export function historyPage(kind: EntryKind, id: number, page: number, perPage = HISTORY_PER_PAGE): HistoryPage {
  const db = getDb();
  const total = db.select({ n: count() }).from(revisions).where(ofEntry(kind, id)).get()?.n ?? 0;
  const pageCount = pageCountFor(total, perPage);
  const rows =
    page > pageCount
      ? []
      : selectRevisions(db, ofEntry(kind, id))
          .orderBy(desc(revisions.version))
          .limit(perPage + 1)
          .offset((page - 1) * perPage)
          .all()
          .map((row) => toRevision(db, kind, row));
  const items = rows.slice(0, perPage);
  const newest =
    page === 1
      ? (items[0] ?? null)
      : (selectRevisions(db, ofEntry(kind, id))
          .orderBy(desc(revisions.version))
          .limit(1)
          .all()
          .map((row) => toRevision(db, kind, row))[0] ?? null);
  return { items, total, page, pageCount, older: rows[perPage] ?? null, newest };
}

/** The revisions at these versions (to compare two), by version. */
export function revisionsAt(kind: EntryKind, id: number, versions: number[]): Map<number, Revision> {
  const db = getDb();
  const rows = selectRevisions(db, ofEntry(kind, id, inArray(revisions.version, versions))).all();
  return new Map(rows.map((row) => [row.version, toRevision(db, kind, row)]));
}

/**
 * Whether the entry's row is there: `here`; `elsewhere` when the id is a row of the other
 * entity kind (an organisation asked for as a person: not this entry); `gone` when no row has
 * the id any more (deleted, or merged into another), so only its revisions tell of it.
 */
export function entryPresence(kind: EntryKind, id: number): 'here' | 'elsewhere' | 'gone' {
  const db = getDb();
  const table = tableOf(kind);
  const row = db
    .select({ ofKind: sql<number>`${ofKind(kind) ?? sql`1`}` })
    .from(table)
    .where(eq(table.id, id))
    .get();
  if (!row) return 'gone';
  return row.ofKind ? 'here' : 'elsewhere';
}

/** The current name of every slug asked for, by table, in one query; a slug no row has is left out. */
export function namesOfSlugs(
  slugs: Partial<Record<NamedTable, string[]>>,
): Partial<Record<NamedTable, Record<string, string>>> {
  const asked = (Object.keys(NAMED) as NamedTable[]).filter((t) => (slugs[t]?.length ?? 0) > 0);
  if (asked.length === 0) return {};
  // Each list goes in as one JSON parameter: no limit on SQLite's variables, however many slugs.
  const parts = asked.map((t) => {
    const { table, slug, name } = NAMED[t];
    return sql`select ${t} as tbl, ${slug} as slug, ${name} as name from ${table} where ${slug} in (select value from json_each(${JSON.stringify(slugs[t])}))`;
  });
  const rows = getDb().all<{ tbl: NamedTable; slug: string; name: string }>(sql.join(parts, sql` union all `));
  const names: Partial<Record<NamedTable, Record<string, string>>> = {};
  for (const row of rows) (names[row.tbl] ??= {})[row.slug] = row.name;
  return names;
}

/** The title an entry had in a snapshot (its statement, title, name or caption). */
export function snapshotTitle(kind: EntryKind, snapshot: Snapshot): string {
  const name = KIND_SPECS[kind].titleField;
  const value = snapshot[DOCUMENT_FIELDS[kind][name]?.key ?? name];
  return typeof value === 'string' && value ? value : `${KINDS[kind].label} (removed)`;
}

const REF_SLUG_TABLES = { entities, topics };

/**
 * A snapshot of form values (before revisions were documents) as a document: its keys the
 * document's, ids replaced by the slugs they name now (an id no row has any more is dropped),
 * lists as lists. A document snapshot is returned as it is.
 */
function asDocument(db: TrackerHandle, kind: EntryKind, snapshot: Snapshot): Snapshot {
  const fields = Object.entries(DOCUMENT_FIELDS[kind]);
  const formValues = fields.some(([name, f]) => f.key !== name && name in snapshot && !(f.key in snapshot));
  if (!formValues) return snapshot;
  const slugOf = (ref: keyof typeof REF_SLUG_TABLES, id: unknown): string | null => {
    const n = Number(id);
    if (id === '' || id === null || !Number.isSafeInteger(n)) return null;
    const table = REF_SLUG_TABLES[ref];
    return db.select({ slug: table.slug }).from(table).where(eq(table.id, n)).get()?.slug ?? null;
  };
  const doc: Snapshot = { ...snapshot };
  for (const [name, field] of fields) {
    if (!(name in snapshot)) continue;
    const value = snapshot[name];
    delete doc[name];
    const spec = KIND_SPECS[kind].fields.find((f) => f.name === name);
    if (field.ref && Array.isArray(value)) doc[field.key] = value.map((v) => slugOf(field.ref!, v)).filter(Boolean);
    else if (field.ref) doc[field.key] = slugOf(field.ref, value);
    else if (spec?.type === 'list' && typeof value === 'string') {
      doc[field.key] = value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
    } else doc[field.key] = value === '' ? null : value;
  }
  return doc;
}
