/**
 * How a Remix response leaves the server, and the rendered-page cache.
 *
 * Every response Remix makes is read whole (no page here streams: nothing is deferred) and turned
 * into a `Page`: its CSP names the SHA-256 of its inline scripts (app/http/csp.server.ts), a public
 * one gets `Cache-Control` a CDN honours, a strong `ETag` and `Surrogate-Key`; anything drawn for a
 * request with a session cookie is `private, no-store`. `sendPage` then answers `304` to a matching
 * `If-None-Match`, or the body, compressed as the client accepts.
 *
 * Pages for anonymous readers (GET, 200, public, no `Set-Cookie`) are kept in memory, bounded by
 * bytes (PAGE_CACHE_MB per process), keyed on the full URL and the database's content generation
 * (db/data-version.ts): SQLite triggers move it on every write to a table pages are drawn from, in
 * any process or command, so a kept page is served only while nothing it could show has changed.
 * server.js answers from here before Express sees the request.
 */
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import { LRUCache } from 'lru-cache';
import { env } from '../../config/env';
import { getDb } from '../../db/client';
import { getContentGeneration } from '../../db/data-version';
import { surrogateKeys } from './cache-tags.server';
import { allowMarkedScripts, contentSecurityPolicy } from './csp.server';
import { EDITOR_CACHE_CONTROL } from './editor-pages.server';
import type { RequestState } from './storage.server';

/** entry.server.tsx marks a page whose route allows framing (`handle.embeddable`); never sent. */
export const EMBEDDABLE_HEADER = 'x-tracker-embeddable';

export interface Page {
  status: number;
  statusText: string;
  /** Everything to send but the body's own (length, encoding), in order; Set-Cookie may repeat. */
  headers: [string, string][];
  body: Buffer;
  /** Strong validator of the identity body; compressed bodies append `-gz` / `-br`. */
  etag: string | null;
  /** Whether a frame-ancestors '*' page: X-Frame-Options must not be sent. */
  embeddable: boolean;
  compressible: boolean;
  gzip?: Buffer;
  br?: Buffer;
}

interface Kept {
  page: Page;
  generation: number;
}

let cache: LRUCache<string, Kept> | null | undefined;
function pageCache(): LRUCache<string, Kept> | null {
  if (cache !== undefined) return cache;
  const bytes = env().PAGE_CACHE_MB * 1024 * 1024;
  cache =
    bytes === 0
      ? null
      : new LRUCache<string, Kept>({
          maxSize: bytes,
          // One page may take up to an eighth: a huge sitemap never empties the cache for itself.
          maxEntrySize: Math.max(1, Math.floor(bytes / 8)),
          sizeCalculation: ({ page }) =>
            page.body.length + (page.gzip?.length ?? 0) + (page.br?.length ?? 0) + 64 * page.headers.length + 256,
        });
  return cache;
}

export function contentGeneration(): number {
  return getContentGeneration(getDb());
}

/** Figures for tests and benchmarks: pages kept and bytes used in this process. */
export function pageCacheStats(): { pages: number; bytes: number; maxBytes: number } {
  const c = pageCache();
  return { pages: c?.size ?? 0, bytes: c?.calculatedSize ?? 0, maxBytes: c?.maxSize ?? 0 };
}

/** Whether a request may be answered from (and its page kept in) the page cache. */
export function isAnonymousRead(method: string | undefined, cookie: string | undefined): boolean {
  return (method === 'GET' || method === 'HEAD') && !hasSessionCookie(cookie);
}

/** `__session` is the only cookie this site sets (app/auth/session.server.ts). */
export function hasSessionCookie(cookie: string | undefined): boolean {
  return cookie !== undefined && /(?:^|;)\s*__session=/.test(cookie);
}

/** The kept page for this URL, if it was rendered at the current content generation. */
export function cachedPage(url: string, generation = contentGeneration()): Page | undefined {
  const c = pageCache();
  const kept = c?.get(url);
  if (!kept) return undefined;
  if (kept.generation !== generation) {
    c!.delete(url);
    return undefined;
  }
  return kept.page;
}

const COMPRESSIBLE = /^(text\/|application\/(json|xml|atom\+xml|rss\+xml|ld\+json|javascript)|image\/svg)/;
const cacheControl = () => {
  const { CACHE_MAX_AGE, CACHE_S_MAXAGE, CACHE_STALE } = env();
  return `public, max-age=${CACHE_MAX_AGE}, s-maxage=${CACHE_S_MAXAGE}, stale-while-revalidate=${CACHE_STALE}`;
};

export interface MakePageInput {
  response: Response;
  body: Buffer;
  method: string;
  /** The request had no session cookie. */
  anonymous: boolean;
  state: RequestState;
  /** The mark this render put on its own inline scripts (server.js makes one per request). */
  scriptMark: string;
}

