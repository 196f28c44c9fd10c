import { sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { pageOfClaimSummaries } from './claim.server';
import { pageOfList, type ListRange } from '~/http/pagination.server';
import { publicClaim } from './public-claims.server';

/** All topics, or one page of them by name; published claims counted for those rows only. */
export function listTopics(range: ListRange = { limit: -1, offset: 0 }) {
  return getDb().all<{ slug: string; name: string; description: string; claimCount: number }>(
    sql`select t.slug, t.name, t.description,
        (select count(*) from claim_topics ct join claims c on c.id = ct.claim_id
          where ct.topic_id = t.id and ${publicClaim('c')}) as claimCount
        from (select id, slug, name, description from topics
          order by name collate nocase, id limit ${range.limit} offset ${range.offset}) t
        order by t.name collate nocase, t.id`,
  );
}

export function countTopics(): number {
  return getDb().get<{ n: number }>(sql`select count(*) as n from topics`).n;
}

/** `/topics`: one page of them by name, with the total. */
export function pageOfTopics(page: number) {
  return pageOfList(page, countTopics, listTopics);
}

/** A topic and one page (newest first) of its published claims, with the total. */
export function getTopicBySlug(slug: string, page = 1) {
  const topic = getDb().get<{ id: number; slug: string; name: string; description: string } | undefined>(
    sql`select id, slug, name, description from topics where slug = ${slug}`,
  );
  if (!topic) return null;
  const { items: claims, ...claimsPage } = pageOfClaimSummaries(
    sql`c.id in (select ct.claim_id from claim_topics ct where ct.topic_id = ${topic.id})`,
    page,
  );
  return { topic, claims, claimsPage };
}
