import type { MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { pageMeta } from '~/meta';
import { listTopics } from '~/models/topic.server';

export const meta: MetaFunction = () => pageMeta('Topics', 'Browse claims by topic.');

export function loader() {
  return json({ topics: listTopics() });
}

export default function TopicsIndex() {
  const { topics } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>Topics</h1>
      <ul className="card-grid">
        {topics.map((t) => (
          <li key={t.slug} className="card">
            <h2 className="card__title">
              <Link to={`/topics/${t.slug}`}>{t.name}</Link>
            </h2>
            <p className="card__meta">{t.claimCount === 1 ? '1 claim' : `${t.claimCount} claims`}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
