/**
 * Fast pages, measured over HTTP against the built server: every page kind's HTML under 100 KB and
 * served compressed; a reader page's JavaScript under 150 KB as it travels (gzip); fingerprinted
 * /build/ assets cached for a year as immutable. The figures are printed.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartedServer } from '../../scripts/lib/server';
import { fetchPage, PAGE_KINDS, QUALITY_EDITOR, startQualityServer } from './pages';
import { signIn } from '../fixtures';

const HTML_LIMIT = 100 * 1024;
const READER_JS_LIMIT = 150 * 1024;

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Bytes as they came over the wire (compressed, when the server compressed them). */
  wireBytes: number;
}

/** GET with Accept-Encoding: gzip, counting the bytes sent (fetch would decompress them for us). */
function getRaw(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'Accept-Encoding': 'gzip', ...headers } }, (res) => {
        let wireBytes = 0;
        res.on('data', (chunk: Buffer) => (wireBytes += chunk.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, wireBytes }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** Every script a page loads at start: module scripts, modulepreloads and the inline bootstrap's imports. */
function scriptUrls(html: string): string[] {
  return [...new Set([...html.matchAll(/["'](\/build\/[^"'?#]+\.js)["']/g)].map((m) => m[1]))];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe('every page kind is light and well cached', () => {
  let server: StartedServer;
  let cookie: string;
  const html = new Map<string, string>();

  beforeAll(async () => {
    server = await startQualityServer();
    cookie = await signIn(server, QUALITY_EDITOR);
    for (const kind of PAGE_KINDS) {
      const res = await fetchPage(server, kind, cookie);
      expect(res.status, `${kind.name} (${kind.path}) answered`).toBe(kind.status ?? 200);
      html.set(kind.name, await res.text());
    }
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('serves every page kind under 100 KB of HTML, compressed', async () => {
    const figures: string[] = [];
    const problems: string[] = [];
    for (const kind of PAGE_KINDS) {
      const size = Buffer.byteLength(html.get(kind.name)!);
      const raw = await getRaw(server.url + kind.path, kind.editor ? { Cookie: cookie } : {});
      figures.push(
        `${kind.name}: ${kb(size)} HTML, ${kb(raw.wireBytes)} sent (${raw.headers['content-encoding'] ?? 'identity'})`,
      );
      if (size >= HTML_LIMIT) problems.push(`${kind.name} (${kind.path}): HTML is ${kb(size)}, over 100 KB`);
      if (raw.headers['content-encoding'] !== 'gzip') {
        problems.push(
          `${kind.name} (${kind.path}): HTML not compressed (Content-Encoding: ${raw.headers['content-encoding']})`,
        );
      }
    }
    console.log(`HTML sizes:\n  ${figures.join('\n  ')}`);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('loads under 150 KB of compressed JavaScript on each reader page', async () => {
    const figures: string[] = [];
    const problems: string[] = [];
    for (const kind of PAGE_KINDS.filter((k) => k.reader)) {
      const scripts = scriptUrls(html.get(kind.name)!);
      if (kind.embed) {
        // A card partners frame needs nothing of ours to run.
        expect(scripts, `${kind.name}: a framed card runs no script`).toEqual([]);
        figures.push(`${kind.name}: no scripts`);
        continue;
      }
      expect(scripts.length, `${kind.name}: found its scripts`).toBeGreaterThan(0);
      let total = 0;
      for (const script of scripts) {
        const raw = await getRaw(server.url + script);
        if (raw.status !== 200) problems.push(`${kind.name}: script ${script} answered ${raw.status}`);
        total += raw.wireBytes;
      }
      figures.push(`${kind.name}: ${scripts.length} scripts, ${kb(total)} gzip`);
      if (total >= READER_JS_LIMIT)
        problems.push(`${kind.name} (${kind.path}): ${kb(total)} of JavaScript, over 150 KB`);
    }
    console.log(`Reader JavaScript (compressed, as sent):\n  ${figures.join('\n  ')}`);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('serves /build/ assets compressed, fingerprinted and cached for a year as immutable', async () => {
    const home = html.get('home')!;
    const assets = [...new Set([...home.matchAll(/["'](\/build\/[^"'?#]+)["']/g)].map((m) => m[1]))];
    expect(
      assets.some((a) => a.endsWith('.css')),
      'the stylesheet is a /build/ asset',
    ).toBe(true);
    const problems: string[] = [];
    for (const asset of assets) {
      const raw = await getRaw(server.url + asset);
      const cache = String(raw.headers['cache-control'] ?? '');
      if (raw.status !== 200) problems.push(`${asset}: ${raw.status}`);
      if (!/immutable/.test(cache) || !/max-age=31536000/.test(cache))
        problems.push(`${asset}: Cache-Control "${cache}"`);
      if (!/-[A-Z0-9]{8}\.(js|css)$/i.test(asset)) problems.push(`${asset}: no content hash in its name`);
      if (raw.wireBytes > 1024 && raw.headers['content-encoding'] !== 'gzip') problems.push(`${asset}: not compressed`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
