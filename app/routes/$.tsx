import type { MetaFunction } from '@remix-run/node';
import { pageMeta } from '~/meta';

export const meta: MetaFunction = () => pageMeta('Page not found', 'There is nothing at this address.');

export function loader() {
  throw new Response('Not Found', { status: 404 });
}

export default function NotFound() {
  return null;
}
