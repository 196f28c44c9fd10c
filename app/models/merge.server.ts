/**
 * Merging two entries of one kind (decision 8): two sources, two people, two organisations or two
 * claims. Everything that points at the entry removed moves to the entry kept, in one immediate
 * transaction (`merge-links.server.ts` says what moves), the removed entry's slug and old slugs
 * redirect to the kept one, both histories record it (the removed entry's last revision is its
 * last snapshot, "Merged into …"), and search is told what changed.
 *
 * A claim merge that readers would see (either claim is published or retracted) is a proposal
 * another editor approves, as every change to the public record is (decision 6): its document is
 * the kept claim as the merge will make it, and approval appends a dated note to the kept
 * claim's public log. Merging two drafts is immediate; so are sources and people, which change no
 * verdict.
 */
import { and, eq, or, sql } from 'drizzle-orm';
import { getDb, type TrackerHandle } from '../../db/client';
import { bumpDataVersion } from '../../db/data-version';
import { claimProposals, claims } from '../../db/schema';
import { isPublicStatus, KIND_SPECS, pathOf, refOf, statementText, type EntryKind } from '~/domain';
import { redirectToKept } from './entry-redirects.server';
import { getEntryForEdit, type EditableEntry } from './entry-read.server';
import { removeEntry } from './entry-removals.server';
import { tableOf } from './entry-row.server';
import { countMoves, moveLinks, type MergeKind, type MoveCount } from './merge-links.server';
import { closeProposal, inSandbox, nameOf, openProposal, ReviewError } from './proposal.server';
import { entrySnapshot, recordEntryRevision } from './revision.server';

export type { MergeKind, MoveCount } from './merge-links.server';
export const MERGE_KINDS = ['claims', 'sources', 'people', 'organisations'] as const satisfies readonly MergeKind[];

export function isMergeKind(kind: EntryKind): kind is MergeKind {
  return (MERGE_KINDS as readonly string[]).includes(kind);
}

/** A merge refused: bad input (400), no such entry (404), or something changed or waits (409). */
export class MergeError extends Error {
  constructor(
    message: string,
    public status: 400 | 404 | 409 = 400,
  ) {
    super(message);
    this.name = 'MergeError';
  }
}

export interface MergeSide {
  id: number;
  slug: string;
  title: string;
  version: number;
  status: string | null;
  /** Whether readers can see it (everything but a draft claim). */
  isPublic: boolean;
  /** Its public address. */
  path: string;
}

export interface MergePlan {
  kind: MergeKind;
  keep: MergeSide;
  remove: MergeSide;
  moves: MoveCount[];
  /** For a claim: how many entries of the removed claim's public log stay in its history. */
  logEntries: number;
  /** Whether another editor must approve it (a claim merge readers would see). */
  needsReview: boolean;
  /** Why it cannot be done now, in words an editor can act on; empty when it can. */
  refusals: string[];
  /** What the kept claim's public log will say, for a merge readers see. */
  publicNote: string | null;
}

const short = (text: string, max = 120) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

function side(kind: MergeKind, entry: EditableEntry): MergeSide {
  return {
    id: entry.id,
    slug: entry.slug,
    title: entry.title,
    version: entry.version,
    status: entry.status,
    isPublic: kind !== 'claims' || isPublicStatus(entry.status ?? 'draft'),
    path: pathOf(kind, entry.slug),
  };
}

/** The entry of this kind, or a 404 that says whether it is of another kind (a person, not an organisation). */
function requireEntry(db: TrackerHandle, kind: MergeKind, id: number): EditableEntry {
  const entry = getEntryForEdit(kind, id, db);
  if (entry) return entry;
  const other = kind === 'people' ? 'organisations' : kind === 'organisations' ? 'people' : null;
  if (other && getEntryForEdit(other, id, db)) {
    throw new MergeError(
      `That is ${other === 'people' ? 'a person' : 'an organisation'}: only two ${KIND_SPECS[kind].plural} can be merged.`,
      400,
    );
  }
  throw new MergeError(`There is no such ${KIND_SPECS[kind].singular}.`, 404);
}

/**
 * The public log entry of a merge, on the kept claim: the removed claim's statement by the
 * statement rule (exact words quoted, our summary never) and the address readers knew it at.
 */
export function mergeNote(db: TrackerHandle, removed: MergeSide): string {
  if (!removed.isPublic)
    return 'This fact-check was merged with a duplicate draft; its sources and links were added here.';
  const row = db
    .select({ statement: claims.statement, statementKind: claims.statementKind })
    .from(claims)
    .where(eq(claims.id, removed.id))
    .get()!;
  const statement = short(row.statement);
  return row.statementKind === 'summary'
    ? `This fact-check was merged with another of the same claim (${statementText(statement, 'summary')}), formerly at ${removed.path}.`
    : `This fact-check was merged with ${statementText(statement, 'quote')} (formerly at ${removed.path}).`;
}

