/**
 * The readable text of a capture, the words a quote is looked for in: HTML through Mozilla's
 * Readability (the article without menus, footers and scripts) over linkedom's server-side DOM,
 * falling back to the whole body's text when Readability finds no article; plain text as it is.
 * PDF text is not extracted: that needs a PDF parser (fonts, encodings, compressed streams) and
 * no such package is installed, so a PDF capture keeps its bytes and says so in `note`.
 *
 * Paragraphs are kept as blank-line-separated blocks (Readability's own textContent runs them
 * together, which would glue the last word of one paragraph to the first of the next).
 */
import zlib from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export interface ReadableText {
  title: string | null;
  text: string | null;
  /** Why there is no text, when there is none. */
  note: string | null;
}

/** Decoded text is capped: a 10 MB gzip body can expand a thousandfold (a "zip bomb"). */
const MAX_DECODED_BYTES = 50 * 1024 * 1024;

/** The body without its Content-Encoding (gzip, deflate, br), or null if it does not decode. */
export function decodeBody(body: Buffer, contentEncoding: string | undefined): Buffer | null {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  const options = { maxOutputLength: MAX_DECODED_BYTES };
  try {
    if (encoding === '' || encoding === 'identity') return body;
    if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.gunzipSync(body, options);
    if (encoding === 'deflate') {
      try {
        return zlib.inflateSync(body, options);
      } catch {
        return zlib.inflateRawSync(body, options);
      }
    }
    if (encoding === 'br') return zlib.brotliDecompressSync(body, options);
  } catch {
    return null;
  }
  return null;
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

function charsetOf(contentType: string | undefined, bytes: Buffer, isHtml: boolean): string {
  const declared = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  if (declared) return declared;
  if (isHtml) {
    const head = bytes.subarray(0, 2048).toString('latin1');
    const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
    if (meta) return meta;
  }
  return 'utf-8';
}

/**
 * 0x80-0x9F in windows-1252, which the WHATWG Encoding standard uses for every "latin1" label.
 * Node 20's TextDecoder reads those labels as ISO-8859-1 (control characters there), so typographic
 * quotes and dashes, exactly what a quote check cares about, would be lost.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const LATIN1_LABELS = new Set([
  'windows-1252',
  'cp1252',
  'x-cp1252',
  'latin1',
  'iso-8859-1',
  'iso8859-1',
  'l1',
  'ascii',
  'us-ascii',
]);

function decodeText(bytes: Buffer, charset: string): string {
  if (LATIN1_LABELS.has(charset.toLowerCase())) {
    let out = '';
    for (const byte of bytes)
      out += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
    return out;
  }
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** Runs of spaces within a line collapse; more than one blank line collapses to one. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const BLOCK_END =
  /<\/(p|div|h[1-6]|li|blockquote|section|article|header|footer|aside|tr|pre|figure|figcaption|dd|dt|table|ul|ol)\s*>/gi;

/** The text of an HTML fragment with its block elements on their own lines. */
function blockText(html: string): string {
  const spaced = html.replace(BLOCK_END, '$&\n\n').replace(/<br\s*\/?>/gi, '\n');
  const { document } = parseHTML(`<!doctype html><html><body>${spaced}</body></html>`);
  for (const element of document.querySelectorAll('script, style, noscript, template')) element.remove();
  return tidy(document.body?.textContent ?? '');
}

export function readableFromHtml(html: string): ReadableText {
  const { document } = parseHTML(html);
  const pageTitle = tidy(document.querySelector('title')?.textContent ?? '') || null;
  let article: ReturnType<Readability['parse']> = null;
  try {
    // Readability changes the document it reads; nothing else uses this one.
    article = new Readability(document as unknown as Document).parse();
  } catch {
    article = null;
  }
  const fromArticle = article?.content ? blockText(article.content) : '';
  if (fromArticle.length > 0) return { title: tidy(article?.title ?? '') || pageTitle, text: fromArticle, note: null };
  // No article found: the whole body, minus what is never read.
  const { document: whole } = parseHTML(html);
  const body = whole.querySelector('body');
  const text = body ? blockText(body.innerHTML) : '';
  return { title: pageTitle, text: text || null, note: text ? null : 'The page has no text.' };
}

/** The readable text of a response body as received (content-encoded or not). */
export function readableText(body: Buffer, contentType: string | undefined, contentEncoding?: string): ReadableText {
  const type = mediaType(contentType);
  const bytes = decodeBody(body, contentEncoding);
  if (!bytes) return { title: null, text: null, note: `The body could not be decoded (${contentEncoding}).` };
  if (
    type === 'text/html' ||
    type === 'application/xhtml+xml' ||
    (type === '' && /^\s*</.test(bytes.toString('latin1', 0, 512)))
  ) {
    return readableFromHtml(decodeText(bytes, charsetOf(contentType, bytes, true)));
  }
  if (type === 'text/plain' || type === 'text/markdown') {
    const text = tidy(decodeText(bytes, charsetOf(contentType, bytes, false)));
    return { title: null, text: text || null, note: text ? null : 'The page has no text.' };
  }
  if (type === 'application/pdf' || bytes.subarray(0, 5).toString('latin1') === '%PDF-')
    return { title: null, text: null, note: 'PDF: text not extracted.' };
  return { title: null, text: null, note: `No text is read from ${type || 'content of unknown type'}.` };
}
