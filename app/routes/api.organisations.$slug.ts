import type { LoaderFunctionArgs } from '@remix-run/node';
import { entityResponse } from '~/publishing/api.server';

/** GET /api/organisations/:slug — an organisation, its claims, claims about it, cases. */
export function loader({ params, request }: LoaderFunctionArgs) {
  return entityResponse(request, 'organisation', params.slug ?? '');
}
