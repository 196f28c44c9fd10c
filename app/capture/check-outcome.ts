/**
 * What one re-request of a source's address says about the original (issue 14, "Link rot"):
 * pure, so every rule below is tested without a network. `check.server.ts` does the request
 * (through the one safe fetcher) and stores what this returns.
 *
 * - `ok`: the page answered as we last saw it (same SHA-256 of the body), or `304 Not Modified`
 *   to our conditional request.
 * - `changed`: it answered 200 with other bytes than the ones we hold: the caller compares the
 *   readable text with the capture's (same words: ok after all), and otherwise captures it again
 *   and re-checks the quotes against the new text.
 * - `moved`: redirects ended at another page (compared by `urlKey`, so `http:` → `https:`, a
 *   `www.` or a trailing slash is not a move); `location` says where. Followed to its end, the
 *   new page must answer 2xx, else it is `gone` or `unreachable` like any other.
 * - `gone`: 404 or 410, the publisher's own word that the page is not there.
 * - `unreachable`: no answer we can use: timeout, DNS, refused connection, an address the fetcher
 *   refuses (a redirect to a private address), a server error, 401/403/429 (blocked or rate
 *   limited: not the publisher saying it is gone), too many redirects, or a body over the limit.
 */
import type { SourceCheckOutcome as CheckOutcome } from '~/domain/source-checks';
import { urlKey } from '~/domain/url-key';

/** What the fetcher answered, reduced to what the policy reads (see `safeFetch`). */
export type FetchedAnswer =
  | { ok: true; status: number; finalUrl: string; sha256: string; etag: string | null; lastModified: string | null }
  | { ok: false; reason: string; message: string; redirected: boolean };

/** What we knew before this check: the last check's validators and the hash we hold. */
export interface Baseline {
  /** The SHA-256 of the body we hold (the latest capture's, else the last check's); null at first. */
  sha256: string | null;
  etag: string | null;
  lastModified: string | null;
}

export interface CheckVerdict {
  outcome: CheckOutcome;
  httpStatus: number | null;
  /** Where a moved page is now. */
  location: string | null;
  sha256: string | null;
  etag: string | null;
  lastModified: string | null;
  /** A plain sentence for editors when the outcome is not ok. */
  error: string | null;
}

/** Said when the fetcher gave no sentence of its own. */
const REFUSALS: Record<string, string> = {
  timeout: 'The site did not answer in time.',
  'refused-address': 'The address leads to a private or local network address, which is never fetched.',
  'bad-scheme': 'Only http and https addresses are checked.',
  'too-large': 'The page is larger than the fetcher accepts, so it could not be compared.',
  dns: 'The site’s name could not be found.',
  network: 'The site could not be reached (connection refused or reset).',
  'too-many-redirects': 'The address redirects too many times.',
};

/** The conditional-request headers for a re-check: the validators the server gave us last time. */
export function conditionalHeaders(baseline: Pick<Baseline, 'etag' | 'lastModified'>): Record<string, string> {
  const headers: Record<string, string> = {};
  if (baseline.etag) headers['If-None-Match'] = baseline.etag;
  if (baseline.lastModified) headers['If-Modified-Since'] = baseline.lastModified;
  return headers;
}

/** True when `finalUrl` is another page than `requestedUrl`, not the same one spelled differently. */
export function isMove(requestedUrl: string, finalUrl: string): boolean {
  if (requestedUrl === finalUrl) return false;
  const before = urlKey(requestedUrl);
  return before === null || before !== urlKey(finalUrl);
}

export function classifyCheck(requestedUrl: string, answer: FetchedAnswer, baseline: Baseline): CheckVerdict {
  const kept = { sha256: baseline.sha256, etag: baseline.etag, lastModified: baseline.lastModified };
  if (!answer.ok) {
    const said = answer.message || REFUSALS[answer.reason] || `The request failed (${answer.reason}).`;
    // A refusal after a redirect is the redirect's doing: an editor should know the original answered.
    const error = answer.redirected ? `The address redirects, and then: ${said}` : said;
    return { outcome: 'unreachable', httpStatus: null, location: null, ...kept, error };
  }
  const { status, finalUrl } = answer;
  const validators = { etag: answer.etag ?? baseline.etag, lastModified: answer.lastModified ?? baseline.lastModified };
  const failed = (outcome: CheckOutcome, error: string): CheckVerdict => ({
    outcome,
    httpStatus: status,
    location: isMove(requestedUrl, finalUrl) ? finalUrl : null,
    ...kept,
    error,
  });
  if (status === 304) return { outcome: 'ok', httpStatus: 304, location: null, ...kept, ...validators, error: null };
  if (status === 404 || status === 410)
    return failed(
      'gone',
      status === 410 ? 'The site says the page is gone for good (410).' : 'The page is not found (404).',
    );
  if (status >= 300 && status < 400)
    return failed('unreachable', `The site answered ${status} without a usable redirect.`);
  if (status < 200 || status >= 300) return failed('unreachable', describeStatus(status));
  const fresh = { sha256: answer.sha256, ...validators };
  if (isMove(requestedUrl, finalUrl))
    return { outcome: 'moved', httpStatus: status, location: finalUrl, ...fresh, error: null };
  const changed = baseline.sha256 !== null && baseline.sha256 !== answer.sha256;
  return { outcome: changed ? 'changed' : 'ok', httpStatus: status, location: null, ...fresh, error: null };
}

function describeStatus(status: number): string {
  if (status === 401 || status === 403) return `The site refused us (${status}); it may block automated requests.`;
  if (status === 429) return 'The site asked us to slow down (429); the next check will try again.';
  if (status >= 500) return `The site had an error (${status}); the next check will try again.`;
  return `The site answered ${status}.`;
}
