/**
 * What editors do to a claim beyond its fields: cite sources, relate it to other claims, and
 * publish, unpublish or retract it. Each change is a save like any other (version check,
 * revision, search refresh). The sourcing rule lives here: a claim is published only with at
 * least one citation.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type TrackerHandle } from '../../db/client';
import { citations, claimCorrections, claims } from '../../db/schema';
import { CITATION_ROLES, RELATION_KINDS, refOf } from '~/domain';
import { claimCitations, deleteRelation, insertCitation, insertRelation } from './claim-links.server';
import { changeEntry, EntryNotFoundError } from './entry.server';

export class PublishingRuleError extends Error {
  constructor(
    public missing: string[],
    lead = 'This claim cannot be published yet',
  ) {
    super(`${lead}: ${missing.join('; ')}.`);
    this.name = 'PublishingRuleError';
  }
}

export interface ClaimLinks {
  citations: {
    id: number;
    role: string;
    quote: string | null;
    locator: string | null;
    sourceSlug: string;
    sourceTitle: string;
    archiveUrl: string | null;
  }[];
  outgoing: { id: number; kind: string; note: string | null; slug: string; statement: string; status: string }[];
  incoming: { id: number; kind: string; note: string | null; slug: string; statement: string; status: string }[];
  corrections: { id: number; kind: string; note: string; createdAt: number }[];
}

export function getClaimLinks(claimId: number): ClaimLinks {
  const db = getDb();
  return {
    citations: claimCitations(db, claimId).map((c) => ({
      id: c.id,
      role: c.role,
      quote: c.quote,
      locator: c.locator,
      sourceSlug: c.source.slug,
      sourceTitle: c.source.title,
      archiveUrl: c.source.archiveUrl,
    })),
    outgoing: db.all(
      sql`select r.id, r.kind, r.note, c.slug, c.statement, c.status from claim_relations r join claims c on c.id = r.to_claim_id
          where r.from_claim_id = ${claimId} order by r.id`,
    ),
    incoming: db.all(
      sql`select r.id, r.kind, r.note, c.slug, c.statement, c.status from claim_relations r join claims c on c.id = r.from_claim_id
          where r.to_claim_id = ${claimId} order by r.id`,
    ),
    corrections: db.all(
      sql`select id, kind, note, created_at as createdAt from claim_corrections where claim_id = ${claimId} order by created_at, id`,
    ),
  };
}

/** What stops this claim being published, in words an editor can act on. */
export function publishingProblems(claimId: number): string[] {
  const db = getDb();
  const row = db.get<{ statement: string; citations: number } | undefined>(
    sql`select c.statement, (select count(*) from citations ci where ci.claim_id = c.id) as citations
        from claims c where c.id = ${claimId}`,
  );
  if (!row) return ['the claim does not exist'];
  const problems: string[] = [];
  if (!row.statement.trim()) problems.push('it needs a statement');
  if (row.citations === 0) problems.push('it needs at least one citation to a source (add one below)');
  return problems;
}

/** Runs a change to a claim's links or status as one save (see changeEntry). */
function changeClaim(
  claimId: number,
  expectedVersion: number,
  userId: number | null,
  summary: string,
  change: (tx: TrackerHandle) => string[] | void,
): number {
  return changeEntry('claims', claimId, expectedVersion, userId, summary, change);
}

export const citationSchema = z.object({
  sourceId: z.coerce.number({ invalid_type_error: 'Choose a source.' }).int().positive('Choose a source.'),
  role: z.enum(CITATION_ROLES, { errorMap: () => ({ message: 'Choose what the source does for this claim.' }) }),
  quote: z.string().trim().max(5000, 'Keep the quote under 5,000 characters.'),
  locator: z.string().trim().max(200, 'Keep the locator under 200 characters.'),
});

export function addCitation(
  claimId: number,
  expectedVersion: number,
  citation: z.infer<typeof citationSchema>,
  userId: number | null,
): number {
  const db = getDb();
  const source = db.get<{ title: string } | undefined>(sql`select title from sources where id = ${citation.sourceId}`);
  if (!source) throw new EntryNotFoundError();
  return changeClaim(claimId, expectedVersion, userId, `Cited “${source.title}”`, (tx) => {
    insertCitation(tx, claimId, { ...citation, quote: citation.quote || null, locator: citation.locator || null });
  });
}

export function removeCitation(claimId: number, expectedVersion: number, citationId: number, userId: number | null) {
  return changeClaim(claimId, expectedVersion, userId, 'Removed a citation', (tx) => {
    tx.delete(citations)
      .where(and(eq(citations.id, citationId), eq(citations.claimId, claimId)))
      .run();
    const { status } = tx.select({ status: claims.status }).from(claims).where(eq(claims.id, claimId)).get()!;
    const { left } = tx.select({ left: count() }).from(citations).where(eq(citations.claimId, claimId)).get()!;
    if (status === 'published' && left === 0) {
      throw new PublishingRuleError(['a published claim must keep at least one citation; unpublish it first']);
    }
  });
}

export const relationSchema = z.object({
  kind: z.enum(RELATION_KINDS, { errorMap: () => ({ message: 'Choose how the claims relate.' }) }),
  otherClaimId: z.coerce
    .number({ invalid_type_error: 'Choose the other claim.' })
    .int()
    .positive('Choose the other claim.'),
  note: z.string().trim().max(1000, 'Keep the note under 1,000 characters.'),
});

