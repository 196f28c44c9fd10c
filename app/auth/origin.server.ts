/**
 * Cross-site request forgery check for every request that can change something: its Origin (or,
 * when a browser sends none, its Referer) must name this site's host. server.js runs it before
 * the Remix handler, so no action runs for a form posted from another site. SameSite=Lax on the
 * session cookie is the second line of defence.
 */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface OriginCheckInput {
  method: string;
  origin?: string | null;
  referer?: string | null;
  /** The host the request was sent to (Host, or X-Forwarded-Host from a trusted proxy). */
  host?: string | null;
  /** The scheme the request came in with (`http` or `https`): the Origin's must be the same. */
  protocol?: string | null;
}

export type OriginCheckResult = { ok: true } | { ok: false; message: string };

const REFUSED_MISSING: OriginCheckResult = {
  ok: false,
  message: 'Forbidden: this request did not say which site sent it (no Origin or Referer header).',
};
const REFUSED_CROSS_SITE: OriginCheckResult = {
  ok: false,
  message: 'Forbidden: this request was sent from another site.',
};

function hostOf(value: string): { protocol: string; host: string } | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return { protocol: url.protocol, host: url.host };
  } catch {
    return null;
  }
}

export function checkRequestOrigin({ method, origin, referer, host, protocol }: OriginCheckInput): OriginCheckResult {
  if (SAFE_METHODS.has(method.toUpperCase())) return { ok: true };
  const claimed = origin || referer;
  if (!claimed) return REFUSED_MISSING;
  // "null" is what browsers send from sandboxed frames and some redirects: no site to trust.
  const from = claimed === 'null' ? null : hostOf(claimed);
  if (!from || !host) return REFUSED_CROSS_SITE;
  // https://site and http://site are different origins: a page on one must not post to the other.
  if (protocol && from.protocol !== `${protocol.replace(/:$/, '')}:`) return REFUSED_CROSS_SITE;
  // Read the Host header with the sender's scheme, so a default port written out still matches.
  const target = hostOf(`${from.protocol}//${host.trim()}`);
  return target && target.host === from.host ? { ok: true } : REFUSED_CROSS_SITE;
}
