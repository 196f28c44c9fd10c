/**
 * A claim's verdict card, `/claims/:slug/card/<version>.png`. The version is a hash of what the
 * card draws (verdict-card.ts), so the address changes whenever the picture does and the image
 * can be cached for a year. Any other version (an old share, or `latest.png`) redirects, briefly
 * cacheable, to the current one: serving today's picture under yesterday's immutable address
 * would pin it there in every cache.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { SITE_NAME } from '~/meta';
import { findSharedClaim, tagSharedClaim } from '~/publishing/embed.server';
import { cardPath, cardVersion, verdictCardModel } from '~/publishing/verdict-card';
import { verdictCardPng } from '~/publishing/verdict-card.server';

const NOT_FOUND = 'There is no verdict card at this address: the claim may have been renamed or never published.';

export async function loader({ params }: LoaderFunctionArgs) {
  const slug = params.slug ?? '';
  const requested = /^([\w-]{1,40})\.png$/.exec(params.file ?? '')?.[1];
  if (!requested) throw new Response(NOT_FOUND, { status: 404, headers: { 'Content-Type': 'text/plain' } });
  const found = findSharedClaim(slug);
  if (!found) throw new Response(NOT_FOUND, { status: 404, headers: { 'Content-Type': 'text/plain' } });
  if ('renamedTo' in found) throw redirect(cardPath(found.renamedTo, 'latest'), 301);

  tagSharedClaim(found.claim);
  const model = verdictCardModel(found.claim, SITE_NAME);
  const version = cardVersion(model);
  if (requested !== version) {
    throw redirect(cardPath(slug, version), { status: 302, headers: { 'Cache-Control': 'public, max-age=60' } });
  }
  const png = await verdictCardPng(`${slug}@${version}`, model);
  return new Response(png, {
    headers: {
      'Content-Type': 'image/png',
      'Content-Length': String(png.length),
      'Cache-Control': 'public, max-age=31536000, immutable',
    },
  });
}
