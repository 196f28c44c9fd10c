/**
 * /editor/claims/:id/preview — any claim, draft or not, drawn by the same component as its public
 * page (components/claim-article.tsx) with the reader's header, footer and stylesheets: the route
 * sits outside the editor layout (`editor_`) so nothing of the editor area (its navigation, its
 * stylesheet) changes how the page looks. Editors only; never indexed, never cached by anyone
 * else, and labelled on the page.
 */
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requireUser } from '~/auth/guards.server';
import { ClaimArticle } from '~/components/claim-article';
import { STATUS_LABELS } from '~/domain';
import { renderMarkdown } from '~/markdown.server';
import { SITE_NAME } from '~/meta';
import { getClaimForPreview } from '~/models/claim-detail.server';
import { readWorkingCopy } from '~/models/proposal.server';

const PRIVATE_HEADERS = { 'X-Robots-Tag': 'noindex, nofollow', 'Cache-Control': 'private, no-store' };

export const headers: HeadersFunction = () => PRIVATE_HEADERS;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Preview: ${data ? data.detail.claim.statement.slice(0, 60) : 'claim'} · ${SITE_NAME}` },
  { name: 'robots', content: 'noindex, nofollow' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = Number(params.id);
  const current = Number.isSafeInteger(id) && id > 0 ? getClaimForPreview(id) : null;
  if (!current) throw new Response('There is no such claim.', { status: 404, headers: PRIVATE_HEADERS });
  // A change waiting for review is previewed as readers will see it once approved (its document
  // applied in a rolled-back savepoint); `?show=public` shows the approved version instead.
  const proposed = readWorkingCopy(id, user.id, () => getClaimForPreview(id));
  const showProposed = proposed !== null && new URL(request.url).searchParams.get('show') !== 'public';
  const detail = showProposed ? proposed : current;
  return json(
    { detail, analysisHtml: renderMarkdown(detail.claim.analysis), showProposed, hasProposal: proposed !== null },
    { headers: PRIVATE_HEADERS },
  );
}

export default function ClaimPreview() {
  const { detail, analysisHtml, showProposed, hasProposal } = useLoaderData<typeof loader>();
  const { claim } = detail;
  const hidden = claim.status === 'draft';
  const heading = showProposed
    ? 'Preview of the change waiting for review: readers see the approved version until another editor approves it.'
    : hidden
      ? 'Preview: readers cannot see this yet.'
      : 'Preview: this is the page readers see now.';
  return (
    <>
      <div className="preview-banner" role="note" aria-label="Preview">
        <p>
          <strong>{heading}</strong> Status: {STATUS_LABELS[claim.status]}, version {claim.version}.
        </p>
        <p className="preview-banner__links">
          <Link to={`/editor/claims/${claim.id}`}>Back to editing</Link>
          <Link to={`/editor/claims/${claim.id}/desk`}>Desk</Link>
          {hasProposal ? (
            showProposed ? (
              <Link to="?show=public">See the approved version</Link>
            ) : (
              <Link to="?">See the change waiting for review</Link>
            )
          ) : null}
        </p>
      </div>
      {/* No ClaimReview JSON-LD: a preview is not a page to be read by machines. */}
      <ClaimArticle detail={detail} analysisHtml={analysisHtml} claimReview={null} />
    </>
  );
}
