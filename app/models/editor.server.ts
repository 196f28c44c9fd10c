/** What the editors' dashboard and lists show: drafts, recent changes, gaps in sourcing. */
import { desc, eq, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { claims, entities } from '../../db/schema';
import { ENTRY_KINDS, entityEntryKind, KIND_SPECS, KINDS, type EntryKind } from '~/domain';
import { columnsOf, ofKind, tableOf } from './entry-row.server';

export interface EntryListItem {
  id: number;
  slug: string;
  title: string;
  status: string | null;
  version: number;
  updatedAt: number;
}

const unixSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** A kind's entries, drafts included, most recently changed first. */
export function listEntries(kind: EntryKind, limit = 500): EntryListItem[] {
  const table = tableOf(kind);
  return getDb()
    .select({
      id: table.id,
      slug: table.slug,
      title: columnsOf(kind)[KIND_SPECS[kind].titleField],
      status: table === claims ? claims.status : sql<null>`null`,
      version: table.version,
      updatedAt: table.updatedAt,
    })
    .from(table)
    .where(ofKind(kind))
    .orderBy(desc(table.updatedAt), desc(table.id))
    .limit(limit)
    .all()
    .map((row) => ({ ...row, title: String(row.title), updatedAt: unixSeconds(row.updatedAt) }));
}

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

/** Titles for revision rows on the dashboard, keyed "kind:id". */
export function revisionTitles(
  rows: { entityKind: string; entityId: number }[],
): Record<string, { title: string; path: string }> {
  const db = getDb();
  const out: Record<string, { title: string; path: string }> = {};
  for (const r of rows) {
    const key = `${r.entityKind}:${r.entityId}`;
    // People and organisations share a revision kind; the row's own kind tells them apart.
    const kind = ENTRY_KINDS.find((k) => KINDS[k].revisionKind === r.entityKind);
    if (out[key] || !kind) continue;
    const table = tableOf(kind);
    const row = db
      .select({
        title: columnsOf(kind)[KIND_SPECS[kind].titleField],
        entityKind: table === entities ? entities.kind : sql<null>`null`,
      })
      .from(table)
      .where(eq(table.id, r.entityId))
      .get();
    if (!row) continue;
    const entryKind = row.entityKind ? entityEntryKind(row.entityKind) : kind;
    out[key] = { title: String(row.title), path: `/editor${KINDS[entryKind].path}/${r.entityId}` };
  }
  return out;
}
