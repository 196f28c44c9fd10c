/**
 * The Content-Security-Policy. Inline scripts (Remix's hydration data and module loader, scroll
 * restoration) are allowed by the SHA-256 of their text, computed from the page as rendered, so a
 * page and its header are made, cached and served together: a cached page never replays one
 * reader's nonce to another. It stays as strict as a nonce: only scripts that carried this
 * render's random mark are hashed, and the mark is taken off before the page is sent or kept.
 * Every other response (static files, refusals) allows no inline script at all.
 */
import crypto from 'node:crypto';

/** `<script>` elements, with their attributes and text. */
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const RUNNABLE = new Set(['', 'module', 'text/javascript', 'application/javascript']);

export const scriptHash = (text: string) =>
  `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The page without its marks, and the CSP hashes of the inline scripts that carried one: only
 * scripts we rendered (app/components/nonce.tsx) are allowed, never one that reached the page some
 * other way (say, a stored text that escaped escaping), which keeps no mark and runs nowhere.
 */
export function allowMarkedScripts(html: string, mark: string): { html: string; hashes: string[] } {
  if (!mark) return { html, hashes: [] };
  const attribute = ` nonce="${mark}"`;
  const hashes = new Set<string>();
  const unmarked = html.replace(SCRIPT, (whole: string, attributes: string, text: string) => {
    if (!attributes.includes(attribute)) return whole;
    const rest = attributes.replace(attribute, '');
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(rest)?.[1]?.toLowerCase() ?? '';
    if (!/\bsrc\s*=/i.test(rest) && text.length > 0 && RUNNABLE.has(type)) hashes.add(scriptHash(text));
    return `<script${rest}>${text}</script>`;
  });
  return { html: unmarked, hashes: [...hashes] };
}

export interface PolicyOptions {
  /** From `allowMarkedScripts` of the page; none for responses that are not pages. */
  scriptHashes?: readonly string[];
  /** A page made to be framed by other sites (a route's `handle.embeddable`): the embed card. */
  embeddable?: boolean;
}

export function contentSecurityPolicy({ scriptHashes = [], embeddable = false }: PolicyOptions = {}): string {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scriptHashes].join(' '),
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "form-action 'self'",
    embeddable ? 'frame-ancestors *' : "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}
