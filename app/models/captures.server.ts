/**
 * Source captures and their queue, in the database: the jobs (queued when a source's address is
 * saved, or on demand), claimed by one process at a time, retried later with backoff, and the
 * captures they leave (`source_captures`, the bytes themselves in WARC files; app/capture/).
 * Other parts read captures through the functions here (the latest capture of a source, its text).
 */
import { sql } from 'drizzle-orm';
import { getDb, type TrackerHandle } from '../../db/client';
import type { CaptureJobReason, CaptureJobState, CaptureOutcome } from '~/domain';

export interface CaptureJob {
  id: number;
  sourceId: number;
  reason: CaptureJobReason;
  state: CaptureJobState;
  attempts: number;
  /** Unix seconds. */
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface SourceCapture {
  id: number;
  sourceId: number;
  requestedUrl: string;
  finalUrl: string | null;
  httpStatus: number | null;
  contentType: string | null;
  fetchedAt: string;
  sha256: string | null;
  byteLength: number | null;
  warcPath: string | null;
  warcOffset: number | null;
  warcLength: number | null;
  title: string | null;
  archiveUrl: string | null;
  outcome: CaptureOutcome;
  error: string | null;
}

/** Attempts before a job is given up as failed; the waits between them grow (see retryDelaySeconds). */
export const MAX_CAPTURE_ATTEMPTS = 5;

/** 1 minute, 5, 30, 2 hours: long enough for a site to come back, short enough to be useful today. */
export function retryDelaySeconds(attempts: number): number {
  return [60, 300, 1800, 7200][Math.min(attempts, 4) - 1] ?? 7200;
}

/**
 * A job still running after this long died with its process: it is queued again (a capture with
 * Save Page Now can take 15 s for the page and up to 150 s for the archive, so well past that).
 */
const STALE_RUNNING_SECONDS = 600;

const now = () => Math.floor(Date.now() / 1000);

const jobColumns = sql`id, source_id as sourceId, reason, state, attempts, next_attempt_at as nextAttemptAt,
  last_error as lastError, created_at as createdAt, updated_at as updatedAt`;

const captureColumns = sql`id, source_id as sourceId, requested_url as requestedUrl, final_url as finalUrl,
  http_status as httpStatus, content_type as contentType, fetched_at as fetchedAt, sha256,
  byte_length as byteLength, warc_path as warcPath, warc_offset as warcOffset, warc_length as warcLength,
  title, archive_url as archiveUrl, outcome, error`;

/**
 * Queues a capture of a source, unless one is already open (queued or running: the partial
 * unique index allows one). Asking again by hand ("Capture now") makes a waiting retry due at once.
 */
export function enqueueCapture(db: TrackerHandle, sourceId: number, reason: CaptureJobReason): void {
  const inserted = db.run(
    sql`insert or ignore into capture_jobs (source_id, reason) values (${sourceId}, ${reason})`,
  ).changes;
  if (inserted === 0 && reason !== 'saved')
    db.run(
      sql`update capture_jobs set next_attempt_at = unixepoch(), updated_at = unixepoch()
          where source_id = ${sourceId} and state = 'queued'`,
    );
}

/**
 * The hook in every save of a source (entry-write.server.ts): a new address, or a changed one,
 * is captured. Called inside the save's transaction, so a refused save queues nothing.
 */
export function queueCaptureIfUrlChanged(db: TrackerHandle, sourceId: number, before: unknown, after: unknown): void {
  const url = typeof after === 'string' ? after.trim() : '';
  if (!/^https?:\/\//i.test(url)) return;
  if (typeof before === 'string' && before.trim() === url) return;
  enqueueCapture(db, sourceId, 'saved');
}

/**
 * Takes the next due job for this process: the UPDATE succeeds only while the job is still
 * queued, inside an IMMEDIATE transaction (one writer at a time across processes), so two
 * processes never run the same job.
 */
export function claimNextCaptureJob(at = now()): CaptureJob | null {
  return getDb().transaction(
    (tx) => {
      tx.run(
        sql`update capture_jobs set state = 'queued', updated_at = ${at}
            where state = 'running' and updated_at < ${at - STALE_RUNNING_SECONDS}`,
      );
      const due = tx.get<{ id: number } | undefined>(
        sql`select id from capture_jobs where state = 'queued' and next_attempt_at <= ${at}
            order by next_attempt_at, id limit 1`,
      );
      if (!due) return null;
      const claimed = tx.run(
        sql`update capture_jobs set state = 'running', attempts = attempts + 1, updated_at = ${at}
            where id = ${due.id} and state = 'queued'`,
      ).changes;
      if (claimed === 0) return null;
      return tx.get<CaptureJob>(sql`select ${jobColumns} from capture_jobs where id = ${due.id}`) ?? null;
    },
    { behavior: 'immediate' },
  );
}

/**
 * Ends a job: done, or (with an error) queued again after its backoff, or failed after the last
 * attempt or when retrying cannot help (`permanent`: a refused address).
 */
export function finishCaptureJob(
  job: CaptureJob,
  error: string | null,
  { permanent = false, at = now() }: { permanent?: boolean; at?: number } = {},
): CaptureJob {
  const db = getDb();
  if (error === null) {
    db.run(sql`update capture_jobs set state = 'done', last_error = null, updated_at = ${at} where id = ${job.id}`);
  } else if (permanent || job.attempts >= MAX_CAPTURE_ATTEMPTS) {
    db.run(
      sql`update capture_jobs set state = 'failed', last_error = ${error}, updated_at = ${at} where id = ${job.id}`,
    );
  } else {
    db.run(
      sql`update capture_jobs set state = 'queued', last_error = ${error}, updated_at = ${at},
          next_attempt_at = ${at + retryDelaySeconds(job.attempts)} where id = ${job.id}`,
    );
  }
  return db.get<CaptureJob>(sql`select ${jobColumns} from capture_jobs where id = ${job.id}`)!;
}

export function getCaptureJob(id: number): CaptureJob | null {
  return getDb().get<CaptureJob | undefined>(sql`select ${jobColumns} from capture_jobs where id = ${id}`) ?? null;
}

/** The source's open job, or else its most recent one. */
export function latestCaptureJob(sourceId: number): CaptureJob | null {
  return (
    getDb().get<CaptureJob | undefined>(
      sql`select ${jobColumns} from capture_jobs where source_id = ${sourceId}
          order by state in ('queued', 'running') desc, updated_at desc, id desc limit 1`,
    ) ?? null
  );
}

export type NewCapture = Omit<SourceCapture, 'id'> & { text: string | null };

export function insertCapture(capture: NewCapture): number {
  return getDb().get<{ id: number }>(
    sql`insert into source_captures (source_id, requested_url, final_url, http_status, content_type, fetched_at,
          sha256, byte_length, warc_path, warc_offset, warc_length, title, text, archive_url, outcome, error)
        values (${capture.sourceId}, ${capture.requestedUrl}, ${capture.finalUrl}, ${capture.httpStatus},
          ${capture.contentType}, ${capture.fetchedAt}, ${capture.sha256}, ${capture.byteLength}, ${capture.warcPath},
          ${capture.warcOffset}, ${capture.warcLength}, ${capture.title}, ${capture.text}, ${capture.archiveUrl},
          ${capture.outcome}, ${capture.error})
        returning id`,
  ).id;
}

/**
 * Save Page Now answered: keep its address on the capture, and on the source when its archived
 * copy field is empty (an address an editor typed is never overwritten).
 */
export function recordArchiveUrl(captureId: number, sourceId: number, archiveUrl: string): void {
  getDb().transaction((tx) => {
    tx.run(sql`update source_captures set archive_url = ${archiveUrl} where id = ${captureId}`);
    tx.run(
      sql`update sources set archive_url = ${archiveUrl}, updated_at = unixepoch()
          where id = ${sourceId} and (archive_url is null or trim(archive_url) = '')`,
    );
  });
}

export function getCapture(id: number): SourceCapture | null {
  return (
    getDb().get<SourceCapture | undefined>(sql`select ${captureColumns} from source_captures where id = ${id}`) ?? null
  );
}

/** A capture with its readable text (the text is large, so only this asks for it). */
export function getCaptureWithText(id: number): (SourceCapture & { text: string | null }) | null {
  return (
    getDb().get<(SourceCapture & { text: string | null }) | undefined>(
      sql`select ${captureColumns}, text from source_captures where id = ${id}`,
    ) ?? null
  );
}

/** The source's most recent capture attempt, kept or failed. */
export function latestCapture(sourceId: number): SourceCapture | null {
  return (
    getDb().get<SourceCapture | undefined>(
      sql`select ${captureColumns} from source_captures where source_id = ${sourceId}
          order by fetched_at desc, id desc limit 1`,
    ) ?? null
  );
}

/** The source's most recent kept capture, with its text: what quotes are checked against. */
export function latestGoodCapture(sourceId: number): (SourceCapture & { text: string | null }) | null {
  return (
    getDb().get<(SourceCapture & { text: string | null }) | undefined>(
      sql`select ${captureColumns}, text from source_captures where source_id = ${sourceId} and outcome = 'ok'
          order by fetched_at desc, id desc limit 1`,
    ) ?? null
  );
}

/** The source's captures, newest first (no text). */
export function listCaptures(sourceId: number, limit = 20): SourceCapture[] {
  return getDb().all<SourceCapture>(
    sql`select ${captureColumns} from source_captures where source_id = ${sourceId}
        order by fetched_at desc, id desc limit ${limit}`,
  );
}

/** Ids of the sources with an address, for `npm run sources:capture --all`. */
export function sourcesWithUrls(): { id: number; slug: string; url: string }[] {
  return getDb().all<{ id: number; slug: string; url: string }>(
    sql`select id, slug, url from sources where url is not null and trim(url) <> '' order by id`,
  );
}

export function sourceForCapture(
  idOrSlug: number | string,
): { id: number; slug: string; url: string | null; title: string } | null {
  const where = typeof idOrSlug === 'number' ? sql`id = ${idOrSlug}` : sql`slug = ${idOrSlug}`;
  return (
    getDb().get<{ id: number; slug: string; url: string | null; title: string } | undefined>(
      sql`select id, slug, url, title from sources where ${where}`,
    ) ?? null
  );
}

/** "Capture now" refused: the source has no address (saved without one). */
export class CaptureRequestError extends Error {}

/** The editor's "Capture now" (an intent of the source's page, after its fields are saved). */
export function requestCaptureNow(sourceId: number): void {
  const source = sourceForCapture(sourceId);
  if (!source?.url || !/^https?:\/\//i.test(source.url.trim()))
    throw new CaptureRequestError('This source has no http(s) address to capture. Add one above, then capture.');
  enqueueCapture(getDb(), sourceId, 'manual');
}

/** What the source's editing page shows of its captures (app/editor/capture-panel.tsx). */
export interface CaptureStatus {
  hasUrl: boolean;
  job: {
    state: CaptureJobState;
    reason: CaptureJobReason;
    attempts: number;
    maxAttempts: number;
    lastError: string | null;
    /** ISO time of the next try of a queued job. */
    nextAttemptAt: string;
    updatedAt: string;
  } | null;
  last: SourceCapture | null;
  /** The most recent kept capture, when the last attempt failed after one. */
  lastGood: SourceCapture | null;
}

export function captureStatus(sourceId: number): CaptureStatus {
  const source = sourceForCapture(sourceId);
  const job = latestCaptureJob(sourceId);
  const last = latestCapture(sourceId);
  const good = last?.outcome === 'ok' ? null : latestGoodCapture(sourceId);
  const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
  return {
    hasUrl: Boolean(source?.url && /^https?:\/\//i.test(source.url.trim())),
    job: job
      ? {
          state: job.state,
          reason: job.reason,
          attempts: job.attempts,
          maxAttempts: MAX_CAPTURE_ATTEMPTS,
          lastError: job.lastError,
          nextAttemptAt: iso(job.nextAttemptAt),
          updatedAt: iso(job.updatedAt),
        }
      : null,
    last,
    lastGood: good ? ({ ...good, text: undefined } as SourceCapture) : null,
  };
}

/** The claims citing a source: their pages show what its capture says about their quotes. */
export function claimIdsCiting(sourceId: number): number[] {
  return getDb()
    .all<{ id: number }>(sql`select distinct claim_id as id from citations where source_id = ${sourceId}`)
    .map((r) => r.id);
}
