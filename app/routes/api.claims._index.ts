import type { LoaderFunctionArgs } from '@remix-run/node';
import { claimListResponse } from '~/publishing/api.server';

/** GET /api/claims — published claims, filtered and paginated like the claims page. */
export function loader({ request }: LoaderFunctionArgs) {
  return claimListResponse(request);
}
