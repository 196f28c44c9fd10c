/**
 * Every test file gets its own real SQLite file, migrated, before any model opens the database.
 * (Vitest runs each file in a fresh module context, so getDb() opens this file.)
 */
import fs from 'node:fs';
import { afterAll } from 'vitest';
import { closeDb } from '../db/client';
import { openFreshDatabase } from './databases';

const dir = openFreshDatabase();

afterAll(() => {
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});
