/**
 * What a picker finds: the best matches of what an editor typed (drafts included), and the
 * entries a reference field names, each with a short line saying what it is ("Person · Huawei")
 * so two entries of the same name can be told apart. Read-only; creating from a picker is in
 * `pick-create.server.ts`.
 */
import { sql, type SQL } from 'drizzle-orm';
import { getDb, type TrackerHandle } from '../../db/client';
import {
  entityKindLabel,
  KINDS,
  PICK_LIMIT,
  pickEntryKinds,
  sourceKindLabel,
  type EntityKind,
  type PickKind,
  type PickMatch,
  type SourceKind,
} from '~/domain';
import { findEntries, ftsQuery, MAX_EDITOR_QUERY } from './entry-search.server';

const idList = (ids: number[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
const line = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' · ');
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The ids of the best matches, in order. People and organisations together (a speaker may be
 * either) share one FTS table, so one query ranks both the way `findEntries` ranks one kind.
 */
function matchingIds(kind: PickKind, text: unknown, limit: number): number[] {
  if (kind !== 'entities') return findEntries(kind, text, limit).map((m) => m.id);
  const query = ftsQuery(text);
  if (query === null) return [];
  const typed = typeof text === 'string' ? text.trim().slice(0, MAX_EDITOR_QUERY) : '';
  return getDb()
    .all<{ id: number }>(
      sql`select e.id from entities e join entities_fts f on f.rowid = e.id
          where entities_fts match ${query}
          order by (e.name = ${typed} collate nocase) desc, bm25(entities_fts), length(e.name)
          limit ${Math.max(1, Math.min(limit, 50))}`,
    )
    .map((r) => r.id);
}

type Row = { id: number; slug: string; title: string; a: string | null; b: string | null; c: string | null };

/** The entries of these ids that are of the kind, with their detail lines, by id. */
function describe(kind: PickKind, ids: number[], db: TrackerHandle): Map<number, PickMatch> {
  const found = new Map<number, PickMatch>();
  if (ids.length === 0) return found;
  const table = KINDS[pickEntryKinds(kind)[0]].table;
  const inIds = idList(ids);
  let rows: Row[];
  let detail: (row: Row) => string;
  if (table === 'entities') {
    const only: SQL = kind === 'entities' ? sql`` : sql`and e.kind = ${KINDS[pickEntryKinds(kind)[0]].entityKind}`;
    rows = db.all<Row>(
      sql`select e.id, e.slug, e.name as title, e.kind as a, coalesce(o.name, e.role) as b, null as c
          from entities e left join entities o on o.id = e.affiliation_id where e.id in (${inIds}) ${only}`,
    );
    detail = (r) => line(entityKindLabel[r.a as EntityKind] ?? r.a, r.b);
  } else if (table === 'claims') {
    rows = db.all<Row>(
      sql`select c.id, c.slug, c.statement as title, c.status as a, e.name as b, c.claimed_on as c
          from claims c left join entities e on e.id = c.speaker_id where c.id in (${inIds})`,
    );
    detail = (r) => line('Claim', r.a ? capital(r.a) : null, r.b, r.c);
  } else if (table === 'sources') {
    rows = db.all<Row>(
      sql`select s.id, s.slug, s.title, s.kind as a, e.name as b, s.published_on as c
          from sources s left join entities e on e.id = s.publisher_id where s.id in (${inIds})`,
    );
    detail = (r) => line(sourceKindLabel[r.a as SourceKind] ?? 'Source', r.b, r.c);
  } else if (table === 'cases') {
    rows = db.all<Row>(
      sql`select id, slug, caption as title, court as a, case_number as b, status as c from cases where id in (${inIds})`,
    );
    detail = (r) => line('Court case', r.a, r.b, r.c);
  } else {
    rows = db.all<Row>(
      sql`select id, slug, name as title, null as a, null as b, null as c from topics where id in (${inIds})`,
    );
    detail = () => 'Topic';
  }
  for (const row of rows) found.set(row.id, { id: row.id, slug: row.slug, title: row.title, detail: detail(row) });
  return found;
}

/** The best matches of a kind for what was typed, drafts included, at most `limit` (10). */
export function pickMatches(kind: PickKind, text: unknown, limit = PICK_LIMIT): PickMatch[] {
  const ids = matchingIds(kind, text, limit);
  const found = describe(kind, ids, getDb());
  return ids.map((id) => found.get(id)).filter((m): m is PickMatch => m !== undefined);
}

/** The entries of a kind with these ids, in the order given; ids of nothing (or of another kind) are left out. */
export function pickedEntries(kind: PickKind, ids: number[], db: TrackerHandle = getDb()): PickMatch[] {
  const wanted = [...new Set(ids.filter((id) => Number.isSafeInteger(id) && id > 0))].slice(0, 200);
  const found = describe(kind, wanted, db);
  return wanted.map((id) => found.get(id)).filter((m): m is PickMatch => m !== undefined);
}
