/**
 * Configuration (config/env.js): every variable declared once and validated, a bad value named in
 * one line; `.env` read by the commands, real variables winning; every command saying which
 * database it opened; and the README and `.env.example` listing every variable there is.
 *
 * The commands run for real as child processes in a temp working copy (its own `.env` and
 * db/migrations), as a newcomer would run them from a checkout.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { env, EnvError, readEnv, VARIABLES } from '../../config/env';

const ROOT = process.cwd();
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const NAMES = Object.keys(VARIABLES);

/** A folder that looks like a checkout to the commands: db/migrations, and a `.env` if given. */
function workingCopy(dotEnv?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-config-'));
  fs.cpSync(path.join(ROOT, 'db/migrations'), path.join(dir, 'db/migrations'), { recursive: true });
  if (dotEnv !== undefined) fs.writeFileSync(path.join(dir, '.env'), dotEnv);
  return dir;
}

/** This process's environment without the settings a test file sets for itself. */
function cleanEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = { ...process.env, TSX_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.json') };
  for (const name of NAMES) delete environment[name];
  return { ...environment, ...extra };
}

function run(command: string, args: string[], cwd: string, extra: Record<string, string> = {}, input = '') {
  const result = spawnSync(command, args, { cwd, input, encoding: 'utf8', env: cleanEnvironment(extra) });
  // Whatever went wrong, nobody sees a stack trace.
  expect(`${result.stdout}${result.stderr}`).not.toMatch(/\n\s+at /);
  return result;
}

const addUser = (cwd: string, email: string, extra: Record<string, string> = {}) =>
  run(
    TSX,
    [path.join(ROOT, 'scripts/users.ts'), 'add', '--email', email, '--name', 'Dot Env', '--role', 'admin'],
    cwd,
    extra,
    'a long enough passphrase\n',
  );

