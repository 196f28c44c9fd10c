import type { LoaderFunctionArgs } from '@remix-run/node';
import { caseResponse } from '~/publishing/api.server';

/** GET /api/cases/:slug — a case with charges, defendants, events and related claims. */
export function loader({ params, request }: LoaderFunctionArgs) {
  return caseResponse(request, params.slug ?? '');
}