/** Pending proposals that involve this claim: its own, or a merge that names it. */
function pendingOn(db: TrackerHandle, claimId: number, except?: number) {
  return db
    .select({ id: claimProposals.id, kind: claimProposals.kind, proposedBy: claimProposals.proposedBy })
    .from(claimProposals)
    .where(
      and(
        eq(claimProposals.status, 'pending'),
        or(eq(claimProposals.claimId, claimId), eq(claimProposals.mergedClaimId, claimId)),
        except === undefined ? undefined : sql`${claimProposals.id} <> ${except}`,
      ),
    )
    .all();
}

function claimRefusals(db: TrackerHandle, keep: MergeSide, remove: MergeSide, proposalId?: number): string[] {
  const refusals: string[] = [];
  if (remove.isPublic && !keep.isPublic) {
    refusals.push(
      `“${short(remove.title, 60)}” is public and “${short(keep.title, 60)}” is a draft: keep the public one, so that its readers are sent to a page that exists.`,
    );
  }
  for (const entry of [keep, remove]) {
    // A draft's own submission for publication gives way to the merge; anything else waits.
    const waiting = pendingOn(db, entry.id, proposalId).filter((p) => p.kind !== 'publish' || entry.isPublic);
    if (waiting.length > 0) {
      refusals.push(
        `“${short(entry.title, 60)}” has a change waiting for review (by ${nameOf(db, waiting[0].proposedBy)}); it must be approved or withdrawn first.`,
      );
    }
  }
  return refusals;
}

function planIn(db: TrackerHandle, kind: MergeKind, keepId: number, removeId: number, proposalId?: number): MergePlan {
  const keep = side(kind, requireEntry(db, kind, keepId));
  const remove = side(kind, requireEntry(db, kind, removeId));
  if (keep.id === remove.id)
    throw new MergeError(`Choose another ${KIND_SPECS[kind].singular}: one cannot be merged with itself.`);
  const needsReview = kind === 'claims' && (keep.isPublic || remove.isPublic);
  return {
    kind,
    keep,
    remove,
    moves: countMoves(db, kind, keep.id, remove.id),
    logEntries:
      kind === 'claims'
        ? db.get<{ n: number }>(sql`select count(*) as n from claim_corrections where claim_id = ${remove.id}`).n
        : 0,
    needsReview,
    refusals: kind === 'claims' ? claimRefusals(db, keep, remove, proposalId) : [],
    publicNote: needsReview ? mergeNote(db, remove) : null,
  };
}

/** What merging `removeId` into `keepId` would do (nothing is changed). */
export function planMerge(kind: MergeKind, keepId: number, removeId: number): MergePlan {
  return planIn(getDb(), kind, keepId, removeId);
}

/** At most this many entries are named to search one by one; past it, search rebuilds. */
const MAX_REFS = 1000;

/**
 * The merge itself, on `tx`: links moved, old addresses redirected, the removed entry's last
 * revision and removal recorded and its row deleted, the kept entry's version bumped (with a
 * revision `keptSummary`, unless the caller records one) and search told. Returns the kept
 * entry's new version.
 */
function performMerge(
  tx: TrackerHandle,
  plan: MergePlan,
  userId: number | null,
  summaries: { kept: string | null; removed: string },
): number {
  const { kind, keep, remove } = plan;
  const snapshot = entrySnapshot(tx, kind, remove.id)!;
  const changed = moveLinks(tx, kind, keep.id, remove.id);
  if (kind === 'claims') {
    // A draft's submission for publication no longer shows what will be published.
    const submitted = openProposal(keep.id, tx);
    if (submitted?.kind === 'publish' && submitted.status === 'pending') {
      closeProposal(tx, submitted, 'withdrawn', userId, 'Another claim was merged into this one; submit it again.');
    }
  }
  redirectToKept(tx, kind, remove, keep.id);
  removeEntry(tx, {
    kind,
    id: remove.id,
    slug: remove.slug,
    title: remove.title,
    reason: 'merged',
    mergedIntoId: keep.id,
    wasPublic: remove.isPublic,
    userId,
    version: remove.version,
    snapshot,
    summary: summaries.removed,
  });
  const table = tableOf(kind);
  tx.update(table)
    .set({ version: sql`${table.version} + 1`, updatedAt: sql`(unixepoch())` })
    .where(eq(table.id, keep.id))
    .run();
  const version = keep.version + 1;
  if (summaries.kept !== null) recordEntryRevision(tx, kind, { id: keep.id, version }, userId, summaries.kept);
  const refs = [refOf(kind, keep.id), refOf(kind, remove.id), ...new Set(changed)];
  bumpDataVersion(tx, refs.length > MAX_REFS ? ['*'] : refs);
  return version;
}

const mergedInto = (keep: MergeSide) => `Merged into “${short(keep.title, 80)}” (${keep.slug})`;
const mergedHere = (remove: MergeSide) => `Merged “${short(remove.title, 80)}” (${remove.slug}) into this`;