/** A Remix response, read whole, as it will be sent (and perhaps kept). */
export function makePage({ response, body: rendered, method, anonymous, state, scriptMark }: MakePageInput): Page {
  const headers: [string, string][] = [];
  let embeddable = false;
  let type = '';
  let routeCacheControl: string | null = null;
  let setsCookie = false;
  // A route serving someone else's bytes (a raw capture) sends a sandboxing policy: it is only ever
  // stricter than the site's, so it is sent instead, and the body is left byte for byte as it is.
  let sandboxPolicy: string | null = null;
  for (const [key, value] of response.headers.entries()) {
    const name = key.toLowerCase();
    if (name === EMBEDDABLE_HEADER) {
      embeddable = true;
      continue;
    }
    if (name === 'content-security-policy' && /(^|;)\s*sandbox\b/i.test(value)) sandboxPolicy = value;
    // Lengths and encodings are the sender's business; a policy is made here.
    if (
      name === 'content-length' ||
      name === 'content-encoding' ||
      name === 'transfer-encoding' ||
      name === 'etag' ||
      name === 'content-security-policy'
    )
      continue;
    if (name === 'content-type') type = value;
    if (name === 'cache-control') {
      routeCacheControl = value;
      continue;
    }
    if (name === 'set-cookie') setsCookie = true;
    headers.push([key, value]);
  }
  const status = response.status;
  let body = rendered;
  let scriptHashes: string[] = [];
  if (type.startsWith('text/html') && !sandboxPolicy) {
    const allowed = allowMarkedScripts(rendered.toString('utf8'), scriptMark);
    body = Buffer.from(allowed.html, 'utf8');
    scriptHashes = allowed.hashes;
  }
  headers.push(['Content-Security-Policy', sandboxPolicy ?? contentSecurityPolicy({ scriptHashes, embeddable })]);

  // Who may keep it: an editor's request (a session cookie), or anything setting a cookie, never
  // anywhere but the browser that asked; a reader's page as the route says, else for a while;
  // errors and redirects not at all, so a fixed page or a new entry at that address is seen at once.
  let policy: string;
  if (setsCookie) policy = EDITOR_CACHE_CONTROL;
  else if (!anonymous)
    policy = routeCacheControl && /\bimmutable\b/.test(routeCacheControl) ? routeCacheControl : EDITOR_CACHE_CONTROL;
  else if (routeCacheControl) policy = routeCacheControl;
  else if (status === 200) policy = cacheControl();
  else policy = 'no-store';
  headers.push(['Cache-Control', policy]);

  const isPublic = /\bpublic\b/.test(policy) && !/\b(private|no-store)\b/.test(policy);
  if (isPublic) {
    const keys = surrogateKeys(state.cacheTags);
    headers.push(['Surrogate-Key', keys], ['Cache-Tag', keys.split(' ').join(',')]);
  }
  const compressible = COMPRESSIBLE.test(type) && body.length >= 1024;
  if (compressible) headers.push(['Vary', 'Accept-Encoding']);
  const validated = status === 200 && (method === 'GET' || method === 'HEAD') && !policy.includes('no-store');
  const etag = validated ? `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 32)}"` : null;
  return { status, statusText: response.statusText, headers, body, etag, embeddable, compressible };
}

/** Keeps a reader's page if it may be kept; says whether it was. */
export function keepPage(url: string, page: Page, generation: number, input: MakePageInput): boolean {
  const c = pageCache();
  if (!c || input.method !== 'GET' || !input.anonymous || input.state.uncacheable || page.status !== 200) return false;
  const policy = page.headers.find(([k]) => k === 'Cache-Control')?.[1] ?? '';
  if (!/\bpublic\b/.test(policy) || /\b(private|no-store|no-cache)\b/.test(policy)) return false;
  const vary = page.headers.filter(([k]) => k.toLowerCase() === 'vary').map(([, v]) => v.toLowerCase());
  if (vary.some((v) => v.split(',').some((part) => part.trim() !== 'accept-encoding'))) return false;
  if (page.headers.some(([k]) => k.toLowerCase() === 'set-cookie')) return false;
  c.set(url, { page, generation });
  return true;
}

/** The coding to send, from Accept-Encoding: `br`, `gzip` or none (q=0 refuses a coding). */
export function chooseEncoding(accept: string | undefined): 'br' | 'gzip' | null {
  if (!accept) return null;
  const q = new Map<string, number>();
  for (const part of accept.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    q.set(name.trim(), qParam ? Number(qParam.slice(2)) || 0 : 1);
  }
  const wildcard = q.get('*');
  const accepts = (coding: string) => (q.get(coding) ?? wildcard ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return null;
}

function encoded(page: Page, coding: 'br' | 'gzip'): Buffer {
  if (coding === 'br') {
    page.br ??= zlib.brotliCompressSync(page.body, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: page.body.length },
    });
    return page.br;
  }
  page.gzip ??= zlib.gzipSync(page.body, { level: 6 });
  return page.gzip;
}

/** Whether `If-None-Match` names this page (weak comparison, as RFC 9110 asks for GET). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const core = etag.slice(1, -1);
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim().replace(/^W\//, '');
    return t === etag || t === `"${core}-gz"` || t === `"${core}-br"`;
  });
}

/**
 * Writes a page: `304` to a matching `If-None-Match`, else the body (none for HEAD), compressed
 * when the client accepts it; `cacheStatus` goes out as X-Page-Cache (hit, miss) for operators.
 */
export function sendPage(req: IncomingMessage, res: ServerResponse, page: Page, cacheStatus?: 'hit' | 'miss'): void {
  if (page.embeddable) res.removeHeader('X-Frame-Options');
  for (const [key, value] of page.headers) {
    if (key.toLowerCase() === 'set-cookie') res.appendHeader('Set-Cookie', value);
    else res.setHeader(key, value);
  }
  if (cacheStatus) res.setHeader('X-Page-Cache', cacheStatus);
  const coding = page.compressible ? chooseEncoding(req.headers['accept-encoding']) : null;
  const etag =
    page.etag && (coding === null ? page.etag : `"${page.etag.slice(1, -1)}-${coding === 'br' ? 'br' : 'gz'}"`);
  if (etag) res.setHeader('ETag', etag);
  if (page.etag && matches(req.headers['if-none-match'], page.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const body = coding ? encoded(page, coding) : page.body;
  res.statusCode = page.status;
  if (page.statusText) res.statusMessage = page.statusText;
  if (coding) res.setHeader('Content-Encoding', coding);
  // No body for 204/304, and none is sent for HEAD; the length is the one a GET would get.
  if (page.status !== 204 && page.status !== 304) res.setHeader('Content-Length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}
