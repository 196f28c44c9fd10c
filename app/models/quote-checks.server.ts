/**
 * Citations' quotes checked against their sources' captures (issue 14, "Quotes checked").
 *
 * `quote_checks` holds one row per citation: the newest check, against the capture named. It is
 * written after every capture (`recheckQuotes`, called by app/capture/capture.server.ts) and read
 * as a cache: a citation whose row is missing or names an older capture is matched when read
 * (app/domain/quote-match.ts is pure and fast), so a citation created since the last capture (an
 * edit, an approval, a restore: each writes a claim's citations afresh, with new ids) is never
 * shown a stale answer, and a GET never writes.
 *
 * "Source changed" is derived, not stored: the newest capture lacks the quote (near or not found)
 * while one of the source's earlier captures with other content (another SHA-256) had it. Up to
 * EARLIER_LOOKS earlier contents are looked at, newest first.
 */
import { sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { quoteChecks } from '../../db/schema';
import { matchQuote, prepareText, type PreparedText } from '~/domain/quote-match';
import type { QuoteCaptureRef, QuoteCheckView } from '~/domain/quote-checks';
import { publicClaim } from './public-claims.server';

const EARLIER_LOOKS = 5;
/** matched_text is for showing an editor the passage, not a second copy of the source. */
const MATCHED_TEXT_LIMIT = 2000;

interface CaptureRow extends QuoteCaptureRef {
  sourceId: number;
  sha256: string | null;
}

/**
 * The captures whose text a quote is checked against: fetched, with readable text. A capture
 * that failed, answered an error status or had no text (an image, a PDF without text) is never
 * one, so it cannot make a quote look missing.
 */
const USABLE = sql`outcome = 'ok' and text is not null and (http_status is null or http_status between 200 and 299)`;

/** Texts prepared once per request: a source cited by many claims is tokenised once. */
class TextCache {
  private readonly texts = new Map<number, PreparedText | null>();
  get(captureId: number): PreparedText | null {
    if (!this.texts.has(captureId)) {
      const row = getDb().get<{ text: string | null } | undefined>(
        sql`select text from source_captures where id = ${captureId}`,
      );
      this.texts.set(captureId, row?.text ? prepareText(row.text) : null);
    }
    return this.texts.get(captureId)!;
  }
}

function latestCapture(sourceId: number): CaptureRow | null {
  return (
    getDb().get<CaptureRow | undefined>(
      sql`select id, source_id as sourceId, fetched_at as fetchedAt, sha256 from source_captures
          where source_id = ${sourceId} and ${USABLE} order by fetched_at desc, id desc limit 1`,
    ) ?? null
  );
}

/** Earlier captures of the source with other content than `capture`, newest first, one per content. */
function earlierContents(capture: CaptureRow): CaptureRow[] {
  const rows = getDb().all<CaptureRow>(
    sql`select id, source_id as sourceId, fetched_at as fetchedAt, sha256 from source_captures
        where source_id = ${capture.sourceId} and ${USABLE} and id != ${capture.id}
          and (fetched_at < ${capture.fetchedAt} or (fetched_at = ${capture.fetchedAt} and id < ${capture.id}))
          and (sha256 is null or ${capture.sha256} is null or sha256 != ${capture.sha256})
        order by fetched_at desc, id desc limit ${EARLIER_LOOKS * 4}`,
  );
  const seen = new Set<string>();
  return rows
    .filter((r) => {
      const key = r.sha256 ?? `capture ${r.id}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, EARLIER_LOOKS);
}

const ref = (c: CaptureRow): QuoteCaptureRef => ({ id: c.id, fetchedAt: c.fetchedAt });

interface StoredCheck {
  captureId: number;
  result: QuoteCheckView['result'];
  score: number;
  matchedText: string | null;
}

/** One quote against its source's newest capture (the stored row when it is for that capture). */
function viewOf(
  quote: string,
  sourceSlug: string,
  capture: CaptureRow,
  stored: StoredCheck | null,
  texts: TextCache,
): QuoteCheckView | null {
  let check = stored && stored.captureId === capture.id ? stored : null;
  if (!check) {
    const text = texts.get(capture.id);
    if (!text) return null;
    const m = matchQuote(quote, text);
    check = { captureId: capture.id, result: m.result, score: m.score, matchedText: m.excerpt || null };
  }
  const base = { result: check.result, score: check.score, sourceSlug, capture: ref(capture) };
  if (check.result === 'found') {
    return { ...base, status: 'found', matchedText: check.matchedText, foundIn: ref(capture) };
  }
  for (const earlier of earlierContents(capture)) {
    const text = texts.get(earlier.id);
    if (text && matchQuote(quote, text).result === 'found') {
      return { ...base, status: 'changed', matchedText: check.matchedText, foundIn: ref(earlier) };
    }
  }
  return { ...base, status: check.result, matchedText: check.matchedText, foundIn: null };
}

/**
 * Checks every quoted citation of the source against its newest usable capture and stores the
 * answers (one transaction); citations without a quote lose any old check. Returns how many
 * quotes were checked. Called after each capture; safe to call any time.
 */
export function recheckQuotes(sourceId: number): number {
  const capture = latestCapture(sourceId);
  if (!capture) return 0;
  const db = getDb();
  const text = new TextCache().get(capture.id);
  if (!text) return 0;
  const cited = db.all<{ id: number; quote: string | null }>(
    sql`select id, quote from citations where source_id = ${sourceId}`,
  );
  const checkedAt = new Date().toISOString();
  let checked = 0;
  db.transaction((tx) => {
    for (const citation of cited) {
      if (!citation.quote?.trim()) {
        tx.run(sql`delete from quote_checks where citation_id = ${citation.id}`);
        continue;
      }
      const m = matchQuote(citation.quote, text);
      const row = {
        citationId: citation.id,
        captureId: capture.id,
        result: m.result,
        score: m.score,
        matchedText: m.excerpt ? m.excerpt.slice(0, MATCHED_TEXT_LIMIT) : null,
        checkedAt,
      };
      tx.insert(quoteChecks).values(row).onConflictDoUpdate({ target: quoteChecks.citationId, set: row }).run();
      checked += 1;
    }
  });
  return checked;
}

export interface QuotedCitation {
  /** What the answer is keyed by: the citation's id, or a working copy's number for it. */
  key: number;
  /** The stored citation it is, when there is one (a working copy's may not be stored). */
  citationId: number | null;
  sourceId: number;
  sourceSlug: string;
  quote: string | null;
}

/** Checks of these citations, by key; a citation without a quote or a usable capture has none. */
export function checkCitations(list: QuotedCitation[]): Record<number, QuoteCheckView> {
  const db = getDb();
  const texts = new TextCache();
  const captures = new Map<number, CaptureRow | null>();
  const views: Record<number, QuoteCheckView> = {};
  for (const c of list) {
    if (!c.quote?.trim()) continue;
    if (!captures.has(c.sourceId)) captures.set(c.sourceId, latestCapture(c.sourceId));
    const capture = captures.get(c.sourceId);
    if (!capture) continue;
    const stored =
      c.citationId === null
        ? null
        : (db.get<StoredCheck | undefined>(
            sql`select capture_id as captureId, result, score, matched_text as matchedText
                from quote_checks where citation_id = ${c.citationId}`,
          ) ?? null);
    const view = viewOf(c.quote, c.sourceSlug, capture, stored, texts);
    if (view) views[c.key] = view;
  }
  return views;
}

/** A claim's quoted citations, checked, by citation id: for the claim page (any status; the page decides). */
export function quoteChecksForClaim(claimId: number): Record<number, QuoteCheckView> {
  const cited = getDb().all<Omit<QuotedCitation, 'key'>>(
    sql`select ci.id as citationId, ci.source_id as sourceId, s.slug as sourceSlug, ci.quote
        from citations ci join sources s on s.id = ci.source_id
        where ci.claim_id = ${claimId} and ci.quote is not null order by ci.position, ci.id`,
  );
  return checkCitations(cited.map((c) => ({ ...c, key: c.citationId! })));
}

/**
 * The checks for the citations an editor's form shows, by their shown id. A public claim's form
 * shows its working copy, whose citations are numbered by place and may not be stored at all, so
 * these are matched afresh by source and quote (a claim cites a handful: a few ms).
 */
export function quoteChecksForEditor(
  citations: { id: number; sourceSlug: string; quote: string | null }[],
): Record<number, QuoteCheckView> {
  const db = getDb();
  const list = citations.flatMap((c): QuotedCitation[] => {
    const source = db.get<{ id: number } | undefined>(sql`select id from sources where slug = ${c.sourceSlug}`);
    return source
      ? [{ key: c.id, citationId: null, sourceId: source.id, sourceSlug: c.sourceSlug, quote: c.quote }]
      : [];
  });
  return checkCitations(list);
}

/**
 * The citation a reader's `?cite=` names, when it cites this source for a claim readers see
 * (a draft's quote is never shown), with its quote; null otherwise.
 */
export function publicCitationOf(sourceId: number, citationId: number) {
  return (
    getDb().get<{ id: number; quote: string | null; claimSlug: string; claimStatement: string } | undefined>(
      sql`select ci.id, ci.quote, c.slug as claimSlug, c.statement as claimStatement
          from citations ci join claims c on c.id = ci.claim_id
          where ci.id = ${citationId} and ci.source_id = ${sourceId} and ${publicClaim('c')}`,
    ) ?? null
  );
}

export interface QuoteProblem {
  claim: { id: number; slug: string; statement: string; status: string };
  citationId: number;
  sourceTitle: string;
  quote: string;
  check: QuoteCheckView;
}

/**
 * For the editors' dashboard: quotes that are not found, only near, or no longer in a changed
 * source, newest claims first. Read from the stored checks (the ones written after captures),
 * each confirmed against the source's newest capture.
 */
export function quoteProblems(limit = 50): QuoteProblem[] {
  const rows = getDb().all<{
    citationId: number;
    sourceId: number;
    sourceSlug: string;
    sourceTitle: string;
    quote: string;
    claimId: number;
    slug: string;
    statement: string;
    status: string;
  }>(
    sql`select ci.id as citationId, ci.source_id as sourceId, s.slug as sourceSlug, s.title as sourceTitle,
        ci.quote, c.id as claimId, c.slug, c.statement, c.status
        from quote_checks q join citations ci on ci.id = q.citation_id
        join claims c on c.id = ci.claim_id join sources s on s.id = ci.source_id
        where q.result != 'found' and ci.quote is not null
        order by c.updated_at desc, c.id desc, ci.position limit ${limit}`,
  );
  const checks = checkCitations(rows.map((r) => ({ ...r, key: r.citationId })));
  return rows
    .filter((r) => checks[r.citationId] && checks[r.citationId].status !== 'found')
    .map((r) => ({
      claim: { id: r.claimId, slug: r.slug, statement: r.statement, status: r.status },
      citationId: r.citationId,
      sourceTitle: r.sourceTitle,
      quote: r.quote,
      check: checks[r.citationId],
    }));
}
