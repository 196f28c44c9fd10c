/**
 * A full disk, on a real server and database: SQLite's max_page_count (DATABASE_MAX_PAGES) caps
 * the database at its current size, which a save that needs more space then hits exactly as it
 * would a full disk. The save answers 503 with a sentence (not the 500 error page), nothing is
 * stored, reading goes on, and /readyz says what is wrong. Run `npm run build` first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { createEditor, signIn } from '../fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-full-'));
const databasePath = path.join(dir, 'tracker.db');
let server: StartedServer;
let cookie = '';

beforeAll(async () => {
  const first = await startServer({ DATABASE_PATH: databasePath, SEARCH_INDEX_PATH: path.join(dir, 'index') });
  const editor = await createEditor(first, { name: 'Ed Full' });
  await first.stop();
  const db = new Database(databasePath);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.close();
  server = await startServer({
    DATABASE_PATH: databasePath,
    SEARCH_INDEX_PATH: path.join(dir, 'index'),
    DATABASE_MAX_PAGES: String(pages + 1),
  });
  cookie = await signIn(server, editor);
}, 90_000);

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a full disk', () => {
  it('answers a save that needs space with 503 and a plain message, and stores nothing', async () => {
    const statement = 'A claim written when the disk was full';
    const response = await fetch(`${server.url}/editor/claims/new`, {
      method: 'POST',
      headers: { Origin: server.url, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        statement,
        statementKind: 'quote',
        language: 'en',
        analysis: 'Words that need pages. '.repeat(2000),
      }).toString(),
      redirect: 'manual',
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('60');
    const text = await response.text();
    expect(text).toContain('This could not be saved because the server’s disk is full. Nothing was changed.');
    expect(text).not.toMatch(/\bat [\w.$<>]+ \(/);
    expect(server.output()).toMatch(/storage: full: database or disk is full/);
    const db = new Database(databasePath, { readonly: true });
    expect(db.prepare('select count(*) as n from claims where statement = ?').get(statement)).toEqual({ n: 0 });
    db.close();
    // Readers are still served.
    expect((await fetch(`${server.url}/claims`)).status).toBe(200);
  });

  it('/readyz answers 503 when free space is under READY_MIN_FREE_MB, 200 otherwise; /healthz stays 200', async () => {
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, database: 'ok' });
    const strict = await startServer({ READY_MIN_FREE_MB: '1000000' });
    try {
      const low = await fetch(`${strict.url}/readyz`);
      expect(low.status).toBe(503);
      const body = await low.json();
      expect(body).toMatchObject({ ready: false, database: 'ok', minFreeBytes: 1000000 * 1024 * 1024 });
      expect(body.diskFreeBytes).toBeGreaterThan(0);
      expect((await fetch(`${strict.url}/healthz`)).status).toBe(200);
    } finally {
      await strict.stop();
    }
  });
});

describe('a database that cannot be written', () => {
  it('starts in read-only mode: readers served, editors told why, saves and sign-ins 503, no restart loop', async () => {
    const roDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-ro-'));
    const roDatabase = path.join(roDir, 'tracker.db');
    const settings = { DATABASE_PATH: roDatabase, SEARCH_INDEX_PATH: path.join(roDir, 'index') };
    const first = await startServer(settings);
    const editor = await createEditor(first, { name: 'Ed Readonly' });
    const session = await signIn(first, editor);
    await first.stop();
    const readOnly = await startServer({ ...settings, READ_ONLY: '1' });
    try {
      expect(readOnly.output()).toContain('Read-only mode: READ_ONLY is set.');
      expect((await fetch(`${readOnly.url}/claims`)).status).toBe(200);
      const search = await (await fetch(`${readOnly.url}/api/search?q=huawei`)).json();
      expect(search.total).toBeGreaterThan(0);
      const login = await (await fetch(`${readOnly.url}/login`)).text();
      expect(login).toContain('The site is in read-only mode');
      const dashboard = await fetch(`${readOnly.url}/editor`, { headers: { Cookie: session } });
      expect(dashboard.status).toBe(200);
      expect(await dashboard.text()).toContain('nothing can be saved');
      const save = await fetch(`${readOnly.url}/editor/topics/new`, {
        method: 'POST',
        headers: { Origin: readOnly.url, Cookie: session, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ name: 'Written while read-only', slug: '', description: '' }).toString(),
        redirect: 'manual',
      });
      expect(save.status).toBe(503);
      expect(await save.text()).toContain('the database is read-only on this server. Nothing was changed.');
      const signInAttempt = await fetch(`${readOnly.url}/login`, {
        method: 'POST',
        headers: { Origin: readOnly.url, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: editor.email, password: editor.password }).toString(),
        redirect: 'manual',
      });
      expect(signInAttempt.status).toBe(503);
      expect((await fetch(`${readOnly.url}/readyz`)).status).toBe(503);
    } finally {
      await readOnly.stop();
      fs.rmSync(roDir, { recursive: true, force: true });
    }
  }, 90_000);
});
