/**
 * Link rot (issue 14): re-request each source's address, politely, and keep what answered.
 *
 * - Every request goes through `safeFetch`, so the address rules of capture hold here too (only
 *   public addresses, checked on every redirect hop; a redirect to a private one is refused and
 *   the check says so).
 * - Conditional: the validators the server gave at the last check (`ETag`, `Last-Modified`) are
 *   sent back, so an unchanged page costs the publisher a `304` and no body.
 * - Rate-limited per host (`SOURCE_CHECK_HOST_INTERVAL_MS`, default one request every 5 s to any
 *   one host) and concurrent across hosts (`SOURCE_CHECK_HOSTS_AT_ONCE`, default 4): see host-lanes.
 * - A page whose readable text changed (not only its bytes: see sameWordsAsCaptured) is captured again (`captureSource(id, 'check')`), which re-checks
 *   its quotes; that request waits its own turn in the host's lane. A moved page is not: the new
 *   address may be a home page standing in for the article, and the capture readers are shown
 *   must stay the article's.
 */
import crypto from 'node:crypto';
import { env } from '../../config/env';
import { refOf } from '~/domain/kinds';
import type { SourceCheckOutcome } from '~/domain/source-checks';
import { purgeKeys } from '~/http/cache-tags.server';
import { purgeSharedCache } from '~/http/purge.server';
import {
  checkBaseline,
  recordSourceCheck,
  sourcesToCheck,
  sourceStatus,
  sourceToCheck,
  type CheckTarget,
} from '~/models/source-checks.server';
import { classifyCheck, conditionalHeaders, type FetchedAnswer } from './check-outcome';
import { captureSource } from './capture.server';
import { latestGoodCapture } from '~/models/captures.server';
import { safeFetch, type FetchedResponse } from './fetch.server';
import { readableText } from './readable.server';
import { laneHost, runPerHost, type Lane, type LaneReport } from './host-lanes';

export interface SourceCheckResult {
  sourceId: number;
  slug: string;
  url: string;
  checkId: number;
  outcome: SourceCheckOutcome;
  httpStatus: number | null;
  location: string | null;
  error: string | null;
  /** A change was found and the page captured again (its quotes re-checked). */
  recaptured: boolean;
  /** Why the recapture failed, when it did. */
  recaptureError: string | null;
}

export interface CheckOptions {
  /** The host's lane when run by checkAllSources; alone, a check waits for nobody. */
  lane?: Lane;
  timeoutMs?: number;
}

const alone: Lane = { host: '', request: (send) => send() };

