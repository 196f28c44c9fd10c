/**
 * The editor's lists of entries at archive scale: search (the FTS5 index of ADR 0007, drafts
 * included), filters checked against what exists (editor-list-query.server.ts), a stable sort
 * and pages of 50.
 *
 * The SQL names each entry table unaliased (`claims.id`), because `matchCondition` speaks of the
 * table itself. A page is read in two steps, the ids of the page in the chosen order, then the
 * columns shown for those 50 rows, so the joins and per-row counts are paid for 50 rows and not
 * for every row the sort passes over.
 */
import { sql, type SQL } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { sourceKindLabel, STATUS_LABELS, type EntryKind, type PageOf } from '~/domain';
import { deskStateLabel } from '~/domain/desk';
import { EDITOR_PER_PAGE, type EditorSort } from '~/domain/editor-lists';
import { pageOfList, type ListRange } from '~/http/pagination.server';
import { PUBLIC, statusCondition, type EditorListQuery } from './editor-list-query.server';
import { ftsQuery } from './entry-search.server';

export {
  editorListOptions,
  parseEditorListQuery,
  typedListParams,
  type AppliedFilter,
  type EditorListOptions,
  type EditorListParse,
  type EditorListQuery,
  type FilterCandidate,
} from './editor-list-query.server';

export interface EditorListRow {
  id: number;
  title: string;
  updatedAt: number;
  /** The list's other columns by key, as stored or as labelled; the component formats dates. */
  cells: Record<string, string | number | null>;
}

// ---------------------------------------------------------------------------------------------
// Reading a page

const TABLE: Record<EntryKind, SQL> = {
  claims: sql.raw('claims'),
  sources: sql.raw('sources'),
  people: sql.raw('entities'),
  organisations: sql.raw('entities'),
  cases: sql.raw('cases'),
  topics: sql.raw('topics'),
};

/** Every order ends on the id, so rows that tie keep one place and no row shows on two pages. */
function orderOf(kind: EntryKind, sort: EditorSort): SQL {
  const t = KIND_COLUMNS[kind];
  switch (sort) {
    case 'changed':
      return sql.raw(`${t.table}.updated_at desc, ${t.table}.id desc`);
    case 'title':
      return sql.raw(`${t.table}.${t.title} collate nocase, ${t.table}.id`);
    case 'date':
      return sql.raw(`${t.table}.${t.date ?? 'updated_at'} desc, ${t.table}.id desc`);
    case 'cited':
      return sql`(select count(*) from citations where citations.source_id = sources.id) desc, sources.id desc`;
  }
}

const KIND_COLUMNS: Record<EntryKind, { table: string; title: string; date?: string }> = {
  claims: { table: 'claims', title: 'statement', date: 'claimed_on' },
  sources: { table: 'sources', title: 'title', date: 'published_on' },
  people: { table: 'entities', title: 'name' },
  organisations: { table: 'entities', title: 'name' },
  cases: { table: 'cases', title: 'caption', date: 'filed_on' },
  topics: { table: 'topics', title: 'name' },
};

type DetailRow = { id: number; title: string; updatedAt: number } & Record<string, string | number | null>;

/** The columns shown for a page's rows (`ids` is already a list of integers from the database). */
function detailsOf(kind: EntryKind, ids: SQL): SQL {
  switch (kind) {
    case 'claims':
      return sql`select claims.id, claims.statement as title, claims.updated_at as updatedAt,
          sp.name as speaker, v.label as verdict, claims.status as status, claims.desk_state as desk,
          u.name as assignee, claims.claimed_on as said
          from claims left join entities sp on sp.id = claims.speaker_id
          left join verdicts v on v.id = claims.verdict_id left join users u on u.id = claims.assignee_id
          where claims.id in (${ids})`;
    case 'sources':
      return sql`select sources.id, sources.title, sources.updated_at as updatedAt, p.name as publisher,
          sources.kind as kind, sources.published_on as published,
          case when coalesce(sources.archive_url, '') <> '' then 'Yes' else 'No' end as archived,
          (select count(*) from citations where citations.source_id = sources.id) as cited
          from sources left join entities p on p.id = sources.publisher_id where sources.id in (${ids})`;
    case 'people':
    case 'organisations':
      return sql`select entities.id, entities.name as title, entities.updated_at as updatedAt,
          entities.role as role, a.name as affiliation,
          (select count(*) from claims where claims.speaker_id = entities.id) as claims
          from entities left join entities a on a.id = entities.affiliation_id where entities.id in (${ids})`;
    case 'cases':
      return sql`select cases.id, cases.caption as title, cases.updated_at as updatedAt, cases.court as court,
          cases.case_number as number, cases.status as status, cases.filed_on as filed
          from cases where cases.id in (${ids})`;
    case 'topics':
      return sql`select topics.id, topics.name as title, topics.updated_at as updatedAt,
          (select count(*) from claim_topics where claim_topics.topic_id = topics.id) as claims
          from topics where topics.id in (${ids})`;
  }
}

