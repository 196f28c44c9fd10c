/**
 * The reviewer's side of decision 6: approving a proposed change to a claim (its document becomes
 * the claim, its public log entry is appended), returning it with a note, withdrawing it, and the
 * review history the editor shows. Proposals are made in `proposal.server.ts`.
 */
import { eq, sql } from 'drizzle-orm';
import { getDb, type TrackerHandle } from '../../db/client';
import { claimCorrections, claimProposals, claims } from '../../db/schema';
import { refOf, type CorrectionKind, type ProposalKind } from '~/domain';
import { afterWrite, applyClaimDocument, EntryNotFoundError } from './entry-write.server';
import {
  claimRow,
  closeProposal,
  FORCED_NOTE,
  isSubmitted,
  nameOf,
  openProposal,
  publishingProblems,
  PublishingRuleError,
  ReviewError,
  selfApprovalAllowed,
} from './proposal.server';
import { applyMergeProposal } from './merge.server';
import { entrySnapshot, snapshotLines, type Snapshot } from './revision.server';

type ProposalRow = typeof claimProposals.$inferSelect;

/**
 * The pending proposal `proposalId`; when `claimId` is given it must belong to that claim (a form
 * on one claim's page never acts on another claim's change).
 */
function pendingProposal(tx: TrackerHandle, proposalId: number, claimId?: number): ProposalRow {
  const proposal = tx.select().from(claimProposals).where(eq(claimProposals.id, proposalId)).get();
  if (!proposal || (claimId !== undefined && proposal.claimId !== claimId)) throw new EntryNotFoundError();
  if (proposal.status !== 'pending') throw new ReviewError('This change is no longer waiting for review.', 409);
  return proposal;
}

/** The claim ids a document relates to (their pages list this claim's relations too). */
function relatedRefs(tx: TrackerHandle, doc: Snapshot | null): string[] {
  const relations = (doc?.relations as { claim: string }[] | null) ?? [];
  return relations
    .map((r) => tx.select({ id: claims.id }).from(claims).where(eq(claims.slug, r.claim)).get()?.id)
    .filter((id): id is number => id !== undefined)
    .map((id) => refOf('claims', id));
}

/**
 * Approves a pending, submitted proposal: the claim's row becomes its document (or, for a
 * publication, the draft is published), the public log entry is appended, and a revision names
 * both editors. Refused for one's own proposal (unless REVIEW_RULE=off) and when the claim moved
 * on since the proposal was made. Returns the claim's new version.
 */
export function approveProposal(proposalId: number, userId: number, forClaimId?: number): number {
  return getDb().transaction(
    (tx) => {
      const proposal = pendingProposal(tx, proposalId, forClaimId);
      if (!isSubmitted(proposal)) {
        throw new ReviewError('This change has not been submitted yet: it needs its public log entry first.');
      }
      const own = proposal.proposedBy === userId;
      if (own && !selfApprovalAllowed()) {
        throw new ReviewError('You cannot approve your own change: another editor must review it.', 403);
      }
      const claimId = proposal.claimId;
      const row = claimRow(tx, claimId);
      if (row.version !== proposal.baseVersion) {
        throw new ReviewError(
          `The claim changed after this was submitted (version ${proposal.baseVersion}, now ${row.version}): it must be submitted again.`,
          409,
        );
      }
      const before = entrySnapshot(tx, 'claims', claimId);
      let version: number;
      if (proposal.kind === 'publish') {
        if (row.status !== 'draft') throw new ReviewError('This claim is already public.', 409);
        const problems = publishingProblems(claimId, tx);
        if (problems.length > 0) throw new PublishingRuleError(problems);
        tx.update(claims)
          .set({
            status: 'published',
            retractedAt: null,
            publishedAt: sql`coalesce(${claims.publishedAt}, unixepoch())`,
            version: sql`${claims.version} + 1`,
            updatedAt: sql`(unixepoch())`,
          })
          .where(eq(claims.id, claimId))
          .run();
        version = row.version + 1;
      } else {
        if (proposal.kind === 'merge') {
          // Another claim folds into this one (decision 8): its links move here, its address redirects.
          version = applyMergeProposal(tx, proposal, userId);
        } else {
          const doc = JSON.parse(proposal.document ?? 'null') as Snapshot | null;
          if (!doc) throw new ReviewError('This proposal has no document to apply.', 409);
          version = applyClaimDocument(tx, claimId, doc).version;
          if (doc.status === 'published') {
            const problems = publishingProblems(claimId, tx);
            if (problems.length > 0) throw new PublishingRuleError(problems, 'This change cannot be approved');
          }
        }
        tx.insert(claimCorrections)
          .values({ claimId, kind: proposal.publicNoteKind!, note: proposal.publicNote! })
          .run();
      }
      tx.update(claims)
        .set({
          deskState: 'published',
          authorId: sql`coalesce(${claims.authorId}, ${proposal.proposedBy})`,
          reviewerId: userId,
          reviewedAt: sql`(unixepoch())`,
        })
        .where(eq(claims.id, claimId))
        .run();
      tx.update(claimProposals)
        .set({ status: 'approved', reviewedBy: userId, reviewedAt: sql`(unixepoch())` })
        .where(eq(claimProposals.id, proposal.id))
        .run();
      const label = proposal.kind === 'publish' ? 'Published' : (proposal.summary ?? 'Change');
      const who = own
        ? `proposed and approved by ${nameOf(tx, userId)} (not independently reviewed)`
        : `proposed by ${nameOf(tx, proposal.proposedBy)}, approved by ${nameOf(tx, userId)}`;
      const note = proposal.publicNote ? ` · ${proposal.publicNoteKind}: ${proposal.publicNote}` : '';
      const after = entrySnapshot(tx, 'claims', claimId);
      afterWrite(
        tx,
        'claims',
        { id: claimId, slug: String(after?.slug ?? row.slug), version },
        userId,
        `${label} (${who})${note}`,
        [...relatedRefs(tx, before), ...relatedRefs(tx, after)],
      );
      return version;
    },
    { behavior: 'immediate' },
  );
}

