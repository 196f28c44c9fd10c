/**
 * The one serializer of an entry: `entryDocument` reads an entry and its links from the database
 * in the content/ vocabulary (slugs throughout, never database ids). The exporter renders these
 * documents as files; every revision stores one, flattened (`flatDocument`), so the history
 * reads `speaker: andy-purdy`, not an id. `fieldsFromDocument` goes the other way for the
 * editable fields, for the importer and for restoring a revision.
 */
import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { TrackerHandle } from '../../db/client';
import {
  caseDefendants,
  caseEvents,
  cases,
  caseSources,
  charges,
  claimCases,
  claimCorrections,
  claimRelations,
  claims,
  claimSubjects,
  claimTopics,
  entities,
  sources,
  topics,
} from '../../db/schema';
import { claimCitations } from '~/models/claim-links.server';
import { columnsOf, ofKind, tableOf, type FieldValues } from '~/models/entry-row.server';
import {
  bodyField,
  DOCUMENT_FIELDS,
  editorialTimeText,
  KEY_ORDER,
  type ContentKind,
  type DocumentField,
  type EntryDocument,
  type FrontMatter,
} from './format';

const REF_TABLES = { entities, topics };
const text = (value: unknown): string | undefined => (value === null || value === undefined ? undefined : String(value));
const time = (value: unknown): string | undefined =>
  value instanceof Date ? editorialTimeText(value.getTime() / 1000) : undefined;

function slugOf(db: TrackerHandle, ref: NonNullable<DocumentField['ref']>, id: unknown): string | undefined {
  if (typeof id !== 'number') return undefined;
  const table = REF_TABLES[ref];
  return db.select({ slug: table.slug }).from(table).where(eq(table.id, id)).get()?.slug;
}

/** The entry as its content/ file would say it, or null when there is no such entry of this kind. */
export function entryDocument(db: TrackerHandle, kind: ContentKind, id: number): EntryDocument | null {
  const table = tableOf(kind);
  const row = db
    .select()
    .from(table)
    .where(and(eq(table.id, id), ofKind(kind)))
    .get() as Record<string, unknown> | undefined;
  if (!row) return null;
  const columns = columnsOf(kind);
  const front: FrontMatter = {};
  let body = '';
  for (const [name, field] of Object.entries(DOCUMENT_FIELDS[kind])) {
    if (!columns[name]) continue; // not a column (a claim's topics): a link, read below
    const value = row[name];
    if (field.body) body = text(value) ?? '';
    else if (field.ref) front[field.key] = slugOf(db, field.ref, value);
    else if (columns[name].dataType === 'json') front[field.key] = Array.isArray(value) ? value.map(String) : [];
    else front[field.key] = field.absent !== undefined && value === field.absent ? undefined : text(value);
  }
  if (kind === 'cases') Object.assign(front, caseLinks(db, id));
  if (kind === 'claims') Object.assign(front, claimLinks(db, id, row));
  return { kind, slug: String(row.slug), front, body };
}

/** Every entry of a kind, drafts included, sorted by slug. */
export function entryDocuments(db: TrackerHandle, kind: ContentKind): EntryDocument[] {
  const table = tableOf(kind);
  return db
    .select({ id: table.id })
    .from(table)
    .where(ofKind(kind))
    .orderBy(asc(table.slug))
    .all()
    .map((row) => entryDocument(db, kind, row.id)!);
}

function caseLinks(db: TrackerHandle, caseId: number): FrontMatter {
  return {
    defendants: db
      .select({ entity: entities.slug, note: caseDefendants.note })
      .from(caseDefendants)
      .innerJoin(entities, eq(entities.id, caseDefendants.entityId))
      .where(eq(caseDefendants.caseId, caseId))
      .orderBy(asc(caseDefendants.position), asc(entities.slug))
      .all()
      .map((d) => ({ entity: d.entity, note: text(d.note) })),
    charges: db
      .select()
      .from(charges)
      .where(eq(charges.caseId, caseId))
      .orderBy(asc(charges.position), asc(charges.id))
      .all()
      .map((c) => ({
        count: text(c.count),
        statute: text(c.statute),
        description: c.description,
        disposition: text(c.disposition),
      })),
    events: db
      .select({ date: caseEvents.occurredOn, description: caseEvents.description, source: sources.slug })
      .from(caseEvents)
      .leftJoin(sources, eq(sources.id, caseEvents.sourceId))
      .where(eq(caseEvents.caseId, caseId))
      .orderBy(asc(caseEvents.occurredOn), asc(caseEvents.id))
      .all()
      .map((e) => ({ date: e.date, description: e.description, source: text(e.source) })),
    sources: db
      .select({ slug: sources.slug })
      .from(caseSources)
      .innerJoin(sources, eq(sources.id, caseSources.sourceId))
      .where(eq(caseSources.caseId, caseId))
      .orderBy(asc(caseSources.position), asc(sources.slug))
      .all()
      .map((s) => s.slug),
  };
}

