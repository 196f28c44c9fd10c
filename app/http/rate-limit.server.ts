/**
 * Per-address limits on public forms and endpoints (reader tips now; search can use the same),
 * counted in `rate_events`: a bucket names what is limited, the key is the client's address, and
 * an event is one use. `takeRateSlot` checks and records in one IMMEDIATE transaction, so
 * parallel requests, in this process or another on the same database, cannot all pass the check
 * before any is counted. (Sign-in limits count failures instead: app/auth/rate-limit.server.ts.)
 */
import { and, asc, count, eq, gt, lte } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { rateEvents } from '../../db/schema';

export interface RateLimit {
  /** What is limited, e.g. `tip`. */
  bucket: string;
  /** Uses allowed within the window; the next is refused. */
  max: number;
  windowSeconds: number;
}

export type RateDecision =
  | { limited: false }
  | { limited: true; /** whole seconds until a use is allowed */ retryAfter: number };

const KEY_MAX = 64;
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * One use of `limit` by `key` (the client's address): refused when `max` uses fall within the
 * window, recorded otherwise. A refused use is not recorded, so a limit ends when its window has
 * passed, however often the address retries meanwhile.
 */
export function takeRateSlot(limit: RateLimit, key: string, now: Date = new Date()): RateDecision {
  const at = seconds(now);
  const who = (key || 'unknown').slice(0, KEY_MAX);
  const db = getDb();
  return db.transaction(
    (tx) => {
      // Housekeeping first: this bucket's events older than its window count for nothing.
      tx.delete(rateEvents)
        .where(and(eq(rateEvents.bucket, limit.bucket), lte(rateEvents.at, at - limit.windowSeconds)))
        .run();
      const inWindow = and(
        eq(rateEvents.bucket, limit.bucket),
        eq(rateEvents.key, who),
        gt(rateEvents.at, at - limit.windowSeconds),
      );
      const used = tx.select({ n: count() }).from(rateEvents).where(inWindow).get()?.n ?? 0;
      if (used >= limit.max) {
        // The next use is allowed when the oldest of the last `max` falls out of the window.
        const oldest = tx
          .select({ at: rateEvents.at })
          .from(rateEvents)
          .where(inWindow)
          .orderBy(asc(rateEvents.at))
          .limit(1)
          .offset(used - limit.max)
          .get();
        return { limited: true, retryAfter: Math.max(1, (oldest?.at ?? at) + limit.windowSeconds - at) };
      }
      tx.insert(rateEvents).values({ bucket: limit.bucket, key: who, at }).run();
      return { limited: false };
    },
    { behavior: 'immediate' },
  );
}
