import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { EntityPage } from '~/components/entity-page';
import { markdownToText, renderMarkdown } from '~/markdown.server';
import { JsonLd } from '~/components/json-ld';
import { pageMeta } from '~/meta';
import { publicBaseUrl } from '~/models/site.server';
import { entityJsonLd } from '~/models/structured-data.server';
import { redirectIfRenamed } from '~/models/entry.server';
import { findEntityKind, getEntityBySlug } from '~/models/entity.server';
import { parsePageParam, pastLastPageMessage } from '~/models/claim.server';

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta(data.page.entity.name, data.description || `Claims made by and about ${data.page.entity.name}.`)
    : pageMeta('Not found', 'There is nothing at this address.');

export function loader({ params, request }: LoaderFunctionArgs) {
  const slug = params.slug ?? '';
  const paging = parsePageParam(new URL(request.url).searchParams);
  if (!paging.ok) throw new Response(paging.error, { status: 400 });
  const page = getEntityBySlug('organisation', slug, paging.page);
  if (!page) {
    const otherKind = findEntityKind(slug);
    if (otherKind) return redirect(`/${otherKind === 'person' ? 'people' : 'organisations'}/${slug}`, 301);
    redirectIfRenamed('organisations', slug);
    throw new Response('We have no organisation at this address.', { status: 404 });
  }
  if (paging.page > page.claimsMadePage.pageCount) {
    throw new Response(pastLastPageMessage(page.claimsMadePage.pageCount), { status: 404 });
  }

  return json({
    page,
    descriptionHtml: renderMarkdown(page.entity.description),
    description: markdownToText(page.entity.description),
    jsonLd: entityJsonLd(page.entity, markdownToText(page.entity.description), publicBaseUrl(request)),
  });
}

export default function OrganisationsPage() {
  const { page, descriptionHtml, jsonLd } = useLoaderData<typeof loader>();
  return (
    <>
      <EntityPage {...page} descriptionHtml={descriptionHtml} />
      <JsonLd data={jsonLd} />
    </>
  );
}
