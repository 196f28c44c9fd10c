/**
 * The fact-checking desk: where each claim is in the work (its desk state, beside its public
 * status), who has it and by when. Editors move claims between suggested, in research and
 * declined (with a reason), assign them to any active editor, and set or clear a due date; the
 * review (proposal.server.ts, review.server.ts) moves them into review and published, and back
 * to research when a change is returned.
 *
 * Each desk change is a save like the others: checked against the version the editor saw,
 * recorded as a revision with a summary, version bumped. It does not touch `updated_at`: that is
 * what readers see as "Last updated" and what orders the feeds, and handing a claim to a
 * colleague changes nothing a reader sees; nor does it make a change waiting for review stale. The
 * queues are in desk-queues.server.ts.
 */
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type TrackerHandle } from '../../db/client';
import { claimProposals, claims } from '../../db/schema';
import {
  DECLINE_REASON_MAX,
  deskStateLabel,
  dueDateField,
  EDITOR_DESK_STATES,
  isEditorDeskState,
  movesByHand,
} from '~/domain/desk';
import type { DeskState } from '~/domain';
import { ConflictError, EntryNotFoundError, getEntryForEdit } from './entry.server';
import { recordEntryRevision } from './revision.server';

/** A desk change the editor can fix; `field` names the input that shows the message. */
export class DeskError extends Error {
  constructor(
    message: string,
    readonly field: 'state' | 'reason' | 'assigneeId' | 'dueOn',
  ) {
    super(message);
    this.name = 'DeskError';
  }
}

export interface DeskEditor {
  id: number;
  name: string;
}

export interface ClaimDesk {
  claimId: number;
  slug: string;
  statement: string;
  status: string;
  version: number;
  deskState: DeskState;
  declinedReason: string | null;
  assignee: DeskEditor | null;
  dueOn: string | null;
  /** Active editors, for the assignee select. */
  editors: DeskEditor[];
}

/** Editors a claim can be given to: accounts that are not disabled. */
export function listActiveEditors(db: TrackerHandle = getDb()): DeskEditor[] {
  return db.all<DeskEditor>(sql`select id, name from users where disabled_at is null order by name, id`);
}

interface DeskRow {
  id: number;
  slug: string;
  statement: string;
  status: string;
  version: number;
  deskState: DeskState;
  declinedReason: string | null;
  assigneeId: number | null;
  assigneeName: string | null;
  dueOn: string | null;
}

function readDeskRow(db: TrackerHandle, claimId: number): DeskRow | undefined {
  return db.get<DeskRow | undefined>(
    sql`select c.id, c.slug, c.statement, c.status, c.version, c.desk_state as deskState,
        c.declined_reason as declinedReason, c.assignee_id as assigneeId, u.name as assigneeName, c.due_on as dueOn
        from claims c left join users u on u.id = c.assignee_id where c.id = ${claimId}`,
  );
}

/** A claim's place on the desk, for its panel; null when there is no such claim. */
export function getClaimDesk(claimId: number): ClaimDesk | null {
  const db = getDb();
  const row = readDeskRow(db, claimId);
  if (!row) return null;
  return {
    claimId: row.id,
    slug: row.slug,
    statement: row.statement,
    status: row.status,
    version: row.version,
    deskState: row.deskState,
    declinedReason: row.declinedReason,
    assignee: row.assigneeId === null ? null : { id: row.assigneeId, name: row.assigneeName ?? 'a former editor' },
    dueOn: row.dueOn,
    editors: listActiveEditors(db),
  };
}

/**
 * One desk change as a save: the version check, the change (which returns the revision's summary,
 * or null when nothing changed: no revision, no new version), the version bump and a revision.
 * Returns the claim's version after it.
 */
function changeDesk(
  claimId: number,
  expectedVersion: number,
  userId: number | null,
  change: (tx: TrackerHandle, current: DeskRow) => string | null,
): number {
  return getDb().transaction(
    (tx) => {
      const current = readDeskRow(tx, claimId);
      if (!current) throw new EntryNotFoundError();
      if (current.version !== expectedVersion) {
        const entry = getEntryForEdit('claims', claimId, tx)!;
        throw new ConflictError(entry, entry.values);
      }
      const summary = change(tx, current);
      if (summary === null) return current.version;
      tx.update(claims)
        .set({ version: sql`${claims.version} + 1` })
        .where(eq(claims.id, claimId))
        .run();
      const version = current.version + 1;
      // A desk change is not a change to what the claim says: a change waiting for review, made
      // against the version just before it, still stands (approval refuses a proposal whose base
      // version moved on, and handing a claim to its reviewer must not make it stale).
      tx.update(claimProposals)
        .set({ baseVersion: version })
        .where(
          and(
            eq(claimProposals.claimId, claimId),
            eq(claimProposals.status, 'pending'),
            eq(claimProposals.baseVersion, current.version),
          ),
        )
        .run();
      recordEntryRevision(tx, 'claims', { id: claimId, version }, userId, `Desk: ${summary}`);
      return version;
    },
    { behavior: 'immediate' },
  );
}

