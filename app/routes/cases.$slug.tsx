import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { ClaimCard, EntityLink } from '~/components/claim-card';
import { formatPartialDate } from '~/components/dates';
import { caseRoleLabel, pathOf } from '~/domain';
import { Prose } from '~/components/prose';
import { renderMarkdown } from '~/markdown.server';
import { pageMeta } from '~/meta';
import { redirectIfRenamed } from '~/models/entry.server';
import { getCaseBySlug } from '~/models/case.server';

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta(
        data.page.courtCase.caption,
        `${data.page.courtCase.caseNumber ?? ''} ${data.page.courtCase.court}: charges, defendants, events and related claims.`.trim(),
      )
    : pageMeta('Case not found', 'There is no court case at this address.');

export function loader({ params }: LoaderFunctionArgs) {
  const page = getCaseBySlug(params.slug ?? '');
  if (!page) {
    redirectIfRenamed('cases', params.slug ?? '');
    throw new Response('We have no court case at this address.', { status: 404 });
  }
  return json({ page, summaryHtml: renderMarkdown(page.courtCase.summary) });
}

export default function CasePage() {
  const { page, summaryHtml } = useLoaderData<typeof loader>();
  const { courtCase, charges, defendants, events, sources, claims } = page;
  return (
    <div className="page">
      <p className="eyebrow">
        <Link to="/cases">Court case</Link> · {courtCase.status}
      </p>
      <h1>{courtCase.caption}</h1>
      <dl className="facts">
        <div>
          <dt>Court</dt>
          <dd>{courtCase.court}</dd>
        </div>
        <div>
          <dt>Case number</dt>
          <dd>{courtCase.caseNumber ?? 'Not recorded'}</dd>
        </div>
        {courtCase.jurisdiction ? (
          <div>
            <dt>Jurisdiction</dt>
            <dd>{courtCase.jurisdiction}</dd>
          </div>
        ) : null}
        <div>
          <dt>Judge</dt>
          <dd>{courtCase.judge ?? 'Not recorded'}</dd>
        </div>
        <div>
          {/* The date of the charging document whose charges are listed (a superseding indictment
              may come years after the case began), not of the case. */}
          <dt>Charging document filed</dt>
          <dd>{formatPartialDate(courtCase.filedOn)}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{courtCase.status}</dd>
        </div>
        {courtCase.documentUrl ? (
          <div>
            <dt>Charging document</dt>
            <dd>
              <a href={courtCase.documentUrl} rel="noopener noreferrer">
                Read the document
              </a>
            </dd>
          </div>
        ) : null}
        {courtCase.docketUrl ? (
          <div>
            <dt>Docket</dt>
            <dd>
              <a href={courtCase.docketUrl} rel="noopener noreferrer">
                Follow the case on its docket
              </a>
            </dd>
          </div>
        ) : null}
      </dl>
      <Prose html={summaryHtml} />

      <section aria-labelledby="charges-title">
        <h2 id="charges-title">Charges</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Count</th>
                <th scope="col">Charge</th>
                <th scope="col">Statute</th>
                <th scope="col">Disposition</th>
              </tr>
            </thead>
            <tbody>
              {charges.map((ch) => (
                <tr key={ch.id}>
                  <td>{ch.count ?? '—'}</td>
                  <td>{ch.description}</td>
                  <td>{ch.statute ?? '—'}</td>
                  <td>{ch.disposition ?? 'Pending'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="defendants-title">
        <h2 id="defendants-title">Defendants</h2>
        <ul className="tag-list">
          {defendants.map((d) => (
            <li key={d.slug}>
              <EntityLink entity={d} />
              {d.note ? <span className="muted"> ({d.note})</span> : null}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="events-title">
        <h2 id="events-title">Events</h2>
        <ol className="timeline">
          {events.map((ev) => (
            <li key={ev.id} className="timeline__entry">
              <time dateTime={ev.occurredOn}>{formatPartialDate(ev.occurredOn)}</time>
              <p>
                {ev.description}
                {ev.sourceSlug ? (
                  <>
                    {' '}
                    <span className="muted">
                      Source: <Link to={pathOf('sources', ev.sourceSlug)}>{ev.sourceTitle}</Link>
                      {ev.publisherName ? ` (${ev.publisherName})` : null}
                    </span>
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ol>
      </section>

      {claims.length > 0 ? (
        <section aria-labelledby="claims-title">
          <h2 id="claims-title">Related claims</h2>
          <ul className="claim-list">
            {claims.map((c) => (
              <li key={`${c.claim.id}-${c.role}`}>
                <ClaimCard claim={c.claim} note={caseRoleLabel[c.role]} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {sources.length > 0 ? (
        <section aria-labelledby="sources-title">
          <h2 id="sources-title">Sources on this case</h2>
          <ul className="plain-list">
            {sources.map((s) => (
              <li key={s.slug}>
                <Link to={pathOf('sources', s.slug)}>{s.title}</Link>
                <span className="muted">
                  {' '}
                  · {s.publisherName ?? 'Unknown publisher'}, {formatPartialDate(s.publishedOn)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
