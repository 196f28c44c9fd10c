/**
 * Editing entries of every kind (claims, sources, people, organisations, cases, topics) through
 * one path: validate the form against the kind's field specs, save with an optimistic version
 * check (a stale form is refused, never silently overwrites), keep old slugs as redirects, record
 * a revision of the whole entry, and tell search what changed. Every write is one immediate
 * transaction through Drizzle's builder on the schema's tables, and everything inside it uses the
 * transaction it is given.
 *
 * The form (`entry-form.server.ts`), reading (`entry-read.server.ts`) and rename redirects
 * (`entry-redirects.server.ts`) live beside this file; it re-exports what routes use, so a route
 * imports the entry model from one place.
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import { getDb, type TrackerHandle } from '../../db/client';
import { claims, entities, sources, topics } from '../../db/schema';
import { fieldsFromDocument, type SlugResolver } from '~/content/document.server';
import { DOCUMENT_FIELDS } from '~/content/format';
import { KIND_SPECS, KINDS, refOf, slugify, type CitationRole, type EntryKind, type RelationKind } from '~/domain';
import { bumpDataVersion } from '../../db/data-version';
import { fieldsFromForm, type FormValues } from './entry-form.server';
import { getEntryForEdit, type EditableEntry } from './entry-read.server';
import { recordRename } from './entry-redirects.server';
import { insertValues, tableOf, updateValues, type FieldValues } from './entry-row.server';
import { replaceCitations, replaceClaimTopics, replaceRelations } from './claim-links.server';
import { getRevision, recordEntryRevision, type Snapshot } from './revision.server';

export { getEntryOptions, readEntryForm, validateEntry } from './entry-form.server';
export type { EntryOption, EntryOptions, EntryValidation, FormValues } from './entry-form.server';
export { entryParams, getEntryForEdit, type EditableEntry } from './entry-read.server';
export { findRenamedSlug, redirectIfRenamed } from './entry-redirects.server';

export class ConflictError extends Error {
  constructor(
    public current: EditableEntry,
    public yours: FormValues,
  ) {
    super('This entry was changed by someone else after you opened it.');
    this.name = 'ConflictError';
  }
}

export class EntryNotFoundError extends Error {
  constructor() {
    super('There is no such entry.');
    this.name = 'EntryNotFoundError';
  }
}

export interface SaveResult {
  id: number;
  slug: string;
  version: number;
}

function uniqueSlug(tx: TrackerHandle, kind: EntryKind, wanted: string, id: number | null): string {
  const table = tableOf(kind);
  const taken = (slug: string) =>
    tx
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.slug, slug), ne(table.id, id ?? -1)))
      .get() !== undefined;
  if (!taken(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken(`${wanted}-${n}`)) return `${wanted}-${n}`;
}

/** The next version of an entry: its slug as asked for (empty: kept, or made from the title), and its fields. */
interface EntryWrite {
  slug: string;
  fields: FieldValues;
}

function writeEntry(
  tx: TrackerHandle,
  kind: EntryKind,
  id: number | null,
  entry: EntryWrite,
  expectedVersion: number | null,
  yours: FormValues,
): SaveResult {
  const spec = KIND_SPECS[kind];
  const table = tableOf(kind);
  let current: EditableEntry | null = null;
  if (id !== null) {
    current = getEntryForEdit(kind, id, tx);
    if (!current) throw new EntryNotFoundError();
    if (expectedVersion !== null && current.version !== expectedVersion) throw new ConflictError(current, yours);
  }
  const title = String(entry.fields[spec.titleField] ?? '');
  const slug = uniqueSlug(tx, kind, entry.slug || (current ? current.slug : slugify(title)), id);

  let saved: SaveResult;
  if (!current) {
    const row = {
      ...insertValues(kind, entry.fields),
      slug,
      ...(KINDS[kind].entityKind ? { kind: KINDS[kind].entityKind } : {}),
    };
    const inserted = tx
      .insert(table)
      .values(row as typeof table.$inferInsert)
      .returning({ id: table.id })
      .get();
    saved = { id: inserted.id, slug, version: 1 };
  } else {
    const result = tx
      .update(table)
      .set({
        ...updateValues(kind, entry.fields),
        slug,
        version: sql`${table.version} + 1`,
        updatedAt: sql`(unixepoch())`,
      })
      .where(and(eq(table.id, current.id), eq(table.version, current.version)))
      .run();
    if (result.changes === 0) throw new ConflictError(getEntryForEdit(kind, current.id, tx)!, yours);
    saved = { id: current.id, slug, version: current.version + 1 };
  }
  recordRename(tx, kind, { id: saved.id, oldSlug: current?.slug ?? null, slug });
  if (kind === 'claims') replaceClaimTopics(tx, saved.id, (entry.fields.topics as number[] | undefined) ?? []);
  return saved;
}

/** After a write: a revision of the whole entry, and a search refresh of it (and of `alsoChanged`). */
function afterWrite(
  tx: TrackerHandle,
  kind: EntryKind,
  saved: SaveResult,
  userId: number | null,
  summary: string | null,
  alsoChanged: string[] = [],
) {
  recordEntryRevision(tx, kind, saved, userId, summary);
  // Entries that show this one (a speaker's claims, a source's publisher) change in search too;
  // a full refresh of the few refs involved is cheap, so name just this entry.
  bumpDataVersion(tx, [refOf(kind, saved.id), ...alsoChanged]);
}

