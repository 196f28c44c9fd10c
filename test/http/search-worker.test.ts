/**
 * The built server builds its search index in the worker that `npm run build` bundles
 * (build/search-worker.js), not through tsx: with SEARCH_INLINE_LIMIT=0 every full build goes to
 * the worker, here the first one at start. The unit tests run the worker from its TypeScript
 * source; only this test runs the bundle.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';

let server: StartedServer;

beforeAll(async () => {
  server = await startServer({ SEARCH_INLINE_LIMIT: '0' });
});

afterAll(async () => {
  await server?.stop();
});

describe('the bundled search worker', () => {
  it('builds the index at start, and search answers from it', async () => {
    expect(server.output()).toContain('Building the search index in the background.');
    const deadline = Date.now() + 20_000;
    let kinds: string[] = [];
    while (Date.now() < deadline) {
      const res = await fetch(`${server.url}/api/search?q=racketeering`);
      // While the worker builds, the API says so (503, Retry-After) instead of an empty result.
      if (res.status === 503) {
        const building = (await res.json()) as { ready: boolean; error: string };
        expect(building).toMatchObject({ ready: false, error: expect.stringContaining('being built') });
        expect(res.headers.get('retry-after')).toBe('5');
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      expect(res.status).toBe(200);
      kinds = ((await res.json()) as { results: { kind: string }[] }).results.map((r) => r.kind);
      if (kinds.length > 0 || /rebuild failed/.test(server.output())) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(kinds).toContain('case');
    expect(server.output()).not.toMatch(/rebuild (failed|could not be loaded)/);
    const manifest = JSON.parse(fs.readFileSync(path.join(server.dir, 'search-index/manifest.json'), 'utf8'));
    expect(manifest.documents).toBeGreaterThan(0);
  }, 30_000);
});
