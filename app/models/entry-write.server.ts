/**
 * The writes under every save, each on the transaction it is given: an entry's next version
 * (with its optimistic version check and unique slug), what follows every write (a revision and a
 * search refresh), and a claim's entry document written back to its row and links (a restored
 * revision, or an approved proposal). `entry.server.ts` wraps them in transactions for the
 * editor; `proposal.server.ts` runs them for a claim's working copy and its approval.
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import type { TrackerHandle } from '../../db/client';
import { cases, claims, claimSubjects, entities, sources, topics } from '../../db/schema';
import { fieldsFromDocument, type SlugResolver } from '~/content/document.server';
import { DOCUMENT_FIELDS } from '~/content/format';
import {
  KIND_SPECS,
  KINDS,
  PICK_CREATE_ENTRY_KIND,
  refOf,
  slugify,
  type CaseLinkRole,
  type CitationRole,
  type EntryKind,
  type RelationKind,
} from '~/domain';
import { urlKey } from '~/domain/url-key';
import { bumpDataVersion } from '../../db/data-version';
import { fieldsFromForm, type FormValues } from './entry-form.server';
import { getEntryForEdit, type EditableEntry } from './entry-read.server';
import { queueCaptureIfUrlChanged } from './captures.server';
import { recordRename, redirectedId } from './entry-redirects.server';
import { insertValues, tableOf, updateValues, type FieldValues } from './entry-row.server';
import { replaceCaseLinks, replaceCitations, replaceClaimTopics, replaceRelations } from './claim-links.server';
import { recordEntryRevision, type Snapshot } from './revision.server';

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
export interface EntryWrite {
  slug: string;
  fields: FieldValues;
}

export function writeEntry(
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
  // A source's address key (~/domain/url-key) is written with its address, whoever saves it.
  const fields = kind === 'sources' ? { ...entry.fields, urlKey: urlKey(entry.fields.url) } : entry.fields;

  let saved: SaveResult;
  if (!current) {
    const row = {
      ...insertValues(kind, fields),
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
        ...updateValues(kind, fields),
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
  if (kind === 'sources') queueCaptureIfUrlChanged(tx, saved.id, current?.values.url, fields.url);
  if (kind === 'claims') {
    // Links a write leaves out (an old revision that never had them) stay as they are.
    const { topics: topicIds, subjects } = entry.fields;
    if (Array.isArray(topicIds)) replaceClaimTopics(tx, saved.id, topicIds as number[]);
    if (Array.isArray(subjects)) replaceClaimSubjects(tx, saved.id, subjects as number[]);
  }
  return saved;
}

/** The people and organisations a claim is about (claim_subjects). */
function replaceClaimSubjects(tx: TrackerHandle, claimId: number, entityIds: number[]) {
  tx.delete(claimSubjects).where(eq(claimSubjects.claimId, claimId)).run();
  for (const entityId of new Set(entityIds)) tx.insert(claimSubjects).values({ claimId, entityId }).run();
}

/**
 * The entries a form's reference fields asked to create (`name__create`: "Create a new person
 * named …", offered when a typed name matched nothing): each made first, in the save's own
 * transaction and through the same writes (slug, revision, search), then named by its field. So
 * a save that fails creates nothing, and a save that succeeds never leaves a dangling name.
 */
export function createRequestedReferences(
  tx: TrackerHandle,
  kind: EntryKind,
  values: FormValues,
  userId: number | null,
): FormValues {
  let out = values;
  for (const field of KIND_SPECS[kind].fields) {
    const title = values[`${field.name}__create`];
    if (!field.create || typeof title !== 'string' || title.trim() === '') continue;
    const target = PICK_CREATE_ENTRY_KIND[field.create];
    const fresh: FormValues = { [KIND_SPECS[target].titleField]: title.trim() };
    if (target === 'sources') fresh.kind = 'other';
    const created = writeEntry(tx, target, null, { slug: '', fields: fieldsFromForm(target, fresh) }, null, {});
    afterWrite(tx, target, created, userId, `Created from the ${KINDS[kind].singular} form`);
    const current = out[field.name];
    out = {
      ...out,
      [field.name]:
        field.type === 'references'
          ? [...(Array.isArray(current) ? current : []), String(created.id)]
          : String(created.id),
    };
  }
  return out;
}

/** After a write: a revision of the whole entry, and a search refresh of it (and of `alsoChanged`). */
export function afterWrite(
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

const SLUG_TABLES = { entities, topics, sources, claims, cases };
const SLUG_KINDS = {
  entities: 'entity',
  topics: 'topic',
  sources: 'source',
  claims: 'claim',
  cases: 'case',
} as const;
/**
 * The id of the row with this slug, or null. A slug renamed or merged away since the document
 * was written (a revision, a working copy) leads to the entry now at it.
 */
export function idBySlug(tx: TrackerHandle, ref: keyof typeof SLUG_TABLES, slug: unknown): number | null {
  if (typeof slug !== 'string') return null;
  const table = SLUG_TABLES[ref];
  const id = tx.select({ id: table.id }).from(table).where(eq(table.slug, slug)).get()?.id;
  return id ?? redirectedId(tx, { revisionKind: SLUG_KINDS[ref], table: ref }, slug);
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
export function fieldsOfSnapshot(tx: TrackerHandle, kind: EntryKind, snapshot: Snapshot): FieldValues {
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

type SnapshotCitation = { source: string; role: CitationRole; quote?: string | null; locator?: string | null };
type SnapshotRelation = { kind: RelationKind; claim: string; note?: string | null };
type SnapshotCaseLink = { case: string; role: CaseLinkRole; note?: string | null };

/**
 * A claim's citations, relations and case links as the snapshot lists them (by slug, in old and
 * new snapshots alike). Snapshots from before the editor could link cases may lack `cases`: the
 * claim's case links are then left as they are.
 */
export function restoreClaimLinks(tx: TrackerHandle, claimId: number, snapshot: Snapshot) {
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
  if (Array.isArray(snapshot.cases)) {
    const links = (snapshot.cases as SnapshotCaseLink[]).map((k) => ({
      caseId: idBySlug(tx, 'cases', k.case),
      role: k.role,
      note: k.note ?? null,
    }));
    replaceCaseLinks(
      tx,
      claimId,
      links.filter((k): k is typeof k & { caseId: number } => k.caseId !== null),
    );
  }
  // A restored draft stays a draft; a restore never publishes an entry by itself.
  if (snapshot.status === 'draft') tx.update(claims).set({ status: 'draft' }).where(eq(claims.id, claimId)).run();
}

/**
 * Writes a claim's entry document (a proposal's, or a revision's) to its row and links, without a
 * version check of its own (the caller has made it): fields, slug, topics, citations, relations
 * and the public status with its dates. The public log is never written from a document: it only
 * grows, from approved proposals.
 */
export function applyClaimDocument(tx: TrackerHandle, claimId: number, doc: Snapshot): SaveResult {
  const entry = { slug: String(doc.slug ?? ''), fields: fieldsOfSnapshot(tx, 'claims', doc) };
  const saved = writeEntry(tx, 'claims', claimId, entry, null, {});
  restoreClaimLinks(tx, claimId, doc);
  const status = doc.status === 'retracted' ? 'retracted' : doc.status === 'draft' ? 'draft' : 'published';
  tx.update(claims)
    .set({
      status,
      retractedAt: status === 'retracted' ? sql`coalesce(${claims.retractedAt}, unixepoch())` : null,
      publishedAt: status === 'draft' ? undefined : sql`coalesce(${claims.publishedAt}, unixepoch())`,
    })
    .where(eq(claims.id, claimId))
    .run();
  return saved;
}
