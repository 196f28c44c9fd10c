import type { MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { formatPartialDate } from '~/components/dates';
import { sourceKindLabel } from '~/components/labels';
import { pageMeta } from '~/meta';
import { listSources } from '~/models/source.server';

export const meta: MetaFunction = () =>
  pageMeta(
    'Sources',
    'The reports, interviews, filings and statements behind every claim, with publisher, date and archived copy.',
  );

export function loader() {
  return json({ sources: listSources() });
}

export default function SourcesIndex() {
  const { sources } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>Sources</h1>
      <p className="lede">Every report, interview, filing and statement we cite, newest first.</p>
      <ul className="source-list">
        {sources.map((s) => (
          <li key={s.slug}>
            <h2 className="source-list__title">
              <Link to={`/sources/${s.slug}`}>{s.title}</Link>
            </h2>
            <p className="muted">
              {s.publisherName ?? 'Unknown publisher'} · {formatPartialDate(s.publishedOn)} · {sourceKindLabel[s.kind]}{' '}
              · {s.citationCount === 1 ? 'cited once' : `cited ${s.citationCount} times`}
              {s.archiveUrl ? null : ' · no archived copy yet'}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
