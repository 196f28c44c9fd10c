/**
 * Valid HTML: every page kind, as served (signed in for editor pages), checked by the Nu Html
 * Checker (vnu-jar on the machine's Java). One Java run checks every page, which is far faster
 * than one per page; the pages are saved to files because vnu refuses localhost URLs. The edit
 * conflict page, the answer to a stale save, is reached by posting one.
 * Skipped without Java, except under CI, where that fails.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env } from '../../config/env';
import type { StartedServer } from '../../scripts/lib/server';
import { sourceFormFields } from '../fixtures';
import { CONFLICT, fetchPage, PAGE_KINDS, QUALITY_EDITOR, startQualityServer } from './pages';
import { signIn } from '../fixtures';

const VNU = path.join(process.cwd(), 'node_modules/vnu-jar/build/dist/vnu.jar');
const javaAvailable = spawnSync('java', ['-version']).status === 0;
const skip = !javaAvailable && !env().CI;
if (skip) console.warn('Skipping the valid-HTML gate: no Java on this machine (CI requires it).');

it.runIf(env().CI)('has Java and vnu.jar under CI', () => {
  expect(javaAvailable, 'CI must run the Nu Html Checker; java is missing').toBe(true);
  expect(fs.existsSync(VNU), `no ${VNU}`).toBe(true);
});

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  message: string;
  extract?: string;
  lastLine?: number;
}

describe.skipIf(skip)('every page kind is valid HTML', () => {
  let server: StartedServer;
  let dir: string;
  const files = new Map<string, string>();

  beforeAll(async () => {
    server = await startQualityServer();
    const cookie = await signIn(server, QUALITY_EDITOR);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vnu-pages-'));
    for (const [index, kind] of PAGE_KINDS.entries()) {
      const res = await fetchPage(server, kind, cookie);
      expect(res.status, `${kind.name} (${kind.path}) answered`).toBe(kind.status ?? 200);
      const file = path.join(dir, `page-${index}.html`);
      fs.writeFileSync(file, await res.text());
      files.set(file, `${kind.name} (${kind.path})`);
    }
    // The edit-conflict page is the answer to a stale save: post one, as the form would.
    const conflict = await fetch(`${server.url}${CONFLICT.path}`, {
      method: 'POST',
      headers: { Origin: server.url, Cookie: cookie },
      body: new URLSearchParams(sourceFormFields({ version: '0', title: 'A title typed while someone else saved' })),
    });
    expect(conflict.status, `${CONFLICT.name}: a stale save answered`).toBe(CONFLICT.reach!.status);
    const conflictFile = path.join(dir, 'conflict.html');
    fs.writeFileSync(conflictFile, await conflict.text());
    files.set(conflictFile, `${CONFLICT.name} (POST ${CONFLICT.path})`);
    // A page with a known error proves the checker ran and that its findings reach this test.
    const probe = path.join(dir, 'probe.html');
    fs.writeFileSync(
      probe,
      '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p id="a"></p><p id="a"></p></body></html>',
    );
    files.set(probe, 'probe');
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the Nu Html Checker reports no errors on any page kind', () => {
    const run = spawnSync('java', ['-jar', VNU, '--errors-only', '--format', 'json', ...files.keys()], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    let messages: VnuMessage[];
    try {
      messages = (JSON.parse(run.stderr || run.stdout) as { messages: VnuMessage[] }).messages;
    } catch {
      throw new Error(`vnu did not answer with JSON (exit ${run.status}):\n${run.stderr}\n${run.stdout}`);
    }
    const pageOf = (url = '') => files.get(url.startsWith('file:') ? new URL(url).pathname : url) ?? url;
    const errors = messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
    expect(
      errors.some((m) => pageOf(m.url) === 'probe' && /Duplicate ID/.test(m.message)),
      'the checker found the probe page’s duplicate id',
    ).toBe(true);
    const found = errors
      .filter((m) => pageOf(m.url) !== 'probe')
      .map((m) => `${pageOf(m.url)} line ${m.lastLine}: ${m.message}${m.extract ? `  [${m.extract.trim()}]` : ''}`);
    expect(found, found.join('\n')).toEqual([]);
  }, 120_000);
});