const STATEMENT_CHARS = 160;

/** A long statement or title cut at a word, so a page of 50 stays small. */
export function shorten(text: string, max = STATEMENT_CHARS): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

function toRow(kind: EntryKind, row: DetailRow): EditorListRow {
  const { id, title, updatedAt, ...cells } = row;
  if (kind === 'claims') {
    cells.status = STATUS_LABELS[cells.status as keyof typeof STATUS_LABELS] ?? cells.status;
    cells.desk = deskStateLabel[cells.desk as keyof typeof deskStateLabel] ?? cells.desk;
  }
  if (kind === 'sources') cells.kind = sourceKindLabel[cells.kind as keyof typeof sourceKindLabel] ?? cells.kind;
  return { id, title: shorten(String(title)) || 'Untitled', updatedAt: Number(updatedAt), cells };
}

/** FTS5 tables whose match count stands for the list's count when the text is all there is. */
const FTS_TABLE: Partial<Record<EntryKind, string>> = {
  claims: 'claims_fts',
  sources: 'sources_fts',
  cases: 'cases_fts',
};

/** How many rows the search text matches, read from the FTS5 index alone (no entry row read). */
function matchCount(kind: EntryKind, q: string): number | null {
  const table = FTS_TABLE[kind];
  const query = ftsQuery(q);
  if (!table || query === null) return null;
  return getDb().get<{ n: number }>(
    sql`select count(*) as n from ${sql.raw(table)} where ${sql.raw(table)} match ${query}`,
  ).n;
}

/**
 * Past this many rows, a list sorted by change reads the change-time indexes in order and stops
 * at the page's rows, instead of reading every row that matches to sort them; below it, the
 * planner's choice (a speaker's index, the search matches) reads fewer rows.
 */
const MANY_MATCHES = 2000;

/**
 * The ids of a page of claims, most recently changed first, read from the two partial indexes
 * on updated_at (drafts, public claims: between them every claim) and merged. Without them each
 * page sorted every claim (a scan of the whole table); with them page 1 reads 50 index entries
 * and page 1000 reads 50,000. `ordered` forces those indexes when many rows match.
 */
function claimIdsByChange(query: EditorListQuery, range: ListRange, ordered: boolean): number[] {
  const n = range.limit + range.offset;
  const leg = (partition: SQL, index: string) => {
    const where = sql.join([partition, ...query.conditions, ...(query.match ? [query.match] : [])], sql` and `);
    const indexed = ordered ? sql.raw(` indexed by ${index}`) : sql``;
    return sql`select * from (select claims.id as id, claims.updated_at as changed from claims${indexed}
        where ${where} order by claims.updated_at desc, claims.id desc limit ${n})`;
  };
  const legs: SQL[] = [];
  const status = query.claimStatus;
  if (status === null || status === 'draft') legs.push(leg(statusCondition('draft'), 'claims_drafts'));
  if (status === null) legs.push(leg(PUBLIC, 'claims_public_updated'));
  else if (status !== 'draft') legs.push(leg(statusCondition(status), 'claims_public_updated'));
  return getDb()
    .all<{ id: number }>(
      sql`${sql.join(legs, sql` union all `)} order by changed desc, id desc limit ${range.limit} offset ${range.offset}`,
    )
    .map((r) => r.id);
}

/** One page of a list, with the count of everything that matches. */
export function listEditorEntries(query: EditorListQuery, perPage = EDITOR_PER_PAGE): PageOf<EditorListRow> {
  const db = getDb();
  const table = TABLE[query.kind];
  const all = [
    ...(query.claimStatus ? [statusCondition(query.claimStatus)] : []),
    ...query.conditions,
    ...(query.match ? [query.match] : []),
  ];
  const where = all.length > 0 ? sql.join(all, sql` and `) : sql`1`;
  const matches = query.match ? matchCount(query.kind, query.q) : null;
  const textOnly = query.conditions.length === 0 && query.claimStatus === null;
  let total = 0;
  return pageOfList(
    query.page,
    () =>
      (total =
        textOnly && matches !== null
          ? matches
          : db.get<{ n: number }>(sql`select count(*) as n from ${table} where ${where}`).n),
    (range) => {
      const ids =
        query.kind === 'claims' && query.sort === 'changed'
          ? claimIdsByChange(query, range, total >= MANY_MATCHES)
          : db
              .all<{ id: number }>(
                sql`select ${table}.id as id from ${table} where ${where}
                    order by ${orderOf(query.kind, query.sort)} limit ${range.limit} offset ${range.offset}`,
              )
              .map((r) => r.id);
      if (ids.length === 0) return [];
      const idList = sql.raw(ids.map((id) => String(Math.trunc(id))).join(', '));
      const byId = new Map(db.all<DetailRow>(detailsOf(query.kind, idList)).map((r) => [r.id, r]));
      return ids.flatMap((id) => {
        const row = byId.get(id);
        return row ? [toRow(query.kind, row)] : [];
      });
    },
    perPage,
  );
}
