/**
 * A speaker's or a topic's verdicts at a glance: one row per verdict of the scale, its badge, a
 * bar drawn as inline SVG on the server, and the count as text; each bar with claims behind it
 * links to the claim list filtered to exactly those claims.
 *
 * The chart is a real table (caption, row and column headers) with the bars in its cells, not
 * one SVG holding the labels: a screen reader reads the table as it is, with no second copy of
 * the numbers to keep in step, the bars stay links a keyboard reaches with visible focus, and
 * the labels are HTML text that wraps at 375 px instead of SVG text that shrinks with the chart.
 * The SVG is decoration (aria-hidden): every number is written out beside its bar, and every
 * bar is named by its verdict, never by its colour alone.
 */
import { Link } from '@remix-run/react';
import type { VerdictRef } from '~/domain';

export interface ScorecardProps {
  scorecard: { verdicts: (VerdictRef & { count: number })[]; rated: number; withoutVerdict: number };
  /** The claim list's filter for these claims, e.g. `{ speaker: 'andy-purdy' }`. */
  filter: { speaker: string } | { topic: string };
  /** "the 5 published claims Andy Purdy made": what the caption says the chart counts. */
  describe: (claims: string) => string;
  /** Said instead of the chart when no claim has a verdict. */
  empty: string;
}

/** The claim list showing exactly the claims of one bar. */
export function scorecardHref(filter: ScorecardProps['filter'], verdict: string): string {
  return `/claims?${new URLSearchParams({ ...filter, verdict })}`;
}

export function Scorecard({ scorecard, filter, describe, empty }: ScorecardProps) {
  const { verdicts, rated, withoutVerdict } = scorecard;
  const most = Math.max(1, ...verdicts.map((v) => v.count));
  return (
    <section aria-labelledby="scorecard-title" className="scorecard">
      <h2 id="scorecard-title">Verdicts at a glance</h2>
      {rated === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <table className="scorecard__table">
          <caption>
            {`Verdicts on ${describe(rated === 1 ? 'the 1 published claim' : `the ${rated} published claims`)}.`} Choose
            a bar to list its claims.
          </caption>
          <thead className="visually-hidden">
            <tr>
              <th scope="col">Verdict</th>
              <th scope="col">Claims</th>
            </tr>
          </thead>
          <tbody>
            {verdicts.map((v) => {
              const bar = <Bar verdict={v.id} share={v.count / most} count={v.count} label={v.label} />;
              return (
                <tr key={v.id} className={v.count === 0 ? 'scorecard__row--none' : undefined}>
                  <th scope="row">
                    <span className={`verdict verdict--${v.id}`}>{v.label}</span>
                  </th>
                  <td>
                    {v.count > 0 ? (
                      <Link className="scorecard__bar" to={scorecardHref(filter, v.id)}>
                        {bar}
                      </Link>
                    ) : (
                      <span className="scorecard__bar">{bar}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {withoutVerdict > 0 ? (
        <p className="muted">
          {withoutVerdict === 1
            ? '1 more published claim has no verdict yet.'
            : `${withoutVerdict} more published claims have no verdict yet.`}
        </p>
      ) : null}
    </section>
  );
}

/** One bar: the track, the share filled in the verdict's colour, and the count written out. */
function Bar({ verdict, share, count, label }: { verdict: string; share: number; count: number; label: string }) {
  // A bar with claims is never thinner than a sliver, so 1 of 500 still shows.
  const width = count === 0 ? 0 : Math.max(1.5, Math.round(share * 1000) / 10);
  return (
    <>
      <svg
        className="scorecard__svg"
        viewBox="0 0 100 10"
        preserveAspectRatio="none"
        aria-hidden="true"
        focusable="false"
      >
        <rect className="scorecard__track" width="100" height="10" />
        {width > 0 ? (
          <rect className={`scorecard__fill scorecard__fill--${verdict}`} width={width} height="10" />
        ) : null}
      </svg>
      <span className="scorecard__count">{count}</span>
      <span className="visually-hidden">{` ${count === 1 ? 'claim' : 'claims'} rated ${label}`}</span>
    </>
  );
}
