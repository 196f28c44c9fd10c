/**
 * Under a citation's quote on the claim page: "Found in the source as captured on DATE", linking
 * to that capture with the passage highlighted. Nothing when the quote was not checked or not
 * found: a reader is told only what the archive can show them (app/domain/quote-checks.ts).
 */
import { captureViewPath, type QuoteCheckView } from '~/domain/quote-checks';
import { formatTimestamp } from './dates';

export function QuoteFoundNote({ check, citationId }: { check: QuoteCheckView | undefined; citationId: number }) {
  if (!check?.foundIn) return null;
  return (
    <p className="quote-check quote-check--found">
      <a href={captureViewPath(check.sourceSlug, check.foundIn.id, citationId)}>
        Found in the source as captured on{' '}
        <time dateTime={check.foundIn.fetchedAt}>{formatTimestamp(new Date(check.foundIn.fetchedAt))}</time>
      </a>
    </p>
  );
}
