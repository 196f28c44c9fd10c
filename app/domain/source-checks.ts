/**
 * What a re-check of a source's address can find (issue 14, "Link rot"), shared by the checker,
 * the editor's dashboard and panels, and the reader's source page. `app/capture/check-outcome.ts`
 * says when each applies.
 */

export const SOURCE_CHECK_OUTCOMES = ['ok', 'moved', 'gone', 'unreachable', 'changed'] as const;
export type SourceCheckOutcome = (typeof SOURCE_CHECK_OUTCOMES)[number];

/** For editors: a few words each. */
export const sourceCheckOutcomeLabel: Record<SourceCheckOutcome, string> = {
  ok: 'Still there',
  moved: 'Moved',
  gone: 'Gone',
  unreachable: 'Unreachable',
  changed: 'Content changed',
};

/** The outcomes that say the original cannot be read now. */
export const DEAD_OUTCOMES: readonly SourceCheckOutcome[] = ['gone', 'unreachable'];
