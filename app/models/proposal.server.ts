/**
 * Four eyes on everything the public sees (decision 6). A claim's row holds what readers see once
 * it is published or retracted; a change to it is a proposal, whose `document` is the proposed
 * entry document, approved by a different editor (or returned with a note). Publishing a draft
 * is a proposal too. Approval writes the document to the row in one transaction, appends the
 * proposal's dated public log entry, and records a revision naming both editors.
 *
 * A claim has at most one open proposal: the newest, while it is pending or returned. Changes
 * to its working copy are made by the usual writers inside a savepoint that is rolled back: the
 * working copy is written to the row, the change applied, the result read as an entry document,
 * and the row put back. The working copy is therefore exactly what the writers would make.
 *
 * A pending change is submitted (ready for review) once it carries its public log entry; a
 * change to the working copy after that takes the submission back. A publish proposal is
 * submitted as it is made.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { env } from '../../config/env';
import { getDb, type TrackerHandle } from '../../db/client';
import { claimProposals, claims, users } from '../../db/schema';
import { isPublicStatus, type CorrectionKind, type ProposalKind } from '~/domain';
import { applyClaimDocument, ConflictError, EntryNotFoundError } from './entry-write.server';
import { getEntryForEdit } from './entry-read.server';
import { entrySnapshot, type Snapshot } from './revision.server';

export class PublishingRuleError extends Error {
  constructor(
    public missing: string[],
    lead = 'This claim cannot be published yet',
  ) {
    super(`${lead}: ${missing.join('; ')}.`);
    this.name = 'PublishingRuleError';
  }
}

/** A review step refused: not yours to approve (403), not waiting any more or stale (409), or incomplete (400). */
export class ReviewError extends Error {
  constructor(
    message: string,
    public status: 400 | 403 | 409 = 400,
  ) {
    super(message);
    this.name = 'ReviewError';
  }
}

type ProposalRow = typeof claimProposals.$inferSelect;

/** The claim's open proposal: its newest, while pending or returned; null when there is none. */
export function openProposal(claimId: number, db: TrackerHandle = getDb()): ProposalRow | null {
  const latest = db
    .select()
    .from(claimProposals)
    .where(eq(claimProposals.claimId, claimId))
    .orderBy(desc(claimProposals.id))
    .limit(1)
    .get();
  return latest && (latest.status === 'pending' || latest.status === 'returned') ? latest : null;
}

/** Whether a pending proposal is ready for review: a publication, or a change with its public log entry. */
export function isSubmitted(proposal: Pick<ProposalRow, 'kind' | 'publicNote' | 'status'>): boolean {
  return proposal.status === 'pending' && (proposal.kind === 'publish' || Boolean(proposal.publicNote));
}

