/**
 * Sign-in rate limits, counted from failed attempts in `login_attempts`: per account (so one
 * password cannot be guessed at from many addresses) and per address (so one address cannot try
 * many accounts). Refused attempts are not recorded, so a lock ends when its window has passed.
 * Attempts are counted before the password is checked (startLoginAttempt); a successful sign-in
 * clears the account's failures.
 */
import { and, desc, eq, gt, lte } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { loginAttempts } from '../../db/schema';

export interface RateLimit {
  /** Failures allowed within the window; the next attempt is refused. */
  max: number;
  windowSeconds: number;
}

export const ACCOUNT_LIMIT: RateLimit = { max: 5, windowSeconds: 15 * 60 };
export const ADDRESS_LIMIT: RateLimit = { max: 20, windowSeconds: 15 * 60 };

export type RateLimitResult =
  | { limited: false }
  | {
      limited: true;
      scope: 'account' | 'address';
      /** whole seconds until an attempt is allowed */ retryAfter: number;
    };

interface Attempt {
  email: string;
  ip: string;
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const key = ({ email, ip }: Attempt) => ({ email: email.trim().toLowerCase().slice(0, 254), ip: ip.slice(0, 64) });

/**
 * Seconds until the limit lifts, or 0 when not limited: with `max` failures in the window, the
 * next attempt is allowed when the oldest of the last `max` falls out of it.
 */
function secondsBlocked(
  column: typeof loginAttempts.email | typeof loginAttempts.ip,
  value: string,
  limit: RateLimit,
  now: number,
) {
  const row = getDb()
    .select({ at: loginAttempts.attemptedAt })
    .from(loginAttempts)
    .where(and(eq(column, value), gt(loginAttempts.attemptedAt, now - limit.windowSeconds)))
    .orderBy(desc(loginAttempts.attemptedAt))
    .limit(1)
    .offset(limit.max - 1)
    .get();
  return row ? Math.max(1, row.at + limit.windowSeconds - now) : 0;
}

export function checkLoginRateLimit(attempt: Attempt, now: Date = new Date()): RateLimitResult {
  const { email, ip } = key(attempt);
  const at = seconds(now);
  const account = secondsBlocked(loginAttempts.email, email, ACCOUNT_LIMIT, at);
  const address = secondsBlocked(loginAttempts.ip, ip, ADDRESS_LIMIT, at);
  if (account === 0 && address === 0) return { limited: false };
  return account >= address
    ? { limited: true, scope: 'account', retryAfter: account }
    : { limited: true, scope: 'address', retryAfter: address };
}

/**
 * Checks the limits and, when the attempt may go ahead, counts it as a failure straight away, in
 * one synchronous step: parallel requests cannot all pass the check before any is recorded. A
 * successful sign-in then clears the account's failures (clearLoginFailures), this one included.
 */
export function startLoginAttempt(attempt: Attempt, now: Date = new Date()): RateLimitResult {
  // IMMEDIATE: a second server process on the same database waits instead of reading stale counts.
  return getDb().transaction(
    () => {
      const limit = checkLoginRateLimit(attempt, now);
      if (!limit.limited) recordLoginFailure(attempt, now);
      return limit;
    },
    { behavior: 'immediate' },
  );
}

export function recordLoginFailure(attempt: Attempt, now: Date = new Date()): void {
  const { email, ip } = key(attempt);
  const at = seconds(now);
  const oldest = at - Math.max(ACCOUNT_LIMIT.windowSeconds, ADDRESS_LIMIT.windowSeconds);
  const db = getDb();
  // Housekeeping first: rows older than every window count for nothing.
  db.delete(loginAttempts).where(lte(loginAttempts.attemptedAt, oldest)).run();
  db.insert(loginAttempts).values({ email, ip, attemptedAt: at }).run();
}

/** After a successful sign-in: the account starts again with a clean slate (the address does not). */
export function clearLoginFailures(email: string): void {
  getDb()
    .delete(loginAttempts)
    .where(eq(loginAttempts.email, key({ email, ip: '' }).email))
    .run();
}

/** "3 minutes", "1 minute", "40 seconds": for the message beside the form. */
export function describeWait(retryAfter: number): string {
  if (retryAfter < 60) return retryAfter === 1 ? '1 second' : `${retryAfter} seconds`;
  const minutes = Math.ceil(retryAfter / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
