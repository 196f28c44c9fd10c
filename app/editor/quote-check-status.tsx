/**
 * A citation's quote check as editors see it, beside the citation on the claim's form and on
 * the dashboard: found (with the capture), near (how near), not found, or "source changed" (the
 * newest capture lacks a quote an earlier one had). Nothing when the source has no capture yet.
 */
import { formatTimestamp } from '~/components/dates';
import { captureViewPath, quoteCheckLabel, type QuoteCheckView } from '~/domain/quote-checks';

export function QuoteCheckStatus({ check, citationId }: { check: QuoteCheckView | undefined; citationId?: number }) {
  if (!check) return null;
  const when = (at: string) => formatTimestamp(new Date(at));
  const tone = check.status === 'found' ? 'found' : check.status === 'near' ? 'near' : 'problem';
  return (
    <p className={`quote-check quote-check--${tone}`} data-quote-check={check.status}>
      <strong>Quote: {quoteCheckLabel(check)}</strong>
      {check.status === 'found' ? (
        <>
          {' '}
          in the{' '}
          <a href={captureViewPath(check.sourceSlug, check.capture.id, citationId)}>
            capture of {when(check.capture.fetchedAt)}
          </a>
        </>
      ) : null}
      {check.status === 'changed' && check.foundIn ? (
        <>
          {' '}
          — it was in the{' '}
          <a href={captureViewPath(check.sourceSlug, check.foundIn.id, citationId)}>
            capture of {when(check.foundIn.fetchedAt)}
          </a>
          , not in the{' '}
          <a href={captureViewPath(check.sourceSlug, check.capture.id)}>newest, of {when(check.capture.fetchedAt)}</a>
        </>
      ) : null}
      {check.status === 'near' || check.status === 'not_found' ? (
        <>
          {' '}
          in the{' '}
          <a href={captureViewPath(check.sourceSlug, check.capture.id)}>capture of {when(check.capture.fetchedAt)}</a>
          {check.matchedText && check.status === 'near' ? <>; the closest passage: “{check.matchedText}”</> : null}
        </>
      ) : null}
    </p>
  );
}
