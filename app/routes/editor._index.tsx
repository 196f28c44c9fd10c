import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requireUser } from '~/auth/guards.server';
import { formatTimestamp } from '~/components/dates';
import { getDashboard, revisionTitles } from '~/models/editor.server';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const dashboard = getDashboard();
  return json({ ...dashboard, titles: revisionTitles(dashboard.recent) });
}

export default function Dashboard() {
  const { drafts, recent, unsourced, missingArchive, titles } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Dashboard</h1>
      <p>
        <Link className="button" to="/editor/claims/new">
          New claim
        </Link>{' '}
        <Link className="button button--quiet" to="/editor/sources/new">
          New source
        </Link>
      </p>
      <div className="home-grid">
        <section aria-labelledby="drafts-title">
          <h2 id="drafts-title">Drafts ({drafts.length})</h2>
          {drafts.length === 0 ? <p className="empty">No drafts.</p> : null}
          <ul className="plain-list">
            {drafts.map((d) => (
              <li key={d.id}>
                <Link to={`/editor/claims/${d.id}`}>{d.statement}</Link>
                <span className="muted">
                  {' '}
                  · {d.citations === 0 ? 'no source yet' : `${d.citations} sources`} · {formatTimestamp(d.updatedAt)}
                </span>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="recent-title">
          <h2 id="recent-title">Recently changed</h2>
          <ul className="plain-list">
            {recent.map((r) => {
              const entry = titles[`${r.entityKind}:${r.entityId}`];
              return (
                <li key={`${r.entityKind}-${r.entityId}-${r.version}`}>
                  {entry ? <Link to={entry.path}>{entry.title}</Link> : `${r.entityKind} ${r.entityId}`}
                  <span className="muted">
                    {' '}
                    · v{r.version} {r.summary ? `· ${r.summary}` : ''} · {r.userName ?? 'import'} ·{' '}
                    {formatTimestamp(r.createdAt)}
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      </div>
      <div className="home-grid">
        <section aria-labelledby="unsourced-title">
          <h2 id="unsourced-title">Claims without a source ({unsourced.length})</h2>
          {unsourced.length === 0 ? <p className="empty">Every claim cites a source.</p> : null}
          <ul className="plain-list">
            {unsourced.map((c) => (
              <li key={c.id}>
                <Link to={`/editor/claims/${c.id}`}>{c.statement}</Link> <span className="muted">· {c.status}</span>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="archive-title">
          <h2 id="archive-title">Sources missing an archived copy ({missingArchive.length})</h2>
          <ul className="plain-list">
            {missingArchive.map((s) => (
              <li key={s.id}>
                <Link to={`/editor/sources/${s.id}`}>{s.title}</Link>
                <span className="muted">
                  {' '}
                  · cited by {s.citedBy} published {s.citedBy === 1 ? 'claim' : 'claims'}
                </span>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
