import type { MetaFunction } from '@remix-run/node';
import { pageMeta } from '~/meta';

export const meta: MetaFunction = () => pageMeta('Page not found', 'There is nothing at this address.');

export function loader() {
  throw new Response('Not Found', { status: 404 });
}

/** A form sent to an address that does not exist is not found either (not 405 "no action here"). */
export function action() {
  throw new Response('Not Found', { status: 404 });
}

export default function NotFound() {
  return null;
}
