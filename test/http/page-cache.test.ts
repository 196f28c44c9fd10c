/**
 * The rendered-page cache and HTTP caching (issue 13), over real HTTP against two built server
 * processes on one database file: a reader's second request is served from memory with the same
 * bytes and ETag, a revalidation is a bodiless 304, an editor is never served a kept page and a
 * reader never an editor's; and after a change approved through one process, a reader of either
 * process sees the new page at once (the ETag moves with it), while a stand-in shared cache is
 * told to purge exactly the entries that changed.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { createEditor, signIn } from '../fixtures';

const PURDY = '/claims/andy-purdy-denies-backdoor-access';

let first: StartedServer;
let second: StartedServer;
let alice = '';
let bob = '';
/** PURGE requests the stand-in shared cache received: their Surrogate-Key headers. */
const purges: string[] = [];
let purgeServer: http.Server;

const get = (server: StartedServer, path: string, headers: Record<string, string> = {}) =>
  fetch(server.url + path, { headers, redirect: 'manual' });

/** A request through Node's http: headers as sent and received, body as text (undecoded). */
function raw(server: StartedServer, path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ statusCode: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(server.url + path, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          statusCode: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('latin1'),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

function post(cookie: string, pathname: string, fields: Record<string, string>) {
  return fetch(first.url + pathname, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { Origin: first.url, Cookie: cookie },
    redirect: 'manual',
  });
}

const editPage = async (cookie: string, id: number) =>
  (await fetch(`${first.url}/editor/claims/${id}`, { headers: { Cookie: cookie } })).text();
const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)![1];
const proposalOf = (html: string) => /value="approve:(\d+)"/.exec(html)![1];

beforeAll(async () => {
  purgeServer = http.createServer((req, res) => {
    if (req.method === 'PURGE') purges.push(String(req.headers['surrogate-key'] ?? ''));
    res.end('purged');
  });
  await new Promise<void>((resolve) => purgeServer.listen(0, '127.0.0.1', resolve));
  const purgeUrl = `http://127.0.0.1:${(purgeServer.address() as AddressInfo).port}/`;
  first = await startServer({ PURGE_URL: purgeUrl });
  second = await startServer({ DATABASE_PATH: first.databasePath, PURGE_URL: purgeUrl });
  alice = await signIn(first, await createEditor(first, { name: 'Alice Cache' }), { ip: '10.13.0.1' });
  bob = await signIn(first, await createEditor(first, { name: 'Bob Cache' }), { ip: '10.13.0.2' });
});

afterAll(async () => {
  await second?.stop();
  await first?.stop();
  await new Promise((resolve) => purgeServer?.close(resolve));
});

