import type { LoaderFunctionArgs } from '@remix-run/node';
import { publicBaseUrl } from '~/publishing/site.server';
import { renderRobotsTxt } from '~/publishing/sitemap.server';

/** GET /robots.txt — crawlers welcome everywhere but the editor, sign-in and the API. */
export function loader({ request }: LoaderFunctionArgs) {
  return new Response(renderRobotsTxt(publicBaseUrl(request)), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  });
}
