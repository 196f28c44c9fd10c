/**
 * Route guards. Loaders and actions of signed-in pages start with one of these; each either
 * returns the user or throws the Response that ends the request.
 */
import { redirect } from '@remix-run/node';
import type { User } from './account-row.server';
import { getSessionUser } from './session.server';

/** `/login?redirectTo=<this page>`, so signing in comes back here. */
export function loginUrl(request: Request): string {
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
  return `/login?${params}`;
}

/** The signed-in user; anonymous visitors are redirected to the sign-in page. */
export async function requireUser(request: Request): Promise<User> {
  const user = await getSessionUser(request);
  if (!user) throw redirect(loginUrl(request));
  return user;
}

/** The signed-in admin; an editor gets 403, an anonymous visitor the sign-in page. */
export async function requireAdmin(request: Request): Promise<User> {
  const user = await requireUser(request);
  if (user.role !== 'admin') throw new Response('Only admins can manage users.', { status: 403 });
  return user;
}
