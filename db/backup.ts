/**
 * Backups and restores of the embedded database. A running server's database file alone is not a
 * backup: in WAL mode recent writes live in the `-wal` file until a checkpoint, so a copy of the
 * main file can miss them or be torn mid-write. A backup here goes through SQLite's online backup
 * API (better-sqlite3's `backup()`), which copies a consistent snapshot while the site serves,
 * then checks the copy before it takes the name asked for.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export class BackupError extends Error {}

export interface CheckedDatabase {
  /** Rows in the main tables, for the operator's eye. */
  counts: Record<string, number>;
  /** Migrations applied to it (drizzle's journal). */
  migrations: number;
  bytes: number;
}

const COUNTED = ['claims', 'sources', 'entities', 'cases', 'revisions', 'users'] as const;

/**
 * Checks a database file that is not in use: SQLite's integrity check, foreign keys, and that it
 * is a tracker database at all (it has the migrations journal and the main tables).
 */
export function checkDatabaseFile(file: string): CheckedDatabase {
  if (!fs.existsSync(file)) throw new BackupError(`No such file: ${file}`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} cannot be opened as a database: ${(error as Error).message}`);
  }
  try {
    let problems: string[];
    try {
      problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (error) {
      throw new BackupError(`${file} is not a usable SQLite database: ${(error as Error).message}`);
    }
    if (problems.length !== 1 || problems[0] !== 'ok')
      throw new BackupError(`${file} failed SQLite's integrity check: ${problems.slice(0, 3).join('; ')}`);
    const foreign = db.pragma('foreign_key_check') as unknown[];
    if (foreign.length > 0) throw new BackupError(`${file} has ${foreign.length} broken references between rows.`);
    const tables = new Set(
      (db.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    const missing = ['__drizzle_migrations', ...COUNTED].filter((t) => !tables.has(t));
    if (missing.length > 0)
      throw new BackupError(`${file} is not a claims tracker database (no ${missing.join(', ')} table).`);
    const counts = Object.fromEntries(
      COUNTED.map((t) => [t, (db.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n]),
    );
    const migrations = (db.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
    return { counts, migrations, bytes: fs.statSync(file).size };
  } finally {
    db.close();
  }
}

/**
 * Copies the live database to `out` while other processes keep reading and writing it. The copy
 * is written beside `out` under a temporary name, switched to a single self-contained file
 * (rollback journal, no `-wal`), checked, and only then renamed to `out`; a failed backup leaves
 * no file that looks like a good one.
 */
export async function backupDatabase(source: string, out: string): Promise<CheckedDatabase> {
  if (!fs.existsSync(source)) throw new BackupError(`There is no database at ${source}.`);
  const target = path.resolve(out);
  if (target === path.resolve(source)) throw new BackupError('The backup cannot be the database itself.');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  const live = new Database(source, { fileMustExist: true, timeout: 5000 });
  try {
    // The whole database in one step: one read transaction, so a write by the server between
    // steps cannot make SQLite restart the copy (and a busy site cannot starve it).
    await live.backup(partial, { progress: ({ totalPages }) => Math.max(totalPages, 100) });
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw new BackupError(`The backup failed: ${(error as Error).message}`);
  } finally {
    live.close();
  }
  try {
    const copy = new Database(partial);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    const checked = checkDatabaseFile(partial);
    fs.renameSync(partial, target);
    return { ...checked, bytes: fs.statSync(target).size };
  } catch (error) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(partial + suffix, { force: true });
    throw error;
  }
}

/**
 * Whether any other connection has the database open: leaving WAL mode needs the only
 * connection, so SQLite refuses it (SQLITE_BUSY) while a server, a worker or a script holds the
 * file. Returns a closed handle's verdict; the file is left in WAL mode as it was.
 */
export function databaseInUse(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    const mode = db.pragma('journal_mode', { simple: true });
    if (mode !== 'wal') return false;
    db.pragma('journal_mode = DELETE');
    db.pragma('journal_mode = WAL');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
    throw error;
  } finally {
    db.close();
  }
}

export interface RestoreResult extends CheckedDatabase {
  /** Where the database that was replaced was kept, if there was one. */
  previous: string | null;
}

/**
 * Installs a checked backup as the database, with the server stopped. The database it replaces
 * (and its `-wal`/`-shm` files) is kept beside it, renamed with the time, never deleted.
 */
export function restoreDatabase(backup: string, target: string, now = new Date()): RestoreResult {
  const checked = checkDatabaseFile(backup);
  if (databaseInUse(target))
    throw new BackupError(
      `${target} is open in another process. Stop the server (and any script using the database) before restoring.`,
    );
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staged = `${target}.restoring-${process.pid}`;
  fs.copyFileSync(backup, staged);
  let previous: string | null = null;
  if (fs.existsSync(target)) {
    previous = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(target, previous);
    for (const suffix of ['-wal', '-shm']) {
      if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, previous + suffix);
    }
  }
  fs.renameSync(staged, target);
  return { ...checked, previous };
}
