/**
 * Search is never silently empty after an import: `npm run content:import` builds and saves the
 * readers' index, so the server started next on that database loads it instead of building it
 * while it serves (and /api/search answers from the first request). Run `npm run build` first.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../scripts/lib/server';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-import-index-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('content:import', () => {
  it('builds and saves the search index, and the next start loads it', async () => {
    const settings = { DATABASE_PATH: path.join(dir, 'tracker.db'), SEARCH_INDEX_PATH: path.join(dir, 'index') };
    const run = spawnSync('npx', ['tsx', 'scripts/content-import.ts'], {
      encoding: 'utf8',
      env: { ...process.env, ENV_FILE: '/dev/null', ...settings },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Search index built and saved to .*index: \d+ entries/);
    expect(fs.existsSync(path.join(dir, 'index', 'manifest.json'))).toBe(true);

    // Inline builds are off, so without the saved index search would wait for a worker.
    const server = await startServer({ ...settings, SEARCH_INLINE_LIMIT: '0' });
    try {
      expect(server.output()).toMatch(/Search index loaded: \d+ entries/);
      const response = await fetch(`${server.url}/api/search?q=huawei`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { ready: boolean; total: number };
      expect(body.ready).toBe(true);
      expect(body.total).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  }, 60_000);
});
