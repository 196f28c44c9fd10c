/**
 * The link-rot history (issue 14): every re-request of a source's address is one `source_checks`
 * row, written here and read by the editor's dashboard and panel and by the reader's source page.
 * `app/capture/check.server.ts` decides what a check found; this file only stores and reads.
 */
import { sql, type SQL } from 'drizzle-orm';
import { env } from '../../config/env';
import { getDb } from '../../db/client';
import { sourceChecks } from '../../db/schema';
import type { SourceCheckOutcome } from '~/domain/source-checks';

export interface SourceCheckRow {
  id: number;
  checkedAt: string;
  outcome: SourceCheckOutcome;
  httpStatus: number | null;
  location: string | null;
  sha256: string | null;
  etag: string | null;
  lastModified: string | null;
  error: string | null;
}

const CHECK_COLUMNS = sql`id, checked_at as checkedAt, outcome, http_status as httpStatus, location, sha256,
  etag, last_modified as lastModified, error`;

/** A source to check: only those with an address. */
export interface CheckTarget {
  id: number;
  slug: string;
  title: string;
  url: string;
}

/** Every source with an address (or the one with `slug`), oldest-checked first. */
export function sourcesToCheck(slug?: string): CheckTarget[] {
  return getDb().all<CheckTarget>(
    sql`select s.id, s.slug, s.title, s.url from sources s
        where s.url is not null and s.url <> '' ${slug === undefined ? sql`` : sql`and s.slug = ${slug}`}
        order by (select max(checked_at) from source_checks c where c.source_id = s.id) nulls first, s.id`,
  );
}

export function sourceToCheck(sourceId: number): CheckTarget | null {
  return (
    getDb().get<CheckTarget | undefined>(
      sql`select id, slug, title, url from sources where id = ${sourceId} and url is not null and url <> ''`,
    ) ?? null
  );
}

export function recordSourceCheck(
  sourceId: number,
  checkedAt: string,
  check: Omit<SourceCheckRow, 'id' | 'checkedAt'>,
) {
  return getDb()
    .insert(sourceChecks)
    .values({ sourceId, checkedAt, ...check })
    .returning({ id: sourceChecks.id })
    .get().id;
}

/**
 * What a new check compares with: the last check (its validators for a conditional request) and
 * the SHA-256 of the latest good capture, the bytes the quotes were checked against. A check that
 * found a change whose recapture then failed keeps finding it until a capture succeeds.
 */
export function checkBaseline(sourceId: number): { lastCheck: SourceCheckRow | null; capturedSha256: string | null } {
  const db = getDb();
  const lastCheck =
    db.get<SourceCheckRow | undefined>(
      sql`select ${CHECK_COLUMNS} from source_checks where source_id = ${sourceId}
          order by checked_at desc, id desc limit 1`,
    ) ?? null;
  const capture = db.get<{ sha256: string | null } | undefined>(
    sql`select sha256 from source_captures where source_id = ${sourceId} and outcome = 'ok' and sha256 is not null
        order by fetched_at desc, id desc limit 1`,
  );
  return { lastCheck, capturedSha256: capture?.sha256 ?? null };
}

/** A source's checks, newest first. */
export function sourceCheckHistory(sourceId: number, limit = 20): SourceCheckRow[] {
  return getDb().all<SourceCheckRow>(
    sql`select ${CHECK_COLUMNS} from source_checks where source_id = ${sourceId}
        order by checked_at desc, id desc limit ${limit}`,
  );
}

/** How many consecutive gone-or-unreachable checks make a source dead (SOURCE_DEAD_AFTER_CHECKS). */
export function deadAfterChecks(): number {
  return env().SOURCE_DEAD_AFTER_CHECKS;
}

/** What the reader's source page says about the original and the copies we hold. */
export interface SourceStatus {
  /** When the original last answered at its address with the page (an ok or changed check). */
  lastSeenAt: string | null;
  latest: Pick<SourceCheckRow, 'checkedAt' | 'outcome' | 'location'> | null;
  /** The last `deadAfterChecks()` checks were all gone or unreachable. */
  dead: boolean;
  /** The latest good local capture, to link when the original is gone. */
  capture: { id: number; fetchedAt: string } | null;
  /** The Internet Archive's copy from the latest capture that has one. */
  captureArchiveUrl: string | null;
}

