/**
 * The index's life in a server process: loaded from disk at start when it matches the data
 * version, otherwise built (in a worker thread when the corpus is large); kept fresh by checking
 * the data version on use, applying small changes through the delta index and rebuilding in the
 * background after bulk changes. Several processes on one database each follow the same log;
 * when a full build is needed, only one of them builds it (build-lock.server.ts) and the others
 * load what it saves.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { env } from '../../config/env';
import { databasePath, getDb } from '../../db/client';
import { changesSince, getDatabaseId, getDataVersion } from '../../db/data-version';
import { acquireBuildLock, buildLockHolder } from './build-lock.server';
import { loadSearchDocuments } from './documents.server';
import { SearchEngine } from './engine.server';
import { buildShard, shardDocuments } from './shard-format.server';
import { readManifest, readShard, saveIndex } from './store.server';

/** Below this many documents a rebuild is quicker than a worker's start-up: do it inline. */
const inlineBuildLimit = () => env().SEARCH_INLINE_LIMIT;
const DELTA_LIMIT = 2000;
const CHECK_INTERVAL_MS = 250;
/** How often a process waiting for another's build looks for its manifest. */
const WAIT_INTERVAL_MS = 250;

interface SearchState {
  engine: SearchEngine;
  ready: boolean;
  rebuilding: Promise<void> | null;
  /** The pid of the other process whose build this one is waiting for, if it is. */
  waitingFor: number | null;
  lastCheck: number;
}
const globalForSearch = globalThis as unknown as { __trackerSearch?: SearchState };

export function searchIndexDir(): string {
  return env().SEARCH_INDEX_PATH ?? path.join(path.dirname(databasePath()), 'search-index');
}

function state(): SearchState {
  globalForSearch.__trackerSearch ??= {
    engine: new SearchEngine(),
    ready: false,
    rebuilding: null,
    waitingFor: null,
    lastCheck: 0,
  };
  return globalForSearch.__trackerSearch;
}

function countDocuments(): number {
  const sqlite = getDb().$client;
  const row = sqlite
    .prepare(
      `select (select count(*) from claims) + (select count(*) from entities) + (select count(*) from sources)
        + (select count(*) from cases) + (select count(*) from topics) as n`,
    )
    .get() as { n: number };
  return row.n;
}

function buildInline(s: SearchState): void {
  const db = getDb();
  const read = db.$client.transaction(() => ({ version: getDataVersion(db), docs: loadSearchDocuments(db.$client) }));
  const { version, docs } = read();
  const shards = shardDocuments(docs).map((group) => buildShard(group));
  s.engine.setShards(shards, version);
  s.ready = true;
  try {
    saveIndex(searchIndexDir(), shards, version, getDatabaseId(db));
  } catch (error) {
    console.error('Could not save the search index:', (error as Error).message);
  }
}

function loadFromDisk(s: SearchState): boolean {
  const dir = searchIndexDir();
  const manifest = readManifest(dir);
  if (!manifest || manifest.databaseId !== getDatabaseId(getDb())) return false;
  const shards = Array.from({ length: manifest.shards }, (_, i) => readShard(dir, i));
  s.engine.setShards(shards, manifest.dataVersion);
  s.ready = true;
  return true;
}

/** Loads the index a worker saved and swaps it in, shard by shard, yielding so requests keep flowing. */
async function loadRebuiltIndex(s: SearchState, dir: string): Promise<void> {
  try {
    const manifest = readManifest(dir);
    if (!manifest) return;
    const engine = new SearchEngine();
    engine.setShards([], manifest.dataVersion);
    for (let i = 0; i < manifest.shards; i += 1) {
      engine.pushShard(readShard(dir, i));
      await new Promise((r) => setImmediate(r));
    }
    engine.warmUp();
    s.engine = engine;
    s.ready = true;
    s.lastCheck = 0;
  } catch (error) {
    console.error('Search index rebuild could not be loaded:', (error as Error).message);
  }
}

/**
 * Starts the worker that builds the index (build-worker.ts). The built server, build/index.js,
 * starts build/search-worker.js beside it: plain JavaScript that `npm run build` bundles from
 * build-worker.ts (scripts/build-worker.js), so production needs neither tsx nor app/'s sources.
 * Only when this module itself runs as TypeScript (under vitest, or in a tsx script) is there no
 * bundle: the worker then runs build-worker.ts through tsx, a tool of tests and scripts. The
 * choice follows what is running, not which files exist, so a stale build/ can never stand in
 * for the sources under test, nor the sources for a missing build.
 */
