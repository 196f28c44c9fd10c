import type { MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { ArchiveNumbers } from '~/components/archive-numbers';
import { ClaimCard } from '~/components/claim-card';
import { VerdictScale } from '~/components/verdict-scale';
import { pageMeta, SITE_NAME } from '~/meta';
import { countLiveFactChecks, listLatestClaims, listMostDisputedClaims } from '~/models/claim.server';
import { listCases } from '~/models/case.server';
import { getArchiveNumbers } from '~/models/scorecard.server';
import { listVerdicts } from '~/models/verdict.server';
import { pathOf } from '~/domain';

export const meta: MetaFunction = () =>
  pageMeta(
    SITE_NAME,
    'A fact-check tracker: who said what, when and where, the sources behind it, how it was rebutted, and the court cases it touches.',
  );

export function loader() {
  return json({
    latest: listLatestClaims(6),
    disputed: listMostDisputedClaims(4),
    liveCount: countLiveFactChecks(),
    cases: listCases({ limit: 3, offset: 0 }),
    verdicts: listVerdicts(),
    numbers: getArchiveNumbers(),
  });
}

export default function Home() {
  const { latest, disputed, liveCount, cases, verdicts, numbers } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">Who said what, and what the record shows</h1>
        <p className="lede">
          We record claims made by officials, companies and commentators, link each one to the exact words in its
          sources and to the court record, and show how it was answered. {liveCount} fact-check
          {liveCount === 1 ? '' : 's'} so far, every one sourced (retracted ones are not counted).
        </p>
        <p>
          <Link className="button" to="/claims">
            Browse all claims
          </Link>{' '}
          <Link className="button button--quiet" to="/about">
            How we rate claims
          </Link>
        </p>
      </section>

      <ArchiveNumbers numbers={numbers} />

      <div className="home-grid">
        <section aria-labelledby="disputed-title">
          <h2 id="disputed-title">Most disputed</h2>
          <p className="section-note">
            The claims others have answered most: counted by the rebuttals and disputes recorded against each, not by
            their verdict.
          </p>
          {disputed.length === 0 ? (
            <p className="empty">No claim has been rebutted or disputed yet.</p>
          ) : (
            <ul className="claim-list">
              {disputed.map((claim) => (
                <li key={claim.id}>
                  <ClaimCard
                    claim={claim}
                    note={`Rebutted or disputed by ${claim.answeredBy} claim${claim.answeredBy === 1 ? '' : 's'}`}
                  />
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="latest-title">
          <h2 id="latest-title">Latest claims</h2>
          <ul className="claim-list">
            {latest.map((claim) => (
              <li key={claim.id}>
                <ClaimCard claim={claim} />
              </li>
            ))}
          </ul>
        </section>
      </div>

      <div className="home-grid">
        <section aria-labelledby="cases-title">
          <h2 id="cases-title">In court</h2>
          <ul className="plain-list">
            {cases.map((c) => (
              <li key={c.slug}>
                <Link to={pathOf('cases', c.slug)}>{c.caption}</Link>
                <span className="muted">
                  {' '}
                  · {c.caseNumber ?? 'No case number'} · {c.chargeCount} charges · {c.status}
                </span>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="scale-title">
          <h2 id="scale-title">Our verdict scale</h2>
          <VerdictScale verdicts={verdicts} />
        </section>
      </div>
    </div>
  );
}
