/**
 * The data version: a counter bumped by every write to content, with a log of what changed,
 * read by the search index (in this and other server processes, and the index-building worker)
 * to know when and what to refresh. Database infrastructure, not a model: it takes either the
 * Drizzle client or a plain better-sqlite3 handle (the worker has only the latter); a bump is
 * part of a write, so it also takes the Drizzle transaction the write runs in.
 */
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { TrackerDb, TrackerHandle } from './client';
import * as schema from './schema';
import { contentChanges, siteMeta } from './schema';

type Handle = TrackerDb | Database.Database;
const sqliteOf = (db: Handle): Database.Database => ('$client' in db ? db.$client : db);

function readMeta(db: Handle, key: string): string | undefined {
  const row = sqliteOf(db).prepare('select value from site_meta where key = ?').get(key) as
    | { value: string }
    | undefined;
  return row?.value;
}

export function getDataVersion(db: Handle): number {
  const value = readMeta(db, 'data_version');
  return value === undefined ? 0 : Number(value);
}

const wrapped = new WeakMap<Database.Database, TrackerHandle>();
/** A Drizzle handle on `db`: itself, or (for a plain better-sqlite3 handle) one made once. */
function drizzleOf(db: TrackerHandle | Database.Database): TrackerHandle {
  if (typeof (db as Database.Database).prepare !== 'function') return db as TrackerHandle;
  const raw = db as Database.Database;
  if (!wrapped.has(raw)) wrapped.set(raw, drizzle(raw, { schema }));
  return wrapped.get(raw)!;
}

type ChangeListener = (refs: readonly string[]) => void;
const listeners = new Set<ChangeListener>();
/**
 * Calls `listener` with the refs of every change this process records (the server uses it to
 * purge a shared cache after the request that made the change). Returns the way to stop.
 */
export function onDataChange(listener: ChangeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Records a change; `refs` are search refs (`c12`) or `['*']` when everything may have changed. */
export function bumpDataVersion(handle: TrackerHandle | Database.Database, refs: string[] = ['*']): number {
  for (const listener of listeners) listener(refs);
  const db = drizzleOf(handle);
  db.insert(siteMeta)
    .values({ key: 'data_version', value: '1' })
    .onConflictDoUpdate({ target: siteMeta.key, set: { value: sql`cast(${siteMeta.value} as integer) + 1` } })
    .run();
  const row = db.select({ value: siteMeta.value }).from(siteMeta).where(eq(siteMeta.key, 'data_version')).get();
  const version = Number(row!.value);
  for (const ref of new Set(refs)) db.insert(contentChanges).values({ dataVersion: version, ref }).run();
  return version;
}

const generationQueries = new WeakMap<Database.Database, Database.Statement>();
/**
 * The content generation: moved by SQLite triggers on every table readers' pages are drawn from
 * (migration 0010), whichever process or command wrote. One indexed read of one row.
 */
export function getContentGeneration(db: Handle): number {
  const sqlite = sqliteOf(db);
  let query = generationQueries.get(sqlite);
  if (!query) {
    query = sqlite.prepare(`select value from site_meta where key = 'content_generation'`).pluck();
    generationQueries.set(sqlite, query);
  }
  const value = query.get() as string | number | undefined;
  return value === undefined ? 0 : Number(value);
}

export function changesSince(db: Handle, version: number): string[] {
  return (
    sqliteOf(db).prepare('select distinct ref from content_changes where data_version > ?').all(version) as {
      ref: string;
    }[]
  ).map((r) => r.ref);
}

/**
 * A random identity for this database file, made on first use. Saved search indexes record it,
 * so an index is never reused for a different (say, recreated) database at the same version.
 */
export function getDatabaseId(db: Handle): string {
  const existing = readMeta(db, 'database_id');
  if (existing) return existing;
  // Only a database that has never had one gets here; a read-only one would refuse the write.
  sqliteOf(db)
    .prepare(`insert or ignore into site_meta (key, value) values ('database_id', ?)`)
    .run(crypto.randomUUID());
  return readMeta(db, 'database_id')!;
}
