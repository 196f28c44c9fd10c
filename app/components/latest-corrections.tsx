import { Link } from '@remix-run/react';
import { correctionKindLabel, pathOf, type CorrectionKind, type StatementKind } from '~/domain';
import { formatTimestamp } from './dates';
import { Statement } from './statement';

export interface LatestCorrectionsProps {
  latest: {
    id: number;
    kind: CorrectionKind;
    note: string;
    createdAt: number;
    claim: { slug: string; statement: string; statementKind: StatementKind; speakerName: string | null };
  }[];
  total: number;
}

/** The newest entries of the public corrections log, and the way to the whole of it (the page's Markdown gives the heading). */
export function LatestCorrections({ latest, total }: LatestCorrectionsProps) {
  return (
    <div className="latest-corrections">
      {latest.length === 0 ? (
        <p className="empty">Nothing has been corrected, updated or retracted yet.</p>
      ) : (
        <ol className="public-log">
          {latest.map((entry) => (
            <li key={entry.id} className={`public-log__entry public-log__entry--${entry.kind}`}>
              <p className="public-log__meta">
                <time dateTime={new Date(entry.createdAt * 1000).toISOString()}>
                  {formatTimestamp(entry.createdAt)}
                </time>
                {' · '}
                <strong>{correctionKindLabel[entry.kind]}</strong>
              </p>
              <p className="public-log__note">{entry.note}</p>
              <p className="public-log__claim">
                On {entry.claim.speakerName ?? 'Unattributed'}:{' '}
                <Statement
                  statement={entry.claim.statement}
                  kind={entry.claim.statementKind}
                  href={`${pathOf('claims', entry.claim.slug)}#correction-${entry.id}`}
                />
              </p>
            </li>
          ))}
        </ol>
      )}
      <p>
        <Link to="/corrections">
          {total === 1 ? 'The whole corrections log (1 entry)' : `The whole corrections log (${total} entries)`}
        </Link>
        , newest first, also <a href="/corrections.xml">as a feed</a>.
      </p>
    </div>
  );
}
