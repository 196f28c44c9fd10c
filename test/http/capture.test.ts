/**
 * Source capture over real HTTP: the built server with its capture queue on, and a local
 * publisher (test/capture-site.ts) let through by CAPTURE_ALLOW_HOSTS, as a test configuration
 * may. An editor saves a source and sees its capture arrive on the source's page (polled, as the
 * page says to); failures read in words with when they are tried again; "Capture now"; the raw
 * capture served inert, to readers too; and unknown or failed captures answer 404.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { startCaptureSite, type CaptureSite } from '../capture-site';
import { createEditor, pageFormBody, signIn, sourceFormFields } from '../fixtures';

let server: StartedServer;
let site: CaptureSite;
let cookie = '';

beforeAll(async () => {
  site = await startCaptureSite();
  server = await startServer({ CAPTURE_JOBS: '1', CAPTURE_ALLOW_HOSTS: site.hostPort });
  cookie = await signIn(server, await createEditor(server, { name: 'Capture Editor' }));
});

afterAll(async () => {
  await server?.stop();
  await site?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const text = async (res: Response) => (await res.text()).replace(/<!-- -->/g, '');

function post(pathname: string, body: URLSearchParams | Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(server.url + pathname, {
    method: 'POST',
    body: body instanceof URLSearchParams ? body : new URLSearchParams(body),
    headers: { Origin: server.url, Cookie: cookie, ...headers },
    redirect: 'manual',
  });
}

const editorPage = async (id: number) =>
  text(await fetch(`${server.url}/editor/sources/${id}`, { headers: { Cookie: cookie } }));

function query<T>(statement: string, ...params: unknown[]): T[] {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare(statement).all(...params) as T[];
  } finally {
    db.close();
  }
}

let titles = 0;
/** Saves a new source at the site's `pathname` from the editor's form; its id. */
async function saveSource(pathname: string): Promise<number> {
  const res = await post(
    '/editor/sources/new',
    sourceFormFields({ title: `A captured source ${(titles += 1)}`, url: `${site.url}${pathname}` }),
  );
  expect(res.status).toBe(302);
  return Number(/\/editor\/sources\/(\d+)/.exec(res.headers.get('location') ?? '')![1]);
}

/** Reloads the source's page, as its "Refresh to see progress" link does, until `done` says so. */
async function pollPage(id: number, done: (html: string) => boolean, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const html = await editorPage(id);
    if (done(html)) return html;
    if (Date.now() > deadline)
      throw new Error(`the page never got there:\n${html.slice(html.indexOf('capture-title'))}`);
    await sleep(300);
  }
}

describe('a saved source is captured in the background', () => {
  let id = 0;
  let html = '';

  it('shows the capture on the source’s page when it arrives: date, answer, size, hash', async () => {
    id = await saveSource('/article');
    const first = await editorPage(id);
    expect(first).toMatch(/A capture is queued\.|Capturing the page now…|SHA-256/);
    if (!first.includes('SHA-256')) expect(first).toContain('Refresh to see progress');
    html = await pollPage(id, (page) => page.includes('SHA-256'));
    const [capture] = query<{ sha256: string; byte_length: number; fetched_at: string; id: number }>(
      'select id, sha256, byte_length, fetched_at from source_captures where source_id = ?',
      id,
    );
    expect(html).toContain(`<code class="capture-hash">${capture.sha256}</code>`);
    expect(html).toContain('HTTP 200, text/html; charset=utf-8');
    // The article is about 1 KB, a little over or under with the test server's port in it.
    const bytes = capture.byte_length;
    expect(html).toContain(bytes < 1024 ? `, ${bytes} bytes` : `${Math.round(bytes / 1024)} KB`);
    expect(html).toContain(`<time dateTime="${capture.fetched_at}">`);
    expect(html).toContain(`href="/captures/${capture.id}/raw"`);
    expect(html).not.toContain('Refresh to see progress');
    expect(query('select state from capture_jobs where source_id = ?', id)).toEqual([{ state: 'done' }]);
  });

  it('serves the raw capture inert, to a reader as to an editor', async () => {
    const [capture] = query<{ id: number; sha256: string }>(
      'select id, sha256 from source_captures where source_id = ?',
      id,
    );
    for (const headers of [{}, { Cookie: cookie }] as Record<string, string>[]) {
      const res = await fetch(`${server.url}/captures/${capture.id}/raw`, { headers });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe('inline');
      expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'; img-src data:");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(res.headers.get('x-capture-sha256')).toBe(capture.sha256);
      const body = await res.text();
      expect(body).toContain('<h1>A long article</h1>');
      expect(body).toContain('window.analytics');
    }
  });

  it('captures again on “Capture now”, and only after the fields are saved', async () => {
    const before = query('select id from source_captures where source_id = ?', id).length;
    const res = await post(`/editor/sources/${id}`, pageFormBody(html, { intent: 'capture-now' }));
    expect(res.status).toBe(302);
    await pollPage(id, () => query('select id from source_captures where source_id = ?', id).length > before);
    const refused = await post(`/editor/sources/${id}`, pageFormBody(html, { intent: 'capture-now' }), {
      Origin: 'https://elsewhere.example',
    });
    expect(refused.status).toBe(403);
  });

  it('queues a capture when the address changes, and none when it does not', async () => {
    const jobs = () => query('select id from capture_jobs where source_id = ?', id).length;
    const count = jobs();
    const page = await editorPage(id);
    expect(
      (await post(`/editor/sources/${id}`, pageFormBody(page, { note: 'A note, address unchanged' }))).status,
    ).toBe(302);
    expect(jobs()).toBe(count);
    const again = await editorPage(id);
    expect((await post(`/editor/sources/${id}`, pageFormBody(again, { url: `${site.url}/short` }))).status).toBe(302);
    expect(jobs()).toBe(count + 1);
  });
});

