import type { LoaderFunctionArgs } from '@remix-run/node';
import { sourceResponse } from '~/publishing/api.server';

/** GET /api/sources/:slug — a source and the published claims citing it. */
export function loader({ params, request }: LoaderFunctionArgs) {
  return sourceResponse(request, params.slug ?? '');
}
