/**
 * What a re-check of a source's address can find (issue 14, "Link rot"), shared by the checker,
 * the editor's dashboard and panels, and the reader's source page (the list itself is `SOURCE_CHECK_OUTCOMES` in
 * `enums.ts`, which the schema reads). `app/capture/check-outcome.ts` says when each applies.
 */

import type { SourceCheckOutcome } from './enums';

export type { SourceCheckOutcome };

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
