import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { EntityIndex } from '~/components/entity-page';
import { pageMeta } from '~/meta';
import { requirePage } from '~/http/pagination.server';
import { pageOfEntities } from '~/models/entity.server';

const INTRO = 'People whose statements we track, or who appear in the claims and cases.';

export const meta: MetaFunction = () => pageMeta('People', INTRO);

export function loader({ request }: LoaderFunctionArgs) {
  const people = requirePage(request, (n) => pageOfEntities('person', n));
  return json({ people });
}

export default function PeopleIndex() {
  const { people } = useLoaderData<typeof loader>();
  return <EntityIndex title="People" intro={INTRO} noun={['person', 'people']} list={people} />;
}
