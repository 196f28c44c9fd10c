import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { EntityIndex } from '~/components/entity-page';
import { pageMeta } from '~/meta';
import { requirePage } from '~/http/pagination.server';
import { pageOfEntities } from '~/models/entity.server';

const INTRO = 'Governments, companies, publishers and courts in the record.';

export const meta: MetaFunction = () => pageMeta('Organisations', INTRO);

export function loader({ request }: LoaderFunctionArgs) {
  const organisations = requirePage(request, (n) => pageOfEntities('organisation', n));
  return json({ organisations });
}

export default function OrganisationsIndex() {
  const { organisations } = useLoaderData<typeof loader>();
  return (
    <EntityIndex title="Organisations" intro={INTRO} noun={['organisation', 'organisations']} list={organisations} />
  );
}
