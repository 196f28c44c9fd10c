import type { MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { pageMeta } from '~/meta';
import { listVerdicts } from '~/models/verdict.server';
import { VerdictScale } from '~/components/verdict-scale';
import { ABOUT_PAGES, aboutPagePath } from '~/domain/about-pages';

export const meta: MetaFunction = () => pageMeta('How we work', 'How claims are recorded, sourced and rated.');

export function loader() {
  return json({ verdicts: listVerdicts() });
}

export default function About() {
  const { verdicts } = useLoaderData<typeof loader>();
  return (
    <div className="page page--narrow">
      <h1>How we work</h1>
      <p className="lede">
        Each entry records a claim as it was made: the words, who said them, when and where. Nothing is published
        without at least one source, and every source is listed with its publisher, date, the exact words we rely on
        and, where we have one, an archived copy.
      </p>
      <nav aria-labelledby="about-pages-title" className="about-pages">
        <h2 id="about-pages-title">About us</h2>
        <ul className="plain-list">
          {ABOUT_PAGES.map((p) => (
            <li key={p.slug}>
              <Link to={aboutPagePath(p.slug)}>{p.title}</Link>
              <span className="muted"> · {p.summary}</span>
            </li>
          ))}
        </ul>
      </nav>
      <h2>Rebuttals and responses</h2>
      <p>
        Claims answer one another. When one claim rebuts, disputes, supports or cites another, both pages show the link,
        so a reader can follow an allegation to its denial and back.
      </p>
      <h2>The court record</h2>
      <p>
        Where a claim rests on an indictment or a court case, we link the case: its court, number, judge, charges,
        defendants and the events since filing. An indictment is an accusation, not a finding of guilt.
      </p>
      <h2>Corrections</h2>
      <p>
        We never change a published fact-check silently: every correction, update, retraction and republication is dated
        and explained on the claim’s page and in <Link to="/corrections">the corrections log</Link>.
      </p>
      <h2>Our verdict scale</h2>
      <VerdictScale verdicts={verdicts} />
    </div>
  );
}
