/**
 * Where to send someone after signing in: only a path on this site. Anything else (another
 * host, `//host`, `/\host` which browsers read as `//host`, a scheme, control characters) falls
 * back to a fixed page, so a link to /login cannot be used to send people elsewhere.
 */
const DEFAULT_REDIRECT = '/editor';
const BASE = 'http://same-site.invalid';

export function safeRedirect(to: unknown, fallback: string = DEFAULT_REDIRECT): string {
  if (typeof to !== 'string' || to.length === 0 || to.length > 2048) return fallback;
  if (!to.startsWith('/') || to.startsWith('//')) return fallback;
  // Browsers treat a backslash like a slash in http(s) URLs, and drop tabs and newlines.
  if (to.includes('\\')) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  // As the URL parser writes it: percent-encoded, so a Location header can always carry it
  // (`/日本` would throw: headers are Latin-1).
  return `${url.pathname}${url.search}${url.hash}`;
}
