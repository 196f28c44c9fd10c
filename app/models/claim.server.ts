import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '../../db/client';
import { partialDateParam, pathOf, slugParam } from '~/domain';
import type {
  CaseLinkRole,
  CitationRole,
  ClaimStatus,
  ClaimSummary,
  EntityRef,
  RelationKind,
  SourceKind,
  VerdictRef,
} from '~/domain';

export type { ClaimSummary, EntityRef, VerdictRef };
import { claimCitations } from './claim-links.server';
import { publicClaim } from './public-claims.server';
import { fieldErrors } from '~/forms/errors';
import { pageCountFor, parsePageParam, PER_PAGE } from '~/http/pagination.server';
import type { PageOf } from '~/domain';

/** Statuses a reader may see: drafts never leave the editor area. */
const PUBLIC = publicClaim('c');

interface ClaimSummaryRow {
  id: number;
  slug: string;
  statement: string;
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

export const claimSummaryColumns = sql`c.id, c.slug, c.statement, c.claimed_on as claimedOn, c.venue, c.medium,
  c.status, v.id as verdictId, v.label as verdictLabel, v.meaning as verdictMeaning, v.rating as verdictRating,
  v.ordinal as verdictOrdinal,
  e.slug as speakerSlug, e.name as speakerName, e.kind as speakerKind, e.role as speakerRole`;
export const claimSummaryJoins = sql`from claims c
  left join verdicts v on v.id = c.verdict_id
  left join entities e on e.id = c.speaker_id`;

export function toClaimSummary(row: ClaimSummaryRow): ClaimSummary {
  return {
    id: row.id,
    slug: row.slug,
    statement: row.statement,
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

// ---------------------------------------------------------------------------------------------
// Index with filters

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

/**
 * The newest claims by when they were published (or created, for any without a publication
 * time). Read as two index-ordered lists merged here, since no index orders by the coalesce.
 */
export function listLatestClaims(limit = 6) {
  const db = getDb();
  type Row = ClaimSummaryRow & { latestAt: number };
  const published = db.all<Row>(
    sql`select ${claimSummaryColumns}, c.published_at as latestAt ${claimSummaryJoins}
        where ${PUBLIC} and c.published_at is not null
        order by c.published_at desc, c.claimed_on desc, c.id desc limit ${limit}`,
  );
  const unpublished = db.all<Row>(
    sql`select ${claimSummaryColumns}, c.created_at as latestAt ${claimSummaryJoins}
        where ${PUBLIC} and c.published_at is null
        order by c.created_at desc, c.claimed_on desc, c.id desc limit ${limit}`,
  );
  const newer = (a: Row, b: Row) =>
    b.latestAt - a.latestAt || (b.claimedOn ?? '').localeCompare(a.claimedOn ?? '') || b.id - a.id;
  return [...published, ...unpublished].sort(newer).slice(0, limit).map(toClaimSummary);
}

/**
 * Claims most argued over: those with the most rebuttals and disputes against them, then (to fill
 * the list) the newest with a contested verdict. Two queries, so neither counts relations for
 * every claim in the archive.
 */
export function listMostDisputedClaims(limit = 4) {
  const db = getDb();
  const argued = db.all<ClaimSummaryRow>(
    sql`select ${claimSummaryColumns} from (
          select to_claim_id as claimId, count(*) as n from claim_relations
          where kind in ('rebuts', 'disputes') group by to_claim_id
        ) a join claims c on c.id = a.claimId
        left join verdicts v on v.id = c.verdict_id left join entities e on e.id = c.speaker_id
        where ${PUBLIC} order by a.n desc, c.claimed_on desc, c.id desc limit ${limit}`,
  );
  const contested =
    argued.length < limit
      ? db.all<ClaimSummaryRow>(
          sql`select ${claimSummaryColumns} ${claimSummaryJoins}
              where ${PUBLIC} and c.verdict_id in ('disputed', 'false', 'misleading')
              and not exists (select 1 from claim_relations r where r.to_claim_id = c.id and r.kind in ('rebuts', 'disputes'))
              order by c.claimed_on desc, c.id desc limit ${limit - argued.length}`,
        )
      : [];
  return [...argued, ...contested].map(toClaimSummary);
}

export function countPublicClaims(): number {
  return getDb().get<{ n: number }>(sql`select count(*) as n from claims c where ${PUBLIC}`).n;
}

// ---------------------------------------------------------------------------------------------
// One claim, with everything the claim page shows

export interface Citation {
  id: number;
  role: CitationRole;
  quote: string | null;
  locator: string | null;
  source: {
    slug: string;
    title: string;
    kind: SourceKind;
    url: string | null;
    archiveUrl: string | null;
    publishedOn: string | null;
    publisherName: string | null;
    publisherSlug: string | null;
  };
}
export interface ClaimRelation {
  kind: RelationKind;
  note: string | null;
  claim: ClaimSummary;
}
export interface ClaimCaseLink {
  role: CaseLinkRole;
  note: string | null;
  slug: string;
  caption: string;
  caseNumber: string | null;
  court: string;
  status: string;
}
export interface TimelineEntry {
  date: string;
  kind: 'claim' | 'this-claim' | 'case-filed' | 'case-event' | 'source';
  text: string;
  href: string | null;
}

export function getClaimBySlug(slug: string) {
  const db = getDb();
  const row = db.get<(ClaimSummaryRow & Record<string, unknown>) | undefined>(
    sql`select ${claimSummaryColumns}, c.verdict_explanation as verdictExplanation, c.analysis,
        c.language, c.published_at as publishedAt, c.retracted_at as retractedAt, c.updated_at as updatedAt,
        c.version
        ${claimSummaryJoins} where ${PUBLIC} and c.slug = ${slug}`,
  );
  if (!row) return null;
  const claim = {
    ...toClaimSummary(row),
    verdictExplanation: row.verdictExplanation as string,
    analysis: row.analysis as string,
    language: row.language as string,
    publishedAt: row.publishedAt as number | null,
    retractedAt: row.retractedAt as number | null,
    updatedAt: row.updatedAt as number,
    version: row.version as number,
  };

  const topics = db.all<{ slug: string; name: string }>(
    sql`select t.slug, t.name from topics t join claim_topics ct on ct.topic_id = t.id
        where ct.claim_id = ${claim.id} order by t.name`,
  );
  const subjects = db.all<EntityRef>(
    sql`select e.slug, e.name, e.kind, e.role from entities e join claim_subjects cs on cs.entity_id = e.id
        where cs.claim_id = ${claim.id} order by e.name`,
  );
  const citations = claimCitations(db, claim.id).map(
    ({ source: { id: _id, ...source }, ...citation }): Citation => ({ ...citation, source }),
  );

  const relationRows = (direction: 'outgoing' | 'incoming') =>
    db
      .all<ClaimSummaryRow & { relationKind: RelationKind; relationNote: string | null }>(
        sql`select ${claimSummaryColumns}, r.kind as relationKind, r.note as relationNote
            from claim_relations r
            join claims c on c.id = ${direction === 'outgoing' ? sql`r.to_claim_id` : sql`r.from_claim_id`}
            left join verdicts v on v.id = c.verdict_id
            left join entities e on e.id = c.speaker_id
            where ${direction === 'outgoing' ? sql`r.from_claim_id` : sql`r.to_claim_id`} = ${claim.id} and ${PUBLIC}
            order by c.claimed_on, c.id`,
      )
      .map((r): ClaimRelation => ({ kind: r.relationKind, note: r.relationNote, claim: toClaimSummary(r) }));
  const outgoing = relationRows('outgoing');
  const incoming = relationRows('incoming');

  const cases = db.all<ClaimCaseLink>(
    sql`select cc.role, cc.note, k.slug, k.caption, k.case_number as caseNumber, k.court, k.status
        from claim_cases cc join cases k on k.id = cc.case_id where cc.claim_id = ${claim.id}
        order by k.filed_on, k.id`,
  );

  const timeline = buildTimeline(
    claim,
    outgoing,
    incoming,
    cases.map((c) => c.slug),
  );
  const corrections = db.all<{
    id: number;
    kind: 'correction' | 'update' | 'retraction';
    note: string;
    createdAt: number;
  }>(
    sql`select id, kind, note, created_at as createdAt from claim_corrections where claim_id = ${claim.id}
        order by created_at, id`,
  );
  return { claim, topics, subjects, citations, outgoing, incoming, cases, timeline, corrections };
}

export type ClaimDetail = NonNullable<ReturnType<typeof getClaimBySlug>>;

/** The dated story around a claim: related statements, filings and pleas, in order. */
function buildTimeline(
  claim: ClaimSummary,
  outgoing: ClaimRelation[],
  incoming: ClaimRelation[],
  caseSlugs: string[],
): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const describe = (c: ClaimSummary) => `${c.speaker?.name ?? 'Unattributed'}: “${truncateWords(c.statement, 18)}”`;
  if (claim.claimedOn) entries.push({ date: claim.claimedOn, kind: 'this-claim', text: describe(claim), href: null });
  const seen = new Set<number>([claim.id]);
  for (const rel of [...outgoing, ...incoming]) {
    if (seen.has(rel.claim.id) || !rel.claim.claimedOn) continue;
    seen.add(rel.claim.id);
    entries.push({
      date: rel.claim.claimedOn,
      kind: 'claim',
      text: describe(rel.claim),
      href: pathOf('claims', rel.claim.slug),
    });
  }
  if (caseSlugs.length > 0) {
    const db = getDb();
    const caseList = sql.join(
      caseSlugs.map((s) => sql`${s}`),
      sql`, `,
    );
    const events = db.all<{ date: string; description: string; caseSlug: string; caption: string }>(
      sql`select ev.occurred_on as date, ev.description, k.slug as caseSlug, k.caption
          from case_events ev join cases k on k.id = ev.case_id where k.slug in (${caseList})`,
    );
    for (const ev of events) {
      entries.push({ date: ev.date, kind: 'case-event', text: ev.description, href: pathOf('cases', ev.caseSlug) });
    }
  }
  return entries.sort((a, b) => a.date.localeCompare(b.date) || (a.kind === 'this-claim' ? -1 : 1));
}

export function truncateWords(text: string, words: number): string {
  const parts = text.split(/\s+/);
  return parts.length <= words ? text : `${parts.slice(0, words).join(' ')}…`;
}
