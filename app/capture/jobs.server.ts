/**
 * The capture queue, run inside each server process: a small loop (every second) claims due jobs
 * from `capture_jobs` (one process per job: see claimNextCaptureJob), captures, and records the
 * result; a failure is retried later with backoff and, after the last attempt, left `failed`
 * with its reason for the editor to read. `npm run sources:capture` drains the same queue from
 * the command line. CAPTURE_JOBS=0 turns the loop off (the test server starts with it off).
 */
import { env } from '../../config/env';
import type { CaptureJobReason } from '~/domain';
import { claimNextCaptureJob, enqueueCapture, finishCaptureJob, type CaptureJob } from '~/models/captures.server';
import { getDb } from '../../db/client';
import { captureSource, type CaptureOutcome } from './capture.server';

const POLL_MS = 1_000;
/** Captures one process runs at once (over all hosts; CAPTURE_PER_HOST limits each host). */
const CONCURRENCY = 2;

let timer: NodeJS.Timeout | null = null;
let active = 0;

export async function runCaptureJob(job: CaptureJob): Promise<CaptureOutcome> {
  let outcome: CaptureOutcome;
  try {
    outcome = await captureSource(job.sourceId, job.reason);
  } catch (error) {
    // A bug or a full disk, not the page's fault: say so, and try again later.
    console.error(error);
    outcome = {
      captureId: null,
      capture: null,
      error: 'The capture could not be stored (a problem on our side).',
      permanent: false,
      elapsedMs: 0,
    };
  }
  finishCaptureJob(job, outcome.error, { permanent: outcome.permanent });
  return outcome;
}

function tick(): void {
  while (active < CONCURRENCY) {
    let job: CaptureJob | null;
    try {
      job = claimNextCaptureJob();
    } catch {
      return; // The database is busy or read-only: the next tick tries again.
    }
    if (!job) return;
    active += 1;
    void runCaptureJob(job).finally(() => {
      active -= 1;
    });
  }
}

/** Started once at boot (app/boot.server.ts), unless CAPTURE_JOBS is off. */
export function startCaptureJobs(log: (line: string) => void = console.log): void {
  if (timer || !env().CAPTURE_JOBS) return;
  if (env().CAPTURE_ALLOW_HOSTS.length > 0)
    log(`CAPTURE_ALLOW_HOSTS lets captures reach ${env().CAPTURE_ALLOW_HOSTS.join(', ')}: for tests only.`);
  timer = setInterval(tick, POLL_MS);
  timer.unref();
}

export function stopCaptureJobs(): void {
  if (timer) clearInterval(timer);
  timer = null;
}

/** "Capture now" and the command line: queue a capture (or make a waiting retry due now). */
export function requestCapture(sourceId: number, reason: CaptureJobReason = 'manual'): void {
  enqueueCapture(getDb(), sourceId, reason);
}

/** Runs every due job in this process until none is left; for the command line. */
export async function drainCaptureJobs(onDone?: (job: CaptureJob, outcome: CaptureOutcome) => void): Promise<number> {
  let ran = 0;
  const workers = Array.from({ length: CONCURRENCY }, async () => {
    for (let job = claimNextCaptureJob(); job; job = claimNextCaptureJob()) {
      const outcome = await runCaptureJob(job);
      ran += 1;
      onDone?.(job, outcome);
    }
  });
  await Promise.all(workers);
  return ran;
}
