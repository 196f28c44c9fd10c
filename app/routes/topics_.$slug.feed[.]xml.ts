import type { LoaderFunctionArgs } from '@remix-run/node';
import { atomResponse, getTopicFeed } from '~/publishing/feed.server';
import { publicBaseUrl } from '~/publishing/site.server';

/** GET /topics/:slug/feed.xml — Atom feed of one topic's claims. */
export function loader({ params, request }: LoaderFunctionArgs) {
  return atomResponse(getTopicFeed(params.slug ?? ''), publicBaseUrl(request), 'We have no topic at this address.');
}
