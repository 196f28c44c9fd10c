/**
 * The data version: a counter bumped by every write to content, with a log of what changed,
 * read by the search index (in this and other server processes) to know when and what to
 * refresh.
 */
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { TrackerDb } from '../../db/client';

export function getDataVersion(db: TrackerDb): number {
  const row = db.get<{ value: string } | undefined>(sql`select value from site_meta where key = 'data_version'`);
  return row ? Number(row.value) : 0;
}

/** Records a change; `refs` are search refs (`c12`) or `['*']` when everything may have changed. */
export function bumpDataVersion(db: TrackerDb, refs: string[] = ['*']): number {
  db.run(sql`insert into site_meta (key, value) values ('data_version', '1')
    on conflict(key) do update set value = cast(value as integer) + 1`);
  const version = getDataVersion(db);
  for (const ref of new Set(refs)) {
    db.run(sql`insert into content_changes (data_version, ref) values (${version}, ${ref})`);
  }
  return version;
}

export function changesSince(db: TrackerDb, version: number): string[] {
  return db
    .all<{ ref: string }>(sql`select distinct ref from content_changes where data_version > ${version}`)
    .map((r) => r.ref);
}

/**
 * A random identity for this database file, made on first use. Saved search indexes record it,
 * so an index is never reused for a different (say, recreated) database at the same version.
 */
export function getDatabaseId(db: TrackerDb): string {
  const row = db.get<{ value: string } | undefined>(sql`select value from site_meta where key = 'database_id'`);
  if (row) return row.value;
  db.run(sql`insert or ignore into site_meta (key, value) values ('database_id', ${crypto.randomUUID()})`);
  return db.get<{ value: string }>(sql`select value from site_meta where key = 'database_id'`).value;
}
