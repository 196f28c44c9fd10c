/**
 * What editors do to a claim beyond its fields: cite sources, relate it to other claims, and
 * submit it for publication, retract or un-retract it. Each change is a save like any other
 * (version check, revision, search refresh); on a public claim it is made to the working copy a
 * second editor approves (`proposal.server.ts`). The sourcing rule: a claim is published only
 * with at least one citation (checked when submitted and again when approved).
 *
 * On a public claim the editor shows the working copy, whose citations and relations are not
 * rows of their own: they are named by their place in the list (1, 2, ...), here and in the page.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type TrackerHandle } from '../../db/client';
import { citations, claimRelations, claims } from '../../db/schema';
import {
  CITATION_ROLES,
  citationRoleLabel,
  isPublicStatus,
  RELATION_KINDS,
  refOf,
  type CorrectionKind,
} from '~/domain';
import { claimCaseLinks, claimCitations, deleteRelation, insertCitation, insertRelation } from './claim-links.server';
import { changeEntry, EntryNotFoundError, getEntryForEdit } from './entry.server';
import {
  openProposal,
  proposeStatusChange,
  publishingProblems,
  PublishingRuleError,
  readWorkingCopy,
  submitForPublication,
  submitProposal,
} from './proposal.server';
import { withdrawProposal } from './review.server';

export { publishingProblems, PublishingRuleError } from './proposal.server';

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
  /** Named by case and role (`12:about`), which is unique, on a working copy as on the claim. */
  cases: { key: string; slug: string; caption: string; caseNumber: string | null; role: string; note: string | null }[];
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
    cases: claimCaseLinks(db, claimId).map(({ caseId, ...link }) => ({ key: `${caseId}:${link.role}`, ...link })),
    corrections: db.all(
      sql`select id, kind, note, created_at as createdAt from claim_corrections where claim_id = ${claimId} order by created_at, id`,
    ),
  };
}

/** A change to a claim's links the editor can fix; `field` names the input that shows the message. */
export class ClaimLinkError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'ClaimLinkError';
  }
}

/** Quotes compared as a reader reads them: runs of spaces and line breaks are one space. */
const sameText = (a: string | null, b: string | null) =>
  (a ?? '').replace(/\s+/g, ' ').trim() === (b ?? '').replace(/\s+/g, ' ').trim();

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
  quote: z.string().trim().max(5000, 'Keep the quote under 5,000 characters.').default(''),
  locator: z.string().trim().max(200, 'Keep the locator under 200 characters.').default(''),
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
    // The same source, role and quote twice is a double submission or a slip, never two citations;
    // read in the transaction, so on a public claim it is the working copy's citations.
    const twin = claimCitations(tx, claimId).some(
      (c) => c.source.id === citation.sourceId && c.role === citation.role && sameText(c.quote, citation.quote),
    );
    if (twin) {
      throw new ClaimLinkError(
        `This claim already cites “${source.title}” as “${citationRoleLabel[citation.role]}” with the same quote.`,
        'sourceId',
      );
    }
    insertCitation(tx, claimId, { ...citation, quote: citation.quote || null, locator: citation.locator || null });
  });
}

export function removeCitation(claimId: number, expectedVersion: number, citationId: number, userId: number | null) {
  return changeClaim(claimId, expectedVersion, userId, 'Removed a citation', (tx) => {
    const { status } = tx.select({ status: claims.status }).from(claims).where(eq(claims.id, claimId)).get()!;
    const id = isPublicStatus(status) ? claimCitations(tx, claimId)[citationId - 1]?.id : citationId;
    tx.delete(citations)
      .where(and(eq(citations.id, id ?? -1), eq(citations.claimId, claimId)))
      .run();
    const { left } = tx.select({ left: count() }).from(citations).where(eq(citations.claimId, claimId)).get()!;
    if (status === 'published' && left === 0) {
      throw new PublishingRuleError(['a published claim must keep at least one citation']);
    }
  });
}

