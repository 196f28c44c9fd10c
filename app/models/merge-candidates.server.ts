/**
 * The line that tells like-named entries of a merge apart: the newsroom trial's two identical
 * "Trump administration wants to crack down…" sources differed only in what this line shows
 * (their addresses and the one's missing publisher).
 */
import { sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { tableOf } from './entry-row.server';
import { findEntries } from './entry-search.server';
import type { MergeKind } from './merge-links.server';

/**
 * A claim's status, speaker and date; a source's publisher, date and address; a person's or
 * organisation's role and affiliation; by id.
 */
export function mergeDetails(kind: MergeKind, ids: number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  const list = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  const query =
    kind === 'claims'
      ? sql`select c.id, c.status || coalesce(' · ' || e.name, '') || coalesce(' · ' || c.claimed_on, '') as detail
            from claims c left join entities e on e.id = c.speaker_id where c.id in (${list})`
      : kind === 'sources'
        ? sql`select s.id, trim(coalesce(p.name, 'No publisher') || coalesce(' · ' || s.published_on, '') || coalesce(' · ' || s.url, '')) as detail
              from sources s left join entities p on p.id = s.publisher_id where s.id in (${list})`
        : sql`select e.id, ltrim(coalesce(e.role, '') || coalesce(' · ' || a.name, ''), ' ·') as detail
              from entities e left join entities a on a.id = e.affiliation_id where e.id in (${list})`;
  return new Map(
    getDb()
      .all<{ id: number; detail: string }>(query)
      .map((r) => [r.id, r.detail]),
  );
}

/** The line that tells this entry apart, for the preview. */
export function mergeDetail(kind: MergeKind, id: number): string {
  return mergeDetails(kind, [id]).get(id) ?? '';
}

export interface LikelyDuplicate {
  id: number;
  slug: string;
  title: string;
  detail: string;
}

/**
 * Entries of the kind whose title has this one's words (never this one): the copies an editor
 * most likely came to merge, offered beside the picker so two identically named entries are
 * told apart by their addresses and details rather than by their place in a list.
 */
export function likelyDuplicates(kind: MergeKind, id: number, title: string, limit = 5): LikelyDuplicate[] {
  const table = tableOf(kind);
  const matches = findEntries(kind, title, limit, sql`${table.id} <> ${id}`);
  const details = mergeDetails(
    kind,
    matches.map((m) => m.id),
  );
  return matches.map((m) => ({ ...m, detail: details.get(m.id) ?? '' }));
}
