/**
 * Every test file gets its own real SQLite file, migrated, before any model opens the database.
 * (Vitest runs each file in a fresh module context, so getDb() opens this file.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { closeDb, getDb, migrateDatabase } from '../db/client';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-test-'));
process.env.DATABASE_PATH = path.join(dir, 'test.db');
closeDb();
migrateDatabase(getDb());

afterAll(() => {
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});
