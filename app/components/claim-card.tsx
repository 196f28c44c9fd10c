import { Link } from '@remix-run/react';
import type { ClaimSummary, EntityRef } from '~/domain';
import { formatPartialDate } from './dates';
import { Statement } from './statement';
import { entityPath } from '~/domain';
import { pathOf } from '~/domain';

export function VerdictBadge({ verdict }: { verdict: ClaimSummary['verdict'] }) {
  if (!verdict) return <span className="verdict verdict--none">No verdict yet</span>;
  return (
    <span className={`verdict verdict--${verdict.id}`} title={verdict.meaning}>
      {verdict.label}
    </span>
  );
}

export function EntityLink({ entity }: { entity: Pick<EntityRef, 'slug' | 'name' | 'kind'> }) {
  return <Link to={entityPath(entity)}>{entity.name}</Link>;
}

export function ClaimCard({
  claim,
  headingLevel = 3,
  note,
}: {
  claim: ClaimSummary;
  headingLevel?: 2 | 3;
  note?: string;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className="claim-card">
      <div className="claim-card__meta">
        <VerdictBadge verdict={claim.verdict} />
        {claim.status === 'retracted' ? <span className="tag tag--warning">Retracted</span> : null}
        {note ? <span className="claim-card__note">{note}</span> : null}
      </div>
      <Heading className="claim-card__statement">
        <Statement statement={claim.statement} kind={claim.statementKind} href={pathOf('claims', claim.slug)} />
      </Heading>
      <p className="claim-card__byline">
        {claim.speaker ? <EntityLink entity={claim.speaker} /> : 'Unattributed'}
        {' · '}
        <time dateTime={claim.claimedOn ?? undefined}>{formatPartialDate(claim.claimedOn)}</time>
        {claim.venue ? ` · ${claim.venue}` : null}
      </p>
    </article>
  );
}

export function ClaimList({
  claims,
  empty,
  headingLevel,
}: {
  claims: ClaimSummary[];
  empty: string;
  /** 2 when the list sits straight under the page's h1, so no heading level is skipped. */
  headingLevel?: 2 | 3;
}) {
  if (claims.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ul className="claim-list">
      {claims.map((claim) => (
        <li key={claim.id}>
          <ClaimCard claim={claim} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  );
}
