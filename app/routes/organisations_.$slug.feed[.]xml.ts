import type { LoaderFunctionArgs } from '@remix-run/node';
import { atomResponse, getSpeakerFeed } from '~/publishing/feed.server';
import { publicBaseUrl } from '~/publishing/site.server';

/** GET /organisations/:slug/feed.xml — Atom feed of the claims one organisation made. */
export function loader({ params, request }: LoaderFunctionArgs) {
  return atomResponse(
    getSpeakerFeed('organisation', params.slug ?? ''),
    publicBaseUrl(request),
    'We have no organisation at this address.',
  );
}