export function addRelation(
  claimId: number,
  expectedVersion: number,
  relation: z.infer<typeof relationSchema>,
  userId: number | null,
): number {
  const db = getDb();
  if (relation.otherClaimId === claimId) throw new RelationError('A claim cannot relate to itself.');
  const other = db.get<{ slug: string } | undefined>(sql`select slug from claims where id = ${relation.otherClaimId}`);
  if (!other) throw new RelationError('That claim does not exist.');
  const exists = db.get(
    sql`select 1 from claim_relations where from_claim_id = ${claimId} and to_claim_id = ${relation.otherClaimId} and kind = ${relation.kind}`,
  );
  if (exists) throw new RelationError('These claims are already related that way.');
  return changeClaim(
    claimId,
    expectedVersion,
    userId,
    `Linked: ${relation.kind.replace('_', ' ')} ${other.slug}`,
    (tx) => {
      insertRelation(tx, claimId, {
        toClaimId: relation.otherClaimId,
        kind: relation.kind,
        note: relation.note || null,
      });
      // The other claim's page shows the link too: it is refreshed in the same transaction.
      return [refOf('claims', relation.otherClaimId)];
    },
  );
}

export class RelationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RelationError';
  }
}

export function removeRelation(claimId: number, expectedVersion: number, relationId: number, userId: number | null) {
  return changeClaim(claimId, expectedVersion, userId, 'Removed a link to another claim', (tx) => {
    const other = deleteRelation(tx, claimId, relationId);
    // The other claim's page showed the link too.
    return other === null ? [] : [refOf('claims', other)];
  });
}

export type StatusChange = 'publish' | 'unpublish' | 'retract';

/**
 * Publishing needs a source; retracting keeps the page with a notice. A note is added to the
 * public "Corrections and updates" log for a retraction, and when the editor gives one.
 */
export function changeClaimStatus(
  claimId: number,
  expectedVersion: number,
  change: StatusChange,
  note: string,
  userId: number | null,
): number {
  if (change === 'publish') {
    const problems = publishingProblems(claimId);
    if (problems.length > 0) throw new PublishingRuleError(problems);
  }
  if (change === 'retract' && !note.trim())
    throw new PublishingRuleError(['a retraction needs a note saying why'], 'This claim cannot be retracted yet');
  const summary = { publish: 'Published', unpublish: 'Unpublished', retract: 'Retracted' }[change];
  return changeClaim(claimId, expectedVersion, userId, note ? `${summary}: ${note}` : summary, (tx) => {
    const claim = eq(claims.id, claimId);
    if (change === 'publish') {
      tx.update(claims)
        .set({ status: 'published', retractedAt: null, publishedAt: sql`coalesce(${claims.publishedAt}, unixepoch())` })
        .where(claim)
        .run();
    } else if (change === 'unpublish') {
      tx.update(claims).set({ status: 'draft' }).where(claim).run();
    } else {
      tx.update(claims)
        .set({ status: 'retracted', retractedAt: sql`(unixepoch())` })
        .where(claim)
        .run();
      tx.insert(claimCorrections).values({ claimId, kind: 'retraction', note: note.trim() }).run();
    }
  });
}

export type PublicNoteKind = 'correction' | 'update';

/**
 * A dated note in a published claim's public "Corrections and updates" log: a correction says what
 * was wrong, an update what has changed since. It is a change to the claim like any other: checked
 * against the version the editor saw, kept in the history, and it moves the claim up the feeds.
 */
export function addPublicNote(
  claimId: number,
  expectedVersion: number,
  kind: PublicNoteKind,
  note: string,
  userId: number | null,
): number {
  const text = note.trim();
  const refused = `This ${kind} cannot be logged yet`;
  if (!text)
    throw new PublishingRuleError([`write what ${kind === 'correction' ? 'was corrected' : 'has changed'}`], refused);
  const db = getDb();
  const status = db.get<{ status: string } | undefined>(sql`select status from claims where id = ${claimId}`);
  if (!status) throw new EntryNotFoundError();
  if (status.status !== 'published') throw new PublishingRuleError(['the claim is not published'], refused);
  const label = kind === 'correction' ? 'Correction' : 'Update';
  return changeClaim(claimId, expectedVersion, userId, `${label}: ${text}`, (tx) => {
    tx.insert(claimCorrections).values({ claimId, kind, note: text }).run();
  });
}

/** Claims an editor may link to: matching the words typed (or the latest), never this claim. */
export function findClaimsToLink(claimId: number, find: string) {
  const words = find
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 1)
    .slice(0, 6);
  const conditions = words.map(
    (w) =>
      sql`(lower(c.statement) like ${`%${w.replace(/[%_]/g, '')}%`} or lower(c.slug) like ${`%${w.replace(/[%_]/g, '')}%`})`,
  );
  const where = conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`1`;
  return getDb().all<{ id: number; slug: string; statement: string; status: string }>(
    sql`select c.id, c.slug, c.statement, c.status from claims c where c.id <> ${claimId} and ${where}
        order by c.updated_at desc limit 30`,
  );
}

export function listSourcesToCite() {
  return getDb().all<{ id: number; title: string; publisher: string | null }>(
    sql`select s.id, s.title, p.name as publisher from sources s left join entities p on p.id = s.publisher_id
        order by s.updated_at desc, s.title limit 500`,
  );
}
