/**
 * A citation's quote as checked against its source's captures: the shape the models give the
 * claim page, the capture viewer, the editor's form and the dashboard, and the words each uses.
 *
 * Readers are told only what the archive can show them: "found in the source as captured on
 * DATE", with a link to that capture. A quote the newest capture lacks but an earlier one had is
 * still shown as found there (the evidence lasts when the page changes). Not found, near and
 * "source changed" are for editors, who must fix the quote or look at the page.
 */
import type { QuoteResult } from './quote-match';

/** What an editor is told: `changed` is a quote an earlier capture had and the newest lacks. */
export type QuoteCheckStatus = 'found' | 'near' | 'not_found' | 'changed';

export interface QuoteCaptureRef {
  id: number;
  /** ISO time the capture was fetched. */
  fetchedAt: string;
}

export interface QuoteCheckView {
  /** Against the newest usable capture of the source. */
  result: QuoteResult;
  score: number;
  status: QuoteCheckStatus;
  sourceSlug: string;
  /** The capture checked: the source's newest with readable text. */
  capture: QuoteCaptureRef;
  /** The passage found (or the closest one), as it stands in that capture. */
  matchedText: string | null;
  /** The capture a reader is sent to: the checked one when found, else the latest earlier one that had it. */
  foundIn: QuoteCaptureRef | null;
}

/** `/sources/:slug/captures/:id?cite=N#quote`: a capture with a citation's quote highlighted. */
export function captureViewPath(sourceSlug: string, captureId: number, citationId?: number): string {
  const base = `/sources/${encodeURIComponent(sourceSlug)}/captures/${captureId}`;
  return citationId === undefined ? base : `${base}?cite=${citationId}#quote`;
}

/** The editor's words for a check: "Found", "Near (93%)", "Not found", "Source changed". */
export function quoteCheckLabel(check: Pick<QuoteCheckView, 'status' | 'score'>): string {
  switch (check.status) {
    case 'found':
      return 'Found';
    case 'near':
      return `Near (${Math.floor(check.score * 100)}%)`;
    case 'not_found':
      return 'Not found';
    case 'changed':
      return 'Source changed';
  }
}
