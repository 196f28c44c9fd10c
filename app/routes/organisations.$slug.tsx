import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { EditLink } from '~/components/edit-link';
import { EntityPage } from '~/components/entity-page';
import { JsonLd } from '~/components/json-ld';
import { loadEntityPage } from '~/http/entity-page.server';
import { pageMeta } from '~/meta';

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta(data.page.entity.name, data.description || `Claims made by and about ${data.page.entity.name}.`)
    : pageMeta('Not found', 'There is nothing at this address.');

export const loader = ({ params, request }: LoaderFunctionArgs) =>
  loadEntityPage('organisation', request, params.slug ?? '');

export default function OrganisationsPage() {
  const { page, descriptionHtml, jsonLd } = useLoaderData<typeof loader>();
  return (
    <>
      <EditLink kind="organisations" id={page.entity.id} />
      <EntityPage {...page} descriptionHtml={descriptionHtml} />
      <JsonLd data={jsonLd} />
    </>
  );
}
