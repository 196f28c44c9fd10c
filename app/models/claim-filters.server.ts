/**
 * The claims index's filters (verdict, topic, speaker, date range, page), read from a URL and
 * checked against what exists, and the filtered list itself: shared by /claims and the API.
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '../../db/client';
import { partialDateParam, slugParam } from '~/domain';
import { fieldErrors } from '~/forms/errors';
import { pageCountFor, parsePageParam, PER_PAGE } from '~/http/pagination.server';
import { claimSummaryColumns, claimSummaryJoins, toClaimSummary, type ClaimSummaryRow } from './claim.server';
import { publicClaim } from './public-claims.server';

const PUBLIC = publicClaim('c');

export const claimFilterSchema = z.object({
  verdict: slugParam.optional(),
  topic: slugParam.optional(),
  speaker: slugParam.optional(),
  from: partialDateParam.optional(),
  to: partialDateParam.optional(),
});
export type ClaimFilters = z.infer<typeof claimFilterSchema> & { page: number };

export type FilterParseResult = { ok: true; filters: ClaimFilters } | { ok: false; errors: Record<string, string> };

/** Reads the claims-index filters from a URL; empty values mean "any". */
export function parseClaimFilters(params: URLSearchParams): FilterParseResult {
  const raw: Record<string, string> = {};
  for (const key of ['verdict', 'topic', 'speaker', 'from', 'to']) {
    const value = params.get(key)?.trim();
    if (value) raw[key] = value;
  }
  const parsed = claimFilterSchema.safeParse(raw);
  const paging = parsePageParam(params);
  if (!parsed.success || !paging.ok) {
    return {
      ok: false,
      errors: { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...(paging.ok ? {} : { page: paging.error }) },
    };
  }
  return { ok: true, filters: { ...parsed.data, page: paging.page } };
}

export function listClaims(filters: ClaimFilters, perPage = PER_PAGE) {
  const conditions: SQL[] = [PUBLIC];
  if (filters.verdict) conditions.push(sql`c.verdict_id = ${filters.verdict}`);
  if (filters.topic) {
    conditions.push(
      sql`exists (select 1 from claim_topics ct where ct.claim_id = c.id
          and ct.topic_id = (select id from topics where slug = ${filters.topic}))`,
    );
  }
  if (filters.speaker) conditions.push(sql`c.speaker_id = (select id from entities where slug = ${filters.speaker})`);
  if (filters.from) conditions.push(sql`c.claimed_on >= ${filters.from}`);
  // A partial date ("2020-02") is inside a range that ends on any day of that month.
  if (filters.to) conditions.push(sql`substr(c.claimed_on, 1, ${filters.to.length}) <= ${filters.to}`);
  const where = sql.join(conditions, sql` and `);
  const db = getDb();
  // Every condition is on the claim itself, so counting needs no joins.
  const total = db.get<{ n: number }>(sql`select count(*) as n from claims c where ${where}`).n;
  const offset = (filters.page - 1) * perPage;
  const rows = db.all<ClaimSummaryRow>(
    sql`select ${claimSummaryColumns} ${claimSummaryJoins} where ${where}
        order by c.claimed_on desc, c.id desc limit ${perPage} offset ${offset}`,
  );
  return {
    claims: rows.map(toClaimSummary),
    total,
    page: filters.page,
    pageCount: pageCountFor(total, perPage),
  };
}

/** The choices offered by the index filters: only values that have published claims. */
export function getClaimFilterOptions() {
  const db = getDb();
  return {
    verdicts: db.all<{ id: string; label: string }>(sql`select v.id, v.label from verdicts v order by v.rating`),
    // One index probe per topic and per entity, not a pass over every claim.
    topics: db.all<{ slug: string; name: string }>(
      sql`select t.slug, t.name from topics t where exists (select 1 from claim_topics ct
          join claims c on c.id = ct.claim_id where ct.topic_id = t.id and ${PUBLIC}) order by t.name`,
    ),
    speakers: db.all<{ slug: string; name: string }>(
      sql`select e.slug, e.name from entities e where exists (select 1 from claims c
          where c.speaker_id = e.id and ${PUBLIC}) order by e.name`,
    ),
  };
}

/** The checks beyond the schema: values that exist, and a date range that runs forward. */
export function checkClaimFilterValues(
  filters: ClaimFilters,
  options = getClaimFilterOptions(),
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (filters.verdict && !options.verdicts.some((v) => v.id === filters.verdict)) {
    errors.verdict = 'There is no such verdict.';
  }
  if (filters.topic && !options.topics.some((t) => t.slug === filters.topic)) {
    errors.topic = 'No published claim has this topic.';
  }
  if (filters.speaker && !options.speakers.some((s) => s.slug === filters.speaker)) {
    errors.speaker = 'No published claim by this speaker.';
  }
  if (filters.from && filters.to && filters.from > filters.to) errors.to = 'The end date is before the start date.';
  return errors;
}
