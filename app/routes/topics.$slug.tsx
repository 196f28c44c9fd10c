import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { ClaimList } from '~/components/claim-card';
import { EditLink } from '~/components/edit-link';
import { Prose } from '~/components/prose';
import { Scorecard } from '~/components/scorecard';
import { markdownToText, renderMarkdown } from '~/markdown.server';
import { pageMeta } from '~/meta';
import { redirectIfRenamed } from '~/models/entry.server';
import { getScorecard } from '~/models/scorecard.server';
import { getTopicBySlug } from '~/models/topic.server';
import { requirePage } from '~/http/pagination.server';
import { PageCount, Pagination } from '~/components/pagination';

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta(data.page.topic.name, data.description || `Claims about ${data.page.topic.name}.`)
    : pageMeta('Topic not found', 'There is no topic at this address.');

export function loader({ params, request }: LoaderFunctionArgs) {
  const page = requirePage(
    request,
    (n) => getTopicBySlug(params.slug ?? '', n),
    (p) => p.claimsPage.pageCount,
  );
  if (!page) {
    redirectIfRenamed('topics', params.slug ?? '');
    throw new Response('We have no topic at this address.', { status: 404 });
  }
  return json({
    page,
    scorecard: getScorecard({ topicId: page.topic.id }),
    descriptionHtml: renderMarkdown(page.topic.description),
    description: markdownToText(page.topic.description),
  });
}

export default function TopicPage() {
  const { page, descriptionHtml, scorecard } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <EditLink kind="topics" id={page.topic.id} />
      <p className="eyebrow">
        <Link to="/topics">Topic</Link>
      </p>
      <h1>{page.topic.name}</h1>
      <Prose html={descriptionHtml} className="lede" />
      <Scorecard
        scorecard={scorecard}
        filter={{ topic: page.topic.slug }}
        describe={(claims) => `${claims} on ${page.topic.name}`}
        empty="No published claim on this topic has a verdict yet."
      />
      <section aria-labelledby="claims-title">
        <h2 id="claims-title">Claims</h2>
        <PageCount {...page.claimsPage} />
        <ClaimList claims={page.claims} empty="No published claims on this topic yet." />
        <Pagination page={page.claimsPage.page} pageCount={page.claimsPage.pageCount} />
      </section>
    </div>
  );
}
