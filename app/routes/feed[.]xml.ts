import type { LoaderFunctionArgs } from '@remix-run/node';
import { atomResponse, getSiteFeed } from '~/publishing/feed.server';
import { publicBaseUrl } from '~/publishing/site.server';

/** GET /feed.xml — Atom feed of newly published and updated claims. */
export function loader({ request }: LoaderFunctionArgs) {
  return atomResponse(getSiteFeed(), publicBaseUrl(request), 'Not Found');
}
