/**
 * What the server does before it listens: migrate the database, load content/ into an empty
 * one, and make sure a session secret exists (generated once, kept beside the database).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { databasePath, getDb, migrateDatabase } from '../../db/client';
import { prepareSearch } from '../search/index.server';
import { contentDir, importContent, isDatabaseEmpty } from './content.server';

export function ensureSessionSecret(): string {
  if (process.env.SESSION_SECRET) return process.env.SESSION_SECRET;
  const file = path.join(path.dirname(databasePath()), '.session-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  process.env.SESSION_SECRET = secret;
  return secret;
}

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
  prepareSearch(log);
}