describe('a capture that fails says why, and when it is tried again', () => {
  it.each([
    ['/missing', 'Not found (404).'],
    ['/gone', 'Gone: the publisher removed the page (410).'],
  ])('%s', async (pathname, message) => {
    const id = await saveSource(pathname);
    const html = await pollPage(id, (page) => page.includes('The last capture failed'));
    expect(html).toContain(message);
    expect(html).toMatch(/It will be tried again after <time dateTime="[^"]+">[^<]+ UTC<\/time> \(attempt 2 of 5\)\./);
  });

  it('a redirect to a private address, not retried', async () => {
    const id = await saveSource('/to-private');
    const html = await pollPage(id, (page) => page.includes('The last capture failed'));
    expect(html).toContain('The address is private: 10.0.0.1.');
    expect(html).toContain('Trying again will not help until the address is corrected.');
    expect(query('select state from capture_jobs where source_id = ?', id)).toEqual([{ state: 'failed' }]);
  });

  it('a page that takes longer than 15 seconds', { timeout: 45_000 }, async () => {
    const id = await saveSource('/slow');
    await pollPage(id, (page) => page.includes('Capturing the page now…') && page.includes('Refresh to see progress'));
    const html = await pollPage(id, (page) => page.includes('The last capture failed'), 25_000);
    expect(html).toContain('The page took longer than 15 seconds.');
    expect(html).toContain('(attempt 2 of 5)');
  });

  it('a page over 10 MB', async () => {
    const id = await saveSource('/huge');
    const html = await pollPage(id, (page) => page.includes('The last capture failed'));
    expect(html).toContain('The page is larger than 10 MB, the most a capture keeps.');
  });
});

describe('the raw capture route', () => {
  it('sends anything but HTML and plain text as a download', async () => {
    const id = await saveSource('/report.pdf');
    const html = await pollPage(id, (page) => page.includes('SHA-256'));
    expect(html).toContain('PDF: text not extracted.');
    const [capture] = query<{ id: number }>('select id from source_captures where source_id = ?', id);
    const res = await fetch(`${server.url}/captures/${capture.id}/raw`);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="capture-${capture.id}"`);
    expect((await res.text()).startsWith('%PDF-')).toBe(true);
  });

  it('sends the bytes as received, in the publisher’s own encoding, and reads its text', async () => {
    const id = await saveSource('/latin1');
    await pollPage(id, (page) => page.includes('SHA-256'));
    const [capture] = query<{ id: number; text: string }>(
      'select id, text from source_captures where source_id = ?',
      id,
    );
    expect(capture.text).toBe('Café crème “quoted” – dash');
    const res = await fetch(`${server.url}/captures/${capture.id}/raw`);
    expect(res.headers.get('content-type')).toBe('text/html; charset=windows-1252');
    expect(Buffer.from(await res.arrayBuffer()).equals(site.pages.get('/latin1')!.body as Buffer)).toBe(true);
    expect(res.headers.get('surrogate-key')).toContain(`s${id}`);
  });

  it('answers 404 for an unknown capture, a failed one, and what is no id', async () => {
    const [failed] = query<{ id: number }>("select id from source_captures where outcome = 'failed' limit 1");
    for (const pathname of [
      '/captures/999999/raw',
      `/captures/${failed.id}/raw`,
      '/captures/abc/raw',
      '/captures/1e3/raw',
    ]) {
      const res = await fetch(server.url + pathname);
      expect(res.status, pathname).toBe(404);
      expect(await res.text(), pathname).not.toMatch(/at .*\.js:\d+/);
    }
  });
});
