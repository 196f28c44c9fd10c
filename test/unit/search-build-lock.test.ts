/**
 * One builder of the saved search index at a time: a server process that finds another (alive)
 * process holding the build lock waits for the index that one saves and loads it, building
 * nothing itself; if the holder dies without saving, the waiting process builds. The "other
 * process" here is a real one (`sleep`) whose pid is in the lock, and what it "saves" is an index
 * with a word the database does not have, so finding that word proves where the index came from.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../db/client';
import { getDatabaseId, getDataVersion } from '../../db/data-version';
import { importContent } from '~/content/import.server';
import { acquireBuildLock, buildLockFile, buildLockHolder } from '~/search/build-lock.server';
import { loadSearchDocuments } from '~/search/documents.server';
import { getSearchEngine, prepareSearch, rebuildInBackground, searchIndexDir } from '~/search/index.server';
import { parseQuery } from '~/search/query';
import { buildShard, shardDocuments } from '~/search/shard-format.server';
import { readManifest, saveIndex } from '~/search/store.server';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const others: ChildProcess[] = [];

/** Another process, alive until killed. */
function otherProcess(): ChildProcess {
  const child = spawn('sleep', ['120'], { stdio: 'ignore' });
  others.push(child);
  return child;
}

async function deadPid(): Promise<number> {
  const child = otherProcess();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  return child.pid!;
}

/** The lock as another process writes it (build-lock.server.ts). */
const writeLock = (pid: number) =>
  fs.writeFileSync(buildLockFile(searchIndexDir()), JSON.stringify({ pid, since: Date.now(), token: `other-${pid}` }));

/** A new server process's state: no index in memory. */
const freshProcess = () => delete (globalThis as { __trackerSearch?: unknown }).__trackerSearch;

const finds = (word: string) =>
  getSearchEngine()
    .engine.search(parseQuery(word))
    .hits.map((h) => h.meta.slug);

beforeAll(() => {
  importContent(getDb(), path.resolve('content'));
});

afterEach(() => {
  vi.unstubAllEnvs();
  for (const child of others.splice(0)) child.kill('SIGKILL');
  fs.rmSync(buildLockFile(searchIndexDir()), { force: true });
});

describe('the search index build lock', () => {
  it('is taken by one process at a time, and a dead holder’s lock is taken over', async () => {
    const dir = searchIndexDir();
    const other = otherProcess();
    writeLock(other.pid!);
    expect(buildLockHolder(dir)).toBe(other.pid);
    expect(acquireBuildLock(dir)).toEqual({ acquired: false, holder: other.pid });

    writeLock(await deadPid());
    expect(buildLockHolder(dir)).toBeNull();
    const lock = acquireBuildLock(dir);
    expect(lock.acquired).toBe(true);
    expect(buildLockHolder(dir)).toBe(process.pid);
    // Releasing removes only one's own lock.
    if (lock.acquired) lock.release();
    expect(fs.existsSync(buildLockFile(dir))).toBe(false);
    writeLock(other.pid!);
    if (lock.acquired) lock.release();
    expect(buildLockHolder(dir)).toBe(other.pid);
  });

  it('a process that finds another building waits and loads that one’s index, building none itself', async () => {
    vi.stubEnv('SEARCH_INLINE_LIMIT', '0'); // every full build in the background, as at 100,000 claims
    const dir = searchIndexDir();
    fs.rmSync(dir, { recursive: true, force: true });
    const other = otherProcess();
    writeLock(other.pid!);

    freshProcess();
    const log: string[] = [];
    prepareSearch((line) => log.push(line));
    expect(log).toEqual([`Process ${other.pid} is building the search index: this one loads it when it is saved.`]);
    expect(getSearchEngine().ready).toBe(false);
    await sleep(1500);
    expect(readManifest(dir)).toBeNull();
    expect(getSearchEngine().ready).toBe(false);

    // The other process saves its index (with a word only it has), then lets go of the lock.
    const db = getDb();
    const docs = loadSearchDocuments(db.$client);
    docs[0] = { ...docs[0], body: `${docs[0].body} Lockwaitfinch.` };
    saveIndex(dir, shardDocuments(docs).map(buildShard), getDataVersion(db), getDatabaseId(db));
    const savedAt = readManifest(dir)!.builtAt;
    fs.rmSync(buildLockFile(dir));

    const deadline = Date.now() + 5_000;
    while (!getSearchEngine().ready && Date.now() < deadline) await sleep(50);
    expect(getSearchEngine().ready).toBe(true);
    expect(finds('lockwaitfinch')).toEqual([docs[0].slug]);
    // Nothing was built here afterwards either.
    await sleep(1500);
    expect(readManifest(dir)!.builtAt).toBe(savedAt);
    expect(finds('lockwaitfinch')).toEqual([docs[0].slug]);
  }, 20_000);

  it('builds itself when the process it waited for dies without saving', async () => {
    vi.stubEnv('SEARCH_INLINE_LIMIT', '0');
    const dir = searchIndexDir();
    fs.rmSync(dir, { recursive: true, force: true });
    const other = otherProcess();
    writeLock(other.pid!);

    freshProcess();
    prepareSearch(() => {});
    expect(getSearchEngine().ready).toBe(false);
    other.kill('SIGKILL');
    // The wait ends when the lock is found stale; this process then takes the lock and builds.
    await rebuildInBackground();
    expect(getSearchEngine().ready).toBe(true);
    expect(readManifest(dir)?.documents).toBe(getSearchEngine().engine.documentCount);
    expect(finds('racketeering').length).toBeGreaterThan(0);
    // Its build over, it has let go of the lock.
    expect(fs.existsSync(buildLockFile(dir))).toBe(false);
  }, 30_000);
});
