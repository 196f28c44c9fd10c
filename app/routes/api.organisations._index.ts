import type { LoaderFunctionArgs } from '@remix-run/node';
import { entityListResponse } from '~/publishing/api.server';

/** GET /api/organisations — organisations, paginated. */
export function loader({ request }: LoaderFunctionArgs) {
  return entityListResponse(request, 'organisation');
}
