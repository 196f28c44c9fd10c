/**
 * A claim's links as one set of queries and writes shared by every path that reads or writes
 * them (the claim page, the claim editor, the entry document behind revisions and the export,
 * the content import, restoring a revision): its citations with their sources, its topics, its
 * relations to other claims and its links to court cases.
 */
import { and, asc, eq, sql, type Placeholder } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { TrackerDb, TrackerHandle } from '../../db/client';
import { cases, citations, claimCases, claimRelations, claimTopics, entities, sources } from '../../db/schema';
import type { CaseLinkRole, CitationRole, RelationKind } from '~/domain';

const publisher = alias(entities, 'publisher');

function citationsQuery(db: TrackerHandle, claimId: number | Placeholder) {
  return db
    .select({
      id: citations.id,
      role: citations.role,
      quote: citations.quote,
      locator: citations.locator,
      source: {
        id: sources.id,
        slug: sources.slug,
        title: sources.title,
        kind: sources.kind,
        url: sources.url,
        archiveUrl: sources.archiveUrl,
        publishedOn: sources.publishedOn,
        publisherName: publisher.name,
        publisherSlug: publisher.slug,
      },
    })
    .from(citations)
    .innerJoin(sources, eq(sources.id, citations.sourceId))
    .leftJoin(publisher, eq(publisher.id, sources.publisherId))
    .where(eq(citations.claimId, claimId))
    .orderBy(asc(citations.position), asc(citations.id));
}

/** A claim's citations in the order written, each with what a reader or an editor sees of its source. */
export function claimCitations(db: TrackerHandle, claimId: number) {
  return citationsQuery(db, claimId).all();
}

const prepared = new WeakMap<TrackerDb, ReturnType<ReturnType<typeof citationsQuery>['prepare']>>();

/**
 * The same on the process's client, prepared once: the reader's claim page asks for every
 * request, and building and preparing the query each time cost more than running it.
 */
export function claimCitationsPrepared(db: TrackerDb, claimId: number) {
  let query = prepared.get(db);
  if (!query) prepared.set(db, (query = citationsQuery(db, sql.placeholder('claimId')).prepare()));
  return query.all({ claimId });
}
export type ClaimCitation = ReturnType<typeof claimCitations>[number];

export interface NewCitation {
  sourceId: number;
  role: CitationRole;
  quote: string | null;
  locator: string | null;
}

/** Cites a source; without a position, after the claim's other citations. */
export function insertCitation(db: TrackerHandle, claimId: number, citation: NewCitation, position?: number): void {
  db.insert(citations)
    .values({
      claimId,
      sourceId: citation.sourceId,
      role: citation.role,
      quote: citation.quote || null,
      locator: citation.locator || null,
      position:
        position ??
        sql`(select coalesce(max(${citations.position}), -1) + 1 from ${citations} where ${citations.claimId} = ${claimId})`,
    })
    .run();
}

/** The claim's citations become these, in this order. */
export function replaceCitations(db: TrackerHandle, claimId: number, list: (NewCitation | null)[]): void {
  db.delete(citations).where(eq(citations.claimId, claimId)).run();
  list.forEach((citation, position) => {
    if (citation) insertCitation(db, claimId, citation, position);
  });
}

/** The claim's topics become these. */
export function replaceClaimTopics(db: TrackerHandle, claimId: number, topicIds: number[]): void {
  db.delete(claimTopics).where(eq(claimTopics.claimId, claimId)).run();
  for (const topicId of new Set(topicIds)) db.insert(claimTopics).values({ claimId, topicId }).run();
}

export interface NewRelation {
  toClaimId: number;
  kind: RelationKind;
  note: string | null;
}

/** Relates the claim to another; `ignoreDuplicate` skips a relation that already exists. */
export function insertRelation(db: TrackerHandle, fromClaimId: number, relation: NewRelation, ignoreDuplicate = false) {
  const insert = db
    .insert(claimRelations)
    .values({ fromClaimId, toClaimId: relation.toClaimId, kind: relation.kind, note: relation.note || null });
  (ignoreDuplicate ? insert.onConflictDoNothing() : insert).run();
}

/** The claim's relations to other claims become these (a relation listed twice is kept once). */
export function replaceRelations(db: TrackerHandle, fromClaimId: number, list: NewRelation[]): void {
  db.delete(claimRelations).where(eq(claimRelations.fromClaimId, fromClaimId)).run();
  for (const relation of list) insertRelation(db, fromClaimId, relation, true);
}

/** Removes one of the claim's relations; returns the other claim's id, if there was one. */
export function deleteRelation(db: TrackerHandle, fromClaimId: number, relationId: number): number | null {
  const removed = db
    .delete(claimRelations)
    .where(and(eq(claimRelations.id, relationId), eq(claimRelations.fromClaimId, fromClaimId)))
    .returning({ toClaimId: claimRelations.toClaimId })
    .get();
  return removed?.toClaimId ?? null;
}

/** A claim's links to court cases, in the order its document lists them (case slug, then role). */
export function claimCaseLinks(db: TrackerHandle, claimId: number) {
  return db
    .select({
      caseId: claimCases.caseId,
      slug: cases.slug,
      caption: cases.caption,
      caseNumber: cases.caseNumber,
      role: claimCases.role,
      note: claimCases.note,
    })
    .from(claimCases)
    .innerJoin(cases, eq(cases.id, claimCases.caseId))
    .where(eq(claimCases.claimId, claimId))
    .orderBy(asc(cases.slug), asc(claimCases.role))
    .all();
}

export interface NewCaseLink {
  caseId: number;
  role: CaseLinkRole;
  note: string | null;
}

/** Links the claim to a court case; `ignoreDuplicate` skips a link (same case, same role) that exists. */
export function insertCaseLink(db: TrackerHandle, claimId: number, link: NewCaseLink, ignoreDuplicate = false) {
  const insert = db
    .insert(claimCases)
    .values({ claimId, caseId: link.caseId, role: link.role, note: link.note || null });
  (ignoreDuplicate ? insert.onConflictDoNothing() : insert).run();
}

/** The claim's links to court cases become these (a link listed twice is kept once). */
export function replaceCaseLinks(db: TrackerHandle, claimId: number, list: NewCaseLink[]): void {
  db.delete(claimCases).where(eq(claimCases.claimId, claimId)).run();
  for (const link of list) insertCaseLink(db, claimId, link, true);
}

/** Removes one of the claim's links to a case; whether there was one. */
export function deleteCaseLink(db: TrackerHandle, claimId: number, caseId: number, role: CaseLinkRole): boolean {
  const removed = db
    .delete(claimCases)
    .where(and(eq(claimCases.claimId, claimId), eq(claimCases.caseId, caseId), eq(claimCases.role, role)))
    .run();
  return removed.changes > 0;
}