export function sourceStatus(sourceId: number): SourceStatus {
  const db = getDb();
  const n = deadAfterChecks();
  const recent = db.all<Pick<SourceCheckRow, 'checkedAt' | 'outcome' | 'location'>>(
    sql`select checked_at as checkedAt, outcome, location from source_checks where source_id = ${sourceId}
        order by checked_at desc, id desc limit ${n}`,
  );
  const seen = db.get<{ at: string | null }>(
    sql`select max(checked_at) as at from source_checks where source_id = ${sourceId} and outcome in ('ok', 'changed')`,
  );
  const capture =
    db.get<{ id: number; fetchedAt: string } | undefined>(
      sql`select id, fetched_at as fetchedAt from source_captures where source_id = ${sourceId} and outcome = 'ok'
          order by fetched_at desc, id desc limit 1`,
    ) ?? null;
  const archived = db.get<{ url: string } | undefined>(
    sql`select archive_url as url from source_captures where source_id = ${sourceId} and archive_url is not null
        order by fetched_at desc, id desc limit 1`,
  );
  return {
    lastSeenAt: seen.at,
    latest: recent[0] ?? null,
    dead: recent.length === n && recent.every((c) => c.outcome === 'gone' || c.outcome === 'unreachable'),
    capture,
    captureArchiveUrl: archived?.url ?? null,
  };
}

export interface SourceNeedingAttention {
  id: number;
  slug: string;
  title: string;
  checkedAt: string;
  outcome: SourceCheckOutcome;
  httpStatus: number | null;
  location: string | null;
  error: string | null;
  /** For a dead source: when the original last answered. */
  lastSeenAt: string | null;
}

/**
 * The dashboard's link-rot lists, 50 each: dead (the last N checks all gone or unreachable),
 * moved (the latest check ended at another address) and changed (a check in the last
 * `changedWithinDays` found new content, which was captured again and its quotes re-checked).
 */
export function sourcesNeedingAttention(changedWithinDays = 30) {
  const db = getDb();
  const n = deadAfterChecks();
  const since = new Date(Date.now() - changedWithinDays * 86_400_000).toISOString();
  // Each source's latest check through the (source_id, checked_at) index: one pass over the
  // sources, never over the whole history (a window over every check is ~15 times slower at
  // 10,000 sources with 30 checks each). Columns are read for the rows shown only.
  const latestOf = (outcomes: SQL) => sql`(select c.id from source_checks c where c.source_id = s.id ${outcomes}
      order by c.checked_at desc, c.id desc limit 1)`;
  const withUrl = sql`s.url is not null and s.url <> ''`;
  const shown = (picked: SQL) =>
    db.all<SourceNeedingAttention & { failedOfLast: number }>(
      sql`select s.id, s.slug, s.title, r.checked_at as checkedAt, r.outcome, r.http_status as httpStatus,
          r.location, r.error, p.failedOfLast,
          (select max(checked_at) from source_checks o where o.source_id = s.id and o.outcome in ('ok', 'changed')) as lastSeenAt
        from (${picked}) p join sources s on s.id = p.sourceId join source_checks r on r.id = p.checkId
        order by r.checked_at desc`,
    );
  const failedOfLast = sql`(select count(*) from (select c.outcome from source_checks c where c.source_id = l.sourceId
      order by c.checked_at desc, c.id desc limit ${n}) last where last.outcome in ('gone', 'unreachable'))`;
  const candidates = shown(
    sql`select l.sourceId, l.checkId, case when r.outcome = 'moved' then 0 else ${failedOfLast} end as failedOfLast
        from (select s.id as sourceId, ${latestOf(sql``)} as checkId from sources s where ${withUrl}) l
        join source_checks r on r.id = l.checkId where r.outcome in ('gone', 'unreachable', 'moved')`,
  );
  const changed = shown(
    sql`select l.sourceId, l.checkId, 0 as failedOfLast
        from (select s.id as sourceId, ${latestOf(sql`and c.outcome = 'changed'`)} as checkId from sources s where ${withUrl}) l
        join source_checks r on r.id = l.checkId where r.checked_at >= ${since} order by r.checked_at desc limit 50`,
  );
  const rows = (list: typeof candidates) => list.slice(0, 50).map(({ failedOfLast: _, ...row }) => row);
  const checked = db.get<{ n: number }>(sql`select count(*) as n from (select 1 from source_checks limit 1)`).n > 0;
  return {
    deadAfter: n,
    checked,
    dead: rows(candidates.filter((c) => c.outcome !== 'moved' && c.failedOfLast === n)),
    moved: rows(candidates.filter((c) => c.outcome === 'moved')),
    changed: rows(changed),
  };
}
