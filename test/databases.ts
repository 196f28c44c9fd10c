/**
 * Test databases: every test file gets its own (test/setup-db.ts), and a test that needs to know
 * everything in the database (that it holds the only admins, say) can run on a fresh one of its
 * own instead of clearing out what other tests made.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDb, getDb, migrateDatabase } from '../db/client';

/** Points DATABASE_PATH at a new, migrated SQLite file in a temp folder; returns that folder. */
export function openFreshDatabase(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-test-'));
  closeDb();
  process.env.DATABASE_PATH = path.join(dir, 'test.db');
  migrateDatabase(getDb());
  return dir;
}

/** Runs `test` on a fresh database, then puts the file's own database back. */
export async function withFreshDatabase<T>(test: () => Promise<T> | T): Promise<T> {
  const previous = process.env.DATABASE_PATH;
  const dir = openFreshDatabase();
  try {
    return await test();
  } finally {
    closeDb();
    process.env.DATABASE_PATH = previous;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
