import type { MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { EntityIndex } from '~/components/entity-page';
import { pageMeta } from '~/meta';
import { listEntities } from '~/models/entity.server';

export const meta: MetaFunction = () =>
  pageMeta('People', 'People whose statements we track, or who appear in the claims and cases.');

export function loader() {
  return json({ entities: listEntities('person') });
}

export default function PeopleIndex() {
  const { entities } = useLoaderData<typeof loader>();
  return (
    <EntityIndex
      title="People"
      intro="People whose statements we track, or who appear in the claims and cases."
      entities={entities}
    />
  );
}