export const deskMoveSchema = z.object({
  state: z.enum(EDITOR_DESK_STATES, { errorMap: () => ({ message: 'Choose suggested, in research or declined.' }) }),
  reason: z
    .string()
    .trim()
    .max(DECLINE_REASON_MAX, `Keep the reason under ${DECLINE_REASON_MAX.toLocaleString('en')} characters.`)
    .default(''),
});

/**
 * Moves a claim between suggested, in research and declined. Declining needs a reason (kept with
 * the claim); taking an unassigned claim into research gives it to the editor who took it. A
 * public claim, or one in review or ready, follows its review and is refused here.
 */
export function moveClaim(
  claimId: number,
  expectedVersion: number,
  move: { state: DeskState; reason?: string },
  userId: number,
): number {
  const reason = (move.reason ?? '').trim();
  if (!isEditorDeskState(move.state)) {
    throw new DeskError(`${deskStateLabel[move.state] ?? 'That state'} is set by the review, not by hand.`, 'state');
  }
  if (move.state === 'declined' && !reason) throw new DeskError('Say why this claim is declined.', 'reason');
  if (reason.length > DECLINE_REASON_MAX) throw new DeskError('That reason is too long.', 'reason');
  return changeDesk(claimId, expectedVersion, userId, (tx, current) => {
    if (!movesByHand(current)) {
      throw new DeskError(
        `This claim is ${deskStateLabel[current.deskState].toLowerCase()}: its desk state follows the review now.`,
        'state',
      );
    }
    if (current.deskState === move.state && (move.state !== 'declined' || current.declinedReason === reason)) {
      return null;
    }
    const takes = move.state === 'in_research' && current.assigneeId === null;
    tx.update(claims)
      .set({
        deskState: move.state,
        declinedReason: move.state === 'declined' ? reason : null,
        ...(takes ? { assigneeId: userId } : {}),
      })
      .where(eq(claims.id, claimId))
      .run();
    if (move.state === 'declined') return `declined: ${reason}`;
    return `moved to ${deskStateLabel[move.state].toLowerCase()}${takes ? ', taken' : ''}`;
  });
}

export const deskAssignSchema = z.object({
  assigneeId: z.union([z.literal('').transform(() => null), z.coerce.number().int().positive()], {
    errorMap: () => ({ message: 'Choose an editor.' }),
  }),
});

/** Gives a claim to an active editor, or (null) to nobody. */
export function assignClaim(
  claimId: number,
  expectedVersion: number,
  assigneeId: number | null,
  userId: number | null,
): number {
  return changeDesk(claimId, expectedVersion, userId, (tx, current) => {
    let name: string | null = null;
    if (assigneeId !== null) {
      const editor = listActiveEditors(tx).find((e) => e.id === assigneeId);
      if (!editor)
        throw new DeskError('That editor cannot take claims (no such account, or it is disabled).', 'assigneeId');
      name = editor.name;
    }
    if (current.assigneeId === assigneeId) return null;
    tx.update(claims).set({ assigneeId }).where(eq(claims.id, claimId)).run();
    return name === null ? 'unassigned' : `assigned to ${name}`;
  });
}

export const deskDueSchema = z.object({
  dueOn: z.union([z.literal('').transform(() => null), dueDateField]),
});

/** Sets the day a claim is due (YYYY-MM-DD, a real date), or clears it (null). */
export function setDueDate(claimId: number, expectedVersion: number, dueOn: string | null, userId: number | null) {
  if (dueOn !== null) {
    const checked = dueDateField.safeParse(dueOn);
    if (!checked.success) throw new DeskError(checked.error.issues[0].message, 'dueOn');
    dueOn = checked.data;
  }
  return changeDesk(claimId, expectedVersion, userId, (tx, current) => {
    if (current.dueOn === dueOn) return null;
    tx.update(claims).set({ dueOn }).where(eq(claims.id, claimId)).run();
    return dueOn === null ? 'due date cleared' : `due ${dueOn}`;
  });
}
