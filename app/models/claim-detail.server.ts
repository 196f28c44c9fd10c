/**
 * One claim with everything its page shows: citations with their sources, relations both ways,
 * topics, subjects, court cases, the public log and the dated timeline around it.
 */
import { getDb } from '../../db/client';
import { partialDateEnd, pathOf, publicClaimPredicate, statementText } from '~/domain';
import type { CaseLinkRole, ClaimSummary, EntityRef, RelationKind } from '~/domain';
import { claimCitationsPrepared } from './claim-links.server';
import { CLAIM_SUMMARY_COLUMNS, CLAIM_SUMMARY_JOINS, toClaimSummary, type ClaimSummaryRow } from './claim.server';
import { prepared } from './prepared.server';
import type { Citation, ClaimRelation } from '~/domain';

const PUBLIC = publicClaimPredicate('c');

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
  return claimDetail(prepared(CLAIM_BY_SLUG).get(slug) as ClaimRow | undefined);
}

/**
 * A claim's page as readers would see it, whatever its status: for the editors' preview. The
 * claims it relates to are still only the public ones, as on the reader's page. A pending change
 * is previewed by reading this inside `readWorkingCopy` (proposal.server.ts), which applies the
 * proposal's document in a savepoint it rolls back.
 */
export function getClaimForPreview(id: number) {
  return claimDetail(prepared(CLAIM_BY_ID).get(id) as ClaimRow | undefined);
}

// Every query of the page is a constant text run through a statement prepared once
// (prepared.server.ts): the reader's page asks for all of them on every request.
const CLAIM_COLUMNS = `select ${CLAIM_SUMMARY_COLUMNS}, c.verdict_explanation as verdictExplanation, c.analysis,
  c.language, c.published_at as publishedAt, c.retracted_at as retractedAt, c.updated_at as updatedAt,
  c.version ${CLAIM_SUMMARY_JOINS}`;
const CLAIM_BY_SLUG = `${CLAIM_COLUMNS} where ${PUBLIC} and c.slug = ?`;
const CLAIM_BY_ID = `${CLAIM_COLUMNS} where c.id = ?`;
const TOPICS = `select t.slug, t.name from topics t join claim_topics ct on ct.topic_id = t.id
  where ct.claim_id = ? order by t.name`;
const SUBJECTS = `select e.slug, e.name, e.kind, e.role from entities e join claim_subjects cs on cs.entity_id = e.id
  where cs.claim_id = ? order by e.name`;
const relationsQuery = (claimColumn: string, thisColumn: string) =>
  `select ${CLAIM_SUMMARY_COLUMNS}, r.kind as relationKind, r.note as relationNote
  from claim_relations r
  join claims c on c.id = r.${claimColumn}
  left join verdicts v on v.id = c.verdict_id
  left join entities e on e.id = c.speaker_id
  where r.${thisColumn} = ? and ${PUBLIC}
  order by c.claimed_on, c.id`;
const OUTGOING = relationsQuery('to_claim_id', 'from_claim_id');
const INCOMING = relationsQuery('from_claim_id', 'to_claim_id');
const CASES = `select cc.role, cc.note, k.slug, k.caption, k.case_number as caseNumber, k.court, k.status
  from claim_cases cc join cases k on k.id = cc.case_id where cc.claim_id = ?
  order by k.filed_on, k.id`;
const CASE_EVENTS = `select ev.occurred_on as date, ev.description, k.slug as caseSlug, k.caption
  from case_events ev join cases k on k.id = ev.case_id
  where ev.case_id in (select case_id from claim_cases where claim_id = ?)`;
const CORRECTIONS = `select id, kind, note, created_at as createdAt from claim_corrections where claim_id = ?
  order by created_at, id`;
const BYLINES = `select a.name as author, r.name as reviewer, c.author_id as authorId,
  exists (select 1 from claim_proposals p where p.claim_id = c.id and p.status = 'approved'
          and p.reviewed_by = p.proposed_by) as selfApproved
  from claims c left join users a on a.id = c.author_id left join users r on r.id = c.reviewer_id
  where c.id = ?`;

type ClaimRow = ClaimSummaryRow & {
  verdictExplanation: string;
  analysis: string;
  language: string;
  publishedAt: number | null;
  retractedAt: number | null;
  updatedAt: number;
  version: number;
};

function claimDetail(row: ClaimRow | undefined) {
  if (!row) return null;
  const claim = {
    ...toClaimSummary(row),
    verdictExplanation: row.verdictExplanation,
    analysis: row.analysis,
    language: row.language,
    publishedAt: row.publishedAt,
    retractedAt: row.retractedAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };

  const topics = prepared(TOPICS).all(claim.id) as { slug: string; name: string }[];
  const subjects = prepared(SUBJECTS).all(claim.id) as EntityRef[];
  const citations = claimCitationsPrepared(getDb(), claim.id).map(
    ({ source: { id: _id, ...source }, ...citation }): Citation => ({ ...citation, source }),
  );

  const relations = (text: string) =>
    (
      prepared(text).all(claim.id) as (ClaimSummaryRow & { relationKind: RelationKind; relationNote: string | null })[]
    ).map((r): ClaimRelation => ({ kind: r.relationKind, note: r.relationNote, claim: toClaimSummary(r) }));
  const outgoing = relations(OUTGOING);
  const incoming = relations(INCOMING);

  const cases = prepared(CASES).all(claim.id) as ClaimCaseLink[];
  const timeline = buildTimeline(claim, outgoing, incoming, cases.length > 0);
  const corrections = prepared(CORRECTIONS).all(claim.id) as {
    id: number;
    kind: 'correction' | 'update' | 'retraction';
    note: string;
    createdAt: number;
  }[];
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
  const row = prepared(BYLINES).get(claimId) as
    | { author: string | null; reviewer: string | null; authorId: number | null; selfApproved: number }
    | undefined;
  if (!row || row.authorId === null) return null;
  return { author: row.author, reviewer: row.reviewer, independentlyReviewed: !row.selfApproved };
}

export type ClaimDetail = NonNullable<ReturnType<typeof getClaimBySlug>>;

/** The dated story around a claim: related statements, filings and pleas, in order. */
function buildTimeline(
  claim: ClaimSummary,
  outgoing: ClaimRelation[],
  incoming: ClaimRelation[],
  hasCases: boolean,
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
  if (hasCases) {
    const events = prepared(CASE_EVENTS).all(claim.id) as {
      date: string;
      description: string;
      caseSlug: string;
      caption: string;
    }[];
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
