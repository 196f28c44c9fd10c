/**
 * What the server does before it listens: migrate the database, load content/ into an empty one,
 * key the addresses of sources saved before keys existed, make sure a session secret exists, and
 * load (or build) the search index. A database that cannot be written (READ_ONLY, a read-only file
 * or disk) starts the site in read-only mode: readers are served, editors are told why nothing can
 * be saved, and the boot's own writes are skipped, so it never ends in a restart loop. Only what
 * cannot be served read-only (migrations still to apply, an empty database) stops it, with a
 * sentence saying so.
 */
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { env } from '../config/env';
import { getDb, migrateDatabase, migrationsFolder, type TrackerDb } from '../db/client';
import { ensureSessionSecret } from '~/auth/session-secret.server';
import { contentDir, importContent, isDatabaseEmpty } from '~/content/import.server';
import { enterReadOnlyMode, writeProblem } from '~/http/storage.server';
import { prepareSearch } from '~/search/index.server';
import { eraseExpiredTipEmails } from '~/models/tip.server';
import { backfillSourceUrlKeys } from '~/models/duplicates.server';
import { startCaptureJobs } from '~/capture/jobs.server';
import { startSourceCheckSchedule } from '~/capture/check-schedule.server';

/** Migrations in db/migrations newer than the last one the database has. */
function pendingMigrations(db: TrackerDb): number {
  let last = 0;
  try {
    last = db.get<{ at: number | null }>(sql`select max(created_at) as at from __drizzle_migrations`).at ?? 0;
  } catch {
    last = 0;
  }
  return readMigrationFiles({ migrationsFolder: migrationsFolder() }).filter((m) => m.folderMillis > last).length;
}

export function prepareDatabase(log: (line: string) => void = console.log): void {
  const db = getDb();
  const readOnly = env().READ_ONLY ? 'READ_ONLY is set' : writeProblem();
  if (readOnly) {
    const pending = pendingMigrations(db);
    if (pending > 0)
      throw new Error(
        `The database cannot be written (${readOnly}) and needs ${pending} migration(s) this version of the site depends on. Make it writable, or run the version that made it.`,
      );
    if (isDatabaseEmpty(db)) throw new Error(`The database is empty and cannot be written (${readOnly}).`);
    enterReadOnlyMode(readOnly);
    log(`Read-only mode: ${readOnly}. Readers are served; editors cannot sign in or save.`);
  } else {
    migrateDatabase(db);
    if (isDatabaseEmpty(db) && fs.existsSync(contentDir())) {
      const summary = importContent(db, contentDir());
      log(
        `Imported content/: ${summary.claims} claims, ${summary.sources} sources, ${summary.cases} cases, ` +
          `${summary.entities} people and organisations, ${summary.topics} topics.`,
      );
    }
    const keyed = backfillSourceUrlKeys(db);
    if (keyed > 0) log(`Address keys written for ${keyed} sources saved before they had one.`);
    eraseExpiredTipEmails();
    startCaptureJobs(log);
    startSourceCheckSchedule(log);
  }
  ensureSessionSecret(log);
  prepareSearch(log);
}
