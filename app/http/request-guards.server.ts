/**
 * What every request goes through before Remix sees it (server.js calls these): an address we can
 * read, a Host we can trust for absolute URLs, and a body of a form's type and size, read within a
 * time limit and cleaned of control characters the same way for every field of every form. Each
 * refusal is a 4xx with a sentence a person understands; none of them is an exception.
 */
import type { IncomingMessage } from 'node:http';
import os from 'node:os';

export interface Refusal {
  status: 400 | 404 | 408 | 413 | 415;
  message: string;
}

/** Bodies larger than this are refused before they are read (413). */
export const FORM_MAX_BYTES = 1024 * 1024;
/** Small forms (sign-in, a reader's tip) get far less. */
const SMALL_FORMS: Record<string, number> = { '/login': 16 * 1024, '/suggest': 64 * 1024 };
/** How much of a too-large body is read (and dropped) so the client can read the 413. */
const DRAIN_MAX_BYTES = 8 * 1024 * 1024;
/** A body must arrive within this long, or the connection is dropped (408). */
export const BODY_TIMEOUT_MS = 10_000;

export function bodyLimitFor(path: string): number {
  return SMALL_FORMS[path] ?? FORM_MAX_BYTES;
}

// C0 controls and DEL, except tab, line feed and carriage return, which forms legitimately carry.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function stripControls(value: string): string {
  return value.replace(CONTROL, '');
}

/**
 * A path no page of ours can have: undecodable percent-escapes, a backslash (browsers and the
 * router read `/\` as `//`, another host), or control characters.
 */
export function refusePath(rawPath: string): Refusal | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { status: 400, message: 'Bad request: the address could not be read.' };
  }
  // eslint-disable-next-line no-control-regex
  if (decoded.includes('\\') || /[\u0000-\u001F\u007F]/.test(decoded))
    return { status: 404, message: 'There is no page at this address.' };
  return null;
}

const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** Whether a Host header is a host name or address with an optional port, and nothing else. */
export function isValidHost(host: string | undefined): host is string {
  return typeof host === 'string' && host.length <= 255 && HOST.test(host);
}

/**
 * The hosts absolute URLs may name when SITE_URL is not set: the ones this server answers on
 * (localhost, its loopback and interface addresses and its host name, at its port) plus any in
 * ALLOWED_HOSTS. A request to any other Host is still served, but its feeds, sitemaps and API
 * links name the first allowed host, so a cache in front never keeps links to a host an attacker
 * chose.
 */
export function allowedHosts(port: number, extra: string[] = []): string[] {
  const names = new Set<string>(['localhost', '127.0.0.1', '[::1]', os.hostname().toLowerCase()]);
  for (const list of Object.values(os.networkInterfaces()))
    for (const address of list ?? []) names.add(address.family === 'IPv6' ? `[${address.address}]` : address.address);
  const withPort = [...names].map((name) => `${name}:${port}`);
  if (port === 80 || port === 443) withPort.push(...names);
  return [...extra.map((h) => h.toLowerCase()), ...withPort];
}

/** The host to build the request's URL with: the one asked for if allowed, else the first allowed. */
export function canonicalHost(requested: string | undefined, allowed: string[]): string {
  const host = requested?.toLowerCase();
  return host && allowed.includes(host) ? host : allowed[0];
}

const FORM_TYPE = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

export type BodyResult = { ok: true; body: string; contentType: string } | { ok: false; refusal: Refusal };

/**
 * Reads a request's body as a form: 415 for any other type, 413 past `maxBytes` (declared or
 * counted), 408 if it does not arrive within BODY_TIMEOUT_MS, 400 for a file where text belongs
 * (no form of ours takes files) or a body that cannot be parsed. The result is re-encoded as
 * urlencoded text with control characters removed from every name and value.
 */
export async function readFormRequest(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const type = req.headers['content-type'] ?? '';
  const declared = Number(req.headers['content-length'] ?? '');
  const hasBody = req.headers['transfer-encoding'] !== undefined || (Number.isFinite(declared) && declared > 0);
  if (!hasBody) return { ok: true, body: '', contentType: 'application/x-www-form-urlencoded' };
  if (!FORM_TYPE.test(type))
    return {
      ok: false,
      refusal: {
        status: 415,
        message:
          'This address only accepts form submissions (application/x-www-form-urlencoded or multipart/form-data).',
      },
    };
  const tooLarge: BodyResult = {
    ok: false,
    refusal: {
      status: 413,
      message: `This form is too large: at most ${Math.round(maxBytes / 1024)} KB can be sent at once. Nothing was saved.`,
    },
  };
  // Past the limit the rest of a body is still read and dropped, up to DRAIN_MAX_BYTES, so a client
  // still sending reads our 413 rather than a broken pipe; a larger one is cut off at once.
  const declaredTooLarge = Number.isFinite(declared) && declared > maxBytes;
  if (declaredTooLarge && declared > DRAIN_MAX_BYTES) return tooLarge;

  const raw = await new Promise<Buffer | 'too-large' | 'timeout' | 'aborted'>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = declaredTooLarge;
    const timer = setTimeout(() => finish('timeout'), BODY_TIMEOUT_MS);
    function finish(result: Buffer | 'too-large' | 'timeout' | 'aborted') {
      clearTimeout(timer);
      req.removeAllListeners('data');
      resolve(result);
    }
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        over = true;
        chunks.length = 0;
      }
      if (size > DRAIN_MAX_BYTES) finish('too-large');
      else if (!over) chunks.push(chunk);
    });
    req.on('end', () => finish(over ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', () => finish('aborted'));
    req.on('aborted', () => finish('aborted'));
  });
  if (raw === 'too-large') return tooLarge;
  if (raw === 'timeout')
    return {
      ok: false,
      refusal: { status: 408, message: 'The form took too long to arrive and was dropped. Please send it again.' },
    };
  if (raw === 'aborted') return { ok: false, refusal: { status: 400, message: 'The form did not arrive whole.' } };

  let form: FormData;
  try {
    form = await new Response(new Uint8Array(raw), { headers: { 'Content-Type': type } }).formData();
  } catch {
    return { ok: false, refusal: { status: 400, message: 'Bad request: the form could not be read.' } };
  }
  const clean = new URLSearchParams();
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string')
      return {
        ok: false,
        refusal: {
          status: 400,
          message: `This form takes text only, but a file was sent in “${stripControls(name).slice(0, 60)}”. Nothing was saved.`,
        },
      };
    clean.append(stripControls(name), stripControls(value));
  }
  return { ok: true, body: clean.toString(), contentType: 'application/x-www-form-urlencoded;charset=UTF-8' };
}
