import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { EntityIndex } from '~/components/entity-page';
import { pageMeta } from '~/meta';
import { parsePageParam, pastLastPageMessage } from '~/models/claim.server';
import { pageOfEntities } from '~/models/entity.server';

const INTRO = 'Governments, companies, publishers and courts in the record.';

export const meta: MetaFunction = () => pageMeta('Organisations', INTRO);

export function loader({ request }: LoaderFunctionArgs) {
  const paging = parsePageParam(new URL(request.url).searchParams);
  if (!paging.ok) throw new Response(paging.error, { status: 400 });
  const organisations = pageOfEntities('organisation', paging.page);
  if (paging.page > organisations.pageCount)
    throw new Response(pastLastPageMessage(organisations.pageCount), { status: 404 });
  return json({ organisations });
}

export default function OrganisationsIndex() {
  const { organisations } = useLoaderData<typeof loader>();
  return (
    <EntityIndex title="Organisations" intro={INTRO} noun={['organisation', 'organisations']} list={organisations} />
  );
}
