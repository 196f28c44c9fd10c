/**
 * Starts the built production server (`node server.js`, serving build/) as a child process on a
 * free port with a fresh temp database, which it migrates and seeds from content/ at start. It is
 * one process (WEB_CONCURRENCY=1) unless the caller sets WEB_CONCURRENCY; `{ cluster: true }`
 * starts it as `npm start` does, through cluster.js (the primary, which starts the workers).
 * Waits until /healthz answers 200; `stop()` kills that child process and removes the temp files.
 * The HTTP, browser and quality tests start one per test file (in beforeAll, stopped in
 * afterAll); `npm run bench:pages` starts one on its generated archive.
 *
 * The server is told to read no `.env` (ENV_FILE=/dev/null): what it runs with is what the caller
 * passes, on top of the caller's own environment, never a developer's local settings.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface StartedServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  /** The temp directory holding the database (tracker.db) and the saved search index. */
  dir: string;
  /** The database file the server opened (`dir`/tracker.db unless DATABASE_PATH was given). */
  databasePath: string;
  /** The child's pid: the node process running server.js itself (or cluster.js, the primary). */
  pid: number;
  /** Everything the server printed (stdout and stderr) so far. */
  output: () => string;
  stop: () => Promise<void>;
}

const ROOT = process.cwd();
/** What `npm run build` makes: the server bundle and the search index's worker beside it. */
const BUILD_FILES = [path.join(ROOT, 'build/index.js'), path.join(ROOT, 'build/search-worker.js')];
const built = () => BUILD_FILES.every((file) => fs.existsSync(file));
const LOCK = path.join(ROOT, '.tmp/test-build.lock');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `npm test` builds before vitest runs; when a test file is run on its own without a build (or
 * with only part of one), run `npm run build` once. A lock folder keeps two test files (run in
 * parallel) from building at once.
 */
export async function ensureBuild(timeoutMs = 120_000): Promise<void> {
  if (built()) return;
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      if (built() && !fs.existsSync(LOCK)) return;
      if (Date.now() > deadline) throw new Error(`timed out waiting for another test's build (${LOCK})`);
      await sleep(250);
    }
  }
  try {
    if (built()) return;
    // The production build, as the server runs it (NODE_ENV=production): with vitest's
    // NODE_ENV=test inherited, esbuild emits development JSX (jsxDEV) and every page answers 500.
    const env = { ...process.env, NODE_ENV: 'production' as const };
    const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', env });
    if (result.status !== 0 || !built()) {
      throw new Error(`npm run build failed:\n${result.stdout}\n${result.stderr}`);
    }
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

export interface StartOptions {
  /** Start through cluster.js, as `npm start` does, rather than server.js itself. */
  cluster?: boolean;
}

export async function startServer(
  env: Record<string, string> = {},
  timeoutMs = 30_000,
  options: StartOptions = {},
): Promise<StartedServer> {
  await ensureBuild();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-server-'));
  const settings: NodeJS.ProcessEnv = {
    ...process.env,
    ENV_FILE: '/dev/null',
    NODE_ENV: 'production',
    PORT: '0',
    DATABASE_PATH: path.join(dir, 'tracker.db'),
    SEARCH_INDEX_PATH: path.join(dir, 'search-index'),
    SESSION_SECRET: 'test-session-secret-0123456789',
    // Suites search far faster than a reader; the limit itself is tested with a small one.
    SEARCH_RATE_LIMIT: '100000/60',
    // Sources saved by other suites would be fetched (and fail: no internet); the capture tests turn it on.
    CAPTURE_JOBS: '0',
    // One process, whatever the machine's core count or the caller's own environment.
    WEB_CONCURRENCY: '1',
    ...env,
  };
  const databasePath = path.resolve(ROOT, settings.DATABASE_PATH!);
  const child = spawn(process.execPath, [options.cluster ? 'cluster.js' : 'server.js'], {
    cwd: ROOT,
    env: settings,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;

  const stop = async () => {
    if (running()) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + timeoutMs;
    let port = 0;
    while (!port) {
      if (!running()) throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before listening`);
      if (Date.now() > deadline) throw new Error(`server did not print its address in ${timeoutMs} ms`);
      const match = /Claims tracker listening on http:\/\/localhost:(\d+)/.exec(output);
      if (match) port = Number(match[1]);
      else await sleep(50);
    }
    const url = `http://127.0.0.1:${port}`;
    for (;;) {
      if (!running()) throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before /healthz`);
      if (Date.now() > deadline) throw new Error(`/healthz did not answer 200 in ${timeoutMs} ms`);
      const healthy = await fetch(`${url}/healthz`).then(
        (res) => res.status === 200,
        () => false,
      );
      if (healthy) break;
      await sleep(100);
    }
    return { url, port, dir, databasePath, pid: child.pid!, output: () => output, stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`);
  }
}
