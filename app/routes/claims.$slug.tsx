import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { ClaimArticle } from '~/components/claim-article';
import { EditLink } from '~/components/edit-link';
import { statementText } from '~/domain';
import { renderMarkdown } from '~/markdown.server';
import { pageMeta } from '~/meta';
import { publicBaseUrl } from '~/publishing/site.server';
import { claimReviewFor } from '~/publishing/structured-data.server';
import { redirectIfRenamed } from '~/models/entry.server';
import { getClaimBySlug } from '~/models/claim-detail.server';
import { quoteChecksForClaim } from '~/models/quote-checks.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return pageMeta('Claim not found', 'There is no claim at this address.');
  const { claim } = data.detail;
  const who = claim.speaker?.name ?? 'Unattributed';
  const verdict = claim.verdict ? `${claim.verdict.label}: ` : '';
  const short = `${claim.statement.slice(0, 80)}${claim.statement.length > 80 ? '…' : ''}`;
  return pageMeta(
    `${who}: ${statementText(short, claim.statementKind)}`,
    `${verdict}${claim.verdictExplanation || statementText(claim.statement, claim.statementKind)}`,
  );
};

export function loader({ params, request }: LoaderFunctionArgs) {
  const detail = getClaimBySlug(params.slug ?? '');
  if (!detail) {
    redirectIfRenamed('claims', params.slug ?? '');
    throw new Response('There is no claim at this address. It may have been renamed or never published.', {
      status: 404,
    });
  }
  const claimReview = claimReviewFor(detail, publicBaseUrl(request));
  const quoteChecks = quoteChecksForClaim(detail.claim.id);
  return json({ detail, analysisHtml: renderMarkdown(detail.claim.analysis), claimReview, quoteChecks });
}

export default function ClaimPage() {
  const { detail, analysisHtml, claimReview, quoteChecks } = useLoaderData<typeof loader>();
  return (
    <>
      <EditLink kind="claims" id={detail.claim.id} />
      <ClaimArticle detail={detail} analysisHtml={analysisHtml} claimReview={claimReview} quoteChecks={quoteChecks} />
    </>
  );
}
