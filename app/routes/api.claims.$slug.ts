import type { LoaderFunctionArgs } from '@remix-run/node';
import { claimResponse } from '~/publishing/api.server';

/** GET /api/claims/:slug — one published claim with citations, relations and cases. */
export function loader({ params, request }: LoaderFunctionArgs) {
  return claimResponse(request, params.slug ?? '');
}
