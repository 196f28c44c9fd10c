/**
 * A source's address reduced to what identifies the page, so that one page cited twice is found
 * however its address was copied (newsroom trial P1): `sources.url_key`, written by the models on
 * every save, compared when a source is created or edited. Isomorphic: the editor's form may use
 * it to warn before a round trip.
 *
 * Two addresses have the same key when they differ only in:
 * - the scheme, `http:` or `https:` (the key has none), and the case of scheme and host;
 * - a leading `www.` on the host, a trailing dot on it, and the ports 80 and 443;
 * - a user name or password in the address;
 * - the fragment (`#section`), unless it is a `#!` route, which is the page itself on old
 *   single-page sites;
 * - trailing slashes of the path (`/a/` is `/a`, and the bare host has no `/`);
 * - tracking parameters of the query (TRACKING_PARAMETERS and TRACKING_PREFIXES), an empty query,
 *   and the order of the remaining parameters (sorted by name, then value; `a` and `a=` are one);
 * - percent-encodings of characters that need none (`%7E` is `~`, `%41` is `A`), the case of the
 *   hex digits of those that do (`%c3%a9` is `%C3%A9`), and `+` or `%20` for a space in the query.
 *
 * The path keeps its case (servers tell `/Report` from `/report`), and a parameter not on the
 * list is kept: a key errs towards two pages being different, because a false "already a
 * source" blocks an editor while a missed duplicate can still be merged later.
 */

/** Query parameters that say how a reader arrived, never which page they read (compared in lower case). */
export const TRACKING_PARAMETERS: readonly string[] = [
  // Ad and social click identifiers
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'igshid',
  'li_fat_id',
  'rb_clickid',
  // Mailing lists and marketing automation (Mailchimp, HubSpot, Marketo, Vero, Omeda)
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  'hsctatracking',
  'mkt_tok',
  'vero_id',
  'vero_conv',
  'oly_anon_id',
  'oly_enc_id',
  // Analytics and publishers' campaign codes
  '_ga',
  '_gl',
  'cmpid',
  'cmp',
  'ncid',
  'icid',
  'ocid',
  's_cid',
  'wt.mc_id',
  'wt_mc',
  'xtor',
  'at_medium',
  'at_campaign',
  'sr_share',
  'spm',
  // Twitter's embeds and share links
  'ref_src',
  'ref_url',
];

/** Prefixes of tracking parameters: `utm_source`, `utm_medium`, `utm_campaign`, `utm_content`... */
export const TRACKING_PREFIXES: readonly string[] = ['utm_', 'pk_', 'mtm_'];

const TRACKING = new Set(TRACKING_PARAMETERS);

export function isTrackingParameter(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/** The longest address a key is made of; anything longer is not a page address anyone cites. */
const MAX_URL_LENGTH = 4000;

/**
 * `%XX` escapes of unreserved characters (RFC 3986 §2.3: letters, digits, `-._~`) decoded, the
 * others' hex digits upper-cased. Every other character is left exactly as it is.
 */
function normaliseEscapes(text: string): string {
  return text.replace(/%([0-9a-fA-F]{2})/g, (_escape, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

function normaliseQuery(search: string): string {
  const pairs: [string, string][] = [];
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const rawName = equals === -1 ? part : part.slice(0, equals);
    const rawValue = equals === -1 ? '' : part.slice(equals + 1);
    const name = normaliseEscapes(rawName.replace(/\+/g, '%20'));
    if (name === '' || isTrackingParameter(decodeSafely(name))) continue;
    pairs.push([name, normaliseEscapes(rawValue.replace(/\+/g, '%20'))]);
  }
  pairs.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return pairs.map(([name, value]) => (value === '' ? name : `${name}=${value}`)).join('&');
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The key of an address: `host[:port]/path[?query][#!route]`, without scheme, or null when the
 * text is not an absolute http(s) address (a description, a relative path, `mailto:`...).
 *
 * `urlKey('https://www.FoxBusiness.com/technology/x/?utm_source=tw#top')` is
 * `foxbusiness.com/technology/x`.
 */
export function urlKey(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const text = input.trim();
  if (text === '' || text.length > MAX_URL_LENGTH || !/^https?:\/\//i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^www\./, '');
  if (host === '') return null;
  const port = url.port === '' || url.port === '80' || url.port === '443' ? '' : `:${url.port}`;
  const path = normaliseEscapes(url.pathname).replace(/\/+$/, '');
  const query = normaliseQuery(url.search);
  const route = url.hash.startsWith('#!') ? normaliseEscapes(url.hash).replace(/\/+$/, '') : '';
  return `${host}${port}${path}${query ? `?${query}` : ''}${route}`;
}