const otherClaim = alias(claims, 'other_claim');

function claimLinks(db: TrackerHandle, claimId: number, row: Record<string, unknown>): FrontMatter {
  const status = String(row.status);
  return {
    status,
    // Only where the importer accepts them: a claim unpublished in the editor keeps its old
    // published_at in the database, but a draft file may not carry it.
    published: status === 'draft' ? undefined : time(row.publishedAt),
    retracted: status === 'retracted' ? time(row.retractedAt) : undefined,
    topics: db
      .select({ slug: topics.slug })
      .from(claimTopics)
      .innerJoin(topics, eq(topics.id, claimTopics.topicId))
      .where(eq(claimTopics.claimId, claimId))
      .orderBy(asc(topics.slug))
      .all()
      .map((t) => t.slug),
    about: db
      .select({ slug: entities.slug })
      .from(claimSubjects)
      .innerJoin(entities, eq(entities.id, claimSubjects.entityId))
      .where(eq(claimSubjects.claimId, claimId))
      .orderBy(asc(entities.slug))
      .all()
      .map((e) => e.slug),
    relations: db
      .select({ kind: claimRelations.kind, claim: otherClaim.slug, note: claimRelations.note })
      .from(claimRelations)
      .innerJoin(otherClaim, eq(otherClaim.id, claimRelations.toClaimId))
      .where(eq(claimRelations.fromClaimId, claimId))
      .orderBy(asc(otherClaim.slug), asc(claimRelations.kind))
      .all()
      .map((r) => ({ kind: r.kind, claim: r.claim, note: text(r.note) })),
    citations: claimCitations(db, claimId).map((c) => ({
      source: c.source.slug,
      role: c.role,
      quote: text(c.quote),
      locator: text(c.locator),
    })),
    cases: db
      .select({ case: cases.slug, role: claimCases.role, note: claimCases.note })
      .from(claimCases)
      .innerJoin(cases, eq(cases.id, claimCases.caseId))
      .where(eq(claimCases.claimId, claimId))
      .orderBy(asc(cases.slug), asc(claimCases.role))
      .all()
      .map((k) => ({ case: k.case, role: k.role, note: text(k.note) })),
    corrections: db
      .select()
      .from(claimCorrections)
      .where(eq(claimCorrections.claimId, claimId))
      .orderBy(asc(claimCorrections.createdAt), asc(claimCorrections.id))
      .all()
      .map((k) => ({ date: time(k.createdAt), kind: k.kind, note: k.note })),
  };
}

/**
 * The document as one flat record, as a revision stores it: the slug, every front-matter key in
 * the file's order (null where the file would leave it out), and the body under its field's name
 * (`analysis`, `note`, `description`, `summary`).
 */
export function flatDocument(doc: EntryDocument): Record<string, unknown> {
  const flat: Record<string, unknown> = { slug: doc.slug };
  for (const key of KEY_ORDER[doc.kind]) flat[key] = doc.front[key] ?? null;
  flat[bodyField(doc.kind)] = doc.body;
  return flat;
}

/** Looks up the id of a referenced row by its slug (null when there is none). */
export type SlugResolver = (ref: NonNullable<DocumentField['ref']>, slug: string) => number | null;

/**
 * The editable fields of a flat document (a file's front matter with its body under the body
 * field's name, or a revision), by property name, with references resolved to ids. A reference
 * to nothing is dropped. Links other than a claim's topics are not fields; callers write them.
 */
export function fieldsFromDocument(kind: ContentKind, flat: Record<string, unknown>, idOf: SlugResolver): FieldValues {
  const fields: FieldValues = {};
  for (const [name, field] of Object.entries(DOCUMENT_FIELDS[kind])) {
    const value = flat[field.key];
    if (field.ref && Array.isArray(value)) {
      fields[name] = value.map((slug) => idOf(field.ref!, String(slug))).filter((id): id is number => id !== null);
    } else if (field.ref) {
      fields[name] = typeof value === 'string' ? idOf(field.ref, value) : null;
    } else if (Array.isArray(value)) {
      fields[name] = value.map(String);
    } else {
      const read = value ?? field.absent;
      fields[name] = read === null || read === undefined ? null : String(read);
    }
  }
  return fields;
}
