/**
 * The editor's lists of entries at archive scale: search (the FTS5 index of ADR 0007, drafts
 * included), filters checked against what exists, a stable sort and pages of 50, read from a URL.
 *
 * The SQL names each entry table unaliased (`claims.id`), because `matchCondition` speaks of the
 * table itself. A page is read in two steps, the ids of the page in the chosen order, then the
 * columns shown for those 50 rows, so the joins and per-row counts are paid for 50 rows and not
 * for every row the sort passes over.
 */
import { sql, type SQL } from 'drizzle-orm';
import { getDb } from '../../db/client';
import {
  CLAIM_STATUSES,
  DESK_STATES,
  partialDateParam,
  SOURCE_KINDS,
  sourceKindLabel,
  STATUS_LABELS,
  publicClaimPredicate,
  type ClaimStatus,
  type EntryKind,
  type PageOf,
} from '~/domain';
import { deskStateLabel } from '~/domain/desk';
import {
  EDITOR_PER_PAGE,
  FILTERS_OF,
  filterLabel,
  SORTS_OF,
  YES_NO,
  type EditorFilterKey,
  type EditorSort,
} from '~/domain/editor-lists';
import { pageOfList, parsePageParam, type ListRange } from '~/http/pagination.server';
import { ftsQuery, matchCondition, MAX_EDITOR_QUERY } from './entry-search.server';
import { ofKind } from './entry-row.server';

export interface EditorListRow {
  id: number;
  title: string;
  updatedAt: number;
  /** The list's other columns by key, as stored or as labelled; the component formats dates. */
  cells: Record<string, string | number | null>;
}

/** A filter in force, as the "Filtered by" list shows it (each one removable). */
export interface AppliedFilter {
  key: EditorFilterKey;
  label: string;
  value: string;
}

/** An entry a name could mean, offered when a typed name matches several. */
export interface FilterCandidate {
  slug: string;
  title: string;
}

export interface EditorListQuery {
  kind: EntryKind;
  q: string;
  sort: EditorSort;
  page: number;
  /** The filters' conditions (a claim's status apart: it chooses the indexes to read). */
  conditions: SQL[];
  /** The search text's condition, if there is text. */
  match: SQL | null;
  claimStatus: ClaimStatus | null;
  applied: AppliedFilter[];
}

export type EditorListParse =
  | { ok: true; query: EditorListQuery }
  | { ok: false; errors: Record<string, string>; candidates: Record<string, FilterCandidate[]> };

type Resolved = { condition: SQL; shown: string } | { error: string; candidates?: FilterCandidate[] };
type Resolver = (value: string) => Resolved;

/** What the URL says, trimmed and cut to the longest text a search reads (so nothing huge echoes back). */
export function typedListParams(kind: EntryKind, params: URLSearchParams): Record<string, string> {
  const typed: Record<string, string> = {};
  for (const key of ['q', 'sort', ...FILTERS_OF[kind]]) {
    typed[key] = (params.get(key) ?? '').trim().slice(0, MAX_EDITOR_QUERY);
  }
  return typed;
}

const inEnum =
  <V extends string>(values: readonly V[], labels: Record<V, string>, message: string, condition: (v: V) => SQL) =>
  (value: string): Resolved =>
    (values as readonly string[]).includes(value)
      ? { condition: condition(value as V), shown: labels[value as V] }
      : { error: message };

const yesNo = (yes: SQL, no: SQL): Resolver =>
  inEnum(YES_NO, { yes: 'Yes', no: 'No' }, 'Choose yes or no.', (v) => (v === 'yes' ? yes : no));

/**
 * A person, organisation or topic typed into a filter: its slug, its exact name (any case), or
 * the one entry the words find. Several → an error offering them; none → an error.
 */
