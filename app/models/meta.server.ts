/**
 * The data version: a counter bumped by every write to published content, read by the search
 * index (and by other server processes on the same file) to know when they are stale.
 */
import { sql } from 'drizzle-orm';
import type { TrackerDb } from '../../db/client';

export function getDataVersion(db: TrackerDb): number {
  const row = db.get<{ value: string } | undefined>(sql`select value from site_meta where key = 'data_version'`);
  return row ? Number(row.value) : 0;
}

export function bumpDataVersion(db: TrackerDb): number {
  db.run(sql`insert into site_meta (key, value) values ('data_version', '1')
    on conflict(key) do update set value = cast(value as integer) + 1`);
  return getDataVersion(db);
}
