/**
 * A source's link-check history on its editing page (issue 14): each re-request of its address,
 * newest first, with what answered. Data: `sourceCheckHistory()` in models/source-checks.server.ts.
 */
import { formatPartialDate } from '~/components/dates';
import { sourceCheckOutcomeLabel, type SourceCheckOutcome } from '~/domain/source-checks';

export interface SourceCheckEntry {
  id: number;
  checkedAt: string;
  outcome: SourceCheckOutcome;
  httpStatus: number | null;
  location: string | null;
  error: string | null;
}

/** "1 Dec 2026, 04:00 UTC", as the capture panel says it: the same for every editor. */
const when = (iso: string) => `${formatPartialDate(iso.slice(0, 10))}, ${iso.slice(11, 16)} UTC`;

export function SourceChecksPanel({ checks, slug }: { checks: SourceCheckEntry[]; slug: string }) {
  return (
    <section aria-labelledby="source-checks-title" className="panel">
      <h2 id="source-checks-title">Link checks</h2>
      {checks.length === 0 ? (
        <p className="empty">
          Not checked yet. <code>npm run sources:check -- --source {slug}</code> checks it now.
        </p>
      ) : (
        <table>
          <caption className="visually-hidden">Link checks of this source, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Found</th>
              <th scope="col">Answer</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {checks.map((c) => (
              <tr key={c.id}>
                <td>
                  <time dateTime={c.checkedAt}>{when(c.checkedAt)}</time>
                </td>
                <td>{sourceCheckOutcomeLabel[c.outcome]}</td>
                <td>{c.httpStatus ?? 'none'}</td>
                <td>{c.location ? <span className="break">Now at {c.location}</span> : (c.error ?? '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
