/**
 * Starts the built production server (server.js + build/) on a free port with its own temp
 * database, which it seeds from content/ at start, and stops it again. Run `npx remix build` first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** The temp directory holding the database and the saved search index. */
  dir: string;
  /** Everything the server printed so far. */
  output: () => string;
  stop: () => Promise<void>;
}

export async function startServer(env: Record<string, string> = {}, timeoutMs = 30_000): Promise<RunningServer> {
  const root = process.cwd();
  if (!fs.existsSync(path.join(root, 'build/index.js'))) {
    throw new Error('No build found: run `npx remix build` before the HTTP and browser tests.');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-http-'));
  const child: ChildProcess = spawn(process.execPath, ['server.js'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: '0',
      DATABASE_PATH: path.join(dir, 'tracker.db'),
      SEARCH_INDEX_PATH: '',
      SESSION_SECRET: 'test-secret',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`server did not start in ${timeoutMs} ms:\n${output}`)),
        timeoutMs,
      );
      const check = () => {
        const m = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      };
      child.stdout!.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code} before listening:\n${output}`));
      });
    });
    return { url: `http://127.0.0.1:${port}`, dir, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
