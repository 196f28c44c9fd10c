/**
 * oEmbed (https://oembed.com/): `/oembed?url=<a claim's page>&format=json&maxwidth=&maxheight=`
 * answers how to embed that claim: a "rich" response whose html is an iframe of its embed page,
 * sized within the consumer's limits, with the verdict card as thumbnail when it fits them. As
 * the spec asks: 404 for an address that is not a public claim of this site, 501 for a format
 * other than JSON; and 400, with a sentence, for a missing or unreadable url or limit.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { entityPath } from '~/domain';
import { SITE_NAME } from '~/meta';
import { claimShare, embedSize, embedSnippet, embedTitle } from '~/publishing/embed';
import { findSharedClaim, tagSharedClaim } from '~/publishing/embed.server';
import { publicBaseUrl } from '~/publishing/site.server';

const HEADERS = { 'Access-Control-Allow-Origin': '*' };
/** The oEmbed answer may be kept a day; the embed page itself follows the site's caching. */
const CACHE_AGE = 86_400;

const refuse = (status: number, error: string) => json({ error }, { status, headers: HEADERS });

function limit(value: string | null, name: string): number | undefined | string {
  if (value === null || value === '') return undefined;
  if (!/^\d{1,5}$/.test(value) || Number(value) === 0)
    return `The ${name} parameter must be a whole number of pixels above 0.`;
  return Number(value);
}

/** The slug of a claim page (or its embed) on this site, or null. */
function claimSlugOf(url: URL, request: Request, baseUrl: string): string | null {
  const ours = new Set([new URL(baseUrl).host, new URL(request.url).host]);
  if (!ours.has(url.host)) return null;
  const match = /^\/claims\/([^/]+)(?:\/embed)?\/?$/.exec(url.pathname);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

export function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const format = params.get('format') ?? 'json';
  if (format !== 'json') return refuse(501, `Only format=json is offered, not "${format.slice(0, 20)}".`);
  const given = params.get('url');
  if (!given) return refuse(400, 'The url parameter is missing: give the address of a claim page of this site.');
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    return refuse(400, 'The url parameter is not an address (it should start with http:// or https://).');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return refuse(400, 'The url parameter must be an http:// or https:// address.');
  }
  const maxWidth = limit(params.get('maxwidth'), 'maxwidth');
  const maxHeight = limit(params.get('maxheight'), 'maxheight');
  if (typeof maxWidth === 'string') return refuse(400, maxWidth);
  if (typeof maxHeight === 'string') return refuse(400, maxHeight);

  const baseUrl = publicBaseUrl(request);
  const slug = claimSlugOf(url, request, baseUrl);
  let found = slug === null ? null : findSharedClaim(slug);
  if (found && 'renamedTo' in found) found = findSharedClaim(found.renamedTo);
  if (!found || 'renamedTo' in found) {
    return refuse(404, 'That address is not a published claim of this site, so there is nothing to embed.');
  }

  const { claim } = found;
  tagSharedClaim(claim);
  const share = claimShare(claim, baseUrl);
  const size = embedSize(maxWidth, maxHeight);
  const thumbnailFits = (maxWidth ?? Infinity) >= share.cardWidth && (maxHeight ?? Infinity) >= share.cardHeight;
  return json(
    {
      type: 'rich',
      version: '1.0',
      title: share.cardAlt,
      author_name: claim.speaker?.name ?? 'Unattributed',
      ...(claim.speaker ? { author_url: `${baseUrl}${entityPath(claim.speaker)}` } : {}),
      provider_name: SITE_NAME,
      provider_url: `${baseUrl}/`,
      cache_age: CACHE_AGE,
      html: embedSnippet(share.embedUrl, embedTitle(claim), size),
      width: size.width,
      height: size.height,
      ...(thumbnailFits
        ? { thumbnail_url: share.cardUrl, thumbnail_width: share.cardWidth, thumbnail_height: share.cardHeight }
        : {}),
    },
    { headers: HEADERS },
  );
}
