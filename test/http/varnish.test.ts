/**
 * The site behind a real Varnish (Debian's `varnish`), with the shipped configuration
 * (deploy/varnish/default.vcl; site.vcl with only the backend's port changed): a reader's second
 * request is a cache hit; an editor's requests are never stored or answered from the cache, and
 * neither ever receives the other's page; a published change reaches readers through the cache at
 * once, because the server purges by Surrogate-Key (PURGE_URL) after the approval; PURGE takes
 * only well-formed keys, from the site's own addresses, and bans whole keys only.
 *
 * varnishd runs in the foreground as this test's child, on a free port, with its working
 * directory in a temp folder, removed afterwards. Under CI=true a missing varnishd fails the file
 * (`.ci/run` installs it); elsewhere the file is skipped with a message.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { createEditor, pageFormBody, signIn } from '../fixtures';

const VCL_DIR = path.resolve('deploy/varnish');
const CI = /^(1|true|yes)$/i.test(process.env.CI ?? '');

/** varnishd from PATH, or where Debian puts it (/usr/sbin is not on every user's PATH). */
function findVarnishd(): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin'];
  for (const dir of dirs) {
    const candidate = path.join(dir, 'varnishd');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

const varnishd = findVarnishd();
if (!varnishd && CI) throw new Error('varnishd is missing: CI must run the Varnish test (.ci/run installs `varnish`)');
if (!varnishd) console.warn('varnishd not found: skipping test/http/varnish.test.ts (apt-get install varnish)');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

interface StartedVarnish {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * varnishd in front of `backendPort`: the shipped default.vcl, and site.vcl as shipped but for
 * the port, written to a temp folder that comes first on vcl_path. `-j none`: no jail, so it
 * runs as whoever runs the tests (root here, a plain user elsewhere) and needs no varnish user.
 */
async function startVarnish(backendPort: number, port: number): Promise<StartedVarnish> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-varnish-'));
  const site = fs.readFileSync(path.join(VCL_DIR, 'site.vcl'), 'utf8');
  const ours = site.replace(/(backend default \{[^}]*\.port = )"3000";/, `$1"${backendPort}";`);
  if (ours === site) throw new Error('deploy/varnish/site.vcl no longer names port "3000" in `backend default`');
  fs.writeFileSync(path.join(dir, 'site.vcl'), ours);

  const child: ChildProcess = spawn(
    varnishd!,
    [
      '-F',
      '-j',
      'none',
      '-n',
      path.join(dir, 'work'),
      '-a',
      `127.0.0.1:${port}`,
      '-T',
      'none',
      '-s',
      'malloc,64m',
      '-p',
      `vcl_path=${dir}:${VCL_DIR}`,
      '-f',
      path.join(VCL_DIR, 'default.vcl'),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    if (running()) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  try {
    for (;;) {
      if (!running()) throw new Error(`varnishd exited (${child.exitCode ?? child.signalCode})`);
      if (Date.now() > deadline) throw new Error('varnishd did not answer /healthz with 200 in 30 s');
      const status = await fetch(`${url}/healthz`).then(
        (res) => res.status,
        () => 0,
      );
      if (status === 200) break;
      await sleep(100);
    }
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- varnishd output ---\n${output}`);
  }
  return { url, output: () => output, stop };
}

let server: StartedServer;
let varnish: StartedVarnish;
let author = '';
let reviewer = '';

/** Through Varnish: what a reader (no cookie, unless given one) or an editor asks for. */
async function get(pathname: string, headers: Record<string, string> = {}) {
  const response = await fetch(varnish.url + pathname, { headers, redirect: 'manual' });
  return { response, headers: response.headers, html: (await response.text()).replaceAll('<!-- -->', '') };
}
const asEditor = (cookie: string, pathname: string) => get(pathname, { Cookie: cookie });
function post(cookie: string, pathname: string, body: URLSearchParams | Record<string, string>) {
  return fetch(varnish.url + pathname, {
    method: 'POST',
    body: body instanceof URLSearchParams ? body : new URLSearchParams(body),
    headers: { Origin: varnish.url, Cookie: cookie },
    redirect: 'manual',
  });
}

/** A PURGE as the server sends it, or from another local address (`from`), with node:http. */
function purge(headers: Record<string, string>, from = '127.0.0.1'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(varnish.url, { method: 'PURGE', headers, localAddress: from }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

function claimId(slug: string): number {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return (db.prepare('select id from claims where slug = ?').get(slug) as { id: number }).id;
  } finally {
    db.close();
  }
}

describe.skipIf(!varnishd)('behind Varnish (deploy/varnish)', () => {
  beforeAll(async () => {
    const port = await freePort();
    // The server purges through the Varnish in front of it, and accepts its address as a host.
    server = await startServer({ PURGE_URL: `http://127.0.0.1:${port}/`, ALLOWED_HOSTS: `127.0.0.1:${port}` });
    varnish = await startVarnish(server.port, port);
    // Signed in through Varnish, as a browser would: the POST passes, its Set-Cookie arrives.
    const proxied = { url: varnish.url };
    author = await signIn(proxied, await createEditor(server, { name: 'Cache Author' }), { ip: '10.13.0.1' });
    reviewer = await signIn(proxied, await createEditor(server, { name: 'Cache Reviewer' }), { ip: '10.13.0.2' });
  }, 90_000);

  afterAll(async () => {
    await varnish?.stop();
    await server?.stop();
  });

  it("serves a reader's second request of a claim page from the cache", async () => {
    const page = '/claims/andy-purdy-denies-backdoor-access';
    const first = await get(page, { 'Accept-Encoding': 'br, gzip' });
    expect(first.response.status).toBe(200);
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(first.headers.get('cache-control')).toMatch(/\bpublic\b.*\bs-maxage=\d+/);
    expect(first.headers.get('set-cookie')).toBeNull();
    // The keys stay in the cache (for PURGE); readers are not sent them.
    expect(first.headers.get('surrogate-key')).toBeNull();
    expect(first.headers.get('cache-tag')).toBeNull();

    // Another spelling of Accept-Encoding, and a cookie the site never reads: the same copy.
    const second = await get(page, { 'Accept-Encoding': 'gzip, deflate', Cookie: '_ga=GA1.1.1; consent=yes' });
    expect(second.response.status).toBe(200);
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(Number(second.headers.get('age'))).toBeGreaterThanOrEqual(0);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(second.html).toBe(first.html);
    expect(second.html).not.toContain('Edit this claim');
    // Without gzip the same cached object, uncompressed by Varnish.
    const plain = await get(page, { 'Accept-Encoding': 'identity' });
    expect(plain.headers.get('x-cache')).toBe('HIT');
    expect(plain.html).toBe(first.html);

    // A revalidation is answered by Varnish from its copy (the page's ETag).
    const revalidated = await fetch(varnish.url + page, { headers: { 'If-None-Match': first.headers.get('etag')! } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('x-cache')).toBe('HIT');
    expect(await revalidated.text()).toBe('');
  });

  it("passes an editor's requests every time, and never mixes an editor's page with a reader's", async () => {
    const page = '/claims/us-officials-huawei-backdoor-access';
    // The editor first: their page must not become the readers' copy.
    for (let i = 0; i < 2; i += 1) {
      const editor = await asEditor(author, page);
      expect(editor.response.status).toBe(200);
      expect(editor.headers.get('x-cache')).toBe('PASS');
      expect(editor.headers.get('cache-control')).toBe('private, no-store');
      expect(editor.html).toContain('Edit this claim');
    }
    const reader = await get(page);
    expect(reader.headers.get('x-cache')).toBe('MISS');
    expect(reader.headers.get('cache-control')).toMatch(/\bpublic\b/);
    expect(reader.html).not.toContain('Edit this claim');
    expect((await get(page)).headers.get('x-cache')).toBe('HIT');
    // Now cached for readers: the editor still gets their own page from the server.
    const editorAgain = await asEditor(author, page);
    expect(editorAgain.headers.get('x-cache')).toBe('PASS');
    expect(editorAgain.html).toContain('Edit this claim');
    // Editor pages themselves: passed, private, never stored.
    for (let i = 0; i < 2; i += 1) {
      const dashboard = await asEditor(author, '/editor');
      expect(dashboard.response.status).toBe(200);
      expect(dashboard.headers.get('x-cache')).toBe('PASS');
      expect(dashboard.headers.get('cache-control')).toBe('private, no-store');
    }
    // A reader asking for the editor's dashboard is sent to sign in, not shown the editor's.
    const refused = await get('/editor');
    expect(refused.response.status).toBe(302);
    expect(refused.headers.get('location')).toMatch(/\/login/);
  });

  it('shows readers a published change through the cache within a second (PURGE_URL)', async () => {
    const slug = 'huawei-pleads-not-guilty';
    const page = `/claims/${slug}`;
    const changed = 'Checked again behind a shared cache: the Pipitmoor plea record is unchanged.';
    await get(page);
    const cached = await get(page);
    expect(cached.headers.get('x-cache')).toBe('HIT');
    expect(cached.html).not.toContain(changed);

    // The author changes the verdict's explanation and submits it with a correction note.
    const at = `/editor/claims/${claimId(slug)}`;
    const form = await asEditor(author, at);
    const submitted = await post(
      author,
      at,
      pageFormBody(form.html, {
        verdictExplanation: changed,
        intent: 'status:correction',
        'status.note': 'The explanation was checked again.',
      }),
    );
    expect(submitted.status).toBe(302);
    // Not public until approved (whether or not the save purged the page).
    expect((await get(page)).html).not.toContain(changed);

    // A second editor approves: public now, and purged from Varnish by the server.
    const review = (await asEditor(reviewer, at)).html;
    const proposal = /value="approve:(\d+)"/.exec(review)![1];
    const version = /name="version" value="(\d+)"/.exec(review)![1];
    const approved = await post(reviewer, at, { intent: `approve:${proposal}`, version });
    expect(approved.status).toBe(302);
    const approvedAt = Date.now();

    let seen = await get(page);
    while (!seen.html.includes(changed) && Date.now() - approvedAt < 3_000) {
      await sleep(25);
      seen = await get(page);
    }
    const took = Date.now() - approvedAt;
    expect(seen.html, `the change was not on the page through Varnish after ${took} ms`).toContain(changed);
    expect(took, 'the README promises a published change at once with PURGE_URL').toBeLessThan(1_000);
    // And the new copy is what the cache keeps serving.
    const again = await get(page);
    expect(again.headers.get('x-cache')).toBe('HIT');
    expect(again.html).toContain(changed);
  });

  it('purges by whole keys only, well-formed ones only, from the site’s own addresses only', async () => {
    const page = '/claims';
    await get(page);
    expect((await get(page)).headers.get('x-cache')).toBe('HIT');

    // `claim` is not `claims`; a regular expression is refused, not run.
    expect((await purge({ 'Surrogate-Key': 'claim nothing-tagged' })).status).toBe(200);
    expect((await get(page)).headers.get('x-cache')).toBe('HIT');
    const metacharacters = await purge({ 'Surrogate-Key': '.*' });
    expect(metacharacters.status).toBe(400);
    expect(metacharacters.body).toMatch(/Surrogate-Key must be keys/);
    expect((await get(page)).headers.get('x-cache')).toBe('HIT');

    // Another address (still this machine, but not in `purgers`): refused.
    const stranger = await purge({ 'Surrogate-Key': 'all' }, '127.0.0.2');
    expect(stranger.status).toBe(403);
    expect((await get(page)).headers.get('x-cache')).toBe('HIT');

    // The collection's key, among others, with extra spaces: banned.
    const banned = await purge({ 'Surrogate-Key': '  c999999   claims ' });
    expect(banned.status).toBe(200);
    expect(banned.body).toContain('c999999 claims');
    expect((await get(page)).headers.get('x-cache')).toBe('MISS');
    expect((await get(page)).headers.get('x-cache')).toBe('HIT');
  });
});
