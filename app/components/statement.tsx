import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { summaryLabel, wordingQuotes, type CitationRole, type StatementKind } from '~/domain';

/**
 * A claim's statement wherever it is shown inline (cards, relation lists, search results): the
 * speaker's exact words in quotation marks, or our summary, labelled as ours and never quoted.
 * `children` replaces the text (search passes it with its hits marked).
 */
export function Statement({
  statement,
  kind,
  href,
  children,
}: {
  statement: string;
  kind: StatementKind;
  href?: string;
  children?: ReactNode;
}) {
  const words = children ?? statement;
  const body = kind === 'summary' ? words : <>“{words}”</>;
  return (
    <>
      {kind === 'summary' ? <span className="statement-label">Our summary: </span> : null}
      {href ? <Link to={href}>{body}</Link> : body}
    </>
  );
}

/** The claim page's heading: a quotation as a blockquote, a summary as a labelled heading. */
export function StatementHeading({
  statement,
  kind,
  speakerName,
}: {
  statement: string;
  kind: StatementKind;
  speakerName: string | null;
}) {
  if (kind === 'summary') {
    return (
      <>
        <p className="claim-quote__label">{summaryLabel(speakerName)}</p>
        <h1>{statement}</h1>
      </>
    );
  }
  return (
    <blockquote>
      <h1>“{statement}”</h1>
    </blockquote>
  );
}

interface WordingCitation {
  id: number;
  role: CitationRole;
  quote: string | null;
  locator: string | null;
  source: { title: string; publisherName: string | null };
}

/**
 * Under a summary: the words our sources quote for it, each with where it is from: the
 * speaker's own words where the claim was made, the reporter's where it was reported.
 */
export function SourceWording({ citations }: { citations: WordingCitation[] }) {
  const quoted = wordingQuotes(citations);
  if (quoted.length === 0) {
    return <p className="source-wording source-wording--none muted">None of our sources quotes the exact words.</p>;
  }
  return (
    <ul className="source-wording">
      {quoted.map((c) => (
        <li key={c.id}>
          <span className="source-wording__label">
            {c.role === 'made_in' ? 'In their words' : `As ${c.source.publisherName ?? 'the source'} reported it`}:
          </span>{' '}
          <span className="source-wording__quote">“{c.quote}”</span>
          <span className="muted">
            {' — '}
            {/* A quoted headline is the title: name it once. */}
            {[c.quote === c.source.title ? null : c.source.title, c.source.publisherName, c.locator]
              .filter(Boolean)
              .join(', ')}
          </span>
        </li>
      ))}
    </ul>
  );
}
