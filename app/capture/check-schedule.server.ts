/**
 * The optional link-check schedule inside the server (`SOURCE_CHECK_EVERY_HOURS`, default off:
 * cron and `npm run sources:check` do the same). Every process that boots starts the timer; the
 * lease in `site_meta` (models/source-check-schedule.server.ts) lets one of them run each round,
 * so several server processes never check every source several times.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { env } from '../../config/env';
import {
  claimCheckLease,
  lastScheduledRun,
  markScheduledRun,
  releaseCheckLease,
} from '~/models/source-check-schedule.server';
import { checkAllSources } from './check.server';

/** How long a lease lasts unless renewed: long enough for a slow tick, short enough to recover a dead holder. */
const LEASE_MS = 10 * 60_000;

export interface ScheduleHandle {
  holder: string;
  stop: () => void;
}

/** Starts the schedule when SOURCE_CHECK_EVERY_HOURS is set; null when it is off. */
export function startSourceCheckSchedule(log: (line: string) => void = console.log): ScheduleHandle | null {
  const everyMs = env().SOURCE_CHECK_EVERY_HOURS * 3_600_000;
  if (everyMs <= 0) return null;
  const holder = `${os.hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  let running = false;
  const tick = async () => {
    if (running) return;
    const last = lastScheduledRun();
    if (last && Date.now() - Date.parse(last) < everyMs) return;
    if (!claimCheckLease(holder, LEASE_MS)) return;
    running = true;
    const renew = setInterval(() => claimCheckLease(holder, LEASE_MS), LEASE_MS / 3);
    renew.unref();
    try {
      markScheduledRun(new Date().toISOString());
      const summary = await checkAllSources();
      const counts = Object.entries(summary.counts)
        .map(([outcome, n]) => `${n} ${outcome}`)
        .join(', ');
      log(`Source check: ${summary.results.length} sources in ${Math.round(summary.ms / 1000)} s: ${counts}.`);
    } catch (error) {
      log(`Source check failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      clearInterval(renew);
      releaseCheckLease(holder);
      running = false;
    }
  };
  // Often enough that a round starts close to its time; never more than once a minute.
  const timer = setInterval(() => void tick(), Math.min(60_000, Math.max(1_000, everyMs / 4)));
  timer.unref();
  void tick();
  log(`Source checks scheduled every ${env().SOURCE_CHECK_EVERY_HOURS} h (this process: ${holder}).`);
  return { holder, stop: () => clearInterval(timer) };
}
