import { Link } from '@remix-run/react';
import type { ClaimSummary, EntityRef, PageOf } from '~/domain';
import { ClaimList, EntityLink } from './claim-card';
import { formatPartialDate } from './dates';
import { PageCount, Pagination } from './pagination';
import { Prose } from './prose';
import { Scorecard, type ScorecardProps } from './scorecard';
import { entityEntryKind, entityKindLabel, pathOf } from '~/domain';

export interface EntityPageProps {
  entity: EntityRef & { description: string; affiliationSlug: string | null; affiliationName: string | null };
  descriptionHtml: string;
  claimsMade: ClaimSummary[];
  /** Where claimsMade sits in all the claims they made (`?page=N`). */
  claimsMadePage: { total: number; page: number; pageCount: number };
  claimsAbout: ClaimSummary[];
  /** How many there are of each bounded list, of which the page shows the first few. */
  totals: { claimsAbout: number; cases: number; members: number; published: number };
  cases: {
    slug: string;
    caption: string;
    caseNumber: string | null;
    court: string;
    status: string;
    note: string | null;
  }[];
  members: EntityRef[];
  published: { slug: string; title: string; publishedOn: string | null }[];
  /** The verdicts of the claims they made, at a glance. */
  scorecard: ScorecardProps['scorecard'];
}

export function EntityPage({
  entity,
  descriptionHtml,
  claimsMade,
  claimsMadePage,
  claimsAbout,
  totals,
  cases,
  members,
  published,
  scorecard,
}: EntityPageProps) {
  return (
    <div className="page">
      <p className="eyebrow">
        <Link to={pathOf(entityEntryKind(entity.kind))}>{entityKindLabel[entity.kind]}</Link>
      </p>
      <h1>{entity.name}</h1>
      {entity.role || entity.affiliationSlug ? (
        <p className="lede">
          {entity.role}
          {entity.role && entity.affiliationSlug ? ', ' : null}
          {entity.affiliationSlug ? (
            <Link to={pathOf('organisations', entity.affiliationSlug)}>{entity.affiliationName}</Link>
          ) : null}
        </p>
      ) : null}
      <Prose html={descriptionHtml} />
      <Scorecard
        scorecard={scorecard}
        filter={{ speaker: entity.slug }}
        describe={(claims) => `${claims} ${entity.name} made`}
        empty={`No published claim by ${entity.name} has a verdict yet.`}
      />

      <section aria-labelledby="made-title">
        <h2 id="made-title">Claims made</h2>
        <PageCount {...claimsMadePage} />
        <ClaimList claims={claimsMade} empty={`We have not recorded claims made by ${entity.name}.`} />
        <Pagination page={claimsMadePage.page} pageCount={claimsMadePage.pageCount} />
      </section>
      {claimsAbout.length > 0 ? (
        <section aria-labelledby="about-title">
          <h2 id="about-title">Claims about {entity.name}</h2>
          <ClaimList claims={claimsAbout} empty="" />
          <Shown count={claimsAbout.length} total={totals.claimsAbout} what="claims about them" />
        </section>
      ) : null}
      {cases.length > 0 ? (
        <section aria-labelledby="cases-title">
          <h2 id="cases-title">Court cases as a party</h2>
          <ul className="plain-list">
            {cases.map((c) => (
              <li key={c.slug}>
                <Link to={pathOf('cases', c.slug)}>{c.caption}</Link>
                <span className="muted">
                  {' '}
                  · Defendant · {c.caseNumber ?? 'no case number'} · {c.status}
                </span>
              </li>
            ))}
          </ul>
          <Shown count={cases.length} total={totals.cases} what="cases" />
        </section>
      ) : null}
      {members.length > 0 ? (
        <section aria-labelledby="members-title">
          <h2 id="members-title">People and units affiliated</h2>
          <ul className="tag-list">
            {members.map((m) => (
              <li key={m.slug}>
                <EntityLink entity={m} />
              </li>
            ))}
          </ul>
          <Shown count={members.length} total={totals.members} what="people and units" />
        </section>
      ) : null}
      {published.length > 0 ? (
        <section aria-labelledby="published-title">
          <h2 id="published-title">Sources published</h2>
          <ul className="plain-list">
            {published.map((s) => (
              <li key={s.slug}>
                <Link to={pathOf('sources', s.slug)}>{s.title}</Link>
                <span className="muted"> · {formatPartialDate(s.publishedOn)}</span>
              </li>
            ))}
          </ul>
          <Shown count={published.length} total={totals.published} what="sources" />
        </section>
      ) : null}
    </div>
  );
}

/** Under a bounded list: says how many more there are, when there are more. */
function Shown({ count, total, what }: { count: number; total: number; what: string }) {
  if (total <= count) return null;
  return (
    <p className="muted">
      Showing the first {count} of {total} {what}.
    </p>
  );
}

/** The people or organisations index: one page of cards, the count above, the pager below. */
export function EntityIndex({
  title,
  intro,
  noun,
  list,
}: {
  title: string;
  intro: string;
  noun: [string, string];
  list: PageOf<EntityRef & { claimCount: number }>;
}) {
  return (
    <div className="page">
      <h1>{title}</h1>
      <p className="lede">{intro}</p>
      <PageCount total={list.total} page={list.page} pageCount={list.pageCount} noun={noun} />
      <ul className="card-grid">
        {list.items.map((e) => (
          <li key={e.slug} className="card">
            <h2 className="card__title">
              <EntityLink entity={e} />
            </h2>
            {e.role ? <p className="muted">{e.role}</p> : null}
            <p className="card__meta">{e.claimCount === 1 ? '1 claim' : `${e.claimCount} claims`}</p>
          </li>
        ))}
      </ul>
      <Pagination page={list.page} pageCount={list.pageCount} />
    </div>
  );
}