function startBuildWorker(
  workerData: { databasePath: string; dir: string; databaseId: string },
  heapLimitMb?: number,
): Worker {
  const resourceLimits = heapLimitMb ? { maxOldGenerationSizeMb: heapLimitMb } : undefined;
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./search-worker.js', import.meta.url), { workerData, resourceLimits });
  }
  const source = JSON.stringify(new URL('./build-worker.ts', import.meta.url).href);
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${source}); });`;
  return new Worker(bootstrap, { eval: true, workerData, resourceLimits });
}

/**
 * The build thread's heap cap. Left alone, V8 lets a thread's garbage grow towards a limit set
 * by the machine's memory (gigabytes here): at 100,000 claims (147,000 documents) the build
 * thread reached 1.3 GB resident, most of it garbage, beside the serving process's own. A cap
 * near what the build keeps alive (its documents and one shard at a time) makes it collect
 * instead. A build that needs more fails with ERR_WORKER_OUT_OF_MEMORY and runs again uncapped.
 */
const buildHeapLimitMb = (documents: number) => 256 + 3 * Math.ceil(documents / 1000);

/**
 * Another process holds the build lock: wait until it lets go (it has built, saved and loaded
 * the index, or died), then load the index it saved (newer than the one here, and of this
 * database) as if this process had built it. Resolves false, to build here after all, if there
 * is no such index.
 */
function waitForBuilder(s: SearchState, dir: string): Promise<boolean> {
  const databaseId = getDatabaseId(getDb());
  const newerThan = s.ready ? s.engine.dataVersion : -1;
  return new Promise<boolean>((resolve) => {
    const timer = setInterval(() => {
      if (buildLockHolder(dir) !== null) return;
      clearInterval(timer);
      const manifest = readManifest(dir);
      if (manifest && manifest.databaseId === databaseId && manifest.dataVersion > newerThan)
        void loadRebuiltIndex(s, dir).then(() => resolve(true));
      else resolve(false);
    }, WAIT_INTERVAL_MS);
    // A server is kept alive by its listening socket; a script that is done need not wait.
    timer.unref();
  });
}

/**
 * Full rebuild in a worker thread; the current index keeps answering meanwhile. When another
 * process is already building (it holds the lock), this one waits for its result instead.
 */
export function rebuildInBackground(): Promise<void> {
  const s = state();
  if (s.rebuilding) return s.rebuilding;
  const dir = searchIndexDir();
  const lock = acquireBuildLock(dir);
  if (!lock.acquired) {
    s.waitingFor = lock.holder;
    s.rebuilding = waitForBuilder(s, dir).then((loaded) => {
      if (loaded && s.ready)
        console.log(`Search index loaded: ${s.engine.documentCount} entries (built by process ${lock.holder}).`);
      s.waitingFor = null;
      s.rebuilding = null;
      if (!loaded) return rebuildInBackground();
    });
    return s.rebuilding;
  }
  const workerData = { databasePath: databasePath(), dir, databaseId: getDatabaseId(getDb()) };
  s.rebuilding = new Promise<void>((resolve) => {
    const run = (heapLimitMb?: number) => {
      const worker = startBuildWorker(workerData, heapLimitMb);
      let built = false;
      let outOfMemory = false;
      worker.once('message', () => (built = true));
      worker.once('error', (error: Error & { code?: string }) => {
        if (heapLimitMb && error.code === 'ERR_WORKER_OUT_OF_MEMORY') outOfMemory = true;
        else console.error('Search index rebuild failed:', error.message);
      });
      // Load only once the worker is gone, its heap with it, and let go of the lock only after:
      // the processes waiting for this build load it next, not all at once with this one.
      worker.once('exit', () => {
        if (outOfMemory) {
          console.log(`The search index build needed more than ${heapLimitMb} MB: building again without a cap.`);
          return run();
        }
        void (built ? loadRebuiltIndex(s, dir) : Promise.resolve()).then(() => {
          lock.release();
          s.rebuilding = null;
          resolve();
        });
      });
    };
    run(buildHeapLimitMb(countDocuments()));
  });
  return s.rebuilding;
}

/**
 * Builds the whole index now, in this process, and saves it (for `content:import`, so the first
 * start after an import loads it instead of answering "being built" while a worker builds it).
 */
export function buildAndSaveIndex(): number {
  const s = state();
  buildInline(s);
  return s.engine.documentCount;
}

/** At server start: load the saved index, or build one. */
export function prepareSearch(log: (line: string) => void = console.log): void {
  const s = state();
  const current = getDataVersion(getDb());
  const loaded = loadFromDisk(s);
  if (loaded && s.engine.dataVersion === current) {
    s.engine.warmUp();
    log(`Search index loaded: ${s.engine.documentCount} entries.`);
    return;
  }
  if (countDocuments() <= inlineBuildLimit()) {
    buildInline(s);
    log(`Search index built: ${s.engine.documentCount} entries.`);
  } else {
    void rebuildInBackground();
    if (s.waitingFor !== null)
      log(`Process ${s.waitingFor} is building the search index: this one loads it when it is saved.`);
    else
      log(
        loaded
          ? 'Search index is stale: rebuilding in the background.'
          : 'Building the search index in the background.',
      );
  }
}

/** Brings the index up to the database's data version; cheap when nothing changed. */
export function refreshSearch(force = false): void {
  const s = state();
  const now = Date.now();
  if (!force && now - s.lastCheck < CHECK_INTERVAL_MS) return;
  s.lastCheck = now;
  const db = getDb();
  const version = getDataVersion(db);
  if (s.ready && version === s.engine.dataVersion) return;
  if (!s.ready) {
    // A build under way (here or in another process) loads its result itself, a shard at a time;
    // loading it here too would hold this request for the whole of it.
    if (s.rebuilding) return;
    if (!loadFromDisk(s) && countDocuments() <= inlineBuildLimit()) buildInline(s);
    if (!s.ready || s.engine.dataVersion === version) return;
  }
  const changes = changesSince(db, s.engine.dataVersion);
  if (changes.includes('*') || s.engine.deltaSize + changes.length > DELTA_LIMIT) {
    if (countDocuments() <= inlineBuildLimit()) buildInline(s);
    else void rebuildInBackground();
    return;
  }
  const docs = loadSearchDocuments(db.$client, changes);
  const found = new Set(docs.map((d) => d.ref));
  s.engine.applyChanges(
    docs,
    changes.filter((ref) => !found.has(ref)),
    version,
  );
}

export function getSearchEngine(): { engine: SearchEngine; ready: boolean } {
  refreshSearch();
  const s = state();
  return { engine: s.engine, ready: s.ready };
}