describe('a reader’s page', () => {
  it('is rendered once, then served from memory: same bytes, same ETag, public caching headers', async () => {
    const path = `${PURDY}?from=page-cache-test`;
    const one = await get(second, path);
    const oneBody = await one.text();
    expect(one.status).toBe(200);
    expect(one.headers.get('x-page-cache')).toBe('miss');
    const two = await get(second, path);
    expect(two.headers.get('x-page-cache')).toBe('hit');
    expect(await two.text()).toBe(oneBody);
    expect(two.headers.get('etag')).toMatch(/^"[\w-]{20,}"$/);
    expect(two.headers.get('etag')).toBe(one.headers.get('etag'));
    expect(two.headers.get('cache-control')).toBe('public, max-age=60, s-maxage=300, stale-while-revalidate=60');
    expect(two.headers.get('vary')).toBe('Accept-Encoding');
    expect(two.headers.get('set-cookie')).toBeNull();
    // The entries it shows, for a shared cache's purge: this claim by its ref, the rest by kind.
    const keys = (two.headers.get('surrogate-key') ?? '').split(' ');
    expect(keys).toEqual(expect.arrayContaining(['all', 'entities', 'sources']));
    expect(keys.some((k) => /^c\d+$/.test(k))).toBe(true);
    expect(two.headers.get('cache-tag')).toBe(keys.join(','));
  });

  it('answers If-None-Match with a 304 and no body, for the plain and the compressed copy', async () => {
    // Node's http, not fetch: fetch asks for gzip on its own and unpacks it.
    const plain = await raw(second, PURDY);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const etag = String(plain.headers.etag);
    const revalidated = await raw(second, PURDY, { 'If-None-Match': etag });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
    expect(revalidated.headers.etag).toBe(etag);

    const gzip = await raw(second, PURDY, { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    const gzipTag = String(gzip.headers.etag);
    expect(gzipTag).not.toBe(etag);
    const again = await raw(second, PURDY, { 'Accept-Encoding': 'gzip', 'If-None-Match': `W/${gzipTag}` });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const changed = await raw(second, PURDY, { 'If-None-Match': '"not-this-one"' });
    expect(changed.statusCode).toBe(200);
    expect(changed.body.length).toBeGreaterThan(1000);
    const head = await raw(second, PURDY, {}, 'HEAD');
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers.etag).toBe(etag);
  });

  it('never keeps an error or a redirect', async () => {
    for (let i = 0; i < 2; i += 1) {
      const missing = await get(second, '/claims/no-such-claim-here');
      expect(missing.status).toBe(404);
      expect(missing.headers.get('x-page-cache')).toBeNull();
      expect(missing.headers.get('cache-control')).toBe('no-store');
      const login = await get(second, '/editor');
      expect(login.status).toBe(302);
      expect(login.headers.get('x-page-cache')).toBeNull();
      expect(login.headers.get('cache-control')).toMatch(/no-store/);
    }
  });
});

describe('editors and readers', () => {
  it('an editor is never served a kept page, and a reader never gets an editor’s', async () => {
    await (await get(first, PURDY)).text();
    expect((await get(first, PURDY)).headers.get('x-page-cache')).toBe('hit');
    for (let i = 0; i < 2; i += 1) {
      const editor = await get(first, PURDY, { Cookie: alice });
      const html = await editor.text();
      expect(editor.headers.get('x-page-cache')).toBeNull();
      expect(editor.headers.get('cache-control')).toBe('private, no-store');
      expect(editor.headers.get('surrogate-key')).toBeNull();
      expect(editor.headers.get('etag')).toBeNull();
      expect(html).toMatch(/href="\/editor\/claims\/\d+"/);
    }
    const reader = await get(first, PURDY);
    const html = await reader.text();
    expect(reader.headers.get('x-page-cache')).toBe('hit');
    expect(reader.headers.get('set-cookie')).toBeNull();
    expect(html).not.toMatch(/href="\/editor\/claims\/\d+"/);
    expect(html).not.toContain('Alice Cache');
  });

  it('a stale or foreign session cookie gets a private page, never one kept for readers', async () => {
    const res = await get(first, PURDY, { Cookie: '__session=not-a-real-session' });
    await res.text();
    expect(res.headers.get('x-page-cache')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });
});

describe('after an approved change', () => {
  it('readers of both processes see it at once, with a new ETag, and the shared cache is told', async () => {
    const slug = 'page-cache-review-claim';
    const fields = (over: Record<string, string> = {}) => ({
      intent: 'save',
      statement: 'A page-cache claim about Thrushwick harbour.',
      slug,
      speakerId: '',
      claimedOn: '2020-03-04',
      venue: 'A press briefing',
      medium: '',
      verdictId: 'unproven',
      verdictExplanation: 'Nothing public settles the Thrushwick question.',
      analysis: 'The analysis.',
      language: 'en',
      summary: '',
      ...over,
    });
    const created = await post(alice, '/editor/claims/new', fields());
    expect(created.status).toBe(302);
    const id = Number(/\/editor\/claims\/(\d+)/.exec(created.headers.get('location') ?? '')![1]);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(first.databasePath);
    db.prepare(
      `insert into citations (claim_id, source_id, role) values (?, (select min(id) from sources), 'reports')`,
    ).run(id);
    db.close();
    const at = `/editor/claims/${id}`;
    expect(
      (await post(alice, at, { intent: 'status:publish', version: versionOf(await editPage(alice, id)) })).status,
    ).toBe(302);
    const bobView = await editPage(bob, id);
    expect(
      (await post(bob, at, { intent: `approve:${proposalOf(bobView)}`, version: versionOf(bobView) })).status,
    ).toBe(302);

    // Both processes keep the published page.
    const before: Record<string, string> = {};
    for (const server of [first, second]) {
      await (await get(server, `/claims/${slug}`)).text();
      const kept = await get(server, `/claims/${slug}`);
      expect(kept.headers.get('x-page-cache'), server.url).toBe('hit');
      expect(await kept.text()).toContain('Nothing public settles the Thrushwick question.');
      before[server.url] = kept.headers.get('etag')!;
    }

    // Alice changes the verdict with a public note; Bob approves it, through the first process.
    purges.length = 0;
    const edited = await post(
      alice,
      at,
      fields({
        verdictId: 'false',
        verdictExplanation: 'The Thrushwick record contradicts it.',
        version: versionOf(await editPage(alice, id)),
      }),
    );
    expect(edited.status).toBe(302);
    // A working copy is not public: readers still get the kept page.
    expect((await get(second, `/claims/${slug}`)).headers.get('x-page-cache')).toBe('hit');
    const working = await editPage(alice, id);
    expect(
      (
        await post(alice, at, {
          intent: 'status:correction',
          'status.note': 'The verdict was changed from Unproven to False.',
          version: versionOf(working),
        })
      ).status,
    ).toBe(302);
    const review = await editPage(bob, id);
    const approved = await post(bob, at, { intent: `approve:${proposalOf(review)}`, version: versionOf(review) });
    expect(approved.status).toBe(302);

    // No waiting: the very next request to either process shows the change.
    for (const server of [second, first]) {
      const after = await get(server, `/claims/${slug}`);
      const html = await after.text();
      expect(after.headers.get('x-page-cache'), server.url).toBe('miss');
      expect(html).toContain('The Thrushwick record contradicts it.');
      expect(html).not.toContain('Nothing public settles the Thrushwick question.');
      expect(after.headers.get('etag')).not.toBe(before[server.url]);
    }
    // The purge named this claim and the claim lists, and was sent before the editor was answered.
    expect(purges.length).toBeGreaterThan(0);
    const purged = new Set(purges.flatMap((p) => p.split(' ')));
    expect(purged).toContain(`c${id}`);
    expect(purged).toContain('claims');
  });
});
