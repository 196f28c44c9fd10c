/**
 * The dashboard's "Quotes to look at": citations whose quote is not in the source's newest
 * capture (not found, only near, or gone from a page that changed), so an editor fixes the quote
 * or finds out what happened to the page. Fed by quoteProblems() (app/models/quote-checks.server.ts).
 */
import { Link } from '@remix-run/react';
import type { QuoteCheckView } from '~/domain/quote-checks';
import { QuoteCheckStatus } from './quote-check-status';

export interface DashboardQuoteProblem {
  claim: { id: number; slug: string; statement: string; status: string };
  citationId: number;
  sourceTitle: string;
  quote: string;
  check: QuoteCheckView;
}

export function DashboardQuotes({ problems }: { problems: DashboardQuoteProblem[] }) {
  return (
    <section aria-labelledby="quote-problems-title" className="dashboard-quotes">
      <h2 id="quote-problems-title">Quotes not found in their source ({problems.length})</h2>
      {problems.length === 0 ? (
        <p className="empty">Every checked quote is in its source as captured.</p>
      ) : (
        <ul className="plain-list">
          {problems.map((p) => (
            <li key={p.citationId}>
              <Link to={`/editor/claims/${p.claim.id}`}>{p.claim.statement}</Link>
              <span className="muted">
                {' '}
                · {p.claim.status} · cites “{p.sourceTitle}”: “
                {p.quote.length > 120 ? `${p.quote.slice(0, 119)}…` : p.quote}”
              </span>
              <QuoteCheckStatus check={p.check} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
