import type { MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { EntityIndex } from '~/components/entity-page';
import { pageMeta } from '~/meta';
import { listEntities } from '~/models/entity.server';

export const meta: MetaFunction = () =>
  pageMeta('Organisations', 'Governments, companies, publishers and courts in the record.');

export function loader() {
  return json({ entities: listEntities('organisation') });
}

export default function OrganisationsIndex() {
  const { entities } = useLoaderData<typeof loader>();
  return (
    <EntityIndex
      title="Organisations"
      intro="Governments, companies, publishers and courts in the record."
      entities={entities}
    />
  );
}
