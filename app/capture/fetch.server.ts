/**
 * The one way the site fetches an address someone typed (a source's URL): a security boundary.
 * An editor, or anyone who gets an editor to save a link, chooses the address, so without these
 * rules the server would fetch its own admin ports, the cloud's metadata service
 * (169.254.169.254) or the office network on their behalf (server-side request forgery).
 *
 * - Only `http:` and `https:`, no user name or password in the address.
 * - Only public unicast addresses, checked on the address actually connected to: a host name is
 *   resolved by our own `lookup` (given to the socket, so Node connects to exactly the address we
 *   checked, never a second answer from a DNS server that changes its mind), an address literal
 *   is checked before connecting, and the socket's remote address is checked again once connected.
 *   IPv4-mapped and the other IPv6 forms that embed an IPv4 address are refused with the rest.
 * - Redirects are followed by hand (at most 5), every hop checked the same way.
 * - One deadline for the whole fetch (waiting, redirects and body included), and a size limit
 *   enforced while the body streams: a declared or actual body over it is abandoned at once.
 * - At most CAPTURE_PER_HOST requests to one host at once (in this process), and a user agent
 *   naming the site, so a publisher can see who is asking and find us.
 * - CAPTURE_ALLOW_HOSTS (tests only) lets named `host:port` pairs through the address rule, as
 *   they are written in the URL: a name that merely resolves to an allowed address is not allowed.
 *
 * Failures come back as values with a sentence an editor understands, never as thrown errors.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { env } from '../../config/env';
import { refusalSentence, refusedAddress } from './addresses.server';
import { acquireHost } from './host-limit.server';

export { refusedAddress } from './addresses.server';
export { activeRequests } from './host-limit.server';

export type RefusalReason =
  | 'bad-url'
  | 'bad-scheme'
  | 'refused-address'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'dns'
  | 'network';

export interface FetchRedirect {
  url: string;
  status: number;
  location: string;
}

export interface FetchedResponse {
  ok: true;
  requestedUrl: string;
  finalUrl: string;
  status: number;
  statusText: string;
  httpVersion: string;
  /** Lower-cased names; repeated headers joined with ", " (set-cookie with "\n"). */
  headers: Record<string, string>;
  /** As received, in order, for the WARC record. */
  rawHeaders: [string, string][];
  /** What was sent on the last hop, for the WARC request record. */
  requestHeaders: [string, string][];
  method: string;
  /** The body as received: still content-encoded (gzip, br) if the server compressed it. */
  body: Buffer;
  redirects: FetchRedirect[];
  remoteAddress: string;
  startedAt: Date;
  elapsedMs: number;
}

export interface FetchRefusal {
  ok: false;
  reason: RefusalReason;
  /** A sentence for the editor: "The address is private: 10.0.0.5 (intranet.example)." */
  message: string;
  requestedUrl: string;
  /** The hop that failed. */
  url: string;
  redirects: FetchRedirect[];
}

export type FetchResult = FetchedResponse | FetchRefusal;

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface SafeFetchOptions {
  method?: 'GET' | 'HEAD' | 'POST';
  headers?: Record<string, string>;
  body?: string | Buffer;
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
  /** Resolves a host name; tests give one that answers what they need (no DNS here). */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
  /** Defaults to CAPTURE_ALLOW_HOSTS. */
  allowHosts?: readonly string[];
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_REDIRECTS = 5;

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} seconds`;

/** `host:port` as CAPTURE_ALLOW_HOSTS writes it, with the scheme's port filled in. */
function hostPort(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname.toLowerCase()}:${port}`;
}

export function userAgent(): string {
  const { SITE_URL, PUBLISHER_NAME } = env();
  // Header values must be plain ASCII; a publisher name with accents keeps its letters.
  const name = PUBLISHER_NAME.normalize('NFKD').replace(/[^\x20-\x7e]/g, '') || 'Claims tracker';
  const contact = SITE_URL ? `+${SITE_URL}/about` : '+no public address configured';
  return `Mozilla/5.0 (compatible; ${name} source capture; ${contact})`;
}

