/**
 * A claim's page as readers see it: the statement, verdict, responses, analysis, sources, cases,
 * timeline, subjects and the public log. The public claim route and the editors' preview both
 * draw it, so a preview is the reader's page, not a look-alike.
 */
import { Link } from '@remix-run/react';
import type { CaseLinkRole, ClaimSummary, CorrectionKind, EntityRef } from '~/domain';
import {
  caseRoleLabel,
  type Citation,
  type ClaimRelation,
  citationRoleLabel,
  correctionKindLabel,
  pathOf,
  relationIncoming,
  relationOutgoing,
  sourceKindLabel,
} from '~/domain';
import { Byline, type Bylines } from './byline';
import { EntityLink, VerdictBadge } from './claim-card';
import { formatPartialDate, formatTimestamp } from './dates';
import { JsonLd } from './json-ld';
import { Prose } from './prose';
import { SourceWording, Statement, StatementHeading } from './statement';
import { correctionRequestPath } from '~/domain/tip-fields';
import type { QuoteCheckView } from '~/domain/quote-checks';
import { QuoteFoundNote } from './quote-check';

/** What the page shows of a claim: the shape the claim detail model reads (claim-detail.server.ts). */
export interface ClaimArticleDetail {
  claim: ClaimSummary & {
    verdictExplanation: string;
    language: string;
    publishedAt: number | null;
    retractedAt: number | null;
    updatedAt: number;
    version: number;
  };
  topics: { slug: string; name: string }[];
  subjects: EntityRef[];
  citations: Citation[];
  outgoing: ClaimRelation[];
  incoming: ClaimRelation[];
  cases: {
    role: CaseLinkRole;
    note: string | null;
    slug: string;
    caption: string;
    caseNumber: string | null;
    court: string;
  }[];
  timeline: { date: string; kind: string; text: string; href: string | null }[];
  corrections: { id: number; kind: CorrectionKind; note: string; createdAt: number }[];
  /** Who wrote and reviewed the fact-check; nothing is shown without an author. */
  bylines: Bylines | null;
}

export interface ClaimArticleProps {
  detail: ClaimArticleDetail;
  /** The analysis rendered from Markdown on the server (app/markdown.server.ts). */
  analysisHtml: string;
  /** Each quoted citation's check against its source's capture, by citation id (none: nothing shown). */
  quoteChecks?: Record<number, QuoteCheckView>;
  /** ClaimReview JSON-LD, or null (a draft, or no verdict). */
  claimReview: Record<string, unknown> | null;
}

function RelationList({ relations, labels }: { relations: ClaimRelation[]; labels: Record<string, string> }) {
  return (
    <ul className="relation-list">
      {relations.map((rel) => (
        <li key={`${rel.kind}-${rel.claim.id}`} className={`relation relation--${rel.kind}`}>
          <p className="relation__kind">
            {labels[rel.kind]} {rel.claim.speaker ? rel.claim.speaker.name : 'an unattributed claim'},{' '}
            <time dateTime={rel.claim.claimedOn ?? undefined}>{formatPartialDate(rel.claim.claimedOn)}</time>
          </p>
          <p className="relation__statement">
            <Statement
              statement={rel.claim.statement}
              kind={rel.claim.statementKind}
              href={pathOf('claims', rel.claim.slug)}
            />{' '}
            <VerdictBadge verdict={rel.claim.verdict} />
          </p>
          {rel.note ? <p className="relation__note">{rel.note}</p> : null}
        </li>
      ))}
    </ul>
  );
}

