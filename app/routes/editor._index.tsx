import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requireUser } from '~/auth/guards.server';
import { formatTimestamp } from '~/components/dates';
import { DESK_QUEUES, deskQueueLabel, deskToday } from '~/domain/desk';
import { deskQueueCounts } from '~/models/desk-queues.server';
import { getDashboard, revisionTitles } from '~/models/editor.server';
import { DashboardQuotes } from '~/editor/dashboard-quotes';
import { quoteProblems } from '~/models/quote-checks.server';
import { DashboardSources } from '~/editor/dashboard-sources';
import { sourcesNeedingAttention } from '~/models/source-checks.server';
import listStyles from '~/styles/editor-lists.css';

/** The kind labels of "Recently changed" are styled with the editor lists. */
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: listStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const dashboard = getDashboard();
  const desk = deskQueueCounts(user.id, deskToday());
  return json({
    ...dashboard,
    desk,
    titles: revisionTitles(dashboard.recent),
    quoteProblems: quoteProblems(),
    sourcesAttention: sourcesNeedingAttention(),
  });
}

export default function Dashboard() {
  const { drafts, recent, unsourced, missingArchive, titles, desk, quoteProblems, sourcesAttention } =
    useLoaderData<typeof loader>();
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
      <nav aria-labelledby="desk-queues-title" className="desk-queues">
        <h2 id="desk-queues-title">Your desk</h2>
        <ul>
          {DESK_QUEUES.filter((q) => q !== 'all').map((q) => (
            <li key={q}>
              <Link to={q === 'mine' ? '/editor/desk' : `/editor/desk?queue=${q}`}>
                {deskQueueLabel[q]} <span className="desk-queues__count">{desk[q]}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
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
                  <span className="kind-label">{entry?.kind ?? 'Deleted entry'}</span>{' '}
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
      <DashboardQuotes problems={quoteProblems} />
      <DashboardSources attention={sourcesAttention} />
    </>
  );
}
