import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { formatPartialDate } from '~/components/dates';
import { pathOf, sourceKindLabel } from '~/domain';
import { PageCount, Pagination } from '~/components/pagination';
import { pageMeta } from '~/meta';
import { requirePage } from '~/http/pagination.server';
import { pageOfSources } from '~/models/source.server';

export const meta: MetaFunction = () =>
  pageMeta(
    'Sources',
    'The reports, interviews, filings and statements behind every claim, with publisher, date and archived copy.',
  );

export function loader({ request }: LoaderFunctionArgs) {
  const sources = requirePage(request, pageOfSources);
  return json({ sources });
}

export default function SourcesIndex() {
  const { sources } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>Sources</h1>
      <p className="lede">Every report, interview, filing and statement we cite, newest first.</p>
      <PageCount total={sources.total} page={sources.page} pageCount={sources.pageCount} noun={['source', 'sources']} />
      <ul className="source-list">
        {sources.items.map((s) => (
          <li key={s.slug}>
            <h2 className="source-list__title">
              <Link to={pathOf('sources', s.slug)}>{s.title}</Link>
            </h2>
            <p className="muted">
              {s.publisherName ?? 'Unknown publisher'} · {formatPartialDate(s.publishedOn)} · {sourceKindLabel[s.kind]}{' '}
              · {s.citationCount === 1 ? 'cited once' : `cited ${s.citationCount} times`}
              {s.archiveUrl ? null : ' · no archived copy yet'}
            </p>
          </li>
        ))}
      </ul>
      <Pagination page={sources.page} pageCount={sources.pageCount} />
    </div>
  );
}