const emailsIn = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('select email from users').all() as { email: string }[]).map((u) => u.email);
  } finally {
    db.close();
  }
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the declared settings', () => {
  it('has a default for every setting a fresh checkout needs', () => {
    expect(readEnv({})).toMatchObject({
      NODE_ENV: 'production',
      PORT: 3000,
      DATABASE_PATH: 'data/tracker.db',
      MIGRATIONS_PATH: 'db/migrations',
      SEARCH_INLINE_LIMIT: 3000,
      SITEMAP_URL_LIMIT: 50_000,
      CONTENT_PATH: 'content',
      PUBLISHER_NAME: 'Claims & Rebuttals',
      CHROMIUM_PATH: '/usr/bin/chromium',
      CI: false,
    });
    expect(readEnv({}).SESSION_SECRET).toBeUndefined();
    expect(readEnv({}).SITE_URL).toBeUndefined();
    // A blank value (`PORT=` in .env) is no value.
    const blank = readEnv({ PORT: '', SITE_URL: '  ' });
    expect(blank.PORT).toBe(3000);
    expect(blank.SITE_URL).toBeUndefined();
  });

  it('reads numbers, flags and addresses', () => {
    const read = readEnv({ PORT: '8080', CI: 'true', SITE_URL: 'https://claims.example/', SITEMAP_URL_LIMIT: '7' });
    expect(read).toMatchObject({ PORT: 8080, CI: true, SITE_URL: 'https://claims.example', SITEMAP_URL_LIMIT: 7 });
    expect(readEnv({ CI: '1' }).CI).toBe(true);
    expect(readEnv({ CI: 'false' }).CI).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT: expected a port number 0-65535, got "abc"'],
    [{ PORT: '70000' }, 'PORT: expected a port number 0-65535, got "70000"'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV: expected production, development or test, got "staging"'],
    [{ SITE_URL: 'claims.example' }, 'SITE_URL: expected an http:// or https:// address, got "claims.example"'],
    [{ SITEMAP_URL_LIMIT: '0' }, 'SITEMAP_URL_LIMIT: expected a whole number 1-50000, got "0"'],
    [{ SEARCH_INLINE_LIMIT: '-1' }, 'SEARCH_INLINE_LIMIT: expected a whole number of documents, got "-1"'],
  ])('names the variable and what is wrong with it: %j', (source, message) => {
    expect(() => readEnv(source)).toThrow(EnvError);
    expect(() => readEnv(source)).toThrow(message);
  });

  it('reports every bad setting at once, one line each, and never echoes a secret', () => {
    let error: unknown;
    try {
      readEnv({ PORT: 'abc', SESSION_SECRET: 'hunter2' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    expect((error as EnvError).message.split('\n')).toEqual([
      'PORT: expected a port number 0-65535, got "abc"',
      'SESSION_SECRET: expected secrets of at least 16 characters, separated by commas, got 7 characters',
    ]);
  });

  it('is read at use: a test that changes a setting is seen at once', () => {
    vi.stubEnv('SEARCH_INLINE_LIMIT', '12');
    expect(env().SEARCH_INLINE_LIMIT).toBe(12);
    vi.stubEnv('SEARCH_INLINE_LIMIT', '0');
    expect(env().SEARCH_INLINE_LIMIT).toBe(0);
  });
});

describe('.env and the commands', { timeout: 60_000 }, () => {
  it('npm run users writes to the database .env names, and says so', () => {
    const dir = workingCopy('# a newcomer’s settings\nDATABASE_PATH=data/from-dotenv.db\n');
    try {
      const result = addUser(dir, 'dotenv@example.org');
      expect(result.status, result.stderr).toBe(0);
      const file = path.join(dir, 'data/from-dotenv.db');
      expect(result.stdout.split('\n')[0]).toBe(`Database: ${file}`);
      expect(emailsIn(file)).toEqual(['dotenv@example.org']);
      expect(fs.existsSync(path.join(dir, 'data/tracker.db'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a real environment variable wins over .env', () => {
    const dir = workingCopy('DATABASE_PATH=data/from-dotenv.db\n');
    try {
      const result = addUser(dir, 'real@example.org', { DATABASE_PATH: 'elsewhere/real.db' });
      expect(result.status, result.stderr).toBe(0);
      const file = path.join(dir, 'elsewhere/real.db');
      expect(result.stdout).toContain(`Database: ${file}\n`);
      expect(emailsIn(file)).toEqual(['real@example.org']);
      expect(fs.existsSync(path.join(dir, 'data/from-dotenv.db'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the server refuses PORT=abc with one line naming it, before anything else', () => {
    const dir = workingCopy();
    try {
      const result = run(process.execPath, [path.join(ROOT, 'server.js')], dir, { PORT: 'abc' });
      expect(result.status).toBe(1);
      expect(result.stderr).toBe('PORT: expected a port number 0-65535, got "abc"\n');
      expect(result.stdout).toBe('');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a bad value in .env stops a command too, saying it came from .env', () => {
    const dir = workingCopy('SITEMAP_URL_LIMIT=lots\n');
    try {
      const result = addUser(dir, 'never@example.org');
      expect(result.status).toBe(1);
      expect(result.stderr).toBe('SITEMAP_URL_LIMIT: expected a whole number 1-50000, got "lots" (set in .env)\n');
      expect(fs.existsSync(path.join(dir, 'data'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('content:import says which database it filled', () => {
    const dir = workingCopy(`DATABASE_PATH=imported.db\nCONTENT_PATH=${path.join(ROOT, 'content')}\n`);
    try {
      const result = run(TSX, [path.join(ROOT, 'scripts/content-import.ts')], dir);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout.split('\n')[0]).toBe(`Database: ${path.join(dir, 'imported.db')}`);
      expect(result.stdout).toMatch(/Imported .* into .*imported\.db: 8 claims/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the documentation of the settings', () => {
  it('the README’s Environment table lists every variable, and only those', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const table = readme.split('## Environment')[1].split('\n## ')[0];
    const listed = [...table.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...NAMES].sort());
  });

  it('.env.example mentions every variable', () => {
    const example = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8');
    const mentioned = [...example.matchAll(/^#? ?([A-Z_]+)=/gm)].map((m) => m[1]);
    expect(mentioned.sort()).toEqual([...NAMES].sort());
  });
});
