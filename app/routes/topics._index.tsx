import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { PageCount, Pagination } from '~/components/pagination';
import { pageMeta } from '~/meta';
import { requirePage } from '~/http/pagination.server';
import { pageOfTopics } from '~/models/topic.server';
import { pathOf } from '~/domain';

export const meta: MetaFunction = () => pageMeta('Topics', 'Browse claims by topic.');

export function loader({ request }: LoaderFunctionArgs) {
  const topics = requirePage(request, pageOfTopics);
  return json({ topics });
}

export default function TopicsIndex() {
  const { topics } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>Topics</h1>
      <PageCount total={topics.total} page={topics.page} pageCount={topics.pageCount} noun={['topic', 'topics']} />
      <ul className="card-grid">
        {topics.items.map((t) => (
          <li key={t.slug} className="card">
            <h2 className="card__title">
              <Link to={pathOf('topics', t.slug)}>{t.name}</Link>
            </h2>
            <p className="card__meta">{t.claimCount === 1 ? '1 claim' : `${t.claimCount} claims`}</p>
          </li>
        ))}
      </ul>
      <Pagination page={topics.page} pageCount={topics.pageCount} />
    </div>
  );
}