function resolveNamed(table: 'entities' | 'topics', value: string): { id: number; title: string } | Resolved {
  const db = getDb();
  const t = sql.raw(table);
  const bySlug = db.get<{ id: number; title: string } | undefined>(
    sql`select id, name as title from ${t} where slug = ${value.toLowerCase()}`,
  );
  if (bySlug) return bySlug;
  const none = table === 'topics' ? 'No topic has that name.' : 'Nobody has that name.';
  const match = matchCondition(table === 'topics' ? 'topics' : 'people', value);
  if (!match) return { error: 'Type a name or an address (slug).' };
  const found = db.all<{ id: number; slug: string; title: string }>(
    sql`select id, slug, name as title from ${t} where ${match}
        order by (name = ${value} collate nocase) desc, length(name), id limit 6`,
  );
  const exact = found.filter((f) => f.title.toLowerCase() === value.toLowerCase());
  if (exact.length === 1 || (found.length === 1 && exact.length === 0)) return exact[0] ?? found[0];
  if (found.length === 0) return { error: none };
  const several = exact.length > 1 ? exact : found;
  return {
    error: `Several match “${value}”: choose one.`,
    candidates: several.slice(0, 5).map(({ slug, title }) => ({ slug, title })),
  };
}

const named =
  (table: 'entities' | 'topics', condition: (id: number) => SQL): Resolver =>
  (value) => {
    const found = resolveNamed(table, value);
    return 'id' in found ? { condition: condition(found.id), shown: found.title } : found;
  };

function assignee(value: string): Resolved {
  if (value === 'none') return { condition: sql`claims.assignee_id is null`, shown: 'Nobody' };
  const user = /^\d{1,9}$/.test(value)
    ? getDb().get<{ name: string } | undefined>(sql`select name from users where id = ${Number(value)}`)
    : undefined;
  return user
    ? { condition: sql`claims.assignee_id = ${Number(value)}`, shown: user.name }
    : { error: 'There is no such editor.' };
}

function verdict(value: string): Resolved {
  const row = getDb().get<{ label: string } | undefined>(sql`select label from verdicts where id = ${value}`);
  return row
    ? { condition: sql`claims.verdict_id = ${value}`, shown: row.label }
    : { error: 'There is no such verdict.' };
}

const date =
  (condition: (v: string) => SQL): Resolver =>
  (value) => {
    const parsed = partialDateParam.safeParse(value);
    return parsed.success ? { condition: condition(value), shown: value } : { error: parsed.error.issues[0].message };
  };

/** A case's court or status, as some case has it (any case typed): the stored spelling is used. */
const caseValue =
  (column: 'court' | 'status', message: string): Resolver =>
  (value) => {
    const c = sql.raw(column);
    const row = getDb().get<{ v: string } | undefined>(
      sql`select ${c} as v from cases where ${c} = ${value} collate nocase limit 1`,
    );
    return row ? { condition: sql`cases.${c} = ${row.v}`, shown: row.v } : { error: message };
  };

const PUBLIC = sql.raw(publicClaimPredicate('claims'));

function statusCondition(status: ClaimStatus): SQL {
  const literal = sql.raw(`claims.status = '${status}'`);
  return status === 'draft' ? literal : sql`${literal} and ${PUBLIC}`;
}

const entityFilters = {
  affiliation: named('entities', (id) => sql`entities.affiliation_id = ${id}`),
};

const RESOLVERS: { [K in EntryKind]: Record<(typeof FILTERS_OF)[K][number], Resolver> } = {
  claims: {
    // The value is one of CLAIM_STATUSES, written literally: SQLite reads a partial index (the
    // drafts', the public claims') only for a WHERE that spells out its condition.
    status: inEnum(CLAIM_STATUSES, STATUS_LABELS, 'There is no such status.', (v) => statusCondition(v)),
    desk: inEnum(DESK_STATES, deskStateLabel, 'There is no such desk state.', (v) => sql`claims.desk_state = ${v}`),
    assignee,
    verdict,
    speaker: named('entities', (id) => sql`claims.speaker_id = ${id}`),
    topic: named('topics', (id) => sql`claims.id in (select claim_id from claim_topics where topic_id = ${id})`),
    from: date((v) => sql`claims.claimed_on >= ${v}`),
    // A partial date ("2020-02") is inside a range that ends on any day of that month.
    to: date((v) => sql`substr(claims.claimed_on, 1, ${v.length}) <= ${v}`),
  },
  sources: {
    publisher: named('entities', (id) => sql`sources.publisher_id = ${id}`),
    kind: inEnum(SOURCE_KINDS, sourceKindLabel, 'There is no such kind of source.', (v) => sql`sources.kind = ${v}`),
    archived: yesNo(sql`coalesce(sources.archive_url, '') <> ''`, sql`coalesce(sources.archive_url, '') = ''`),
    cited: yesNo(
      sql`exists (select 1 from citations where citations.source_id = sources.id)`,
      sql`not exists (select 1 from citations where citations.source_id = sources.id)`,
    ),
  },
  people: entityFilters,
  organisations: entityFilters,
  cases: {
    court: caseValue('court', 'No case is before a court of that name.'),
    status: caseValue('status', 'No case has that status.'),
  },
  topics: {},
};

