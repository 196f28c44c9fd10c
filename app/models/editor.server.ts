/** What the editors' dashboard and lists show: drafts, recent changes, gaps in sourcing. */
import { inArray, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { entities } from '../../db/schema';
import { ENTRY_KINDS, entityEntryKind, KIND_SPECS, KINDS } from '~/domain';
import { columnsOf, tableOf } from './entry-row.server';

export function getDashboard() {
  const db = getDb();
  return {
    drafts: db.all<{ id: number; slug: string; statement: string; updatedAt: number; citations: number }>(
      sql`select c.id, c.slug, c.statement, c.updated_at as updatedAt,
          (select count(*) from citations ci where ci.claim_id = c.id) as citations
          from claims c where c.status = 'draft' order by c.updated_at desc limit 50`,
    ),
    recent: db.all<{
      entityKind: string;
      entityId: number;
      version: number;
      summary: string | null;
      createdAt: number;
      userName: string | null;
    }>(
      sql`select r.entity_kind as entityKind, r.entity_id as entityId, r.version, r.summary, r.created_at as createdAt,
          u.name as userName from revisions r left join users u on u.id = r.user_id order by r.id desc limit 20`,
    ),
    unsourced: db.all<{ id: number; slug: string; statement: string; status: string }>(
      sql`select c.id, c.slug, c.statement, c.status from claims c
          where not exists (select 1 from citations ci where ci.claim_id = c.id) order by c.updated_at desc limit 50`,
    ),
    missingArchive: db.all<{ id: number; slug: string; title: string; citedBy: number }>(
      sql`select s.id, s.slug, s.title,
          (select count(*) from citations ci join claims c on c.id = ci.claim_id
            where ci.source_id = s.id and c.status = 'published') as citedBy
          from sources s where s.archive_url is null or s.archive_url = ''
          order by citedBy desc, s.title limit 50`,
    ),
  };
}

/**
 * Titles, kinds and editor addresses for revision rows on the dashboard, keyed "kind:id": one
 * query per kind of entry among the rows, not one per row.
 */
export function revisionTitles(
  rows: { entityKind: string; entityId: number }[],
): Record<string, { title: string; path: string; kind: string }> {
  const db = getDb();
  const idsByKind = new Map<string, Set<number>>();
  for (const r of rows) {
    if (!idsByKind.has(r.entityKind)) idsByKind.set(r.entityKind, new Set());
    idsByKind.get(r.entityKind)!.add(r.entityId);
  }
  const out: Record<string, { title: string; path: string; kind: string }> = {};
  for (const [revisionKind, ids] of idsByKind) {
    // People and organisations share a revision kind; the row's own kind tells them apart.
    const kind = ENTRY_KINDS.find((k) => KINDS[k].revisionKind === revisionKind);
    if (!kind) continue;
    const table = tableOf(kind);
    const found = db
      .select({
        id: table.id,
        title: columnsOf(kind)[KIND_SPECS[kind].titleField],
        entityKind: table === entities ? entities.kind : sql<null>`null`,
      })
      .from(table)
      .where(inArray(table.id, [...ids]))
      .all();
    for (const row of found) {
      const entryKind = row.entityKind ? entityEntryKind(row.entityKind) : kind;
      out[`${revisionKind}:${row.id}`] = {
        title: String(row.title),
        path: `/editor${KINDS[entryKind].path}/${row.id}`,
        kind: KINDS[entryKind].label,
      };
    }
  }
  return out;
}
