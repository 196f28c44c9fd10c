/**
 * A full rebuild runs in a worker thread: search keeps answering from the old index meanwhile,
 * and the new index (with the change) replaces it when the worker is done.
 */
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../db/client';
import { importContent } from '~/content/import.server';
import { bumpDataVersion } from '../../db/data-version';
import { getSearchEngine, prepareSearch, rebuildInBackground } from '~/search/index.server';
import { parseQuery } from '~/search/query';

describe('background rebuild', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('keeps answering during a worker rebuild and swaps in the new index after it', async () => {
    importContent(getDb(), path.resolve('content'));
    prepareSearch(() => {});
    // Treat this corpus as large: every full rebuild goes to the worker.
    vi.stubEnv('SEARCH_INLINE_LIMIT', '0');
    getDb()
      .$client.prepare(`update topics set description = description || ' Wombatline.' where slug = 'huawei'`)
      .run();
    bumpDataVersion(getDb(), ['*']);

    const rebuilding = rebuildInBackground();
    // The old index answers while the worker builds: it knows the case, not yet the new word.
    const during = getSearchEngine().engine;
    expect(during.search(parseQuery('racketeering')).hits.some((h) => h.meta.kind === 'case')).toBe(true);
    expect(during.search(parseQuery('wombatline')).hits).toEqual([]);

    await rebuilding;
    const after = getSearchEngine().engine.search(parseQuery('wombatline'));
    expect(after.hits.map((h) => h.meta.slug)).toContain('huawei');
  }, 60_000);
});
