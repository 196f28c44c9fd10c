/**
 * The Internet Archive's Save Page Now (SPN2), used only when ARCHIVE_ORG_ACCESS_KEY and
 * ARCHIVE_ORG_SECRET_KEY are set: a second, independent copy of a source that anyone can open.
 * POST /save with the S3-style `authorization: LOW key:secret` header starts a job; its status
 * is polled until it says where the copy is. Through safeFetch like every other outside request,
 * and behind an endpoint argument so a test can point it at a local fake (no internet here).
 */
import { env } from '../../config/env';
import { safeFetch } from './fetch.server';

export const SAVE_PAGE_NOW = 'https://web.archive.org/save';

export interface SavePageNowOptions {
  endpoint?: string;
  accessKey?: string;
  secretKey?: string;
  /** How long to wait for the archive's job, in all. */
  waitMs?: number;
  pollMs?: number;
  allowHosts?: readonly string[];
}

export type SavePageNowResult = { ok: true; archiveUrl: string } | { ok: false; message: string };

export function savePageNowConfigured(): boolean {
  const { ARCHIVE_ORG_ACCESS_KEY, ARCHIVE_ORG_SECRET_KEY } = env();
  return Boolean(ARCHIVE_ORG_ACCESS_KEY && ARCHIVE_ORG_SECRET_KEY);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function json(body: Buffer): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export async function savePageNow(url: string, options: SavePageNowOptions = {}): Promise<SavePageNowResult> {
  const endpoint = (options.endpoint ?? SAVE_PAGE_NOW).replace(/\/+$/, '');
  const accessKey = options.accessKey ?? env().ARCHIVE_ORG_ACCESS_KEY;
  const secretKey = options.secretKey ?? env().ARCHIVE_ORG_SECRET_KEY;
  if (!accessKey || !secretKey) return { ok: false, message: 'Save Page Now has no keys configured.' };
  const headers = {
    accept: 'application/json',
    authorization: `LOW ${accessKey}:${secretKey}`,
  };
  const started = await safeFetch(endpoint, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ url, skip_first_archive: '1' }).toString(),
    allowHosts: options.allowHosts,
    timeoutMs: 30_000,
    maxBytes: 256 * 1024,
  });
  if (!started.ok) return { ok: false, message: `Save Page Now: ${started.message}` };
  const job = json(started.body);
  const jobId = typeof job?.job_id === 'string' ? job.job_id : null;
  if (started.status !== 200 || !jobId)
    return {
      ok: false,
      message: `Save Page Now did not start a copy (${started.status}${typeof job?.message === 'string' ? `: ${job.message}` : ''}).`,
    };

  const deadline = Date.now() + (options.waitMs ?? 120_000);
  for (;;) {
    await sleep(options.pollMs ?? 5_000);
    const status = await safeFetch(`${endpoint}/status/${encodeURIComponent(jobId)}`, {
      headers,
      allowHosts: options.allowHosts,
      maxBytes: 256 * 1024,
    });
    const answer = status.ok ? json(status.body) : null;
    if (answer?.status === 'success' && typeof answer.timestamp === 'string') {
      const original = typeof answer.original_url === 'string' ? answer.original_url : url;
      return { ok: true, archiveUrl: `https://web.archive.org/web/${answer.timestamp}/${original}` };
    }
    if (answer?.status === 'error')
      return {
        ok: false,
        message: `Save Page Now could not copy the page (${String(answer.message ?? answer.status_ext ?? 'error')}).`,
      };
    if (Date.now() > deadline) return { ok: false, message: 'Save Page Now did not finish in time.' };
  }
}