/** The kept claim as the merge would make it (its entry document), read in a rolled-back savepoint. */
function mergedDocument(tx: TrackerHandle, keepId: number, removeId: number): string {
  return JSON.stringify(
    inSandbox(tx, (sandbox) => {
      moveLinks(sandbox, 'claims', keepId, removeId);
      sandbox.delete(claims).where(eq(claims.id, removeId)).run();
      return entrySnapshot(sandbox, 'claims', keepId)!;
    }),
  );
}

export type MergeOutcome =
  | { done: 'merged'; keep: MergeSide; remove: MergeSide }
  | { done: 'proposed'; keep: MergeSide; remove: MergeSide; proposalId: number };

/**
 * Merges `removeId` into `keepId`, both as the editor saw them (`keepVersion`, `removeVersion`:
 * a 409 if either changed since). A claim merge readers would see becomes a proposal for another
 * editor; anything else is done at once.
 */
export function mergeEntries(
  kind: MergeKind,
  input: { keepId: number; removeId: number; keepVersion: number; removeVersion: number; userId: number },
): MergeOutcome {
  return getDb().transaction(
    (tx) => {
      const plan = planIn(tx, kind, input.keepId, input.removeId);
      const { keep, remove } = plan;
      if (keep.version !== input.keepVersion || remove.version !== input.removeVersion) {
        throw new MergeError(
          'One of them was changed after you looked at this merge; check what it will do again.',
          409,
        );
      }
      if (plan.refusals.length > 0) throw new MergeError(plan.refusals.join(' '), 409);
      if (!plan.needsReview) {
        performMerge(tx, plan, input.userId, { kept: mergedHere(remove), removed: mergedInto(keep) });
        return { done: 'merged', keep, remove };
      }
      const proposal = tx
        .insert(claimProposals)
        .values({
          claimId: keep.id,
          kind: 'merge',
          mergedClaimId: remove.id,
          baseVersion: keep.version,
          document: mergedDocument(tx, keep.id, remove.id),
          publicNoteKind: 'update',
          publicNote: plan.publicNote,
          summary: mergedHere(remove),
          proposedBy: input.userId,
        })
        .returning({ id: claimProposals.id })
        .get();
      return { done: 'proposed', keep, remove, proposalId: proposal.id };
    },
    { behavior: 'immediate' },
  );
}

type ProposalRow = typeof claimProposals.$inferSelect;

/**
 * Approval of a merge proposal, inside the review's transaction (`approveProposal`, which has
 * checked who approves and the kept claim's version, and then appends the public note and records
 * the kept claim's revision). Refused when the merge would now make something other than what
 * the reviewer was shown. Returns the kept claim's new version.
 */
export function applyMergeProposal(tx: TrackerHandle, proposal: ProposalRow, userId: number): number {
  if (proposal.mergedClaimId === null || !getEntryForEdit('claims', proposal.mergedClaimId, tx)) {
    throw new ReviewError('The claim to merge into this one no longer exists; withdraw this merge.', 409);
  }
  const plan = planIn(tx, 'claims', proposal.claimId, proposal.mergedClaimId, proposal.id);
  if (plan.refusals.length > 0) throw new ReviewError(plan.refusals.join(' '), 409);
  if (mergedDocument(tx, plan.keep.id, plan.remove.id) !== proposal.document) {
    throw new ReviewError(
      'The claims changed after this merge was proposed, so it would not do what it shows; withdraw it and propose it again.',
      409,
    );
  }
  const who =
    proposal.proposedBy === userId
      ? `proposed and approved by ${nameOf(tx, userId)}`
      : `proposed by ${nameOf(tx, proposal.proposedBy)}, approved by ${nameOf(tx, userId)}`;
  return performMerge(tx, plan, userId, { kept: null, removed: `${mergedInto(plan.keep)} (${who})` });
}

export interface PendingMerge {
  proposalId: number;
  keep: MergeSide;
  remove: MergeSide;
  publicNote: string | null;
  proposedBy: number | null;
  proposedByName: string;
}

/** The merge waiting for review that involves this claim (kept or removed), if any. */
export function pendingMergeOf(claimId: number): PendingMerge | null {
  const db = getDb();
  const proposal = db
    .select()
    .from(claimProposals)
    .where(
      and(
        eq(claimProposals.kind, 'merge'),
        eq(claimProposals.status, 'pending'),
        or(eq(claimProposals.claimId, claimId), eq(claimProposals.mergedClaimId, claimId)),
      ),
    )
    .get();
  if (!proposal || proposal.mergedClaimId === null) return null;
  const keep = getEntryForEdit('claims', proposal.claimId, db);
  const remove = getEntryForEdit('claims', proposal.mergedClaimId, db);
  if (!keep || !remove) return null;
  return {
    proposalId: proposal.id,
    keep: side('claims', keep),
    remove: side('claims', remove),
    publicNote: proposal.publicNote,
    proposedBy: proposal.proposedBy,
    proposedByName: nameOf(db, proposal.proposedBy),
  };
}
