/**
 * /corrections — the site-wide public record: every correction, update, retraction and
 * republication on the claims readers can see, newest first, 20 to a page, with an Atom feed.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { formatTimestamp } from '~/components/dates';
import { PageCount, Pagination } from '~/components/pagination';
import { Statement } from '~/components/statement';
import { correctionKindLabel, pathOf } from '~/domain';
import { requirePage } from '~/http/pagination.server';
import { pageMeta } from '~/meta';
import { pageOfPublicLog } from '~/models/corrections.server';

const TITLE = 'Corrections and updates';

export const meta: MetaFunction = () =>
  pageMeta(
    TITLE,
    'Every correction, update, retraction and republication of our fact-checks, newest first. Nothing is changed silently.',
  );

export const links: LinksFunction = () => [
  { rel: 'alternate', type: 'application/atom+xml', href: '/corrections.xml', title: `${TITLE} (Atom feed)` },
];

export function loader({ request }: LoaderFunctionArgs) {
  return json({ log: requirePage(request, pageOfPublicLog) });
}

function shortStatement(statement: string): string {
  const words = statement.trim().split(/\s+/);
  return words.length <= 24 ? statement.trim() : `${words.slice(0, 24).join(' ')}…`;
}

export default function Corrections() {
  const { log } = useLoaderData<typeof loader>();
  return (
    <div className="page page--narrow">
      <h1>{TITLE}</h1>
      <p className="lede">
        When we correct, update, retract or republish a fact-check, we say so here and on the claim’s page, with the
        date and what changed. <a href="/corrections.xml">Follow this log as a feed</a>.
      </p>
      <PageCount total={log.total} page={log.page} pageCount={log.pageCount} noun={['entry', 'entries']} />
      {log.items.length === 0 ? <p className="empty">Nothing has been corrected, updated or retracted yet.</p> : null}
      <ol className="public-log">
        {log.items.map((entry) => (
          <li
            key={entry.id}
            id={`correction-${entry.id}`}
            className={`public-log__entry public-log__entry--${entry.kind}`}
          >
            <p className="public-log__meta">
              <time dateTime={new Date(entry.createdAt * 1000).toISOString()}>{formatTimestamp(entry.createdAt)}</time>
              {' · '}
              <strong>{correctionKindLabel[entry.kind]}</strong>
            </p>
            <p className="public-log__note">{entry.note}</p>
            <p className="public-log__claim">
              On {entry.claim.speakerName ?? 'Unattributed'}:{' '}
              <Statement
                statement={shortStatement(entry.claim.statement)}
                kind={entry.claim.statementKind}
                href={`${pathOf('claims', entry.claim.slug)}#correction-${entry.id}`}
              />
              {entry.claim.status === 'retracted' ? <span className="tag tag--warning">Retracted</span> : null}
            </p>
          </li>
        ))}
      </ol>
      <Pagination page={log.page} pageCount={log.pageCount} />
    </div>
  );
}
