/**
 * Finding the other entry of a merge: what the editor typed, matched by the editor search
 * (ADR 0007), with a line that tells like-named entries apart (the newsroom trial's two identical
 * "Trump administration wants to crack down…" sources differed only in what this line shows).
 */
import { sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { tableOf } from './entry-row.server';
import { findEntries } from './entry-search.server';
import type { MergeKind } from './merge-links.server';

export interface MergeCandidate {
  id: number;
  slug: string;
  title: string;
  /** What tells two like-named entries apart: a claim's status, speaker and date; a source's publisher, date and address. */
  detail: string;
}

/** A line that tells entries of a kind apart, by id. */
function detailsOf(kind: MergeKind, ids: number[]): Map<number, string> {
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
        : sql`select e.id, coalesce(e.role, '') || coalesce(' · ' || a.name, '') as detail
              from entities e left join entities a on a.id = e.affiliation_id where e.id in (${list})`;
  return new Map(
    getDb()
      .all<{ id: number; detail: string }>(query)
      .map((r) => [r.id, r.detail]),
  );
}

/** The entries an editor may merge with this one, matching what they typed (never this one). */
export function findMergeCandidates(kind: MergeKind, id: number, text: string): MergeCandidate[] {
  const table = tableOf(kind);
  const matches = findEntries(kind, text, 10, sql`${table.id} <> ${id}`);
  const details = detailsOf(
    kind,
    matches.map((m) => m.id),
  );
  return matches.map((m) => ({ ...m, detail: details.get(m.id) ?? '' }));
}

/** The line that tells this entry apart, for the preview. */
export function mergeDetail(kind: MergeKind, id: number): string {
  return detailsOf(kind, [id]).get(id) ?? '';
}