async function request(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<{ answer: FetchedAnswer; response: FetchedResponse | null }> {
  const response = await safeFetch(url, { method: 'GET', headers, timeoutMs });
  if (!response.ok) {
    const redirected = response.redirects.length > 0;
    return { answer: { ok: false, reason: response.reason, message: response.message, redirected }, response: null };
  }
  return {
    answer: {
      ok: true,
      status: response.status,
      finalUrl: response.finalUrl,
      sha256: crypto.createHash('sha256').update(response.body).digest('hex'),
      etag: response.headers.etag ?? null,
      lastModified: response.headers['last-modified'] ?? null,
    },
    response,
  };
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Other bytes, the same words: most news pages differ on every request (an ad slot, a token, the
 * time in a footer) while the article readers and quotes depend on stays as captured. Only a
 * change in the readable text is worth a new capture and a quote re-check.
 */
function sameWordsAsCaptured(sourceId: number, response: FetchedResponse): boolean {
  const held = latestGoodCapture(sourceId)?.text;
  if (!held) return false;
  const now = readableText(response.body, response.headers['content-type'], response.headers['content-encoding']).text;
  return now !== null && squash(now) === squash(held);
}

/**
 * What the reader's source page shows of the checks: when it changes (dead, moved, another day
 * last seen, a new capture to link), the shared cache in front is told to drop that page.
 */
function readerView(sourceId: number): string {
  const status = sourceStatus(sourceId);
  return JSON.stringify([
    status.dead,
    status.latest?.outcome === 'moved' ? status.latest.location : null,
    status.lastSeenAt?.slice(0, 10) ?? null,
    status.capture?.id ?? null,
  ]);
}

async function checkTarget(target: CheckTarget, options: CheckOptions): Promise<SourceCheckResult> {
  const lane = options.lane ?? alone;
  const shownBefore = readerView(target.id);
  const { lastCheck, capturedSha256 } = checkBaseline(target.id);
  const baseline = {
    sha256: capturedSha256 ?? lastCheck?.sha256 ?? null,
    etag: lastCheck?.etag ?? null,
    lastModified: lastCheck?.lastModified ?? null,
  };
  // A 304 says "as at your last check": ask for one only when that check saw the bytes we hold.
  const conditional = lastCheck && (capturedSha256 === null || lastCheck.sha256 === capturedSha256);
  const timeoutMs = options.timeoutMs ?? env().SOURCE_CHECK_TIMEOUT_MS;
  let checkedAt = '';
  const { answer, response } = await lane.request(() => {
    checkedAt = new Date().toISOString();
    return request(target.url, conditional ? conditionalHeaders(baseline) : {}, timeoutMs);
  });
  let verdict = classifyCheck(target.url, answer, baseline);
  if (verdict.outcome === 'changed' && response && sameWordsAsCaptured(target.id, response))
    verdict = { ...verdict, outcome: 'ok' };
  const checkId = recordSourceCheck(target.id, checkedAt, verdict);
  let recaptured = false;
  let recaptureError: string | null = null;
  if (verdict.outcome === 'changed') {
    // captureSource records a failure as a failed capture and says why; it does not throw for one.
    const capture = await lane.request(() => captureSource(target.id, 'check'));
    recaptured = capture.error === null;
    recaptureError = capture.error;
  }
  if (readerView(target.id) !== shownBefore) await purgeSharedCache(purgeKeys([refOf('sources', target.id)]));
  return {
    sourceId: target.id,
    slug: target.slug,
    url: target.url,
    checkId,
    outcome: verdict.outcome,
    httpStatus: verdict.httpStatus,
    location: verdict.location,
    error: verdict.error,
    recaptured,
    recaptureError,
  };
}

/** Checks one source now (no rate limit: one request, and one more if it changed). Null: it has no address. */
export async function checkSource(sourceId: number, options: CheckOptions = {}): Promise<SourceCheckResult | null> {
  const target = sourceToCheck(sourceId);
  return target ? checkTarget(target, options) : null;
}

export interface CheckAllOptions {
  perHostIntervalMs?: number;
  hostsAtOnce?: number;
  /** Only this source. */
  slug?: string;
  timeoutMs?: number;
  onResult?: (result: SourceCheckResult) => void;
}

export interface CheckSummary {
  counts: Record<SourceCheckOutcome, number>;
  results: SourceCheckResult[];
  hosts: LaneReport[];
  perHostIntervalMs: number;
  hostsAtOnce: number;
  ms: number;
}

/** Checks every source with an address (oldest-checked first), each host at its polite rate. */
export async function checkAllSources(options: CheckAllOptions = {}): Promise<CheckSummary> {
  const perHostIntervalMs = options.perHostIntervalMs ?? env().SOURCE_CHECK_HOST_INTERVAL_MS;
  const hostsAtOnce = options.hostsAtOnce ?? env().SOURCE_CHECK_HOSTS_AT_ONCE;
  const timeoutMs = options.timeoutMs ?? env().SOURCE_CHECK_TIMEOUT_MS;
  const started = Date.now();
  const results: SourceCheckResult[] = [];
  const hosts = await runPerHost(
    sourcesToCheck(options.slug),
    (target) => laneHost(target.url),
    async (target, lane) => {
      const result = await checkTarget(target, { lane, timeoutMs });
      results.push(result);
      options.onResult?.(result);
    },
    { intervalMs: perHostIntervalMs, hostsAtOnce },
  );
  const counts: Record<SourceCheckOutcome, number> = { ok: 0, moved: 0, gone: 0, unreachable: 0, changed: 0 };
  for (const r of results) counts[r.outcome] += 1;
  return { counts, results, hosts, perHostIntervalMs, hostsAtOnce, ms: Date.now() - started };
}
