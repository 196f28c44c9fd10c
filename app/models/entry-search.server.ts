/**
 * Editor search: what an editor types, matched against every entry of a kind, drafts included.
 * Backed by the FTS5 tables of migration 0007 (ADR 0007), which triggers keep in step with the
 * entry tables in the same transaction, so an entry is findable the moment it is saved. Readers'
 * search is the engine in app/search/ (public entries only, typo-tolerant, ranked for reading);
 * this is for finding and picking, and it composes with SQL filters, sorting and paging.
 */
import { and, sql, type SQL } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { KIND_SPECS, KINDS, type EntryKind, type EntryTable } from '~/domain';
import { columnsOf, ofKind, tableOf } from './entry-row.server';

/** The longest text an editor search reads; the rest is ignored. */
export const MAX_EDITOR_QUERY = 200;
/** The most words a query keeps (each is a prefix match, and all must match). */
const MAX_WORDS = 8;

const FTS_TABLE: Record<EntryTable, string> = {
  claims: 'claims_fts',
  sources: 'sources_fts',
  entities: 'entities_fts',
  cases: 'cases_fts',
  topics: 'topics_fts',
};

/**
 * What an editor typed as an FTS5 query: each word (letters and digits, any script) quoted and
 * made a prefix, all required. Nothing typed reaches FTS5's own syntax (no operators, columns or
 * NEAR), so no input can be a malformed query. Null when there is nothing to look for.
 */
export function ftsQuery(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const words = input
    .slice(0, MAX_EDITOR_QUERY)
    .normalize('NFKC')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  return words
    .slice(0, MAX_WORDS)
    .map((w) => `"${w}"*`)
    .join(' ');
}

/** `id in (rows matching the query)` for a kind's table, or null when the query is empty. */
export function matchCondition(kind: EntryKind, input: unknown): SQL | null {
  const query = ftsQuery(input);
  if (query === null) return null;
  const table = tableOf(kind);
  const fts = sql.raw(FTS_TABLE[KINDS[kind].table]);
  return sql`${table.id} in (select rowid from ${fts} where ${fts} match ${query})`;
}

export interface EntryMatch {
  id: number;
  slug: string;
  title: string;
}

/**
 * The best matches of a kind for what was typed: an exact title first, then FTS5's bm25 order,
 * then the shorter title. For pickers and "did you mean this one?" checks.
 */
export function findEntries(kind: EntryKind, input: unknown, limit = 10, extra?: SQL): EntryMatch[] {
  const query = ftsQuery(input);
  if (query === null) return [];
  const table = tableOf(kind);
  const title = columnsOf(kind)[KIND_SPECS[kind].titleField];
  const fts = sql.raw(FTS_TABLE[KINDS[kind].table]);
  const typed = typeof input === 'string' ? input.trim().slice(0, MAX_EDITOR_QUERY) : '';
  return getDb()
    .select({ id: table.id, slug: table.slug, title: sql<string>`${title}` })
    .from(table)
    .innerJoin(sql`${fts}`, sql`${fts}.rowid = ${table.id}`)
    .where(and(sql`${fts} match ${query}`, ofKind(kind), extra))
    .orderBy(sql`(${title} = ${typed} collate nocase) desc`, sql`bm25(${fts})`, sql`length(${title})`)
    .limit(Math.max(1, Math.min(limit, 50)))
    .all();
}
