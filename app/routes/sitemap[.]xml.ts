import type { LoaderFunctionArgs } from '@remix-run/node';
import { publicBaseUrl } from '~/publishing/site.server';
import { listSitemapChildren, listSitemapPages, renderSitemap, renderSitemapIndex } from '~/publishing/sitemap.server';

/**
 * GET /sitemap.xml — every public page, with absolute addresses and last-modified dates; past
 * the protocol's 50,000 URLs a file, a sitemap index of /sitemap/:name.xml children instead.
 */
export function loader({ request }: LoaderFunctionArgs) {
  const baseUrl = publicBaseUrl(request);
  const children = listSitemapChildren();
  const body = children ? renderSitemapIndex(children, baseUrl) : renderSitemap(listSitemapPages(), baseUrl);
  return new Response(body, {
    headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
  });
}