/** Creates or updates an entry in one transaction. Throws ConflictError on a stale version. */
export function saveEntry(
  kind: EntryKind,
  input: {
    id: number | null;
    expectedVersion: number | null;
    values: FormValues;
    userId: number | null;
    summary?: string | null;
  },
): SaveResult {
  const entry = { slug: String(input.values.slug || ''), fields: fieldsFromForm(kind, input.values) };
  return getDb().transaction(
    (tx) => {
      const saved = writeEntry(tx, kind, input.id, entry, input.expectedVersion, input.values);
      afterWrite(tx, kind, saved, input.userId, input.summary ?? null);
      return saved;
    },
    { behavior: 'immediate' },
  );
}

const SLUG_TABLES = { entities, topics, sources, claims };
/** The id of the row with this slug, or null. */
function idBySlug(tx: TrackerHandle, ref: keyof typeof SLUG_TABLES, slug: unknown): number | null {
  if (typeof slug !== 'string') return null;
  const table = SLUG_TABLES[ref];
  return tx.select({ id: table.id }).from(table).where(eq(table.slug, slug)).get()?.id ?? null;
}
const slugResolver =
  (tx: TrackerHandle): SlugResolver =>
  (ref, slug) =>
    idBySlug(tx, ref, slug);

/**
 * The fields of a revision's snapshot. A snapshot is the entry's document (slugs, mapped back to
 * ids here). Revisions saved before that hold the editor's form values instead: ids for the
 * speaker, publisher, affiliation and topics, and authors as one comma-separated string. Such a
 * snapshot has a field's form name where a document has its file key (`speakerId`, not
 * `speaker`), and is read as the form it was.
 */
function fieldsOfSnapshot(tx: TrackerHandle, kind: EntryKind, snapshot: Snapshot): FieldValues {
  const renamed = Object.entries(DOCUMENT_FIELDS[kind]).filter(([name, field]) => field.key !== name);
  const formValues = renamed.some(([name, field]) => name in snapshot && !(field.key in snapshot));
  if (!formValues) return fieldsFromDocument(kind, snapshot, slugResolver(tx));
  const values: FormValues = {};
  for (const [name, value] of Object.entries(snapshot)) {
    values[name] = Array.isArray(value)
      ? value.map(String)
      : value === null || value === undefined
        ? ''
        : String(value);
  }
  return fieldsFromForm(kind, values);
}

/** Makes an old revision current again, as a new revision (history is never rewritten). */
export function restoreRevision(
  kind: EntryKind,
  input: { id: number; version: number; expectedVersion: number; userId: number | null },
): SaveResult {
  return getDb().transaction(
    (tx) => {
      const revision = getRevision(KINDS[kind].revisionKind, input.id, input.version, tx);
      if (!revision) throw new EntryNotFoundError();
      const { snapshot } = revision;
      const entry = { slug: String(snapshot.slug ?? ''), fields: fieldsOfSnapshot(tx, kind, snapshot) };
      const saved = writeEntry(tx, kind, input.id, entry, input.expectedVersion, {});
      if (kind === 'claims') restoreClaimLinks(tx, saved.id, snapshot);
      afterWrite(tx, kind, saved, input.userId, `Restored version ${input.version}`);
      return saved;
    },
    { behavior: 'immediate' },
  );
}

type SnapshotCitation = { source: string; role: CitationRole; quote?: string | null; locator?: string | null };
type SnapshotRelation = { kind: RelationKind; claim: string; note?: string | null };

/** A claim's citations and relations as the snapshot lists them (by slug, in old and new snapshots alike). */
function restoreClaimLinks(tx: TrackerHandle, claimId: number, snapshot: Snapshot) {
  replaceCitations(
    tx,
    claimId,
    ((snapshot.citations as SnapshotCitation[] | null) ?? []).map((c) => {
      const sourceId = idBySlug(tx, 'sources', c.source);
      return sourceId === null ? null : { sourceId, role: c.role, quote: c.quote ?? null, locator: c.locator ?? null };
    }),
  );
  const relations = ((snapshot.relations as SnapshotRelation[] | null) ?? []).map((r) => ({
    toClaimId: idBySlug(tx, 'claims', r.claim),
    kind: r.kind,
    note: r.note ?? null,
  }));
  replaceRelations(
    tx,
    claimId,
    relations.filter((r): r is typeof r & { toClaimId: number } => r.toClaimId !== null && r.toClaimId !== claimId),
  );
  // A restored draft stays a draft; a restore never publishes an entry by itself.
  if (snapshot.status === 'draft') tx.update(claims).set({ status: 'draft' }).where(eq(claims.id, claimId)).run();
}

/**
 * A change to an entry's links (citations, relations, charges...) or status, run as one save:
 * version check, the change, version bump, a revision of the whole entry, and a search refresh.
 * The change gets the transaction; it may return more search refs whose pages it changed too.
 */
export function changeEntry(
  kind: EntryKind,
  id: number,
  expectedVersion: number,
  userId: number | null,
  summary: string,
  change: (tx: TrackerHandle) => string[] | void,
): number {
  const table = tableOf(kind);
  return getDb().transaction(
    (tx) => {
      const current = getEntryForEdit(kind, id, tx);
      if (!current) throw new EntryNotFoundError();
      if (current.version !== expectedVersion) throw new ConflictError(current, current.values);
      const alsoChanged = change(tx) ?? [];
      tx.update(table)
        .set({ version: sql`${table.version} + 1`, updatedAt: sql`(unixepoch())` })
        .where(eq(table.id, id))
        .run();
      const version = current.version + 1;
      afterWrite(tx, kind, { id, slug: current.slug, version }, userId, summary, alsoChanged);
      return version;
    },
    { behavior: 'immediate' },
  );
}
