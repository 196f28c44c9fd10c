/**
 * /about/:page — the transparency pages (methodology, corrections policy, who we are, contact):
 * their words from `content/about/<page>.md`, with the verdict scale and the latest corrections
 * drawn from the database where the Markdown asks for them.
 */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { LatestCorrections } from '~/components/latest-corrections';
import { Prose } from '~/components/prose';
import { VerdictScale } from '~/components/verdict-scale';
import { ABOUT_PAGES, aboutPagePath, findAboutPage } from '~/domain/about-pages';
import { readAboutPage } from '~/content/about-pages.server';
import { pageMeta } from '~/meta';
import { latestPublicLog, pageOfPublicLog } from '~/models/corrections.server';
import { listVerdicts } from '~/models/verdict.server';

/** How many of the newest log entries the corrections policy shows before linking the log. */
const LATEST_CORRECTIONS = 5;

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta(data.title, data.description || data.summary)
    : pageMeta('Page not found', 'There is no page about us at this address.');

export function loader({ params }: LoaderFunctionArgs) {
  const page = findAboutPage(params.page ?? '');
  if (!page) {
    throw new Response('There is no page about us at this address. The pages about us are listed at /about.', {
      status: 404,
    });
  }
  const text = readAboutPage(page.slug);
  if (!text) {
    throw new Response(`This page has not been written yet (its text belongs in content/about/${page.slug}.md).`, {
      status: 404,
    });
  }
  const blocks = new Set(text.parts.flatMap((part) => ('block' in part ? [part.block] : [])));
  return json({
    slug: page.slug,
    title: text.title ?? page.title,
    summary: page.summary,
    description: text.description,
    parts: text.parts,
    verdicts: blocks.has('verdict-scale') ? listVerdicts() : [],
    corrections: blocks.has('corrections-log')
      ? { latest: latestPublicLog(LATEST_CORRECTIONS), total: pageOfPublicLog(1, 1).total }
      : null,
  });
}

export default function AboutPage() {
  const { slug, title, parts, verdicts, corrections } = useLoaderData<typeof loader>();
  return (
    <div className="page page--narrow about-page">
      <p className="eyebrow">
        <Link to="/about">About us</Link>
      </p>
      <h1>{title}</h1>
      {parts.map((part, i) =>
        'html' in part ? (
          <Prose key={i} html={part.html} />
        ) : part.block === 'verdict-scale' ? (
          <VerdictScale key={i} verdicts={verdicts} />
        ) : corrections ? (
          <LatestCorrections key={i} {...corrections} />
        ) : null,
      )}
      <nav aria-label="About us" className="about-pages">
        <h2>More about us</h2>
        <ul className="plain-list">
          {ABOUT_PAGES.filter((p) => p.slug !== slug).map((p) => (
            <li key={p.slug}>
              <Link to={aboutPagePath(p.slug)}>{p.title}</Link>
              <span className="muted"> · {p.summary}</span>
            </li>
          ))}
          <li>
            <Link to="/about">How we work</Link>
            <span className="muted"> · How claims are recorded, sourced and rated.</span>
          </li>
        </ul>
      </nav>
    </div>
  );
}
