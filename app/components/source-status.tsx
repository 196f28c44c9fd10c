/**
 * What a reader of a source's page is told about the original (issue 14, link rot): when it was
 * last seen at its address, and, once it is gone or unreachable, that it is, with our own capture
 * and any web archive's copy to read instead. Nothing at all until the source has been checked.
 */
import { Link } from '@remix-run/react';
import { formatPartialDate } from './dates';

export interface SourceStatusView {
  lastSeenAt: string | null;
  latest: { checkedAt: string; outcome: string; location: string | null } | null;
  dead: boolean;
  capture: { id: number; fetchedAt: string } | null;
  captureArchiveUrl: string | null;
}

function Day({ iso }: { iso: string }) {
  return <time dateTime={iso}>{formatPartialDate(iso.slice(0, 10))}</time>;
}

export function SourceStatus({
  status,
  slug,
  archiveUrl,
}: {
  status: SourceStatusView;
  slug: string;
  /** The archived copy recorded on the source itself. */
  archiveUrl: string | null;
}) {
  const { latest, lastSeenAt, dead, capture } = status;
  if (!latest) return null;
  const seen = lastSeenAt ? (
    <>
      It was last seen on <Day iso={lastSeenAt} />.
    </>
  ) : null;
  if (!dead) {
    const moved = latest.outcome === 'moved' ? latest.location : null;
    if (!moved && !lastSeenAt) return null;
    return (
      <p className="source-status">
        {moved ? (
          <>
            The original now leads to another address,{' '}
            <a href={moved} rel="noopener noreferrer nofollow" className="break">
              {moved}
            </a>{' '}
            (checked <Day iso={latest.checkedAt} />
            ).{' '}
          </>
        ) : null}
        {lastSeenAt ? (
          <>
            The original was last seen at its address on <Day iso={lastSeenAt} />.
          </>
        ) : null}
      </p>
    );
  }
  const archives = [...new Set([archiveUrl, status.captureArchiveUrl].filter((u): u is string => Boolean(u)))];
  return (
    <div className="notice notice--warning source-status" role="note">
      <p>
        The original is no longer available: it was {latest.outcome === 'gone' ? 'gone' : 'unreachable'} when we checked
        on <Day iso={latest.checkedAt} />. {seen}
      </p>
      {capture || archives.length > 0 ? (
        <ul className="plain-list">
          {capture ? (
            <li>
              <Link to={`/sources/${slug}/captures/${capture.id}`}>
                Read our copy, captured on <Day iso={capture.fetchedAt} />
              </Link>
            </li>
          ) : null}
          {archives.map((url) => (
            <li key={url}>
              <a href={url} rel="noopener noreferrer" className="break">
                The web archive’s copy
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p>We hold no copy of it.</p>
      )}
    </div>
  );
}
