/**
 * Cache tags: which entries a public response shows, named so a shared cache (Varnish, a CDN) can
 * drop exactly the pages a change touches. A page's keys go out as `Surrogate-Key` and `Cache-Tag`
 * (the same value: Fastly/Varnish read the first, Cloudflare and others the second); a change's
 * keys go to PURGE_URL (server.js) after the request that made it.
 *
 * Keys are an entry's search ref (`c12` a claim, `e3` a person or organisation, `s7` a source,
 * `k2` a court case, `t5` a topic: app/domain/kinds.ts) and the collection of its kind (`claims`,
 * `entities`, `sources`, `cases`, `topics`). A detail page names the entries it draws; every other
 * page (lists, home, feeds, search, sitemap) carries the collections, since any new or changed entry
 * may appear in it. Every public response also carries `all`, which a bulk change (an import, a
 * merge of many) purges.
 *
 * The in-process page cache does not use these: it keys on the database's content generation
 * (app/http/page-cache.server.ts), which no code path can forget to move.
 */
import { parseRef, type RefPrefix } from '~/domain/kinds';
import { requestState } from './storage.server';

const COLLECTION: Record<RefPrefix, string> = { c: 'claims', e: 'entities', s: 'sources', k: 'cases', t: 'topics' };
export const ALL_KEY = 'all';
/** What an untagged page carries: it may show any entry. */
export const COLLECTION_KEYS = [...Object.values(COLLECTION)];

/** Names entries (search refs or collection keys) the page being rendered shows. */
export function tagResponse(...keys: (string | null | undefined)[]): void {
  const state = requestState.getStore();
  if (!state) return;
  state.cacheTags ??= new Set();
  for (const key of keys) if (key && /^[a-z0-9-]{1,40}$/.test(key)) state.cacheTags.add(key);
}

/** This response must not be kept in the page cache (e.g. search answered from a lagging index). */
export function skipPageCache(): void {
  const state = requestState.getStore();
  if (state) state.uncacheable = true;
}

/** The request changed these entries (search refs, or `*` for "anything"): called on every write. */
export function noteChangedRefs(refs: readonly string[]): void {
  const state = requestState.getStore();
  if (!state) return;
  state.changedRefs ??= new Set();
  for (const ref of refs) state.changedRefs.add(ref);
}

/** The Surrogate-Key value of a public response: its tags (or the collections), and `all`. */
export function surrogateKeys(tags: ReadonlySet<string> | undefined): string {
  const keys = tags && tags.size > 0 ? [...tags] : COLLECTION_KEYS;
  return [...new Set([...keys, ALL_KEY])].join(' ');
}

/**
 * The keys to purge for a set of changed refs: each ref and its kind's collection (a changed
 * claim may move in every list); `*` (or a ref we cannot read) purges everything.
 */
export function purgeKeys(refs: Iterable<string>): string[] {
  const keys = new Set<string>();
  for (const ref of refs) {
    const parsed = parseRef(ref);
    if (!parsed) return [ALL_KEY];
    keys.add(ref);
    keys.add(COLLECTION[parsed.prefix]);
  }
  return [...keys];
}
