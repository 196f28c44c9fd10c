/**
 * At most CAPTURE_PER_HOST capture requests to one host at once, in this process: a publisher
 * sees a polite visitor, however many of its pages are cited. A waiter gives up at the fetch's
 * deadline.
 */
import { env } from '../../config/env';

const inFlight = new Map<string, { active: number; waiting: (() => void)[] }>();

export async function acquireHost(host: string, deadline: number): Promise<(() => void) | null> {
  const limit = env().CAPTURE_PER_HOST;
  let slot = inFlight.get(host);
  if (!slot) inFlight.set(host, (slot = { active: 0, waiting: [] }));
  const entry = slot;
  if (entry.active >= limit) {
    const got = await new Promise<boolean>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        entry.waiting.splice(entry.waiting.indexOf(wake), 1);
        resolve(false);
      }, deadline - Date.now());
      entry.waiting.push(wake);
    });
    if (!got) return null;
  } else {
    entry.active += 1;
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const next = entry.waiting.shift();
    // The slot passes straight to the next waiter; only when nobody waits does the count drop.
    if (next) next();
    else if (--entry.active === 0) inFlight.delete(host);
  };
}

/** Requests to `host` running now (for tests of the per-host limit). */
export function activeRequests(host: string): number {
  return inFlight.get(host)?.active ?? 0;
}
