/**
 * The desk's vocabulary: how its states read, which of them an editor sets by hand (the review
 * sets the others), the queues, and the due-date rule. Isomorphic, like the rest of the domain.
 */
import { z } from 'zod';
import type { DeskState } from './enums';
import { isRealPartialDate } from './fields';

export const deskStateLabel: Record<DeskState, string> = {
  suggested: 'Suggested',
  in_research: 'In research',
  in_review: 'In review',
  ready: 'Ready',
  published: 'Published',
  declined: 'Declined',
};

/**
 * The states any editor moves a claim between. In review, ready and published follow the second
 * editor's review (the proposal model), never a hand-picked state.
 */
export const EDITOR_DESK_STATES = ['suggested', 'in_research', 'declined'] as const satisfies readonly DeskState[];
export type EditorDeskState = (typeof EDITOR_DESK_STATES)[number];

export function isEditorDeskState(state: string): state is EditorDeskState {
  return (EDITOR_DESK_STATES as readonly string[]).includes(state);
}

/** Work that is over: not in anyone's queue, never overdue. */
export const CLOSED_DESK_STATES = ['published', 'declined'] as const satisfies readonly DeskState[];

/** The desk's lists, in the order of its tabs. */
export const DESK_QUEUES = ['mine', 'review', 'suggestions', 'overdue', 'all'] as const;
export type DeskQueue = (typeof DESK_QUEUES)[number];

export const deskQueueLabel: Record<DeskQueue, string> = {
  mine: 'Mine',
  review: 'Needs review',
  suggestions: 'Unassigned suggestions',
  overdue: 'Overdue',
  all: 'Everything',
};

export const DECLINE_REASON_MAX = 1000;

/** A due date: a real day, YYYY-MM-DD (what `<input type="date">` sends). */
export const dueDateField = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2027-01-31.')
  .refine(isRealPartialDate, 'That date does not exist.');

/** Today as the desk counts it (UTC), YYYY-MM-DD: a due date before it is overdue. */
export function deskToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Whether editors move this claim by hand: a draft not waiting for review or approved. Public
 * claims, and drafts in review or ready, follow their review.
 */
export function movesByHand(claim: { status: string; deskState: DeskState }): boolean {
  return claim.status === 'draft' && claim.deskState !== 'in_review' && claim.deskState !== 'ready';
}
