import { sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import type { EntityKind } from '~/domain';
import { pageOfList, type ListRange } from '~/http/pagination.server';
import { pageOfClaimSummaries, type EntityRef } from './claim.server';
import { publicClaim } from './public-claims.server';

/** How many of each secondary list (claims about, cases, members, sources) a page shows. */
export const ENTITY_SECTION_LIMIT = 20;

/**
 * People or organisations by name, all or one page. The page is chosen first and claims are
 * counted for its rows only, not for every speaker in the archive.
 */
export function listEntities(kind: EntityKind, range: ListRange = { limit: -1, offset: 0 }) {
  return getDb().all<EntityRef & { description: string; claimCount: number }>(
    sql`select e.slug, e.name, e.kind, e.role, e.description,
        (select count(*) from claims c where c.speaker_id = e.id and ${publicClaim('c')}) as claimCount
        from (select id, slug, name, kind, role, description from entities where kind = ${kind}
          order by name collate nocase, id limit ${range.limit} offset ${range.offset}) e
        order by e.name collate nocase, e.id`,
  );
}

export function countEntities(kind: EntityKind): number {
  return getDb().get<{ n: number }>(sql`select count(*) as n from entities where kind = ${kind}`).n;
}

/** `/people` and `/organisations`: one page of them by name, with the total. */
export function pageOfEntities(kind: EntityKind, page: number) {
  return pageOfList(
    page,
    () => countEntities(kind),
    (range) => listEntities(kind, range),
  );
}

/**
 * A person or organisation page: one page (newest first) of the claims they made, with the
 * total; the newest claims about them, cases, members and what they publish, each bounded,
 * with its total, so the page stays small however much the archive holds.
 */
export function getEntityBySlug(kind: EntityKind, slug: string, page = 1) {
  const db = getDb();
  const entity = db.get<
    | (EntityRef & { id: number; description: string; affiliationSlug: string | null; affiliationName: string | null })
    | undefined
  >(
    sql`select e.id, e.slug, e.name, e.kind, e.role, e.description,
        a.slug as affiliationSlug, a.name as affiliationName
        from entities e left join entities a on a.id = e.affiliation_id
        where e.slug = ${slug} and e.kind = ${kind}`,
  );
  if (!entity) return null;
  const limit = ENTITY_SECTION_LIMIT;
  const { items: claimsMade, ...claimsMadePage } = pageOfClaimSummaries(sql`c.speaker_id = ${entity.id}`, page);
  const about = pageOfClaimSummaries(
    sql`c.id in (select cs.claim_id from claim_subjects cs where cs.entity_id = ${entity.id})`,
    1,
    limit,
  );
  const count = (query: ReturnType<typeof sql>) => db.get<{ n: number }>(query).n;
  const cases = db.all<{
    slug: string;
    caption: string;
    caseNumber: string | null;
    court: string;
    status: string;
    note: string | null;
  }>(
    sql`select k.slug, k.caption, k.case_number as caseNumber, k.court, k.status, d.note
        from case_defendants d join cases k on k.id = d.case_id where d.entity_id = ${entity.id}
        order by k.filed_on desc limit ${limit}`,
  );
  const members = db.all<EntityRef>(
    sql`select slug, name, kind, role from entities where affiliation_id = ${entity.id} order by name limit ${limit}`,
  );
  const published = db.all<{ slug: string; title: string; publishedOn: string | null }>(
    sql`select slug, title, published_on as publishedOn from sources where publisher_id = ${entity.id}
        order by published_on desc, title limit ${limit}`,
  );
  return {
    entity,
    claimsMade,
    claimsMadePage,
    claimsAbout: about.items,
    totals: {
      claimsAbout: about.total,
      cases:
        cases.length < limit
          ? cases.length
          : count(sql`select count(*) as n from case_defendants where entity_id = ${entity.id}`),
      members:
        members.length < limit
          ? members.length
          : count(sql`select count(*) as n from entities where affiliation_id = ${entity.id}`),
      published:
        published.length < limit
          ? published.length
          : count(sql`select count(*) as n from sources where publisher_id = ${entity.id}`),
    },
    cases,
    members,
    published,
  };
}

/** Slug lookup without kind, for redirects between /people and /organisations. */
export function findEntityKind(slug: string): EntityKind | null {
  const row = getDb().get<{ kind: EntityKind } | undefined>(sql`select kind from entities where slug = ${slug}`);
  return row?.kind ?? null;
}
