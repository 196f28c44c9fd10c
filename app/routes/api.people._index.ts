import type { LoaderFunctionArgs } from '@remix-run/node';
import { entityListResponse } from '~/publishing/api.server';

/** GET /api/people — people, paginated. */
export function loader({ request }: LoaderFunctionArgs) {
  return entityListResponse(request, 'person');
}