// ---------------------------------------------------------------------------------------------

const systemResolve = async (hostname: string): Promise<ResolvedAddress[]> =>
  (await dns.promises.lookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

class Refused extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
  }
}

interface Hop {
  status: number;
  statusText: string;
  httpVersion: string;
  rawHeaders: [string, string][];
  headers: Record<string, string>;
  requestHeaders: [string, string][];
  body: Buffer;
  remoteAddress: string;
}

function pairs(raw: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i], raw[i + 1]]);
  return out;
}

function headerRecord(raw: [string, string][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of raw) {
    const key = name.toLowerCase();
    out[key] = key in out ? `${out[key]}${key === 'set-cookie' ? '\n' : ', '}${value}` : value;
  }
  return out;
}

/** One request to one URL, no redirects followed. Throws Refused. */
async function requestOnce(
  url: URL,
  options: Required<Pick<SafeFetchOptions, 'maxBytes'>> & SafeFetchOptions,
  deadline: number,
  allowed: boolean,
): Promise<Hop> {
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const resolve = options.resolve ?? systemResolve;
  const check = (address: string) => {
    if (allowed) return;
    const why = refusedAddress(address);
    if (why) throw new Refused('refused-address', refusalSentence(address, why, hostname));
  };
  // An address literal never reaches `lookup`: Node connects to it directly.
  if (net.isIP(hostname)) check(hostname);

  const lookup: net.LookupFunction = (name, lookupOptions, callback) => {
    resolve(name).then(
      (addresses) => {
        try {
          if (addresses.length === 0) throw new Refused('dns', `The host name ${name} has no address.`);
          // Every answer must be public: otherwise a name could offer a public and a private one.
          for (const a of addresses) check(a.address);
        } catch (error) {
          callback(error as NodeJS.ErrnoException, '', 0);
          return;
        }
        const wanted = lookupOptions.family === 6 ? 6 : lookupOptions.family === 4 ? 4 : 0;
        const usable = wanted ? addresses.filter((a) => a.family === wanted) : addresses;
        if (lookupOptions.all) callback(null, usable as unknown as string, 0);
        else callback(null, usable[0]?.address ?? '', usable[0]?.family ?? 4);
      },
      (error: NodeJS.ErrnoException) => {
        const wrapped = new Refused('dns', `The host name ${name} could not be found.`);
        (wrapped as unknown as { cause: unknown }).cause = error;
        callback(wrapped as unknown as NodeJS.ErrnoException, '', 0);
      },
    );
  };

  const requestHeaders: Record<string, string> = {
    'user-agent': userAgent(),
    accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8,*/*;q=0.5',
    'accept-encoding': 'gzip, deflate, br',
    ...Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
  };
  if (options.body !== undefined) requestHeaders['content-length'] = String(Buffer.byteLength(options.body));

  return new Promise<Hop>((resolvePromise, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    let settled = false;
    const fail = (error: Refused) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(error);
    };
    const req = transport.request(url, {
      method: options.method ?? 'GET',
      headers: requestHeaders,
      lookup,
      // A fresh connection for every request: a pooled socket would skip the address check.
      agent: false,
      // Names for certificate checks come from the URL, as usual.
      servername: net.isIP(hostname) ? undefined : hostname,
    });
    const timer = setTimeout(
      () =>
        fail(new Refused('timeout', `The page took longer than ${seconds(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)}.`)),
      Math.max(0, deadline - Date.now()),
    );
    req.on('socket', (socket) => {
      socket.once('connect', () => {
        try {
          if (socket.remoteAddress) check(socket.remoteAddress);
        } catch (error) {
          fail(error as Refused);
        }
      });
    });
    req.on('error', (error: Error) => {
      if (error instanceof Refused) return fail(error);
      const code = (error as NodeJS.ErrnoException).code;
      const what =
        code === 'ECONNREFUSED'
          ? 'refused the connection'
          : code === 'ECONNRESET'
            ? 'closed the connection'
            : code?.startsWith('ERR_TLS') || code?.includes('CERT')
              ? `has a certificate problem (${code})`
              : `could not be reached (${code ?? error.message})`;
      fail(new Refused('network', `The server at ${url.host} ${what}.`));
    });
    req.on('response', (res) => {
      const rawHeaders = pairs(res.rawHeaders);
      const declared = Number(res.headers['content-length']);
      const tooLarge = () =>
        new Refused('too-large', `The page is larger than ${megabytes(options.maxBytes)}, the most a capture keeps.`);
      if (Number.isFinite(declared) && declared > options.maxBytes) return fail(tooLarge());
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) return fail(tooLarge());
        chunks.push(chunk);
      });
      res.on('error', () => fail(new Refused('network', `The server at ${url.host} broke off the page.`)));
      res.on('aborted', () => fail(new Refused('network', `The server at ${url.host} broke off the page.`)));
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolvePromise({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          httpVersion: res.httpVersion,
          rawHeaders,
          headers: headerRecord(rawHeaders),
          requestHeaders: pairs(req.getRawHeaderNames().flatMap((name) => [name, String(req.getHeader(name))])),
          body: Buffer.concat(chunks),
          remoteAddress: res.socket?.remoteAddress ?? '',
        });
      });
    });
    req.end(options.body);
  });
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Fetches `address` under the rules above. Never throws. */
export async function safeFetch(address: string, options: SafeFetchOptions = {}): Promise<FetchResult> {
  const startedAt = new Date();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const settings = { ...options, timeoutMs, maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES };
  const allowHosts = new Set((options.allowHosts ?? env().CAPTURE_ALLOW_HOSTS).map((h) => h.toLowerCase()));
  const deadline = startedAt.getTime() + timeoutMs;
  const redirects: FetchRedirect[] = [];
  let current = address;
  let method = settings.method ?? 'GET';
  let body = settings.body;
  const refusal = (reason: RefusalReason, message: string): FetchRefusal => ({
    ok: false,
    reason,
    message,
    requestedUrl: address,
    url: current,
    redirects,
  });

  for (;;) {
    let url: URL;
    try {
      url = new URL(current);
    } catch {
      return refusal('bad-url', `“${current}” is not a web address.`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return refusal(
        'bad-scheme',
        `Only http and https addresses can be captured, not ${url.protocol.replace(/:$/, '')}.`,
      );
    if (url.username || url.password)
      return refusal('bad-url', 'An address with a user name or password in it is not captured.');
    url.hash = '';

    const release = await acquireHost(url.hostname.toLowerCase(), deadline);
    if (!release) return refusal('timeout', `The page took longer than ${seconds(timeoutMs)}.`);
    let hop: Hop;
    try {
      hop = await requestOnce(url, { ...settings, method, body }, deadline, allowHosts.has(hostPort(url)));
    } catch (error) {
      if (error instanceof Refused) return refusal(error.reason, error.message);
      return refusal('network', `The server at ${url.host} could not be reached.`);
    } finally {
      release();
    }

    const location = hop.headers.location;
    if (REDIRECTS.has(hop.status) && location) {
      if (redirects.length >= maxRedirects)
        return refusal('too-many-redirects', `The address redirected more than ${maxRedirects} times.`);
      let next: string;
      try {
        next = new URL(location, url).href;
      } catch {
        return refusal('bad-url', `The page redirected to “${location}”, which is not a web address.`);
      }
      redirects.push({ url: url.href, status: hop.status, location: next });
      current = next;
      // As browsers do: 303 (and 301/302 after a POST) become a GET without a body.
      if (hop.status === 303 || ((hop.status === 301 || hop.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
      continue;
    }

    return {
      ok: true,
      requestedUrl: address,
      finalUrl: url.href,
      status: hop.status,
      statusText: hop.statusText,
      httpVersion: hop.httpVersion,
      headers: hop.headers,
      rawHeaders: hop.rawHeaders,
      requestHeaders: hop.requestHeaders,
      method,
      body: hop.body,
      redirects,
      remoteAddress: hop.remoteAddress,
      startedAt,
      elapsedMs: Date.now() - startedAt.getTime(),
    };
  }
}
