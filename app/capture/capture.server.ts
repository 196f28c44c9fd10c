/**
 * Captures one source: fetch its address through the safe fetcher, keep the response as a WARC
 * record (bytes as received, request beside it), read its text, index it in `source_captures`,
 * ask Save Page Now for a public copy when configured, and re-check the quotes that cite it.
 * A failure (refused address, timeout, 404, too large) is recorded as a failed capture with a
 * sentence saying what happened, and reported back so the queue can retry it later.
 */
import { createHash } from 'node:crypto';
import { refOf, type CaptureJobReason } from '~/domain';
import { purgeKeys } from '~/http/cache-tags.server';
import { purgeSharedCache } from '~/http/purge.server';
import {
  claimIdsCiting,
  insertCapture,
  latestGoodCapture,
  recordArchiveUrl,
  sourceForCapture,
  type SourceCapture,
} from '~/models/captures.server';
import { recheckQuotes } from '~/models/quote-checks.server';
import { safeFetch, type FetchRefusal, type SafeFetchOptions } from './fetch.server';
import { readableText } from './readable.server';
import { savePageNow, savePageNowConfigured } from './save-page-now.server';
import { writeCaptureWarc } from './warc.server';

export interface CaptureOutcome {
  captureId: number | null;
  capture: SourceCapture | null;
  /** A sentence for the editor, or null when the capture was kept. */
  error: string | null;
  /** Retrying cannot help (the address is refused, or is no web address). */
  permanent: boolean;
  /** Milliseconds spent, fetch to index. */
  elapsedMs: number;
}

const PERMANENT: ReadonlySet<FetchRefusal['reason']> = new Set(['bad-url', 'bad-scheme', 'refused-address']);

/** What an HTTP error status means, in words. */
export function statusSentence(status: number): string {
  if (status === 404) return 'Not found (404).';
  if (status === 410) return 'Gone: the publisher removed the page (410).';
  if (status === 401 || status === 403) return `The server refused access (${status}).`;
  if (status === 429) return 'The server asked us to slow down (429).';
  if (status >= 500) return `The server had an error (${status}).`;
  if (status >= 300 && status < 400) return `The server redirected without saying where (${status}).`;
  return `The server answered ${status}.`;
}

export async function captureSource(
  sourceId: number,
  reason: CaptureJobReason,
  fetchOptions: SafeFetchOptions = {},
): Promise<CaptureOutcome> {
  const started = Date.now();
  const source = sourceForCapture(sourceId);
  const fail = (requestedUrl: string, error: string, permanent: boolean, extra: Partial<SourceCapture> = {}) => {
    const row = {
      sourceId,
      requestedUrl,
      finalUrl: null,
      httpStatus: null,
      contentType: null,
      fetchedAt: new Date().toISOString(),
      sha256: null,
      byteLength: null,
      warcPath: null,
      warcOffset: null,
      warcLength: null,
      title: null,
      text: null,
      archiveUrl: null,
      outcome: 'failed' as const,
      error,
      ...extra,
    };
    const captureId = source ? insertCapture(row) : null;
    return {
      captureId,
      capture: captureId ? { ...row, id: captureId } : null,
      error,
      permanent,
      elapsedMs: Date.now() - started,
    };
  };
  if (!source) return fail('', 'The source no longer exists.', true);
  if (!source.url) return fail('', 'The source has no address to capture.', true);
  void reason;

  const response = await safeFetch(source.url, fetchOptions);
  if (!response.ok)
    return fail(source.url, response.message, PERMANENT.has(response.reason), { finalUrl: response.url });
  const contentType = response.headers['content-type'] ?? null;
  if (response.status < 200 || response.status >= 300)
    return fail(source.url, statusSentence(response.status), false, {
      finalUrl: response.finalUrl,
      httpStatus: response.status,
      contentType,
      fetchedAt: response.startedAt.toISOString(),
    });

  const warc = await writeCaptureWarc(sourceId, response);
  const readable = readableText(response.body, contentType ?? undefined, response.headers['content-encoding']);
  const row = {
    sourceId,
    requestedUrl: source.url,
    finalUrl: response.finalUrl,
    httpStatus: response.status,
    contentType,
    fetchedAt: response.startedAt.toISOString(),
    sha256: createHash('sha256').update(response.body).digest('hex'),
    byteLength: response.body.length,
    warcPath: warc.warcPath,
    warcOffset: warc.offset,
    warcLength: warc.length,
    title: readable.title,
    text: readable.text,
    archiveUrl: null as string | null,
    outcome: 'ok' as const,
    // A kept capture without text says why (a PDF, an image), so nobody waits for a quote check.
    error: readable.text === null ? readable.note : null,
  };
  const captureId = insertCapture(row);

  if (savePageNowConfigured()) {
    const archived = await savePageNow(response.finalUrl);
    if (archived.ok) {
      recordArchiveUrl(captureId, sourceId, archived.archiveUrl);
      row.archiveUrl = archived.archiveUrl;
    } else console.warn(`Save Page Now for source ${sourceId}: ${archived.message}`);
  }
  recheckQuotes(sourceId);
  // No request made this change, so server.js cannot purge for it: the source's page and the
  // claims citing it may now say what the capture found (the page cache follows by itself).
  void purgeSharedCache(
    purgeKeys([refOf('sources', sourceId), ...claimIdsCiting(sourceId).map((id) => refOf('claims', id))]),
  );
  return {
    captureId,
    capture: { ...row, id: captureId },
    error: null,
    permanent: false,
    elapsedMs: Date.now() - started,
  };
}

/** For `npm run sources:capture` and tests: whether a source has a kept capture yet. */
export function hasGoodCapture(sourceId: number): boolean {
  return latestGoodCapture(sourceId) !== null;
}
