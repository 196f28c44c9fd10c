// The server on every core (`npm start`): WEB_CONCURRENCY processes (default one per core), each
// running server.js, sharing one port (node:cluster hands each new connection to the next worker)
// and the one database file. With one, server.js simply runs in this process.
//
// Boot order: the first worker migrates the database, imports content/ into an empty one and
// writes the session secret; only once it listens do the others start, so two processes never
// migrate or seed at once. A worker that dies is replaced, after a delay that doubles while
// workers keep dying young, so one that crashes at boot cannot spin the CPU. SIGTERM or SIGINT
// stops the workers gracefully (they finish the requests in flight) and then this process.
import cluster from 'node:cluster';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadEnvironment } from './config/env.js';

const config = loadEnvironment();
const size = config.WEB_CONCURRENCY ?? os.availableParallelism();

/** The first restart waits this long; each quick death after it doubles the wait, up to the cap. */
const RESTART_DELAY_MS = 500;
const RESTART_DELAY_CAP_MS = 30_000;
/** A worker that served this long died of something other than its boot: the wait starts over. */
const HEALTHY_AFTER_MS = 30_000;
/** Workers still running this long after SIGTERM are killed, so a stuck request cannot hold a stop. */
const STOP_TIMEOUT_MS = 10_000;

if (size === 1) {
  await import('./server.js');
} else {
  // Memory (issue 13: the whole server within 1.5 GB at 100,000 claims, measured by bench:load):
  // glibc keeps two malloc arenas instead of one per thread, which fragment under load; with
  // WORKER_HEAP_MB each worker's JavaScript heap is capped too (~200 MB is in use at 100k claims;
  // the search index's arrays live outside it), trading CPU spent collecting for memory.
  const heapFlag = /--max-old-space-size/.test(`${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`);
  cluster.setupPrimary({
    exec: fileURLToPath(new URL('./server.js', import.meta.url)),
    execArgv: [
      ...process.execArgv,
      ...(config.WORKER_HEAP_MB > 0 && !heapFlag ? [`--max-old-space-size=${config.WORKER_HEAP_MB}`] : []),
    ],
  });
  process.env.MALLOC_ARENA_MAX ??= '2';
  console.log(`Serving with ${size} processes (WEB_CONCURRENCY), primary pid ${process.pid}.`);

  let stopping = false;
  let booted = false;
  /** Per slot: how many workers in a row died young, and when the current one started listening. */
  const slots = Array.from({ length: size }, () => ({ quickDeaths: 0, listeningSince: 0 }));
  /** Workers not yet exited (cluster.workers keeps an exited one until its IPC channel closes too). */
  const running = new Set();

  const startWorker = (slot) => {
    const worker = cluster.fork();
    running.add(worker);
    worker.on('listening', () => {
      slots[slot].listeningSince = Date.now();
      console.log(`Worker ${worker.process.pid} (${slot + 1} of ${size}) is serving.`);
      if (!booted && !stopping) {
        booted = true;
        // The database is migrated and seeded: the rest may open it now.
        for (let other = 1; other < size; other += 1) startWorker(other);
      }
    });
    worker.on('exit', (code, signal) => {
      running.delete(worker);
      if (stopping) {
        if (running.size === 0) process.exit(0);
        return;
      }
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      // The first worker failing before it ever listened is a boot problem (a bad setting, a
      // database that cannot be migrated): its message is printed already; say so once and stop,
      // as the single-process server would, rather than retrying what cannot work.
      if (!booted) {
        console.error(`Worker ${worker.process.pid} ${how} before it could serve; stopping.`);
        process.exit(code || 1);
      }
      const { listeningSince } = slots[slot];
      if (listeningSince && Date.now() - listeningSince >= HEALTHY_AFTER_MS) slots[slot].quickDeaths = 0;
      const delay = Math.min(RESTART_DELAY_CAP_MS, RESTART_DELAY_MS * 2 ** slots[slot].quickDeaths);
      slots[slot].quickDeaths += 1;
      slots[slot].listeningSince = 0;
      console.error(`Worker ${worker.process.pid} ${how}; starting another in ${delay} ms.`);
      setTimeout(() => {
        if (!stopping) startWorker(slot);
      }, delay);
    });
  };

  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping ${running.size} workers.`);
    if (running.size === 0) process.exit(0);
    const timer = setTimeout(() => {
      for (const worker of running) worker.process.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    timer.unref();
    for (const worker of running) {
      // disconnect() closes the worker's server (it stops taking connections and finishes those in
      // flight); SIGTERM then ends it even if a timer would keep it alive. A signal alone could
      // arrive twice (a terminal sends SIGINT to every process) and cut the drain short.
      worker.once('disconnect', () => worker.process.kill('SIGTERM'));
      worker.disconnect();
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));

  startWorker(0);
}
