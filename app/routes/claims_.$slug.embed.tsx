/**
 * A claim as a compact card for partners' pages (`/claims/:slug/embed`, framed by the snippet
 * the claim page and oEmbed give): the verdict, the statement, who said it and when, and a link
 * back to the full fact-check in a new tab. The one kind of page that may be framed anywhere
 * (`handle.embeddable`: server.js sends `frame-ancestors *` for it); drawn without the site's
 * layout or scripts (app/components/embed-document.tsx).
 */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { VerdictBadge } from '~/components/claim-card';
import { formatPartialDate } from '~/components/dates';
import { Statement } from '~/components/statement';
import { pathOf, statementText } from '~/domain';
import { SITE_NAME } from '~/meta';
import { embedPath } from '~/publishing/embed';
import { findSharedClaim, tagSharedClaim } from '~/publishing/embed.server';
import { publicBaseUrl } from '~/publishing/site.server';

export const handle = { embeddable: true };

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: `Claim not found · ${SITE_NAME}` }];
  const { claim } = data;
  const verdict = claim.status === 'retracted' ? 'Retracted' : (claim.verdict?.label ?? 'No verdict yet');
  return [
    { title: `${verdict}: ${statementText(claim.statement, claim.statementKind).slice(0, 90)} · ${SITE_NAME}` },
    { tagName: 'link', rel: 'canonical', href: data.claimUrl },
  ];
};

export function loader({ params, request }: LoaderFunctionArgs) {
  const found = findSharedClaim(params.slug ?? '');
  if (!found) {
    throw new Response('There is no claim at this address. It may have been renamed or never published.', {
      status: 404,
    });
  }
  if ('renamedTo' in found) throw redirect(embedPath(found.renamedTo), 301);
  const { claim } = found;
  tagSharedClaim(claim);
  return json({
    claim,
    claimUrl: `${publicBaseUrl(request)}${pathOf('claims', claim.slug)}`,
    siteUrl: publicBaseUrl(request),
  });
}

export default function ClaimEmbed() {
  const { claim, claimUrl, siteUrl } = useLoaderData<typeof loader>();
  const retracted = claim.status === 'retracted';
  return (
    <article className={`embed embed--${retracted ? 'retracted' : (claim.verdict?.id ?? 'none')}`}>
      <p className="embed__verdict">
        {retracted ? (
          <>
            <span className="embed__retracted">Retracted</span> We no longer stand by this fact-check.
          </>
        ) : (
          <>
            Our verdict <VerdictBadge verdict={claim.verdict} />
          </>
        )}
      </p>
      <h1 className="embed__statement">
        <Statement statement={claim.statement} kind={claim.statementKind} />
      </h1>
      <p className="embed__who">
        <strong>{claim.speaker?.name ?? 'Unattributed'}</strong>
        {claim.speaker?.role ? `, ${claim.speaker.role}` : null} ·{' '}
        <time dateTime={claim.claimedOn ?? undefined}>{formatPartialDate(claim.claimedOn)}</time>
      </p>
      <p className="embed__footer">
        <a href={claimUrl} target="_blank" rel="noopener">
          Read the full fact-check<span className="visually-hidden"> (opens in a new tab)</span>
        </a>
        <a className="embed__site" href={siteUrl} target="_blank" rel="noopener">
          {SITE_NAME}
          <span className="visually-hidden"> (opens in a new tab)</span>
        </a>
      </p>
    </article>
  );
}