/** Sends a pending proposal back to its author with a note (kept; the author can change it and submit again). */
export function returnProposal(proposalId: number, userId: number, note: string, claimId?: number): void {
  getDb().transaction(
    (tx) => {
      const proposal = pendingProposal(tx, proposalId, claimId);
      if (proposal.proposedBy === userId) {
        throw new ReviewError('You cannot return your own change; withdraw it instead.', 403);
      }
      if (!note.trim()) throw new ReviewError('Say what needs to change before it can be approved.');
      closeProposal(tx, proposal, 'returned', userId, note.trim().slice(0, 2000));
    },
    { behavior: 'immediate' },
  );
}

/**
 * Discards a pending proposal (kept in the history as withdrawn); the public version is unchanged.
 * Only its author may: another editor returns it with a note instead, so nobody's work vanishes
 * without a word.
 */
export function withdrawProposal(proposalId: number, userId: number, claimId?: number): void {
  getDb().transaction(
    (tx) => {
      const proposal = pendingProposal(tx, proposalId, claimId);
      if (proposal.proposedBy !== null && proposal.proposedBy !== userId) {
        throw new ReviewError(
          'Only the editor who made this change can withdraw it; return it with a note instead.',
          403,
        );
      }
      closeProposal(tx, proposal, 'withdrawn', userId, null);
    },
    { behavior: 'immediate' },
  );
}

export interface ProposalRecord {
  id: number;
  kind: ProposalKind;
  status: 'pending' | 'approved' | 'returned' | 'withdrawn';
  submitted: boolean;
  summary: string | null;
  publicNoteKind: CorrectionKind | null;
  publicNote: string | null;
  proposedBy: number | null;
  proposedByName: string | null;
  proposedAt: number;
  reviewedByName: string | null;
  reviewedAt: number | null;
  reviewNote: string | null;
  selfApproved: boolean;
}

/** Every proposal of a claim, newest first: the review history. */
export function listProposals(claimId: number): ProposalRecord[] {
  return getDb()
    .all<Omit<ProposalRecord, 'submitted' | 'selfApproved'> & { reviewedBy: number | null }>(
      sql`select p.id, p.kind, p.status, p.summary, p.public_note_kind as publicNoteKind, p.public_note as publicNote,
          p.proposed_by as proposedBy, a.name as proposedByName, p.created_at as proposedAt,
          p.reviewed_by as reviewedBy, r.name as reviewedByName, p.reviewed_at as reviewedAt, p.review_note as reviewNote
          from claim_proposals p left join users a on a.id = p.proposed_by left join users r on r.id = p.reviewed_by
          where p.claim_id = ${claimId} order by p.id desc`,
    )
    .map(({ reviewedBy, ...p }) => ({
      ...p,
      submitted: isSubmitted(p),
      selfApproved: p.status === 'approved' && reviewedBy !== null && reviewedBy === p.proposedBy,
    }));
}

/**
 * The claim's open proposal as its editing page shows it, with what the current user may do,
 * and the public and proposed versions as readable lines (for a diff); null when there is none.
 */
export function reviewOf(claimId: number, userId: number) {
  const open = openProposal(claimId);
  if (!open) return null;
  const record = listProposals(claimId).find((p) => p.id === open.id)!;
  const own = open.proposedBy === userId;
  const publicSnapshot = entrySnapshot(getDb(), 'claims', claimId);
  const proposed = open.kind === 'publish' || !open.document ? null : (JSON.parse(open.document) as Snapshot);
  const hidden = new Set(['corrections', 'published', 'retracted']);
  const lines = (snapshot: Snapshot | null) =>
    snapshot ? snapshotLines(Object.fromEntries(Object.entries(snapshot).filter(([key]) => !hidden.has(key)))) : [];
  return {
    proposal: record,
    own,
    canApprove: record.submitted && (!own || selfApprovalAllowed()),
    canReturn: record.status === 'pending' && !own,
    forcedNoteKind: FORCED_NOTE[open.kind] ?? null,
    publicLines: proposed ? lines(publicSnapshot) : [],
    proposedLines: proposed ? lines(proposed) : [],
  };
}
