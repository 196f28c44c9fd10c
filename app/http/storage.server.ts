/**
 * When the disk is full or the database cannot be written, a save or a sign-in answers 503 with a
 * sentence saying so (nothing was changed; the Back button returns to the form as typed), not a
 * generic 500. server.js runs each request inside `requestState`; Remix's handleError (entry
 * .server.tsx) notes a storage error there, and server.js then answers 503 instead of the error
 * page. The readiness check (/readyz) probes the same conditions before a load balancer sends
 * traffic.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import { databasePath, getDb } from '../../db/client';

export type StorageProblem = 'full' | 'read-only' | 'unavailable';

/**
 * What one request learns on its way through Remix, for server.js to act on after: a storage
 * problem (above), and for caching (app/http/cache-tags.server.ts) the entries the page shows, the
 * entries the request changed, and whether the page must not be kept in the page cache.
 */
export interface RequestState {
  storageProblem: StorageProblem | null;
  cacheTags?: Set<string>;
  changedRefs?: Set<string>;
  uncacheable?: boolean;
}

export const requestState = new AsyncLocalStorage<RequestState>();

/** The storage problem an error reports, if it is one (SQLite's codes, or the file system's). */
export function storageProblemOf(error: unknown): StorageProblem | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') return 'read-only';
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_BUSY') return 'unavailable';
  return null;
}

/** Called for every error Remix reports: remembers a storage problem for server.js to answer. */
export function noteStorageProblem(error: unknown): StorageProblem | null {
  const problem = storageProblemOf(error);
  const state = requestState.getStore();
  if (problem && state) state.storageProblem = problem;
  return problem;
}

export function storageMessage(problem: StorageProblem): string {
  const why =
    problem === 'full'
      ? 'the server’s disk is full'
      : problem === 'read-only'
        ? 'the database is read-only on this server'
        : 'the database is busy or cannot be reached';
  return `This could not be saved because ${why}. Nothing was changed. Please try again later; your browser’s Back button returns to the form with what you typed.`;
}

let readOnlyReason: string | null = null;

/** Why the site serves readers only (READ_ONLY, or a database that cannot be written), or null. */
export function readOnlyMode(): string | null {
  return readOnlyReason;
}

export function enterReadOnlyMode(reason: string): void {
  readOnlyReason = reason;
}

/** Why the database cannot be written, or null when it can (a write lock taken and given back). */
export function writeProblem(): string | null {
  try {
    getDb().$client.exec('BEGIN IMMEDIATE; ROLLBACK');
    return null;
  } catch (error) {
    const problem = storageProblemOf(error);
    if (!problem) throw error;
    return `the database cannot be written (${(error as Error).message})`;
  }
}

export interface Readiness {
  ready: boolean;
  database: 'ok' | StorageProblem;
  diskFreeBytes: number | null;
  minFreeBytes: number;
}

/**
 * Ready means the database accepts a write (one small committed row in site_meta) and the disk
 * holding it has at least `minFreeBytes` free.
 */
export function checkReadiness(minFreeBytes: number): Readiness {
  let database: Readiness['database'] = 'ok';
  try {
    getDb()
      .$client.prepare(
        `insert into site_meta (key, value) values ('ready_probe', ?) on conflict(key) do update set value = excluded.value`,
      )
      .run(String(Date.now()));
  } catch (error) {
    database = storageProblemOf(error) ?? 'unavailable';
  }
  let diskFreeBytes: number | null = null;
  try {
    const stats = fs.statfsSync(path.dirname(databasePath()));
    diskFreeBytes = stats.bavail * stats.bsize;
  } catch {
    diskFreeBytes = null;
  }
  const ready = database === 'ok' && (diskFreeBytes === null || diskFreeBytes >= minFreeBytes);
  return { ready, database, diskFreeBytes, minFreeBytes };
}
