import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { ClaimArticle } from '~/components/claim-article';
import { EditLink } from '~/components/edit-link';
import { statementText } from '~/domain';
import { renderMarkdown } from '~/markdown.server';
import { EmbedCode } from '~/components/embed-code';
import { oembedLink, pageMeta } from '~/meta';
import { claimShare } from '~/publishing/embed';
import { publicBaseUrl } from '~/publishing/site.server';
import { claimReviewFor } from '~/publishing/structured-data.server';
import { redirectIfRenamed } from '~/models/entry.server';
import { getClaimBySlug } from '~/models/claim-detail.server';
import { quoteChecksForClaim } from '~/models/quote-checks.server';
import { tagResponse } from '~/http/cache-tags.server';
import { refOf } from '~/domain/kinds';
import embedCodeStyles from '~/styles/embed-code.css';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: embedCodeStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return pageMeta('Claim not found', 'There is no claim at this address.');
  const { claim } = data.detail;
  const { share } = data;
  const who = claim.speaker?.name ?? 'Unattributed';
  const verdict = claim.verdict ? `${claim.verdict.label}: ` : '';
  const short = `${claim.statement.slice(0, 80)}${claim.statement.length > 80 ? '…' : ''}`;
  return [
    ...pageMeta(
      `${who}: ${statementText(short, claim.statementKind)}`,
      `${verdict}${claim.verdictExplanation || statementText(claim.statement, claim.statementKind)}`,
      { url: share.cardUrl, width: share.cardWidth, height: share.cardHeight, alt: share.cardAlt },
    ),
    oembedLink(share.oembedUrl, share.oembedTitle),
  ];
};

export function loader({ params, request }: LoaderFunctionArgs) {
  const detail = getClaimBySlug(params.slug ?? '');
  if (!detail) {
    redirectIfRenamed('claims', params.slug ?? '');
    throw new Response('There is no claim at this address. It may have been renamed or never published.', {
      status: 404,
    });
  }
  // For a shared cache: this claim and the claims it answers or is answered by, by name; the other
  // kinds it draws (speaker, sources, cases, topics) by collection, so any of them changing purges it.
  tagResponse(
    refOf('claims', detail.claim.id),
    ...[...detail.outgoing, ...detail.incoming].map((rel) => refOf('claims', rel.claim.id)),
    'entities',
    'sources',
    'cases',
    'topics',
  );
  const baseUrl = publicBaseUrl(request);
  const claimReview = claimReviewFor(detail, baseUrl);
  const share = claimShare(detail.claim, baseUrl);
  const quoteChecks = quoteChecksForClaim(detail.claim.id);
  return json({ detail, analysisHtml: renderMarkdown(detail.claim.analysis), claimReview, share, quoteChecks });
}

export default function ClaimPage() {
  const { detail, analysisHtml, claimReview, share, quoteChecks } = useLoaderData<typeof loader>();
  return (
    <>
      <EditLink kind="claims" id={detail.claim.id} />
      <ClaimArticle detail={detail} analysisHtml={analysisHtml} claimReview={claimReview} quoteChecks={quoteChecks} />
      <EmbedCode code={share.embedCode} />
    </>
  );
}