export function ClaimArticle({ detail, analysisHtml, claimReview, quoteChecks }: ClaimArticleProps) {
  const { claim, topics, subjects, citations, outgoing, incoming, cases, timeline, corrections } = detail;
  const retraction = corrections.filter((c) => c.kind === 'retraction').at(-1);
  return (
    <article className="page claim-page" lang={claim.language}>
      <p className="eyebrow">
        <Link to="/claims">Claim</Link>
        {topics.length > 0 ? ' · ' : null}
        {topics.map((t, i) => (
          <span key={t.slug}>
            {i > 0 ? ', ' : null}
            <Link to={pathOf('topics', t.slug)}>{t.name}</Link>
          </span>
        ))}
      </p>
      {claim.status === 'retracted' ? (
        <div className="notice notice--warning" role="note">
          <strong>Retracted{claim.retractedAt ? ` on ${formatTimestamp(claim.retractedAt)}` : ''}.</strong> We no longer
          stand by this fact-check; it is kept here so that links to it still explain what changed.
          {retraction ? <> Reason: {retraction.note}</> : null}
        </div>
      ) : null}
      <figure className={`claim-quote claim-quote--${claim.statementKind}`}>
        <StatementHeading
          statement={claim.statement}
          kind={claim.statementKind}
          speakerName={claim.speaker?.name ?? null}
        />
        <figcaption>
          <span className="claim-quote__speaker">
            {claim.speaker ? <EntityLink entity={claim.speaker} /> : 'Unattributed'}
            {claim.speaker?.role ? <span className="muted">, {claim.speaker.role}</span> : null}
          </span>
          <span className="claim-quote__when">
            <time dateTime={claim.claimedOn ?? undefined}>{formatPartialDate(claim.claimedOn)}</time>
            {claim.venue ? ` · ${claim.venue}` : null}
            {claim.medium ? ` · ${claim.medium}` : null}
          </span>
        </figcaption>
      </figure>
      {claim.statementKind === 'summary' ? <SourceWording citations={citations} /> : null}
      <Byline bylines={detail.bylines} />

      <section className="verdict-panel" aria-labelledby="verdict-title">
        <h2 id="verdict-title" className="visually-hidden">
          Verdict
        </h2>
        <p className="verdict-panel__rating">
          <span className="muted">Our verdict</span> <VerdictBadge verdict={claim.verdict} />
        </p>
        {claim.verdict ? <p className="verdict-panel__meaning">{claim.verdict.meaning}</p> : null}
        {claim.verdictExplanation ? <p className="verdict-panel__explanation">{claim.verdictExplanation}</p> : null}
      </section>

      {incoming.length > 0 || outgoing.length > 0 ? (
        <section aria-labelledby="responses-title">
          <h2 id="responses-title">Rebuttals and responses</h2>
          <RelationList relations={incoming} labels={relationIncoming} />
          <RelationList relations={outgoing} labels={relationOutgoing} />
        </section>
      ) : null}

      {analysisHtml ? (
        <section aria-labelledby="analysis-title">
          <h2 id="analysis-title">Analysis</h2>
          <Prose html={analysisHtml} />
        </section>
      ) : null}

      <section aria-labelledby="sources-title">
        <h2 id="sources-title">Sources</h2>
        {citations.length === 0 ? (
          <p className="empty">No sources are linked to this claim.</p>
        ) : (
          <ol className="citation-list">
            {citations.map((c) => (
              <li key={c.id} className="citation">
                <p className="citation__role">{citationRoleLabel[c.role]}</p>
                {c.quote ? <blockquote className="citation__quote">“{c.quote}”</blockquote> : null}
                {c.quote ? <QuoteFoundNote check={quoteChecks?.[c.id]} citationId={c.id} /> : null}
                <p className="citation__source">
                  <Link to={pathOf('sources', c.source.slug)}>{c.source.title}</Link>
                  <span className="muted">
                    {' — '}
                    {c.source.publisherName ?? 'Unknown publisher'}, {formatPartialDate(c.source.publishedOn)} (
                    {sourceKindLabel[c.source.kind]}){c.locator ? `, ${c.locator}` : ''}
                  </span>
                </p>
                <p className="citation__links">
                  {c.source.url ? (
                    <a href={c.source.url} rel="noopener noreferrer">
                      Original<span className="visually-hidden"> of {c.source.title}</span>
                    </a>
                  ) : null}
                  {c.source.archiveUrl ? (
                    <a href={c.source.archiveUrl} rel="noopener noreferrer">
                      Archived copy<span className="visually-hidden"> of {c.source.title}</span>
                    </a>
                  ) : (
                    <span className="muted">No archived copy yet</span>
                  )}
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>

      {cases.length > 0 ? (
        <section aria-labelledby="cases-title">
          <h2 id="cases-title">Court cases</h2>
          <ul className="plain-list">
            {cases.map((c) => (
              <li key={`${c.slug}-${c.role}`}>
                <Link to={pathOf('cases', c.slug)}>{c.caption}</Link>
                <span className="muted">
                  {' '}
                  · {c.caseNumber ?? 'no case number'} · {c.court} · {caseRoleLabel[c.role]}
                </span>
                {c.note ? <p className="relation__note">{c.note}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {timeline.length > 1 ? (
        <section aria-labelledby="timeline-title">
          <h2 id="timeline-title">Timeline</h2>
          <ol className="timeline">
            {timeline.map((entry, i) => (
              <li key={i} className={`timeline__entry timeline__entry--${entry.kind}`}>
                <time dateTime={entry.date}>{formatPartialDate(entry.date)}</time>
                <p>
                  {entry.href ? <Link to={entry.href}>{entry.text}</Link> : <strong>{entry.text} (this claim)</strong>}
                </p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {subjects.length > 0 ? (
        <section aria-labelledby="about-title">
          <h2 id="about-title">This claim is about</h2>
          <ul className="tag-list">
            {subjects.map((s) => (
              <li key={s.slug}>
                <EntityLink entity={s} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {corrections.length > 0 ? (
        <section aria-labelledby="corrections-title">
          <h2 id="corrections-title">Corrections and updates</h2>
          <ol className="plain-list">
            {corrections.map((c) => (
              <li key={c.id} id={`correction-${c.id}`}>
                <strong>{formatTimestamp(c.createdAt)}</strong> · {correctionKindLabel[c.kind]}: {c.note}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <JsonLd data={claimReview} />
      <footer className="claim-page__footer muted">
        {claim.publishedAt ? <>Published {formatTimestamp(claim.publishedAt)} · </> : null}
        Last updated {formatTimestamp(claim.updatedAt)} · Version {claim.version} ·{' '}
        <Link to={correctionRequestPath(claim.slug)}>Request a correction</Link> ·{' '}
        <Link to="/corrections">All corrections</Link>
      </footer>
    </article>
  );
}
