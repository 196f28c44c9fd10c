import type { LoaderFunctionArgs } from '@remix-run/node';
import { entityResponse } from '~/publishing/api.server';

/** GET /api/people/:slug — a person, the claims they made, claims about them, cases. */
export function loader({ params, request }: LoaderFunctionArgs) {
  return entityResponse(request, 'person', params.slug ?? '');
}
