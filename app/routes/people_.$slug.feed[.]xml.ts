import type { LoaderFunctionArgs } from '@remix-run/node';
import { atomResponse, getSpeakerFeed } from '~/publishing/feed.server';
import { publicBaseUrl } from '~/publishing/site.server';

/** GET /people/:slug/feed.xml — Atom feed of the claims one person made. */
export function loader({ params, request }: LoaderFunctionArgs) {
  return atomResponse(
    getSpeakerFeed('person', params.slug ?? ''),
    publicBaseUrl(request),
    'We have no person at this address.',
  );
}
