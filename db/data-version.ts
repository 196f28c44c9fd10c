/**
 * The data version: a counter bumped by every write to content, with a log of what changed,
 * read by the search index (in this and other server processes, and the index-building worker)
 * to know when and what to refresh. Database infrastructure, not a model: it takes either the
 * Drizzle client or a plain better-sqlite3 handle (the worker has only the latter).
 */
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { TrackerDb } from './client';

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

/** Records a change; `refs` are search refs (`c12`) or `['*']` when everything may have changed. */
export function bumpDataVersion(db: Handle, refs: string[] = ['*']): number {
  const sqlite = sqliteOf(db);
  sqlite
    .prepare(
      `insert into site_meta (key, value) values ('data_version', '1')
       on conflict(key) do update set value = cast(value as integer) + 1`,
    )
    .run();
  const version = getDataVersion(sqlite);
  const record = sqlite.prepare('insert into content_changes (data_version, ref) values (?, ?)');
  for (const ref of new Set(refs)) record.run(version, ref);
  return version;
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
  sqliteOf(db)
    .prepare(`insert or ignore into site_meta (key, value) values ('database_id', ?)`)
    .run(crypto.randomUUID());
  return readMeta(db, 'database_id')!;
}
