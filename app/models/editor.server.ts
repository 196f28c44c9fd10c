/** What the editors' dashboard and lists show: drafts, recent changes, gaps in sourcing. */
import { sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { KIND_SPECS, type EntryKind } from '~/domain';

export interface EntryListItem {
  id: number;
  slug: string;
  title: string;
  status: string | null;
  version: number;
  updatedAt: number;
}

export function listEntries(kind: EntryKind, limit = 500): EntryListItem[] {
  const spec = KIND_SPECS[kind];
  const entityKind = kind === 'people' ? 'person' : kind === 'organisations' ? 'organisation' : null;
  return getDb()
    .$client.prepare(
      `select id, slug, ${spec.titleField} as title, ${spec.table === 'claims' ? 'status' : 'null'} as status, version,
         updated_at as updatedAt
       from ${spec.table} ${entityKind ? `where kind = '${entityKind}'` : ''}
       order by updated_at desc, id desc limit ?`,
    )
    .all(limit) as EntryListItem[];
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
  const db = getDb().$client;
  const out: Record<string, { title: string; path: string }> = {};
  for (const r of rows) {
    const key = `${r.entityKind}:${r.entityId}`;
    if (out[key]) continue;
    const table = { claim: 'claims', source: 'sources', entity: 'entities', case: 'cases', topic: 'topics' }[
      r.entityKind
    ];
    const titleColumn = { claim: 'statement', source: 'title', entity: 'name', case: 'caption', topic: 'name' }[
      r.entityKind
    ];
    if (!table) continue;
    const row = db
      .prepare(`select ${titleColumn} as title${table === 'entities' ? ', kind' : ''} from ${table} where id = ?`)
      .get(r.entityId) as { title: string; kind?: string } | undefined;
    if (!row) continue;
    const kind = table === 'entities' ? (row.kind === 'person' ? 'people' : 'organisations') : table;
    out[key] = { title: row.title, path: `/editor/${kind}/${r.entityId}` };
  }
  return out;
}
