import { sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import type { EntityKind } from '../../db/schema';
import { selectClaimSummaries, type EntityRef } from './claim.server';

export function listEntities(kind: EntityKind) {
  return getDb().all<EntityRef & { description: string; claimCount: number }>(
    sql`select e.slug, e.name, e.kind, e.role, e.description,
        (select count(*) from claims c where c.speaker_id = e.id and c.status in ('published', 'retracted')) as claimCount
        from entities e where e.kind = ${kind} order by e.name collate nocase`,
  );
}

/** A person or organisation page: their claims, claims about them, cases, what they publish. */
export function getEntityBySlug(kind: EntityKind, slug: string) {
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
  const claimsMade = selectClaimSummaries(sql`c.speaker_id = ${entity.id}`);
  const claimsAbout = selectClaimSummaries(
    sql`exists (select 1 from claim_subjects cs where cs.claim_id = c.id and cs.entity_id = ${entity.id})`,
  );
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
        order by k.filed_on desc`,
  );
  const members = db.all<EntityRef>(
    sql`select slug, name, kind, role from entities where affiliation_id = ${entity.id} order by name`,
  );
  const published = db.all<{ slug: string; title: string; publishedOn: string | null }>(
    sql`select slug, title, published_on as publishedOn from sources where publisher_id = ${entity.id}
        order by published_on desc, title`,
  );
  return { entity, claimsMade, claimsAbout, cases, members, published };
}

/** Slug lookup without kind, for redirects between /people and /organisations. */
export function findEntityKind(slug: string): EntityKind | null {
  const row = getDb().get<{ kind: EntityKind } | undefined>(sql`select kind from entities where slug = ${slug}`);
  return row?.kind ?? null;
}
