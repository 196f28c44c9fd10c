/**
 * Backups and restores on real SQLite files: a backup taken while another process writes holds
 * every write acknowledged before it began and passes the integrity check; a restore checks what
 * it installs, refuses while the database is open elsewhere, and keeps what it replaces.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, databasePath, getDb } from '../../db/client';
import { backupDatabase, checkDatabaseFile, databaseInUse, restoreDatabase } from '../../db/backup';
import { importContent } from '~/content/import.server';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-backup-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  importContent(getDb(), path.resolve('content'));
});

/** Another process writing as fast as it can, printing the id of each committed row. */
const WRITER = `
const Database = require(${JSON.stringify(path.resolve('node_modules/better-sqlite3'))});
const db = new Database(process.argv[1], { timeout: 5000 });
db.pragma('journal_mode = WAL');
const insert = db.prepare("insert into rate_events (bucket, key, at) values ('backup-test', 'w', ?)");
let stop = false;
process.stdin.on('data', () => { stop = true; });
(function burst() {
  for (let i = 0; i < 20 && !stop; i++) process.stdout.write(insert.run(Date.now()).lastInsertRowid + '\\n');
  if (stop) { db.close(); process.exit(0); }
  setImmediate(burst);
})();
`;

describe('db:backup', () => {
  it('copies a consistent database during a write burst, with every acknowledged write', async () => {
    const writer = spawn(process.execPath, ['-e', WRITER, databasePath()], { stdio: ['pipe', 'pipe', 'inherit'] });
    let acknowledged = 0;
    let enough: () => void;
    const warmedUp = new Promise<void>((resolve) => (enough = resolve));
    createInterface({ input: writer.stdout! }).on('line', (line) => {
      acknowledged = Math.max(acknowledged, Number(line));
      if (acknowledged > 0 && line && Number(line) % 500 === 0) enough();
    });
    await warmedUp;
    const before = acknowledged;
    const out = path.join(dir, 'during-burst.db');
    const result = await backupDatabase(databasePath(), out);
    writer.stdin!.write('stop');
    await new Promise((resolve) => writer.on('exit', resolve));
    expect(acknowledged).toBeGreaterThan(before); // the writer kept going while the backup ran

    expect(result.counts.claims).toBeGreaterThan(0);
    expect(checkDatabaseFile(out).migrations).toBe(result.migrations);
    const copy = new Database(out, { readonly: true });
    const ids = new Set(
      (copy.prepare(`select id from rate_events where bucket = 'backup-test'`).all() as { id: number }[]).map(
        (r) => r.id,
      ),
    );
    const firstId = Math.min(...ids);
    const lost = [];
    for (let id = firstId; id <= before; id++) if (!ids.has(id)) lost.push(id);
    expect(lost).toEqual([]);
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    expect(fs.readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('refuses to back up onto the database itself or from a missing one', async () => {
    await expect(backupDatabase(databasePath(), databasePath())).rejects.toThrow(/cannot be the database itself/);
    await expect(backupDatabase(path.join(dir, 'none.db'), path.join(dir, 'x.db'))).rejects.toThrow(/no database/);
  });

  it('runs as npm run db:backup and says what it wrote', () => {
    const out = path.join(dir, 'from-command.db');
    const run = spawnSync('npx', ['tsx', 'scripts/db-backup.ts', '--out', out], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/Backup written to .*from-command\.db .*integrity check ok/);
    expect(fs.existsSync(out)).toBe(true);
    const usage = spawnSync('npx', ['tsx', 'scripts/db-backup.ts'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/Usage: npm run db:backup -- --out FILE/);
  });
});

describe('db:restore', () => {
  it('refuses while another connection has the database open', () => {
    expect(databaseInUse(databasePath())).toBe(true); // this test file's own connection
    const backup = path.join(dir, 'for-live.db');
    return backupDatabase(databasePath(), backup).then(() => {
      expect(() => restoreDatabase(backup, databasePath())).toThrow(/open in another process/);
    });
  });

  it('installs a checked backup and keeps the database it replaces', async () => {
    const backup = path.join(dir, 'good.db');
    await backupDatabase(databasePath(), backup);
    const target = path.join(dir, 'site', 'tracker.db');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const old = new Database(target);
    old.pragma('journal_mode = WAL');
    old.exec('create table marker (x)');
    old.close();
    expect(databaseInUse(target)).toBe(false);

    const result = restoreDatabase(backup, target, new Date('2026-12-01T10:00:00Z'));
    expect(result.previous).toBe(`${target}.before-restore-2026-12-01T10-00-00-000Z`);
    expect(fs.existsSync(result.previous!)).toBe(true);
    const restored = checkDatabaseFile(target);
    expect(restored.counts.claims).toBe(result.counts.claims);
  });

  it('refuses a file that is not a sound tracker database, and changes nothing', () => {
    const target = path.join(dir, 'untouched.db');
    fs.writeFileSync(target, '');
    const garbage = path.join(dir, 'garbage.db');
    fs.writeFileSync(garbage, 'SQLite format 3\0' + 'x'.repeat(5000));
    expect(() => restoreDatabase(garbage, target)).toThrow(/not a usable SQLite database|cannot be opened/);
    const other = path.join(dir, 'other.db');
    const db = new Database(other);
    db.exec('create table notes (x)');
    db.close();
    expect(() => restoreDatabase(other, target)).toThrow(/not a claims tracker database/);
    expect(() => restoreDatabase(path.join(dir, 'missing.db'), target)).toThrow(/No such file/);
    expect(fs.readFileSync(target, 'utf8')).toBe('');
  });
});

afterAll(() => closeDb());
