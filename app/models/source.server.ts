import { sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import type { CitationRole, SourceKind } from '~/domain';
import { pageCountFor, pageOfList, PER_PAGE, type ListRange } from '~/http/pagination.server';
import { claimSummaryColumns, toClaimSummary, type ClaimSummary } from './claim.server';
import { publicClaim } from './public-claims.server';

export interface SourceSummary {
  slug: string;
  title: string;
  kind: SourceKind;
  url: string | null;
  archiveUrl: string | null;
  publishedOn: string | null;
  publisherName: string | null;
  publisherSlug: string | null;
  citationCount: number;
}

/**
 * All sources, or one page of them (newest first); citations are counted for those rows only.
 * The page is picked by id alone so the sort does not carry every column of every source.
 */
export function listSources(range: ListRange = { limit: -1, offset: 0 }) {
  return getDb().all<SourceSummary>(
    sql`select s.slug, s.title, s.kind, s.url, s.archive_url as archiveUrl, s.published_on as publishedOn,
        p.name as publisherName, p.slug as publisherSlug,
        (select count(*) from citations ci join claims c on c.id = ci.claim_id
          where ci.source_id = s.id and ${publicClaim('c')}) as citationCount
        from (select id from sources order by published_on desc, title, id
          limit ${range.limit} offset ${range.offset}) shown
        join sources s on s.id = shown.id
        left join entities p on p.id = s.publisher_id
        order by s.published_on desc, s.title, s.id`,
  );
}

export function countSources(): number {
  return getDb().get<{ n: number }>(sql`select count(*) as n from sources`).n;
}

/** `/sources`: one page of them, newest first, with the total. */
export function pageOfSources(page: number) {
  return pageOfList(page, countSources, listSources);
}

/** A source and one page (newest first) of the published claims citing it, with the total. */
export function getSourceBySlug(slug: string, page = 1) {
  const db = getDb();
  const source = db.get<
    | (Omit<SourceSummary, 'citationCount'> & { id: number; authors: string; accessedOn: string | null; note: string })
    | undefined
  >(
    sql`select s.id, s.slug, s.title, s.kind, s.url, s.archive_url as archiveUrl, s.published_on as publishedOn,
        s.accessed_on as accessedOn, s.authors, s.note, p.name as publisherName, p.slug as publisherSlug
        from sources s left join entities p on p.id = s.publisher_id where s.slug = ${slug}`,
  );
  if (!source) return null;
  const perPage = PER_PAGE;
  const citationTotal = db.get<{ n: number }>(
    sql`select count(*) as n from citations ci join claims c on c.id = ci.claim_id
        where ci.source_id = ${source.id} and ${publicClaim('c')}`,
  ).n;
  const citedBy = db
    .all<Parameters<typeof toClaimSummary>[0] & { role: CitationRole; quote: string | null; locator: string | null }>(
      sql`select ${claimSummaryColumns}, ci.role, ci.quote, ci.locator
          from citations ci join claims c on c.id = ci.claim_id
          left join verdicts v on v.id = c.verdict_id left join entities e on e.id = c.speaker_id
          where ci.source_id = ${source.id} and ${publicClaim('c')}
          order by c.claimed_on desc, c.id desc, ci.position, ci.id
          limit ${perPage} offset ${(page - 1) * perPage}`,
    )
    .map((r): { claim: ClaimSummary; role: CitationRole; quote: string | null; locator: string | null } => ({
      claim: toClaimSummary(r),
      role: r.role,
      quote: r.quote,
      locator: r.locator,
    }));
  const cases = db.all<{ slug: string; caption: string; caseNumber: string | null }>(
    sql`select distinct k.slug, k.caption, k.case_number as caseNumber from cases k
        where exists (select 1 from case_sources cs where cs.case_id = k.id and cs.source_id = ${source.id})
           or exists (select 1 from case_events ev where ev.case_id = k.id and ev.source_id = ${source.id})
        order by k.caption`,
  );
  let authors: string[] = [];
  try {
    authors = JSON.parse(source.authors) as string[];
  } catch {
    authors = [];
  }
  return {
    source: { ...source, authors },
    citedBy,
    citedByPage: { total: citationTotal, page, pageCount: pageCountFor(citationTotal, perPage) },
    cases,
  };
}
