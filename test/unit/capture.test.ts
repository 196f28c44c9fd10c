/**
 * Capturing a source (app/capture/capture.server.ts) against a local publisher: the WARC record
 * read back with its payload digest checked, the readable text, what is kept for a PDF or an
 * image, failures stated plainly; the queue (one process per job, backoff, permanent failures,
 * a job left running by a dead process); Save Page Now against a local fake of the archive.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { captureSource } from '~/capture/capture.server';
import { drainCaptureJobs } from '~/capture/jobs.server';
import { savePageNow } from '~/capture/save-page-now.server';
import { capturesDir, readCaptureRecord } from '~/capture/warc.server';
import {
  claimNextCaptureJob,
  enqueueCapture,
  finishCaptureJob,
  getCaptureWithText,
  latestCaptureJob,
  MAX_CAPTURE_ATTEMPTS,
  queueCaptureIfUrlChanged,
  recordArchiveUrl,
} from '~/models/captures.server';
import { startCaptureSite, type CaptureSite } from '../capture-site';
import { insertSource } from '../factories';

let site: CaptureSite;
let dir: string;

beforeAll(async () => {
  site = await startCaptureSite();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'captures-'));
  process.env.CAPTURES_PATH = dir;
  process.env.CAPTURE_ALLOW_HOSTS = site.hostPort;
});

afterAll(async () => {
  await site.close();
  delete process.env.CAPTURES_PATH;
  delete process.env.CAPTURE_ALLOW_HOSTS;
  fs.rmSync(dir, { recursive: true, force: true });
});

const sourceAt = (pathname: string) => insertSource({ url: `${site.url}${pathname}` });

describe('captureSource', () => {
  it('keeps the article as received in a WARC record whose payload digest is the capture’s SHA-256', async () => {
    const source = sourceAt('/article');
    const outcome = await captureSource(source.id, 'manual');
    expect(outcome.error).toBeNull();
    const capture = getCaptureWithText(outcome.captureId!)!;
    expect(capture).toMatchObject({ outcome: 'ok', httpStatus: 200, finalUrl: `${site.url}/article` });
    expect(capture.contentType).toBe('text/html; charset=utf-8');
    expect(capture.warcPath).toMatch(/^\d{4}-\d{2}-\d{2}\/s\d+-\d{8}T\d{6}-[0-9a-f]{6}\.warc\.gz$/);
    expect(path.resolve(capturesDir(), capture.warcPath!).startsWith(dir)).toBe(true);

    const record = await readCaptureRecord(capture.warcPath!, capture.warcOffset!, capture.warcLength!);
    expect(record.digestMatches).toBe(true);
    expect(record.payloadDigest).toBe(`sha256:${capture.sha256}`);
    expect(record.targetUri).toBe(`${site.url}/article`);
    expect(record.status).toBe(200);
    // Kept compressed, as the publisher sent it.
    expect(record.headers.find(([h]) => h.toLowerCase() === 'content-encoding')?.[1]).toBe('gzip');
    expect(record.payload.subarray(0, 2).toString('hex')).toBe('1f8b');
    expect(capture.byteLength).toBe(record.payload.length);
    expect(createHash('sha256').update(record.payload).digest('hex')).toBe(capture.sha256);

    // The file: warcinfo, response, request, each its own gzip member.
    const file = fs.readFileSync(path.join(dir, capture.warcPath!));
    expect(file.subarray(0, 2).toString('hex')).toBe('1f8b');
    expect(file.subarray(capture.warcOffset!, capture.warcOffset! + 2).toString('hex')).toBe('1f8b');
    expect(file.length).toBeGreaterThan(capture.warcOffset! + capture.warcLength!);
  });

  it('reads the article’s text without its navigation, scripts or footer, paragraph by paragraph', async () => {
    const source = sourceAt('/article');
    const capture = getCaptureWithText((await captureSource(source.id, 'manual')).captureId!)!;
    expect(capture.title).toBe('A long article | The Test Gazette');
    const text = capture.text!;
    expect(text.split(/\s+/).length).toBeGreaterThan(4_500);
    expect(text).not.toContain('Section 3');
    expect(text).not.toContain('window.analytics');
    expect(text).not.toContain('All rights reserved');
    expect(text.split('\n\n').length).toBeGreaterThan(20);
  });

  it('keeps plain text as it is', async () => {
    const capture = getCaptureWithText((await captureSource(sourceAt('/plain').id, 'manual')).captureId!)!;
    expect(capture.text).toBe('A statement in plain text.\n\nSecond paragraph.');
  });

  it('keeps a PDF’s and an image’s bytes, saying that no text was read', async () => {
    const pdf = getCaptureWithText((await captureSource(sourceAt('/report.pdf').id, 'manual')).captureId!)!;
    expect(pdf).toMatchObject({ outcome: 'ok', text: null, error: 'PDF: text not extracted.' });
    const image = await captureSource(sourceAt('/image.png').id, 'manual');
    const stored = getCaptureWithText(image.captureId!)!;
    expect(stored).toMatchObject({ outcome: 'ok', text: null, byteLength: 14 });
    const record = await readCaptureRecord(stored.warcPath!, stored.warcOffset!, stored.warcLength!);
    expect(record.payload.subarray(0, 4).toString('latin1')).toBe('\x89PNG');
    expect(record.digestMatches).toBe(true);
  });

  it.each([
    ['/missing', 'Not found (404).', false],
    ['/gone', 'Gone: the publisher removed the page (410).', false],
    ['/to-private', 'The address is private: 10.0.0.1.', true],
    [
      '/to-metadata',
      'The address is link-local (this includes the cloud metadata service, 169.254.169.254): 169.254.169.254.',
      true,
    ],
  ])('records %s as a failure: “%s”', async (pathname, message, permanent) => {
    const outcome = await captureSource(sourceAt(pathname).id, 'manual');
    expect(outcome.error).toBe(message);
    expect(outcome.permanent).toBe(permanent);
    expect(getCaptureWithText(outcome.captureId!)).toMatchObject({ outcome: 'failed', error: message, warcPath: null });
  });
});

describe('the capture queue', () => {
  const jobsOf = (sourceId: number) =>
    getDb().all<{ state: string }>(sql`select state from capture_jobs where source_id = ${sourceId}`);

  it('queues a new or changed address once, and nothing for an unchanged one or none', () => {
    const source = insertSource();
    const db = getDb();
    queueCaptureIfUrlChanged(db, source.id, undefined, '');
    queueCaptureIfUrlChanged(db, source.id, 'https://a.example/x', 'https://a.example/x');
    expect(jobsOf(source.id)).toEqual([]);
    queueCaptureIfUrlChanged(db, source.id, undefined, 'https://a.example/x');
    queueCaptureIfUrlChanged(db, source.id, 'https://a.example/x', 'https://a.example/y');
    enqueueCapture(db, source.id, 'manual');
    expect(jobsOf(source.id)).toEqual([{ state: 'queued' }]);
  });

  it('gives a job to one taker only', () => {
    const source = sourceAt('/short');
    enqueueCapture(getDb(), source.id, 'manual');
    const taken: number[] = [];
    for (let job = claimNextCaptureJob(); job; job = claimNextCaptureJob()) taken.push(job.sourceId);
    expect(taken.filter((id) => id === source.id)).toEqual([source.id]);
    expect(latestCaptureJob(source.id)).toMatchObject({ state: 'running', attempts: 1 });
  });

  it('retries a failure later, waiting longer each time, then leaves it failed with its reason', () => {
    const source = insertSource({ url: 'https://a.example/' });
    enqueueCapture(getDb(), source.id, 'saved');
    const start = Math.floor(Date.now() / 1000);
    let at = start;
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_CAPTURE_ATTEMPTS; attempt++) {
      let job = claimNextCaptureJob(at);
      while (job && job.sourceId !== source.id) job = claimNextCaptureJob(at);
      expect(job, `attempt ${attempt}`).not.toBeNull();
      const after = finishCaptureJob(job!, 'The page took longer than 15 seconds.', { at });
      if (attempt < MAX_CAPTURE_ATTEMPTS) {
        expect(after.state).toBe('queued');
        waits.push(after.nextAttemptAt - at);
        expect(claimNextCaptureJob(at + 1)?.sourceId).not.toBe(source.id);
        at = after.nextAttemptAt;
      } else {
        expect(after).toMatchObject({ state: 'failed', lastError: 'The page took longer than 15 seconds.' });
      }
    }
    expect(waits).toEqual([60, 300, 1800, 7200]);
  });

  it('gives up at once on a refused address, and queues again a job left running by a dead process', () => {
    const refused = insertSource();
    enqueueCapture(getDb(), refused.id, 'saved');
    let job = claimNextCaptureJob();
    while (job && job.sourceId !== refused.id) job = claimNextCaptureJob();
    expect(finishCaptureJob(job!, 'The address is private: 10.0.0.1.', { permanent: true }).state).toBe('failed');

    const orphan = insertSource();
    enqueueCapture(getDb(), orphan.id, 'saved');
    const at = Math.floor(Date.now() / 1000);
    job = claimNextCaptureJob(at);
    while (job && job.sourceId !== orphan.id) job = claimNextCaptureJob(at);
    expect(claimNextCaptureJob(at + 300)?.sourceId).not.toBe(orphan.id);
    expect(claimNextCaptureJob(at + 601)?.sourceId).toBe(orphan.id);
  });

  it('runs due jobs to the end from the command line', async () => {
    getDb().run(sql`update capture_jobs set state = 'done' where state in ('queued', 'running')`);
    const source = sourceAt('/short');
    enqueueCapture(getDb(), source.id, 'manual');
    const ran: string[] = [];
    await drainCaptureJobs((_, outcome) => ran.push(outcome.error ?? 'ok'));
    expect(ran).toEqual(['ok']);
    expect(latestCaptureJob(source.id)).toMatchObject({ state: 'done', attempts: 1 });
  });
});

describe('Save Page Now', () => {
  it('asks the archive with the keys, waits for its job, and fills only an empty archived copy', async () => {
    const seen: { method: string; url: string; authorization: string; body: string }[] = [];
    const archive = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, authorization: String(req.headers.authorization), body });
        res.writeHead(200, { 'content-type': 'application/json' });
        if (req.url === '/save') res.end(JSON.stringify({ url: 'x', job_id: 'spn2-abc' }));
        else if (seen.filter((s) => s.url.startsWith('/save/status')).length < 2) res.end('{"status":"pending"}');
        else
          res.end(
            JSON.stringify({ status: 'success', timestamp: '20261202101500', original_url: 'https://news.example/a' }),
          );
      });
    });
    await new Promise<void>((resolve) => archive.listen(0, '127.0.0.1', resolve));
    const port = archive.address() as AddressInfo;
    try {
      const result = await savePageNow('https://news.example/a', {
        endpoint: `http://127.0.0.1:${port.port}/save`,
        accessKey: 'KEY',
        secretKey: 'SECRET',
        pollMs: 20,
        allowHosts: [`127.0.0.1:${port.port}`],
      });
      expect(result).toEqual({
        ok: true,
        archiveUrl: 'https://web.archive.org/web/20261202101500/https://news.example/a',
      });
      expect(seen[0]).toMatchObject({ method: 'POST', url: '/save', authorization: 'LOW KEY:SECRET' });
      expect(new URLSearchParams(seen[0].body).get('url')).toBe('https://news.example/a');
      expect(seen.slice(1).every((s) => s.url === '/save/status/spn2-abc' && s.method === 'GET')).toBe(true);
    } finally {
      await new Promise<void>((resolve) => archive.close(() => resolve()));
    }

    const empty = sourceAt('/short');
    const typed = insertSource({ url: 'https://news.example/b' });
    getDb().run(sql`update sources set archive_url = 'https://archive.today/typed' where id = ${typed.id}`);
    const first = (await captureSource(empty.id, 'manual')).captureId!;
    recordArchiveUrl(first, empty.id, 'https://web.archive.org/web/1/x');
    recordArchiveUrl(first, typed.id, 'https://web.archive.org/web/1/y');
    const archiveOf = (id: number) =>
      getDb().get<{ a: string | null }>(sql`select archive_url as a from sources where id = ${id}`).a;
    expect(archiveOf(empty.id)).toBe('https://web.archive.org/web/1/x');
    expect(archiveOf(typed.id)).toBe('https://archive.today/typed');
    expect(getCaptureWithText(first)?.archiveUrl).toBe('https://web.archive.org/web/1/y');
  });

  it('without keys, asks nothing', async () => {
    expect(await savePageNow('https://news.example/a', { accessKey: '', secretKey: '' })).toEqual({
      ok: false,
      message: 'Save Page Now has no keys configured.',
    });
  });
});