export const relationSchema = z.object({
  kind: z.enum(RELATION_KINDS, { errorMap: () => ({ message: 'Choose how the claims relate.' }) }),
  otherClaimId: z.coerce
    .number({ invalid_type_error: 'Choose the other claim.' })
    .int()
    .positive('Choose the other claim.'),
  note: z.string().trim().max(1000, 'Keep the note under 1,000 characters.').default(''),
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
    const { status } = tx.select({ status: claims.status }).from(claims).where(eq(claims.id, claimId)).get()!;
    const id = isPublicStatus(status) ? outgoingRelationIds(tx, claimId)[relationId - 1] : relationId;
    const other = deleteRelation(tx, claimId, id ?? -1);
    // The other claim's page showed the link too.
    return other === null ? [] : [refOf('claims', other)];
  });
}

export type StatusChange = 'publish' | 'unpublish' | 'retract';

/**
 * Publishing a draft submits it for a second editor's approval; on a retracted claim, publishing
 * is un-retracting it, a proposal with its note (logged as a republication). Retracting is a
 * proposal with its note. A public claim is never unpublished (its page and log stay; retract
 * it); on a draft waiting for review, unpublishing withdraws the submission.
 */
export function changeClaimStatus(
  claimId: number,
  expectedVersion: number,
  change: StatusChange,
  note: string,
  userId: number | null,
): number {
  const status = getDb().get<{ status: string } | undefined>(sql`select status from claims where id = ${claimId}`);
  if (!status) throw new EntryNotFoundError();
  if (change === 'retract') {
    if (status.status === 'draft') {
      throw new PublishingRuleError(['only a published claim can be retracted'], 'This claim cannot be retracted');
    }
    return proposeStatusChange(claimId, expectedVersion, 'retract', note, userId);
  }
  if (change === 'publish') {
    if (status.status === 'retracted') return proposeStatusChange(claimId, expectedVersion, 'unretract', note, userId);
    return submitForPublication(claimId, expectedVersion, userId);
  }
  if (isPublicStatus(status.status)) {
    throw new PublishingRuleError(
      ['a public claim is not unpublished; retract it instead (its page stays, with the notice)'],
      'This claim cannot be unpublished',
    );
  }
  const open = openProposal(claimId);
  if (open?.kind !== 'publish' || open.status !== 'pending' || userId === null) {
    throw new PublishingRuleError(['it is a draft'], 'This claim cannot be unpublished');
  }
  withdrawProposal(open.id, userId);
  return expectedVersion;
}

export type PublicNoteKind = 'correction' | 'update';

/**
 * Submits the claim's change for review with its dated public log entry: a correction says what
 * was wrong, an update what has changed since. Without a pending change, the note alone is the
 * change (an update that needs no edit). It reaches the public log when a second editor approves.
 */
export function addPublicNote(
  claimId: number,
  expectedVersion: number,
  kind: PublicNoteKind,
  note: string,
  userId: number | null,
): number {
  return submitProposal(claimId, expectedVersion, { noteKind: kind as CorrectionKind, note }, userId);
}

function outgoingRelationIds(db: TrackerHandle, claimId: number): number[] {
  return db
    .select({ id: claimRelations.id })
    .from(claimRelations)
    .where(eq(claimRelations.fromClaimId, claimId))
    .orderBy(claimRelations.id)
    .all()
    .map((r) => r.id);
}

/**
 * What the claim's editing page shows: the working copy when there is one (for a public claim),
 * else the claim; on a public claim, citations and relations are numbered by place (see above).
 */
export function getClaimForEdit(claimId: number, userId: number | null) {
  const read = () => {
    const entry = getEntryForEdit('claims', claimId);
    if (!entry) return null;
    const links = getClaimLinks(claimId);
    return { entry, links, problems: publishingProblems(claimId) };
  };
  const publicView = read();
  if (!publicView) return null;
  const working = readWorkingCopy(claimId, userId, read);
  const view = working ?? publicView;
  if (!isPublicStatus(publicView.entry.status ?? 'draft'))
    return { ...view, workingStatus: view.entry.status, working: false };
  const numbered = <T extends { id: number }>(rows: T[]) => rows.map((row, i) => ({ ...row, id: i + 1 }));
  return {
    // The version is the claim's: a working copy is checked against the public version it changes.
    entry: { ...view.entry, version: publicView.entry.version, status: publicView.entry.status },
    workingStatus: view.entry.status,
    links: { ...view.links, citations: numbered(view.links.citations), outgoing: numbered(view.links.outgoing) },
    problems: view.problems,
    working: working !== null,
  };
}
