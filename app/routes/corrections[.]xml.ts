import type { LoaderFunctionArgs } from '@remix-run/node';
import { correctionsFeedResponse } from '~/publishing/feed.server';
import { publicBaseUrl } from '~/publishing/site.server';

/** GET /corrections.xml — Atom feed of the public log: corrections, updates, retractions, republications. */
export function loader({ request }: LoaderFunctionArgs) {
  return correctionsFeedResponse(publicBaseUrl(request));
}
