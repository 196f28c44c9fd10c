/**
 * The server's link-check schedule runs in one process only, however many serve the site
 * (WEB_CONCURRENCY, or several machines on one database file): a lease row in `site_meta`,
 * `source_check_lease` = "<holder> <expires at, ms>", taken inside an IMMEDIATE transaction so two
 * processes cannot both see it free. The holder renews it while it checks; a process that dies
 * holding it loses it when it expires. `source_check_last_run` (ISO time a run started) makes
 * the interval hold across restarts: a restarted server does not check everything again at once.
 */
import { sql } from 'drizzle-orm';
import { getDb } from '../../db/client';

const LEASE = 'source_check_lease';
const LAST_RUN = 'source_check_last_run';

function read(key: string): string | null {
  return getDb().get<{ value: string } | undefined>(sql`select value from site_meta where key = ${key}`)?.value ?? null;
}

function write(key: string, value: string) {
  getDb().run(
    sql`insert into site_meta (key, value) values (${key}, ${value})
        on conflict (key) do update set value = excluded.value`,
  );
}

/** Takes (or renews) the lease until `now + ttlMs`; false when another holder has it unexpired. */
export function claimCheckLease(holder: string, ttlMs: number, now = Date.now()): boolean {
  const db = getDb();
  return db.$client
    .transaction(() => {
      const current = read(LEASE);
      if (current) {
        const [who, until] = current.split(' ');
        if (who !== holder && Number(until) > now) return false;
      }
      write(LEASE, `${holder} ${now + ttlMs}`);
      return true;
    })
    .immediate();
}

export function releaseCheckLease(holder: string) {
  getDb().run(sql`delete from site_meta where key = ${LEASE} and value like ${`${holder} %`}`);
}

/** Who holds the lease now, if anyone (for the log and tests). */
export function checkLeaseHolder(now = Date.now()): string | null {
  const current = read(LEASE);
  if (!current) return null;
  const [who, until] = current.split(' ');
  return Number(until) > now ? who : null;
}

export function lastScheduledRun(): string | null {
  return read(LAST_RUN);
}

export function markScheduledRun(at: string) {
  write(LAST_RUN, at);
}
