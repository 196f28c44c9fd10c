/**
 * `npm start` on every core: cluster.js with WEB_CONCURRENCY=2 runs two server processes on one
 * port and one database. Which process answered a request is read from /proc (the kernel's table
 * of TCP connections, and each worker's open sockets), so the server needs no header saying so.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';

let server: StartedServer;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The primary's child processes: its workers. */
function workerPids(primary: number): number[] {
  const children = fs.readFileSync(`/proc/${primary}/task/${primary}/children`, 'utf8').trim();
  return children
    ? children
        .split(/\s+/)
        .map(Number)
        .sort((a, b) => a - b)
    : [];
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The socket inode of the server's end of the TCP connection from `clientPort` to `serverPort`. */
function serverSocketInode(serverPort: number, clientPort: number): string | null {
  const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      if (fields[1].endsWith(`:${hex(serverPort)}`) && fields[2].endsWith(`:${hex(clientPort)}`)) return fields[9];
    }
  }
  return null;
}

/** Which worker answered: one request on a fresh connection, held open while /proc is read. */
async function servedBy(page = '/healthz'): Promise<{ pid: number | null; status: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const { status, clientPort } = await new Promise<{ status: number; clientPort: number }>((resolve, reject) => {
      http
        .get(`${server.url}${page}`, { agent }, (res) => {
          // Read now: once the body is in, the socket goes back to the agent and leaves the response.
          const clientPort = res.socket.localPort!;
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, clientPort }));
        })
        .on('error', reject);
    });
    const inode = serverSocketInode(server.port, clientPort);
    for (const pid of workerPids(server.pid)) {
      let links: string[] = [];
      try {
        links = fs.readdirSync(`/proc/${pid}/fd`).map((fd) => {
          try {
            return fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
          } catch {
            return '';
          }
        });
      } catch {
        continue;
      }
      if (inode && links.includes(`socket:[${inode}]`)) return { pid, status };
    }
    return { pid: null, status };
  } finally {
    agent.destroy();
  }
}

async function waitFor(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} within ${ms} ms\n--- output ---\n${server.output()}`);
    await sleep(50);
  }
}

const count = (text: string, line: string) => text.split(line).length - 1;

beforeAll(async () => {
  // SEARCH_INLINE_LIMIT=0: the index is built in a worker thread, the way a large archive's is.
  server = await startServer({ WEB_CONCURRENCY: '2', SEARCH_INLINE_LIMIT: '0' }, 60_000, { cluster: true });
  await waitFor(() => /\(2 of 2\) is serving/.test(server.output()), 30_000, 'the second worker did not serve');
});

afterAll(async () => {
  await server?.stop();
});

describe('WEB_CONCURRENCY=2 through cluster.js', () => {
  it('boots the fresh database once: content imported once, the search index built once', async () => {
    const output = server.output();
    expect(count(output, 'Imported content/:')).toBe(1);
    expect(count(output, 'Claims tracker listening on')).toBe(2);
    // One process builds; the other waits for it or, if it came later, loads what it saved.
    expect(count(output, 'Building the search index in the background.')).toBe(1);
    expect(output).not.toMatch(/rebuild (failed|could not be loaded)/);
    // Both answer searches from that index.
    const answered = new Set<number>();
    const deadline = Date.now() + 20_000;
    while (answered.size < 2 && Date.now() < deadline) {
      const { pid, status } = await servedBy('/api/search?q=racketeering');
      if (status === 200 && pid) answered.add(pid);
      else await sleep(100);
    }
    expect([...answered].sort((a, b) => a - b)).toEqual(workerPids(server.pid));
  });

  it('answers from two different processes on one port', async () => {
    const workers = workerPids(server.pid);
    expect(workers).toHaveLength(2);
    const answers = [];
    for (let i = 0; i < 8; i += 1) answers.push(await servedBy('/claims'));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(new Set(answers.map((a) => a.pid))).toEqual(new Set(workers));
  });

  it('keeps answering when a worker is killed, starts another, and waits longer if that one dies young', async () => {
    const [victim, survivor] = workerPids(server.pid);
    process.kill(victim, 'SIGKILL');
    await waitFor(
      () => server.output().includes(`Worker ${victim} was killed by SIGKILL; starting another in 500 ms.`),
      5_000,
      'the primary did not report the killed worker',
    );
    // Until the new one serves, the survivor answers everything.
    for (let i = 0; i < 4; i += 1) expect(await servedBy('/')).toEqual({ pid: survivor, status: 200 });
    await waitFor(() => workerPids(server.pid).length === 2, 15_000, 'no new worker appeared');
    const replacement = workerPids(server.pid).find((pid) => pid !== survivor)!;
    expect(replacement).not.toBe(victim);
    await waitFor(() => server.output().includes(`Worker ${replacement} (`), 15_000, 'the new worker did not serve');
    const answers = [];
    for (let i = 0; i < 6; i += 1) answers.push(await servedBy('/'));
    expect(new Set(answers.map((a) => a.pid))).toEqual(new Set([survivor, replacement]));

    // Dying again soon after its start: the next replacement waits twice as long.
    process.kill(replacement, 'SIGKILL');
    await waitFor(
      () => server.output().includes(`Worker ${replacement} was killed by SIGKILL; starting another in 1000 ms.`),
      5_000,
      'the primary did not back off',
    );
    await waitFor(() => workerPids(server.pid).length === 2, 15_000, 'no new worker appeared');
    expect(count(server.output(), 'Imported content/:')).toBe(1);
  }, 45_000);

  it('stops every process on SIGTERM', async () => {
    const processes = [server.pid, ...workerPids(server.pid)];
    expect(processes).toHaveLength(3);
    await server.stop();
    expect(server.output()).toContain('SIGTERM: stopping 2 workers.');
    await waitFor(() => processes.every((pid) => !alive(pid)), 5_000, 'a process outlived SIGTERM');
  });
});

describe('cluster.js at its edges', () => {
  it('with WEB_CONCURRENCY=1 serves from the one process, with no workers', async () => {
    const single = await startServer({ WEB_CONCURRENCY: '1' }, 30_000, { cluster: true });
    try {
      expect(workerPids(single.pid)).toEqual([]);
      expect((await fetch(`${single.url}/claims`)).status).toBe(200);
      expect(single.output()).not.toContain('Serving with');
    } finally {
      await single.stop();
    }
  });

  it('stops, rather than retrying, when the first worker cannot boot', async () => {
    // A database without its migrations, that may not be written, cannot be served: the worker
    // says why and exits.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-cluster-'));
    fs.writeFileSync(path.join(dir, 'tracker.db'), '');
    const child = spawn(process.execPath, ['cluster.js'], {
      env: {
        ...process.env,
        ENV_FILE: '/dev/null',
        NODE_ENV: 'production',
        PORT: '0',
        WEB_CONCURRENCY: '2',
        READ_ONLY: '1',
        DATABASE_PATH: path.join(dir, 'tracker.db'),
        SESSION_SECRET: 'test-session-secret-0123456789',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    fs.rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(output).toMatch(/The database cannot be written \(READ_ONLY is set\) and needs \d+ migration/);
    expect(output).toMatch(/Worker \d+ exited with code 1 before it could serve; stopping\./);
    expect(count(output, 'Database: ')).toBe(1);
  });
});
