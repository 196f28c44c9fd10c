import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { destroySession } from '~/auth/session.server';

/** Signing out changes something, so only a POST does it (the form's Origin is checked in server.js). */
export async function action({ request }: ActionFunctionArgs) {
  return redirect('/', { headers: { 'Set-Cookie': await destroySession(request) } });
}

/** A link or a prefetch to /logout signs nobody out. */
export function loader() {
  return redirect('/');
}
