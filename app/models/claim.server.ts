/**
 * Claims as lists show them: the summary projection (claim, verdict, speaker) that every list
 * reads, pages of claims matching a condition, and the home page's lists. The claims index's
 * filters are in claim-filters.server.ts; one claim with everything its page shows, in
 * claim-detail.server.ts.
 */
import { sql, type SQL } from 'drizzle-orm';
import { getDb } from '../../db/client';
import type { ClaimStatus, ClaimSummary, EntityRef, PageOf, StatementKind, VerdictRef } from '~/domain';
import { pageCountFor, PER_PAGE } from '~/http/pagination.server';
import { publicClaim } from './public-claims.server';

export type { ClaimSummary, EntityRef, VerdictRef };

/** Statuses a reader may see: drafts never leave the editor area. */
const PUBLIC = publicClaim('c');
/**
 * What the home page promotes and counts as a live fact-check: published, not retracted. A
 * retracted claim keeps its page and stays in lists and search, labelled; it is not promoted.
 * Written as the public rule plus a status, so the partial indexes on the public rule still serve.
 */
const LIVE = sql`${PUBLIC} and c.status = ${'published' satisfies ClaimStatus}`;

export interface ClaimSummaryRow {
  id: number;
  slug: string;
  statement: string;
  statementKind: StatementKind;
  claimedOn: string | null;
  venue: string | null;
  medium: string | null;
  status: ClaimStatus;
  verdictId: string | null;
  verdictLabel: string | null;
  verdictMeaning: string | null;
  verdictRating: number | null;
  verdictOrdinal: number | null;
  speakerSlug: string | null;
  speakerName: string | null;
  speakerKind: 'person' | 'organisation' | null;
  speakerRole: string | null;
}

/** As text too, for statements prepared once (prepared.server.ts). */
export const CLAIM_SUMMARY_COLUMNS = `c.id, c.slug, c.statement, c.statement_kind as statementKind, c.claimed_on as claimedOn, c.venue, c.medium,
  c.status, v.id as verdictId, v.label as verdictLabel, v.meaning as verdictMeaning, v.rating as verdictRating,
  v.ordinal as verdictOrdinal,
  e.slug as speakerSlug, e.name as speakerName, e.kind as speakerKind, e.role as speakerRole`;
export const CLAIM_SUMMARY_JOINS = `from claims c
  left join verdicts v on v.id = c.verdict_id
  left join entities e on e.id = c.speaker_id`;
export const claimSummaryColumns = sql.raw(CLAIM_SUMMARY_COLUMNS);
export const claimSummaryJoins = sql.raw(CLAIM_SUMMARY_JOINS);

export function toClaimSummary(row: ClaimSummaryRow): ClaimSummary {
  return {
    id: row.id,
    slug: row.slug,
    statement: row.statement,
    statementKind: row.statementKind,
    claimedOn: row.claimedOn,
    venue: row.venue,
    medium: row.medium,
    status: row.status,
    verdict: row.verdictId
      ? {
          id: row.verdictId,
          label: row.verdictLabel!,
          meaning: row.verdictMeaning!,
          rating: row.verdictRating!,
          ordinal: row.verdictOrdinal,
        }
      : null,
    speaker: row.speakerSlug
      ? { slug: row.speakerSlug, name: row.speakerName!, kind: row.speakerKind!, role: row.speakerRole }
      : null,
  };
}

/** Published claims matching an extra condition, newest first. */
export function selectClaimSummaries(where: SQL, order: SQL = sql`c.claimed_on desc, c.id desc`, limit = 1000) {
  const rows = getDb().all<ClaimSummaryRow>(
    sql`select ${claimSummaryColumns} ${claimSummaryJoins} where ${PUBLIC} and (${where}) order by ${order} limit ${limit}`,
  );
  return rows.map(toClaimSummary);
}

// ---------------------------------------------------------------------------------------------
// Pages of a list: the claims on a person's, topic's or source's page

/**
 * One page of the published claims matching a condition, newest first, with the total. The
 * count and the page are separate queries so neither reads more rows than it needs.
 */
export function pageOfClaimSummaries(where: SQL, page: number, perPage = PER_PAGE): PageOf<ClaimSummary> {
  const db = getDb();
  const total = db.get<{ n: number }>(sql`select count(*) as n from claims c where ${PUBLIC} and (${where})`).n;
  const rows = db.all<ClaimSummaryRow>(
    sql`select ${claimSummaryColumns} ${claimSummaryJoins} where ${PUBLIC} and (${where})
        order by c.claimed_on desc, c.id desc limit ${perPage} offset ${(page - 1) * perPage}`,
  );
  return { items: rows.map(toClaimSummary), total, page, pageCount: pageCountFor(total, perPage) };
}

/**
 * The newest live fact-checks by when they were published (or created, for any without a
 * publication time); retracted claims are not promoted. Read as two index-ordered lists merged
 * here, since no index orders by the coalesce.
 */
export function listLatestClaims(limit = 6) {
  const db = getDb();
  type Row = ClaimSummaryRow & { latestAt: number };
  const published = db.all<Row>(
    sql`select ${claimSummaryColumns}, c.published_at as latestAt ${claimSummaryJoins}
        where ${LIVE} and c.published_at is not null
        order by c.published_at desc, c.claimed_on desc, c.id desc limit ${limit}`,
  );
  const unpublished = db.all<Row>(
    sql`select ${claimSummaryColumns}, c.created_at as latestAt ${claimSummaryJoins}
        where ${LIVE} and c.published_at is null
        order by c.created_at desc, c.claimed_on desc, c.id desc limit ${limit}`,
  );
  const newer = (a: Row, b: Row) =>
    b.latestAt - a.latestAt || (b.claimedOn ?? '').localeCompare(a.claimedOn ?? '') || b.id - a.id;
  return [...published, ...unpublished].sort(newer).slice(0, limit).map(toClaimSummary);
}

export interface DisputedClaim extends ClaimSummary {
  /** Live claims that rebut or dispute this one. */
  answeredBy: number;
}

/**
 * "Most disputed": the live claims that other live claims rebut or dispute most, by that count
 * (then newest). Not a verdict: a claim no one has answered is not here, whatever its rating. A
 * retracted claim neither appears nor counts as an answer, since it is not promoted.
 */
export function listMostDisputedClaims(limit = 4): DisputedClaim[] {
  const rows = getDb().all<ClaimSummaryRow & { answeredBy: number }>(
    sql`select ${claimSummaryColumns}, a.n as answeredBy from (
          select r.to_claim_id as claimId, count(*) as n from claim_relations r
          join claims c on c.id = r.from_claim_id
          where r.kind in ('rebuts', 'disputes') and ${LIVE} group by r.to_claim_id
        ) a join claims c on c.id = a.claimId
        left join verdicts v on v.id = c.verdict_id left join entities e on e.id = c.speaker_id
        where ${LIVE} order by a.n desc, c.claimed_on desc, c.id desc limit ${limit}`,
  );
  return rows.map((row) => ({ ...toClaimSummary(row), answeredBy: row.answeredBy }));
}

/** Live fact-checks: published claims, not the retracted ones (which keep their pages). */
export function countLiveFactChecks(): number {
  return getDb().get<{ n: number }>(sql`select count(*) as n from claims c where ${LIVE}`).n;
}
