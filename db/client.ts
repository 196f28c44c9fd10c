/**
 * Opens the embedded SQLite database once per process (remembered across dev reloads) with the
 * pragmas the app relies on: WAL for concurrent readers, foreign keys, and a busy timeout so a
 * second process waits for a writer instead of failing.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database, { type RunResult } from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { databasePath, env } from '../config/env';
import * as schema from './schema';

export { databasePath };

export type TrackerDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The client or a transaction it opened (`db.transaction((tx) => ...)`): what a write takes. */
export type TrackerHandle = BaseSQLiteDatabase<'sync', RunResult, typeof schema>;

export function migrationsFolder(): string {
  return path.resolve(process.cwd(), env().MIGRATIONS_PATH);
}

export function openDatabase(file: string = databasePath()): TrackerDb {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const readonly = env().READ_ONLY && file !== ':memory:';
  const sqlite = new Database(file, { readonly });
  // A read-only connection cannot change the journal mode; the file keeps the one it has.
  if (!readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const maxPages = env().DATABASE_MAX_PAGES;
  if (maxPages > 0) sqlite.pragma(`max_page_count = ${maxPages}`);
  return drizzle(sqlite, { schema }) as TrackerDb;
}

export function migrateDatabase(db: TrackerDb): void {
  migrate(db, { migrationsFolder: migrationsFolder() });
}

const globalForDb = globalThis as unknown as { __trackerDb?: TrackerDb };

/** The process's one database client. */
export function getDb(): TrackerDb {
  if (!globalForDb.__trackerDb) globalForDb.__trackerDb = openDatabase();
  return globalForDb.__trackerDb;
}

/** For tests and shutdown: close the shared client so the next getDb() reopens. */
export function closeDb(): void {
  globalForDb.__trackerDb?.$client.close();
  globalForDb.__trackerDb = undefined;
}
