/**
 * An editor list's URL read and checked: the search text, the filters (each value checked
 * against what exists, so an unknown one is an error for its field and never an empty list; a
 * typed name resolved by slug, exact name or the one entry its words find), the sort and the
 * page; and the closed choices the filter form offers. The listing is editor-lists.server.ts.
 */
import { sql, type SQL } from 'drizzle-orm';
import { getDb } from '../../db/client';
import {
  CLAIM_STATUSES,
  DESK_STATES,
  partialDateParam,
  publicClaimPredicate,
  SOURCE_KINDS,
  sourceKindLabel,
  STATUS_LABELS,
  type ClaimStatus,
  type EntryKind,
} from '~/domain';
import { deskStateLabel } from '~/domain/desk';
import {
  FILTERS_OF,
  filterLabel,
  SORTS_OF,
  YES_NO,
  type EditorFilterKey,
  type EditorSort,
} from '~/domain/editor-lists';
import { parsePageParam } from '~/http/pagination.server';
import { matchCondition, MAX_EDITOR_QUERY } from './entry-search.server';
import { ofKind } from './entry-row.server';
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

/** The public rule, on the claims table as the list's SQL names it. */
export const PUBLIC = sql.raw(publicClaimPredicate('claims'));

/** A claim status filter, spelled so SQLite reads the matching partial index. */
export function statusCondition(status: ClaimStatus): SQL {
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
