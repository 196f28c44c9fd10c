import type { LoaderFunctionArgs } from '@remix-run/node';
import { publicBaseUrl } from '~/publishing/site.server';
import { listSitemapChildPages, listSitemapChildren, renderSitemap } from '~/publishing/sitemap.server';

/** GET /sitemap/:name.xml — one child of the sitemap index (`pages`, `claims-1`...). */
export function loader({ params, request }: LoaderFunctionArgs) {
  const name = /^(.+)\.xml$/.exec(params.part ?? '')?.[1];
  // While the whole sitemap fits in /sitemap.xml there are no children.
  const pages = name && listSitemapChildren() ? listSitemapChildPages(name) : null;
  if (!pages) {
    throw new Response('There is no such sitemap.', { status: 404, headers: { 'Content-Type': 'text/plain' } });
  }
  return new Response(renderSitemap(pages, publicBaseUrl(request)), {
    headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
  });
}