/** What stops this claim (as it now is in `db`) being published, in words an editor can act on. */
export function publishingProblems(claimId: number, db: TrackerHandle = getDb()): string[] {
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

class Rollback {
  constructor(public value: unknown) {}
}

/** Runs `read` on the database as it would be, then puts everything back. */
export function inSandbox<T>(tx: TrackerHandle, read: (sandbox: TrackerHandle) => T): T {
  try {
    tx.transaction((sandbox) => {
      throw new Rollback(read(sandbox));
    });
  } catch (error) {
    if (error instanceof Rollback) return error.value as T;
    throw error;
  }
  throw new Error('unreachable: the sandbox always rolls back');
}

export function claimRow(tx: TrackerHandle, claimId: number) {
  const row = tx
    .select({ status: claims.status, version: claims.version, slug: claims.slug })
    .from(claims)
    .where(eq(claims.id, claimId))
    .get();
  if (!row) throw new EntryNotFoundError();
  return row;
}

export const nameOf = (tx: TrackerHandle, userId: number | null) =>
  userId === null
    ? 'someone'
    : (tx.select({ name: users.name }).from(users).where(eq(users.id, userId)).get()?.name ?? 'someone');

/** The kind of change a working copy is, from what it does to the public status. */
function kindOf(publicStatus: string, doc: Snapshot, restored: boolean): ProposalKind {
  if (publicStatus === 'published' && doc.status === 'retracted') return 'retract';
  if (publicStatus === 'retracted' && doc.status === 'published') return 'unretract';
  return restored ? 'restore' : 'edit';
}

/** The log entry a kind of change must carry, when it is not the editor's choice. */
export const FORCED_NOTE: Partial<Record<ProposalKind, CorrectionKind>> = {
  retract: 'retraction',
  unretract: 'republication',
};

/**
 * The open proposal the user may change: theirs, pending, or returned to them (carried on as a new
 * one). Someone else's pending change blocks others until it is approved or withdrawn; someone
 * else's returned change is left as it was, and the user starts from the public version.
 */
function workingProposal(tx: TrackerHandle, claimId: number, userId: number | null): ProposalRow | null {
  const merging = tx
    .select({ proposedBy: claimProposals.proposedBy })
    .from(claimProposals)
    .where(and(eq(claimProposals.mergedClaimId, claimId), eq(claimProposals.status, 'pending')))
    .get();
  if (merging) {
    throw new ReviewError(
      `${nameOf(tx, merging.proposedBy)} proposed merging this claim into another; the merge must be approved or withdrawn before the claim is changed.`,
      409,
    );
  }
  const open = openProposal(claimId, tx);
  if (!open || open.kind === 'publish') return null;
  if (open.kind === 'merge') {
    // A merge is not a working copy: nothing is edited into it, and while it waits nothing else
    // changes the claim, or the reviewer would approve something other than what they saw.
    if (open.status === 'returned') return null;
    throw new ReviewError(
      `A merge proposed by ${nameOf(tx, open.proposedBy)} is waiting for review; it must be approved or withdrawn before the claim is changed.`,
      409,
    );
  }
  const theirs = open.proposedBy === null || open.proposedBy === userId;
  if (open.status === 'returned') return theirs ? open : null;
  if (!theirs) {
    throw new ReviewError(
      `${nameOf(tx, open.proposedBy)} has a change to this claim waiting for review; it must be approved or withdrawn before anyone else changes the claim.`,
      409,
    );
  }
  return open;
}

/**
 * Makes a change to a public claim's working copy (created from the public version when there is
 * none). `change` gets the transaction the writers use; the claim's row is left as it was.
 */
export function proposeClaimChange(
  tx: TrackerHandle,
  claimId: number,
  userId: number | null,
  summary: string,
  kind: 'edit' | 'restore',
  change: (sandbox: TrackerHandle) => unknown,
): ProposalRow {
  const row = claimRow(tx, claimId);
  if (!isPublicStatus(row.status)) throw new Error('proposeClaimChange: drafts are edited directly');
  const open = workingProposal(tx, claimId, userId);
  const working = open?.document ? (JSON.parse(open.document) as Snapshot) : null;
  const document = inSandbox(tx, (sandbox) => {
    if (working) applyClaimDocument(sandbox, claimId, working);
    change(sandbox);
    return entrySnapshot(sandbox, 'claims', claimId)!;
  });
  const restored = kind === 'restore' || open?.kind === 'restore';
  const values = {
    kind: kindOf(row.status, document, restored),
    document: JSON.stringify(document),
    summary: open?.summary && open.summary !== summary ? `${open.summary}; ${summary}`.slice(-1000) : summary,
    // A changed working copy is no longer what was submitted: it is submitted again, with its note.
    publicNoteKind: null,
    publicNote: null,
  };
  if (open?.status === 'pending') {
    return tx.update(claimProposals).set(values).where(eq(claimProposals.id, open.id)).returning().get();
  }
  return tx
    .insert(claimProposals)
    .values({ ...values, claimId, baseVersion: row.version, proposedBy: userId })
    .returning()
    .get();
}

function setPublicNote(tx: TrackerHandle, proposal: ProposalRow, noteKind: CorrectionKind | null, note: string) {
  const kind = FORCED_NOTE[proposal.kind] ?? noteKind;
  const text = note.trim();
  const refused = 'This change cannot be submitted yet';
  if (kind !== 'correction' && kind !== 'update' && !FORCED_NOTE[proposal.kind]) {
    throw new PublishingRuleError(['choose whether the public log calls it a correction or an update'], refused);
  }
  if (!text) {
    const what = {
      correction: 'write what was corrected',
      update: 'write what has changed',
      retraction: 'a retraction needs a note saying why',
      republication: 'an un-retraction needs a note saying why the claim is public again',
    }[kind!];
    throw new PublishingRuleError([what], refused);
  }
  return tx
    .update(claimProposals)
    .set({ publicNoteKind: kind, publicNote: text.slice(0, 1000) })
    .where(eq(claimProposals.id, proposal.id))
    .returning()
    .get();
}

/** A write of a public claim: one immediate transaction with the editor's version check. */
function onPublicClaim<T>(claimId: number, expectedVersion: number, run: (tx: TrackerHandle) => T): T {
  return getDb().transaction(
    (tx) => {
      const current = getEntryForEdit('claims', claimId, tx);
      if (!current) throw new EntryNotFoundError();
      if (current.version !== expectedVersion) throw new ConflictError(current, current.values);
      return run(tx);
    },
    { behavior: 'immediate' },
  );
}

/**
 * Submits the claim's working copy for review with its public log entry (a correction or an
 * update; a retraction or republication carries its own kind). With no working copy, the note
 * alone is the change (an update that needs no edit). Returns the claim's (unchanged) version.
 */
export function submitProposal(
  claimId: number,
  expectedVersion: number,
  input: { noteKind: CorrectionKind | null; note: string },
  userId: number | null,
): number {
  return onPublicClaim(claimId, expectedVersion, (tx) => {
    const row = claimRow(tx, claimId);
    if (!isPublicStatus(row.status)) {
      throw new PublishingRuleError(['the claim is not published'], 'This change cannot be submitted yet');
    }
    let proposal = workingProposal(tx, claimId, userId);
    if (!proposal || proposal.status === 'returned') {
      if (!proposal && row.status !== 'published') {
        throw new PublishingRuleError(['the claim is not published'], 'This note cannot be logged yet');
      }
      proposal = proposeClaimChange(tx, claimId, userId, proposal?.summary ?? 'Public note', 'edit', () => {});
    }
    setPublicNote(tx, proposal, input.noteKind, input.note);
    return row.version;
  });
}

/** Retracts or un-retracts a public claim: a proposal, submitted at once with its note. */
export function proposeStatusChange(
  claimId: number,
  expectedVersion: number,
  change: 'retract' | 'unretract',
  note: string,
  userId: number | null,
): number {
  return onPublicClaim(claimId, expectedVersion, (tx) => {
    const row = claimRow(tx, claimId);
    const from = change === 'retract' ? 'published' : 'retracted';
    if (row.status !== from) {
      throw new PublishingRuleError(
        [`only a ${from} claim can be ${change === 'retract' ? 'retracted' : 'un-retracted'}`],
        'This cannot be done',
      );
    }
    if (!note.trim()) {
      const what = change === 'retract' ? 'a retraction needs a note saying why' : 'an un-retraction needs a note';
      throw new PublishingRuleError(
        [what],
        `This claim cannot be ${change === 'retract' ? 'retracted' : 'un-retracted'} yet`,
      );
    }
    const summary = change === 'retract' ? 'Retracted' : 'Un-retracted';
    const proposal = proposeClaimChange(tx, claimId, userId, summary, 'edit', (sandbox) => {
      sandbox
        .update(claims)
        .set(
          change === 'retract'
            ? { status: 'retracted', retractedAt: sql`(unixepoch())` }
            : { status: 'published', retractedAt: null },
        )
        .where(eq(claims.id, claimId))
        .run();
    });
    setPublicNote(tx, proposal, null, note);
    return row.version;
  });
}

/** Submits a draft for publication: checked against the publishing rule now and again at approval. */
export function submitForPublication(claimId: number, expectedVersion: number, userId: number | null): number {
  return getDb().transaction(
    (tx) => {
      const current = getEntryForEdit('claims', claimId, tx);
      if (!current) throw new EntryNotFoundError();
      if (current.version !== expectedVersion) throw new ConflictError(current, current.values);
      if (current.status !== 'draft') {
        throw new PublishingRuleError(['it is already public'], 'This claim cannot be submitted for publication');
      }
      const problems = publishingProblems(claimId, tx);
      if (problems.length > 0) throw new PublishingRuleError(problems);
      const open = openProposal(claimId, tx);
      if (open?.status === 'pending') {
        if (open.baseVersion === current.version) {
          throw new ReviewError('This claim is already waiting for review.', 409);
        }
        // The draft changed after it was submitted: the old submission gives way to this one.
        closeProposal(tx, open, 'withdrawn', userId, 'Submitted again after changes');
      }
      tx.insert(claimProposals)
        .values({
          claimId,
          kind: 'publish',
          baseVersion: current.version,
          document: JSON.stringify(entrySnapshot(tx, 'claims', claimId)),
          summary: 'Publish',
          proposedBy: userId,
        })
        .run();
      tx.update(claims).set({ deskState: 'in_review' }).where(eq(claims.id, claimId)).run();
      return current.version;
    },
    { behavior: 'immediate' },
  );
}

export function closeProposal(
  tx: TrackerHandle,
  proposal: ProposalRow,
  status: 'returned' | 'withdrawn',
  userId: number | null,
  note: string | null,
) {
  tx.update(claimProposals)
    .set({ status, reviewedBy: userId, reviewedAt: sql`(unixepoch())`, reviewNote: note })
    .where(eq(claimProposals.id, proposal.id))
    .run();
  if (proposal.kind === 'publish') {
    tx.update(claims)
      .set({ deskState: 'in_research' })
      .where(sql`${claims.id} = ${proposal.claimId} and ${claims.status} = 'draft'`)
      .run();
  }
}

/** Whether the configuration lets an editor approve their own change (a newsroom of one). */
export const selfApprovalAllowed = () => env().REVIEW_RULE === 'off';

/**
 * Reads the claim as its working copy would make it (`read` may use getDb()), or null when it
 * has none (someone else's returned change is not this user's working copy); the database is
 * left as it was.
 */
export function readWorkingCopy<T>(claimId: number, userId: number | null, read: () => T): T | null {
  const open = openProposal(claimId);
  if (!open?.document || open.kind === 'publish' || open.kind === 'merge') return null;
  if (open.status === 'returned' && open.proposedBy !== null && open.proposedBy !== userId) return null;
  const doc = JSON.parse(open.document) as Snapshot;
  return getDb().transaction((tx) =>
    inSandbox(tx, (sandbox) => {
      applyClaimDocument(sandbox, claimId, doc);
      return read();
    }),
  );
}
