import type { LoaderFunctionArgs } from '@remix-run/node';
import { publicBaseUrl } from '~/models/site.server';
import { listSitemapPages, renderSitemap } from '~/models/sitemap.server';

/** GET /sitemap.xml — every public page, with absolute addresses and last-modified dates. */
export function loader({ request }: LoaderFunctionArgs) {
  return new Response(renderSitemap(listSitemapPages(), publicBaseUrl(request)), {
    headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
  });
}
