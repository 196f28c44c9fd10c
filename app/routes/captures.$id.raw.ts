/**
 * /captures/:id/raw — a capture's body exactly as the publisher sent it (decompressed), served
 * as inert content: the sandbox CSP gives it an opaque origin (no scripts, no forms, no cookies
 * of ours, no requests anywhere, images only inline), nosniff keeps a browser from guessing a
 * more dangerous type, and only HTML and plain text open in the browser; everything else
 * downloads. Cookies are never read here, so what a reader and an editor get is the same.
 * Captures of any source are public, like the sources themselves (sources have no drafts).
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { decodeBody } from '~/capture/readable.server';
import { readCaptureRecord } from '~/capture/warc.server';
import { refOf } from '~/domain';
import { tagResponse } from '~/http/cache-tags.server';
import { getCapture } from '~/models/captures.server';

const INERT_CSP = "sandbox; default-src 'none'; img-src data:";

const notFound = () =>
  new Response('There is no such capture.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/** The publisher's media type, only if it is a plain `type/subtype` with at most a charset. */
function safeType(contentType: string | null): string {
  const match = /^\s*([a-z0-9][\w.+-]*\/[\w.+-]+)\s*(?:;\s*charset\s*=\s*"?([\w.:-]+)"?)?\s*(?:;.*)?$/i.exec(
    contentType ?? '',
  );
  if (!match) return 'application/octet-stream';
  return match[2] ? `${match[1].toLowerCase()}; charset=${match[2]}` : match[1].toLowerCase();
}

export async function loader({ params }: LoaderFunctionArgs) {
  if (!/^\d{1,12}$/.test(params.id ?? '')) return notFound();
  const capture = getCapture(Number(params.id));
  if (!capture || capture.outcome !== 'ok' || !capture.warcPath) return notFound();
  let record;
  try {
    record = await readCaptureRecord(capture.warcPath, capture.warcOffset ?? 0, capture.warcLength ?? 0);
  } catch {
    return new Response('This capture’s file is missing from the captures folder.', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  const encoding = record.headers.find(([name]) => name.toLowerCase() === 'content-encoding')?.[1];
  const body = decodeBody(record.payload, encoding);
  if (!body)
    return new Response('This capture’s body could not be decoded.', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  // A shared cache drops it with its source (deleted, say).
  tagResponse(refOf('sources', capture.sourceId));
  const type = safeType(capture.contentType);
  const inline = /^text\/(html|plain)(;|$)/.test(type);
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: {
      'Content-Type': type,
      'Content-Disposition': inline ? 'inline' : `attachment; filename="capture-${capture.id}"`,
      // Sent instead of the site's policy (page-cache.server.ts keeps a sandboxing one, and the body
      // byte for byte); server.js adds nosniff to every response.
      'Content-Security-Policy': INERT_CSP,
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Resource-Policy': 'same-origin',
      // A capture never changes once made.
      'Cache-Control': 'public, max-age=86400',
      'X-Capture-SHA256': capture.sha256 ?? '',
    },
  });
}
