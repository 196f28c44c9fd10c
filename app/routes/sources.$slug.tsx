import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { ClaimCard } from '~/components/claim-card';
import { formatPartialDate } from '~/components/dates';
import { EditLink } from '~/components/edit-link';
import { citationRoleLabel, pathOf, sourceKindLabel } from '~/domain';
import { Prose } from '~/components/prose';
import { renderMarkdown } from '~/markdown.server';
import { pageMeta } from '~/meta';
import { redirectIfRenamed } from '~/models/entry.server';
import { getSourceBySlug } from '~/models/source.server';
import { sourceStatus } from '~/models/source-checks.server';
import { SourceStatus } from '~/components/source-status';
import { requirePage } from '~/http/pagination.server';
import { PageCount, Pagination } from '~/components/pagination';

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta(
        data.page.source.title,
        `${data.page.source.publisherName ?? 'Source'}, ${formatPartialDate(data.page.source.publishedOn)}: the claims that cite it.`,
      )
    : pageMeta('Source not found', 'There is no source at this address.');

export function loader({ params, request }: LoaderFunctionArgs) {
  const page = requirePage(
    request,
    (n) => getSourceBySlug(params.slug ?? '', n),
    (p) => p.citedByPage.pageCount,
  );
  if (!page) {
    redirectIfRenamed('sources', params.slug ?? '');
    throw new Response('We have no source at this address.', { status: 404 });
  }
  return json({ page, noteHtml: renderMarkdown(page.source.note), status: sourceStatus(page.source.id) });
}

export default function SourcePage() {
  const { page, noteHtml, status } = useLoaderData<typeof loader>();
  const { source, citedBy, citedByPage, cases } = page;
  return (
    <div className="page">
      <EditLink kind="sources" id={source.id} />
      <p className="eyebrow">
        <Link to="/sources">Source</Link> · {sourceKindLabel[source.kind]}
      </p>
      <h1>{source.title}</h1>
      <dl className="facts">
        <div>
          <dt>Publisher</dt>
          <dd>
            {source.publisherSlug ? (
              <Link to={pathOf('organisations', source.publisherSlug)}>{source.publisherName}</Link>
            ) : (
              'Unknown'
            )}
          </dd>
        </div>
        {source.authors.length > 0 ? (
          <div>
            <dt>Authors</dt>
            <dd>{source.authors.join(', ')}</dd>
          </div>
        ) : null}
        <div>
          <dt>Published</dt>
          <dd>{formatPartialDate(source.publishedOn)}</dd>
        </div>
        {source.accessedOn ? (
          <div>
            <dt>Accessed</dt>
            <dd>{formatPartialDate(source.accessedOn)}</dd>
          </div>
        ) : null}
        <div>
          <dt>Original</dt>
          <dd>
            {source.url ? (
              <a href={source.url} rel="noopener noreferrer" className="break">
                {source.url}
              </a>
            ) : (
              'Not online'
            )}
          </dd>
        </div>
        <div>
          <dt>Archived copy</dt>
          <dd>
            {source.archiveUrl ? (
              <a href={source.archiveUrl} rel="noopener noreferrer" className="break">
                {source.archiveUrl}
              </a>
            ) : (
              'None recorded yet'
            )}
          </dd>
        </div>
      </dl>
      <SourceStatus status={status} slug={source.slug} archiveUrl={source.archiveUrl} />
      <Prose html={noteHtml} />
      <section aria-labelledby="cited-title">
        <h2 id="cited-title">Claims that cite this source</h2>
        <PageCount {...citedByPage} noun={['citation', 'citations']} />
        {citedBy.length === 0 ? (
          <p className="empty">No published claim cites this source yet.</p>
        ) : (
          <ul className="claim-list">
            {citedBy.map((c, i) => (
              <li key={`${c.claim.id}-${i}`}>
                <ClaimCard claim={c.claim} note={citationRoleLabel[c.role]} />
                {c.quote ? (
                  <blockquote className="citation__quote">
                    “{c.quote}”{c.locator ? <span className="muted"> ({c.locator})</span> : null}
                  </blockquote>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <Pagination page={citedByPage.page} pageCount={citedByPage.pageCount} />
      </section>
      {cases.length > 0 ? (
        <section aria-labelledby="cases-title">
          <h2 id="cases-title">Court cases that rely on it</h2>
          <ul className="plain-list">
            {cases.map((c) => (
              <li key={c.slug}>
                <Link to={pathOf('cases', c.slug)}>{c.caption}</Link>
                {c.caseNumber ? <span className="muted"> · {c.caseNumber}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
