/**
 * Telling a shared cache in front (Varnish, a CDN's purge endpoint) what changed: `PURGE` to
 * PURGE_URL with a `Surrogate-Key` header naming the keys (app/http/cache-tags.server.ts). server.js
 * calls it after a request that changed content, before answering the editor, so a reader who
 * follows at once is served the new page; `content:import` calls it with `all`. Never longer than
 * 1.5 s, and a failure is a log line, not a failed save (the cache then serves the old page for at
 * most CACHE_S_MAXAGE + CACHE_STALE seconds).
 */
import { env } from '../../config/env';

export async function purgeSharedCache(keys: readonly string[]): Promise<boolean> {
  const url = env().PURGE_URL;
  if (!url || keys.length === 0) return false;
  try {
    const response = await fetch(url, {
      method: 'PURGE',
      headers: { 'Surrogate-Key': keys.join(' ') },
      signal: AbortSignal.timeout(1500),
    });
    await response.body?.cancel();
    if (!response.ok) console.error(`purge: ${url} answered ${response.status}`);
    return response.ok;
  } catch (error) {
    console.error(`purge: ${url} could not be reached (${(error as Error).message})`);
    return false;
  }
}
