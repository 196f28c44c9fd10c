/**
 * What the server does before it listens: migrate the database, load content/ into an empty
 * one, make sure a session secret exists, and load (or build) the search index.
 */
import fs from 'node:fs';
import { getDb, migrateDatabase } from '../db/client';
import { ensureSessionSecret } from '~/auth/session-secret.server';
import { contentDir, importContent, isDatabaseEmpty } from '~/content/import.server';
import { prepareSearch } from '~/search/index.server';
import { eraseExpiredTipEmails } from '~/models/tip.server';

export function prepareDatabase(log: (line: string) => void = console.log): void {
  const db = getDb();
  migrateDatabase(db);
  if (isDatabaseEmpty(db) && fs.existsSync(contentDir())) {
    const summary = importContent(db, contentDir());
    log(
      `Imported content/: ${summary.claims} claims, ${summary.sources} sources, ${summary.cases} cases, ` +
        `${summary.entities} people and organisations, ${summary.topics} topics.`,
    );
  }
  ensureSessionSecret();
  eraseExpiredTipEmails();
  prepareSearch(log);
}