/**
 * Reads a list's URL: the search text, the filters (each checked against what exists: an unknown
 * value is an error for its field, never an empty list), the sort and the page.
 */
export function parseEditorListQuery(kind: EntryKind, params: URLSearchParams): EditorListParse {
  const typed = typedListParams(kind, params);
  const errors: Record<string, string> = {};
  const candidates: Record<string, FilterCandidate[]> = {};
  const conditions: SQL[] = [];
  const applied: AppliedFilter[] = [];
  let claimStatus: ClaimStatus | null = null;
  const resolvers = RESOLVERS[kind] as Record<string, Resolver>;
  for (const key of FILTERS_OF[kind] as readonly EditorFilterKey[]) {
    const value = typed[key];
    if (!value) continue;
    const resolved = resolvers[key](value);
    if ('error' in resolved) {
      errors[key] = resolved.error;
      if (resolved.candidates) candidates[key] = resolved.candidates;
    } else {
      if (kind === 'claims' && key === 'status') claimStatus = value as ClaimStatus;
      else conditions.push(resolved.condition);
      applied.push({ key, label: filterLabel[key], value: resolved.shown });
    }
  }
  if (typed.from && typed.to && !errors.from && !errors.to && typed.from > typed.to) {
    errors.to = 'The end date is before the start date.';
  }
  const sorts = SORTS_OF[kind];
  const sort = (typed.sort || sorts[0]) as EditorSort;
  if (!sorts.includes(sort)) errors.sort = 'This list cannot be sorted that way.';
  const paging = parsePageParam(params);
  if (!paging.ok) errors.page = paging.error;
  if (Object.keys(errors).length > 0 || !paging.ok) return { ok: false, errors, candidates };
  const ofThisKind = ofKind(kind);
  if (ofThisKind) conditions.unshift(ofThisKind);
  const match = matchCondition(kind, typed.q);
  return {
    ok: true,
    query: { kind, q: typed.q, sort, page: paging.page, conditions, match, claimStatus, applied },
  };
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
/** The closed choices a list's filters offer (verdicts, editors, courts): short lists at any archive size. */
export interface EditorListOptions {
  verdicts: { id: string; label: string }[];
  editors: { id: number; name: string }[];
  courts: string[];
  caseStatuses: string[];
}

const CHOICES_MAX = 200;

export function editorListOptions(kind: EntryKind): EditorListOptions {
  const db = getDb();
  const options: EditorListOptions = { verdicts: [], editors: [], courts: [], caseStatuses: [] };
  if (kind === 'claims') {
    options.verdicts = db.all(sql`select id, label from verdicts order by rating`);
    options.editors = db.all(sql`select id, name from users order by name collate nocase, id limit ${CHOICES_MAX}`);
  }
  if (kind === 'cases') {
    const distinct = (column: string) =>
      db
        .all<{
          v: string;
        }>(sql`select distinct ${sql.raw(column)} as v from cases order by v collate nocase limit ${CHOICES_MAX}`)
        .map((r) => r.v);
    options.courts = distinct('court');
    options.caseStatuses = distinct('status');
  }
  return options;
}
