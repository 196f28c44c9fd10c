import type { LoaderFunctionArgs } from '@remix-run/node';
import { caseListResponse } from '~/publishing/api.server';

/** GET /api/cases — court cases, paginated. */
export function loader({ request }: LoaderFunctionArgs) {
  return caseListResponse(request);
}
