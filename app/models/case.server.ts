import { sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import type { CaseLinkRole } from '~/domain';
import { pageOfList, type ListRange } from '~/http/pagination.server';
import { claimSummaryColumns, toClaimSummary, type ClaimSummary, type EntityRef } from './claim.server';
import { publicClaim } from './public-claims.server';

export interface CaseSummary {
  slug: string;
  caption: string;
  court: string;
  caseNumber: string | null;
  filedOn: string | null;
  status: string;
  chargeCount: number;
  defendantCount: number;
}

/** All cases, or one page of them (latest filed first); charges and defendants counted for those rows. */
export function listCases(range: ListRange = { limit: -1, offset: 0 }) {
  return getDb().all<CaseSummary>(
    sql`select k.slug, k.caption, k.court, k.case_number as caseNumber, k.filed_on as filedOn, k.status,
        (select count(*) from charges ch where ch.case_id = k.id) as chargeCount,
        (select count(*) from case_defendants d where d.case_id = k.id) as defendantCount
        from (select id from cases order by filed_on desc, caption, id
          limit ${range.limit} offset ${range.offset}) shown
        join cases k on k.id = shown.id
        order by k.filed_on desc, k.caption, k.id`,
  );
}

export function countCases(): number {
  return getDb().get<{ n: number }>(sql`select count(*) as n from cases`).n;
}

/** `/cases`: one page of them, latest filed first, with the total. */
export function pageOfCases(page: number) {
  return pageOfList(page, countCases, listCases);
}

export function getCaseBySlug(slug: string) {
  const db = getDb();
  const courtCase = db.get<
    | {
        id: number;
        slug: string;
        caption: string;
        court: string;
        caseNumber: string | null;
        jurisdiction: string | null;
        judge: string | null;
        filedOn: string | null;
        status: string;
        documentUrl: string | null;
        docketUrl: string | null;
        summary: string;
      }
    | undefined
  >(
    sql`select id, slug, caption, court, case_number as caseNumber, jurisdiction, judge, filed_on as filedOn,
        status, document_url as documentUrl, docket_url as docketUrl, summary from cases where slug = ${slug}`,
  );
  if (!courtCase) return null;
  const charges = db.all<{
    id: number;
    count: string | null;
    statute: string | null;
    description: string;
    disposition: string | null;
  }>(
    sql`select id, count, statute, description, disposition from charges where case_id = ${courtCase.id}
        order by position, id`,
  );
  const defendants = db.all<EntityRef & { note: string | null }>(
    sql`select e.slug, e.name, e.kind, e.role, d.note from case_defendants d join entities e on e.id = d.entity_id
        where d.case_id = ${courtCase.id} order by d.position, e.name`,
  );
  const events = db.all<{
    id: number;
    occurredOn: string;
    description: string;
    sourceSlug: string | null;
    sourceTitle: string | null;
    publisherName: string | null;
  }>(
    sql`select ev.id, ev.occurred_on as occurredOn, ev.description, s.slug as sourceSlug, s.title as sourceTitle,
        p.name as publisherName
        from case_events ev left join sources s on s.id = ev.source_id left join entities p on p.id = s.publisher_id
        where ev.case_id = ${courtCase.id} order by ev.occurred_on, ev.id`,
  );
  const sources = db.all<{
    slug: string;
    title: string;
    publishedOn: string | null;
    publisherName: string | null;
    url: string | null;
  }>(
    sql`select s.slug, s.title, s.published_on as publishedOn, p.name as publisherName, s.url
        from case_sources cs join sources s on s.id = cs.source_id left join entities p on p.id = s.publisher_id
        where cs.case_id = ${courtCase.id} order by cs.position`,
  );
  const claims = db
    .all<Parameters<typeof toClaimSummary>[0] & { linkRole: CaseLinkRole; linkNote: string | null }>(
      sql`select ${claimSummaryColumns}, cc.role as linkRole, cc.note as linkNote
          from claim_cases cc join claims c on c.id = cc.claim_id
          left join verdicts v on v.id = c.verdict_id left join entities e on e.id = c.speaker_id
          where cc.case_id = ${courtCase.id} and ${publicClaim('c')}
          order by c.claimed_on, c.id`,
    )
    .map((r): { claim: ClaimSummary; role: CaseLinkRole; note: string | null } => ({
      claim: toClaimSummary(r),
      role: r.linkRole,
      note: r.linkNote,
    }));
  return { courtCase, charges, defendants, events, sources, claims };
}
