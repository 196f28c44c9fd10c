import type { LoaderFunctionArgs } from '@remix-run/node';
import { sourceListResponse } from '~/publishing/api.server';

/** GET /api/sources — sources, paginated. */
export function loader({ request }: LoaderFunctionArgs) {
  return sourceListResponse(request);
}
