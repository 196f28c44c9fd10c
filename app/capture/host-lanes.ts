/**
 * Politeness for link checks: one lane per host, worked through in order, each request sent at
 * least `intervalMs` after the previous one to that host ended; several hosts at once (a small
 * pool), so a thousand sources on one newspaper take as long as they must without holding up the
 * others. Counting from the end, not the start, is what the publisher sees: two of our requests
 * never arrive closer together than the interval, however slowly the first was answered.
 *
 * Every request a lane sends goes through `lane.request()` (a check, and the recapture a change
 * asks for), so the interval holds for all of them; a check's redirect hops follow at once, as
 * one request. The lane keeps the start times, and the summary reports the smallest gap it
 * actually left between two starts, so the rate is measured, not assumed.
 */

export interface Lane {
  host: string;
  /** Waits until this host may be sent the next request, then sends it (`send`). */
  request: <T>(send: () => Promise<T>) => Promise<T>;
}

export interface LaneReport {
  host: string;
  requests: number;
  /** The smallest gap between two request starts to this host, in ms (null below two requests). */
  smallestGapMs: number | null;
}

export interface LaneOptions {
  intervalMs: number;
  hostsAtOnce: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The host a lane is kept for: host name and port, in lower case; addresses that do not parse share one lane. */
export function laneHost(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return '(unparsable)';
  }
}

/**
 * Runs `work` for every item, grouped into lanes by `hostOf`, at most `hostsAtOnce` lanes at a
 * time. A failing item is the worker's to report: an exception ends only that item, never its lane.
 */
export async function runPerHost<T>(
  items: readonly T[],
  hostOf: (item: T) => string,
  work: (item: T, lane: Lane) => Promise<void>,
  options: LaneOptions,
): Promise<LaneReport[]> {
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const byHost = new Map<string, T[]>();
  for (const item of items) {
    const host = hostOf(item);
    byHost.set(host, [...(byHost.get(host) ?? []), item]);
  }
  const waiting = [...byHost.entries()];
  const reports: LaneReport[] = [];

  const runLane = async (host: string, laneItems: T[]) => {
    const starts: number[] = [];
    let lastEnd: number | null = null;
    const waitFor = () => (lastEnd === null ? 0 : lastEnd + options.intervalMs - now());
    const lane: Lane = {
      host,
      request: async (send) => {
        // A loop, not one sleep: a timer may fire a millisecond before the clock says it should.
        for (let wait = waitFor(); wait > 0; wait = waitFor()) await sleep(wait);
        starts.push(now());
        try {
          return await send();
        } finally {
          lastEnd = now();
        }
      },
    };
    for (const item of laneItems) {
      try {
        await work(item, lane);
      } catch {
        // The worker records its own failures; one bad item must not stop the host's others.
      }
    }
    const gaps = starts.slice(1).map((at, i) => at - starts[i]);
    reports.push({ host, requests: starts.length, smallestGapMs: gaps.length > 0 ? Math.min(...gaps) : null });
  };

  const workers = Array.from({ length: Math.max(1, Math.min(options.hostsAtOnce, waiting.length)) }, async () => {
    for (let next = waiting.shift(); next; next = waiting.shift()) await runLane(next[0], next[1]);
  });
  await Promise.all(workers);
  return reports.sort((a, b) => a.host.localeCompare(b.host));
}
