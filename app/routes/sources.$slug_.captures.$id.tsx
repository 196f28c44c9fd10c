/**
 * `/sources/:slug/captures/:id`: a capture of a source as a reader reads it: the readable text
 * (always as text, never the page's HTML), with a claim's quoted passage marked when the link
 * names the citation (`?cite=N`, scrolled to by `#quote`), and what proves the copy: when it was
 * fetched, from where, its SHA-256 and the raw capture (served inert by /captures/:id/raw).
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { Fragment } from 'react';
import { formatTimestamp } from '~/components/dates';
import { pathOf } from '~/domain';
import { captureViewPath } from '~/domain/quote-checks';
import { matchQuote } from '~/domain/quote-match';
import { pageMeta } from '~/meta';
import { getCaptureForReader } from '~/models/capture-view.server';
import { publicCitationOf } from '~/models/quote-checks.server';
import captureStyles from '~/styles/captures.css';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: captureStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        ...pageMeta(
          `Capture of ${data.view.source.title}`,
          `The text of “${data.view.source.title}” as captured on ${formatTimestamp(new Date(data.view.capture.fetchedAt))}.`,
        ),
        // A copy of someone else's page: readers may open it, search engines should index the original.
        { name: 'robots', content: 'noindex' },
      ]
    : pageMeta('Capture not found', 'There is no capture at this address.');

export function loader({ params, request }: LoaderFunctionArgs) {
  const id = params.id ?? '';
  const view = /^\d{1,12}$/.test(id) ? getCaptureForReader(params.slug ?? '', Number(id)) : null;
  if (!view) throw new Response('We have no capture of this source at this address.', { status: 404 });

  const cite = new URL(request.url).searchParams.get('cite');
  let highlight: { claimSlug: string; claimStatement: string; parts: { start: number; end: number }[] } | null = null;
  let citeMissing = false;
  if (cite !== null) {
    if (!/^\d{1,12}$/.test(cite)) {
      throw new Response('The “cite” in this address should be a citation number, like ?cite=12.', { status: 400 });
    }
    // A draft's citation and one that does not exist look alike: neither is shown.
    const citation = publicCitationOf(view.source.id, Number(cite));
    const match = citation?.quote && view.capture.text ? matchQuote(citation.quote, view.capture.text) : null;
    if (citation && match && match.result === 'found') {
      highlight = { claimSlug: citation.claimSlug, claimStatement: citation.claimStatement, parts: match.parts };
    } else citeMissing = true;
  }
  return json({ view, highlight, citeMissing });
}

/** The text cut at the highlighted parts; the first mark carries the `#quote` anchor. */
function CaptureText({ text, parts }: { text: string; parts: { start: number; end: number }[] }) {
  const pieces: JSX.Element[] = [];
  let at = 0;
  parts.forEach((part, n) => {
    pieces.push(<Fragment key={`t${n}`}>{text.slice(at, part.start)}</Fragment>);
    pieces.push(
      <mark key={`m${n}`} id={n === 0 ? 'quote' : undefined}>
        {text.slice(part.start, part.end)}
      </mark>,
    );
    at = part.end;
  });
  pieces.push(<Fragment key="end">{text.slice(at)}</Fragment>);
  return <div className="capture-text">{pieces}</div>;
}

export default function CapturePage() {
  const { view, highlight, citeMissing } = useLoaderData<typeof loader>();
  const { source, capture, captures } = view;
  const when = formatTimestamp(new Date(capture.fetchedAt));
  return (
    <div className="page capture-page">
      <p className="eyebrow">
        <Link to={pathOf('sources', source.slug)}>{source.title}</Link> · Capture
      </p>
      <h1>{capture.title || source.title}</h1>
      <p className="notice">
        This is a copy of the page as it was captured on {when}; the original may have changed since.
      </p>
      {highlight ? (
        <p>
          The passage quoted for the claim{' '}
          <Link to={pathOf('claims', highlight.claimSlug)}>“{highlight.claimStatement}”</Link> is{' '}
          <a href="#quote">marked below</a>.
        </p>
      ) : null}
      {citeMissing ? (
        <p className="notice notice--warning">The quotation this link points to is not in this capture.</p>
      ) : null}
      <dl className="facts capture-facts">
        <div>
          <dt>Captured</dt>
          <dd>
            <time dateTime={capture.fetchedAt}>
              {capture.fetchedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}
            </time>
          </dd>
        </div>
        <div>
          <dt>Address</dt>
          <dd className="break">{capture.finalUrl ?? capture.requestedUrl}</dd>
        </div>
        {capture.finalUrl && capture.finalUrl !== capture.requestedUrl ? (
          <div>
            <dt>Asked for</dt>
            <dd className="break">{capture.requestedUrl}</dd>
          </div>
        ) : null}
        {capture.sha256 ? (
          <div>
            <dt>SHA-256</dt>
            <dd>
              <code className="break">{capture.sha256}</code>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Raw capture</dt>
          <dd>
            <a href={`/captures/${capture.id}/raw`} rel="nofollow">
              The bytes as received
            </a>
            {[
              capture.contentType?.split(';')[0],
              capture.byteLength === null ? null : `${capture.byteLength.toLocaleString('en-GB')} bytes`,
            ]
              .filter(Boolean)
              .map((fact) => ` · ${fact}`)
              .join('')}
          </dd>
        </div>
        {capture.archiveUrl ? (
          <div>
            <dt>Internet Archive</dt>
            <dd>
              <a href={capture.archiveUrl} rel="noopener noreferrer" className="break">
                {capture.archiveUrl}
              </a>
            </dd>
          </div>
        ) : null}
      </dl>

      <section aria-labelledby="capture-text-title">
        <h2 id="capture-text-title">Text as captured</h2>
        {capture.text ? (
          <CaptureText text={capture.text} parts={highlight?.parts ?? []} />
        ) : (
          <p className="empty">No readable text was kept from this capture; the raw capture has the bytes.</p>
        )}
      </section>

      {captures.length > 1 ? (
        <section aria-labelledby="captures-title">
          <h2 id="captures-title">Other captures of this source</h2>
          <ul className="plain-list">
            {captures
              .filter((c) => c.id !== capture.id)
              .map((c) => (
                <li key={c.id}>
                  <Link to={captureViewPath(source.slug, c.id)}>
                    <time dateTime={c.fetchedAt}>{formatTimestamp(new Date(c.fetchedAt))}</time>
                  </Link>
                  {c.sha256 === capture.sha256 ? <span className="muted"> (same content)</span> : null}
                </li>
              ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
