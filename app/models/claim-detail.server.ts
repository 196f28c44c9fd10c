/**
 * One claim with everything its page shows: citations with their sources, relations both ways,
 * topics, subjects, court cases, the public log and the dated timeline around it.
 */
import { sql, type SQL } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { partialDateEnd, pathOf, statementText } from '~/domain';
import type { CaseLinkRole, ClaimSummary, EntityRef, RelationKind } from '~/domain';
import { claimCitations } from './claim-links.server';
import { claimSummaryColumns, claimSummaryJoins, toClaimSummary, type ClaimSummaryRow } from './claim.server';
import { publicClaim } from './public-claims.server';
import type { Citation, ClaimRelation } from '~/domain';

const PUBLIC = publicClaim('c');

export type { Citation, ClaimRelation };

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
  return claimDetail(sql`${PUBLIC} and c.slug = ${slug}`);
}

/**
 * A claim's page as readers would see it, whatever its status: for the editors' preview. The
 * claims it relates to are still only the public ones, as on the reader's page. A pending change
 * is previewed by reading this inside `readWorkingCopy` (proposal.server.ts), which applies the
 * proposal's document in a savepoint it rolls back.
 */
export function getClaimForPreview(id: number) {
  return claimDetail(sql`c.id = ${id}`);
}

function claimDetail(where: SQL) {
  const db = getDb();
  const row = db.get<(ClaimSummaryRow & Record<string, unknown>) | undefined>(
    sql`select ${claimSummaryColumns}, c.verdict_explanation as verdictExplanation, c.analysis,
        c.language, c.published_at as publishedAt, c.retracted_at as retractedAt, c.updated_at as updatedAt,
        c.version
        ${claimSummaryJoins} where ${where}`,
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
  return {
    claim,
    topics,
    subjects,
    citations,
    outgoing,
    incoming,
    cases,
    timeline,
    corrections,
    bylines: bylinesOf(claim.id),
  };
}

/**
 * Who wrote the fact-check (proposed its publication) and who last reviewed it (approved a change);
 * null for a claim with no recorded author (imported from content/). Not independently reviewed
 * when any approved change to it was approved by its own proposer (REVIEW_RULE=off).
 */
function bylinesOf(claimId: number) {
  const row = getDb().get<
    { author: string | null; reviewer: string | null; authorId: number | null; selfApproved: number } | undefined
  >(
    sql`select a.name as author, r.name as reviewer, c.author_id as authorId,
        exists (select 1 from claim_proposals p where p.claim_id = c.id and p.status = 'approved'
                and p.reviewed_by = p.proposed_by) as selfApproved
        from claims c left join users a on a.id = c.author_id left join users r on r.id = c.reviewer_id
        where c.id = ${claimId}`,
  );
  if (!row || row.authorId === null) return null;
  return { author: row.author, reviewer: row.reviewer, independentlyReviewed: !row.selfApproved };
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
  // Quotation marks only around a speaker's exact words; a summary is labelled as ours.
  const describe = (c: ClaimSummary) =>
    `${c.speaker?.name ?? 'Unattributed'}: ${statementText(truncateWords(c.statement, 18), c.statementKind)}`;
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
  // A date known only to the month or year sorts after the exact dates inside it: "February 2020"
  // cannot be placed before "17 Feb 2020", and a response must not read as coming first.
  return entries.sort(
    (a, b) => partialDateEnd(a.date).localeCompare(partialDateEnd(b.date)) || (a.kind === 'this-claim' ? -1 : 1),
  );
}

export function truncateWords(text: string, words: number): string {
  const parts = text.split(/\s+/);
  return parts.length <= words ? text : `${parts.slice(0, words).join(' ')}…`;
}
