/**
 * The capture fetcher's rules (app/capture/fetch.server.ts), against a real local HTTP server:
 * every refused address class, a host name that resolves to a private address, redirects to one,
 * the time and size limits, binary and compressed bodies kept as received, and the per-host limit.
 * The local server is reached only through an explicit allow entry, as CAPTURE_ALLOW_HOSTS does.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeRequests, refusedAddress, safeFetch, type FetchRefusal } from '~/capture/fetch.server';

let server: http.Server;
let port = 0;
let base = '';
let allow: string[] = [];
const hits: string[] = [];
const userAgents: string[] = [];
let holding = 0;
let maxHolding = 0;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x00, 0xfe, 0x7f, 0x80]);

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    hits.push(url);
    userAgents.push(String(req.headers['user-agent']));
    if (url === '/article') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><head><title>An article</title></head><body><p>Words.</p></body></html>');
    } else if (url === '/gzip') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
      res.end(zlib.gzipSync('compressed words'));
    } else if (url === '/binary') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(PNG);
    } else if (url === '/slow') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('.'), 100);
      res.on('close', () => clearInterval(timer));
    } else if (url === '/huge') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      const pump = () => {
        while (sent < 4 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    } else if (url === '/huge-declared') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(50 * 1024 * 1024) });
      res.write('x');
    } else if (url.startsWith('/chain/')) {
      const left = Number(url.split('/')[2]);
      if (left === 0) {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('the end of the chain');
      } else {
        res.writeHead(302, { location: `/chain/${left - 1}` });
        res.end();
      }
    } else if (url.startsWith('/to?')) {
      res.writeHead(302, { location: new URLSearchParams(url.slice(4)).get('u') ?? '/' });
      res.end();
    } else if (url === '/hold') {
      holding += 1;
      maxHolding = Math.max(maxHolding, holding);
      setTimeout(() => {
        holding -= 1;
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('held');
      }, 150);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('no such page');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  allow = [`127.0.0.1:${port}`];
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const refused = async (url: string, options: Parameters<typeof safeFetch>[1] = {}) => {
  const result = await safeFetch(url, { allowHosts: allow, ...options });
  expect(result.ok, JSON.stringify(result)).toBe(false);
  return result as FetchRefusal;
};

describe('which addresses are public', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['169.254.1.1', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.254', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'unique local'],
    ['fd12:3456::1', 'unique local'],
    ['fe80::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['64:ff9b::a00:1', 'NAT64'],
    ['2002:a00:1::1', '6to4'],
    ['2001:0:a00:1::1', 'Teredo'],
  ])('%s is refused (%s)', (address, words) => {
    expect(refusedAddress(address)).toContain(words);
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '1.1.1.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001:82b::200e',
    '::ffff:8.8.8.8',
  ])('%s is public', (address) => {
    expect(refusedAddress(address)).toBeNull();
  });
});

describe('safeFetch refuses', () => {
  it.each([
    'http://10.0.0.5/',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://[::1]/',
    'http://[fc00::1]/',
    'http://[fe80::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://2130706433/', // 127.0.0.1 written as one number
    'http://0x7f.1/', // and in hexadecimal
  ])('%s without connecting', async (url) => {
    const result = await refused(url);
    expect(result.reason).toBe('refused-address');
    expect(result.message).toMatch(/^The address is /);
  });

  it('the local test server itself on a port it was not allowed', async () => {
    const result = await refused(`http://127.0.0.1:${port}/article`, { allowHosts: [`127.0.0.1:${port + 1}`] });
    expect(result.message).toBe('The address is this machine (loopback): 127.0.0.1.');
  });

  it('the allowed server under another spelling: the IPv4-mapped IPv6 form and localhost', async () => {
    const before = hits.length;
    expect((await refused(`http://[::ffff:127.0.0.1]:${port}/article`)).reason).toBe('refused-address');
    expect((await refused(`http://localhost:${port}/article`)).reason).toBe('refused-address');
    expect(hits.length).toBe(before);
  });

  it('a host name that resolves to a private address, on the address it resolved to', async () => {
    const before = hits.length;
    const result = await refused(`http://intranet.example:${port}/article`, {
      resolve: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    expect(result.reason).toBe('refused-address');
    expect(result.message).toBe('The address is this machine (loopback): 127.0.0.1 (intranet.example).');
    expect(hits.length).toBe(before);
  });

  it('a host name with one public and one private address', async () => {
    const result = await refused(`http://mixed.example:${port}/`, {
      resolve: async () => [
        { address: '93.184.215.14', family: 4 },
        { address: '10.1.2.3', family: 4 },
      ],
    });
    expect(result.message).toBe('The address is private: 10.1.2.3 (mixed.example).');
  });

  it('a host name that does not resolve', async () => {
    const result = await refused('http://nowhere.example/', {
      resolve: async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
      },
    });
    expect(result.reason).toBe('dns');
    expect(result.message).toBe('The host name nowhere.example could not be found.');
  });

  it.each([
    ['file:///etc/passwd', 'file'],
    ['ftp://example.org/x', 'ftp'],
    ['javascript:alert(1)', 'javascript'],
    ['data:text/html,hi', 'data'],
    ['gopher://127.0.0.1:6379/_INFO', 'gopher'],
  ])('%s (not http)', async (url, scheme) => {
    const result = await refused(url);
    expect(result.reason).toBe('bad-scheme');
    expect(result.message).toBe(`Only http and https addresses can be captured, not ${scheme}.`);
  });

  it('an address with credentials, and text that is no address', async () => {
    expect((await refused(`http://user:pw@127.0.0.1:${port}/article`)).reason).toBe('bad-url');
    expect((await refused('not a url')).message).toBe('“not a url” is not a web address.');
  });

  it.each([
    ['a private address', 'http://10.0.0.1/admin', 'The address is private: 10.0.0.1.'],
    [
      'the metadata service',
      'http://169.254.169.254/latest/meta-data/',
      'The address is link-local (this includes the cloud metadata service, 169.254.169.254): 169.254.169.254.',
    ],
    ['another port of this machine', 'http://127.0.0.1:1/', 'The address is this machine (loopback): 127.0.0.1.'],
    ['localhost', 'http://localhost/', 'The address is this machine (loopback): 127.0.0.1 (localhost).'],
  ])('a redirect from the allowed server to %s', async (_, target, message) => {
    const result = await refused(`${base}/to?u=${encodeURIComponent(target)}`);
    expect(result.reason).toBe('refused-address');
    expect(result.message).toBe(message);
    expect(result.redirects).toHaveLength(1);
    expect(result.url).toBe(target);
  });

  it('more than 5 redirects', async () => {
    const result = await refused(`${base}/chain/6`);
    expect(result.reason).toBe('too-many-redirects');
    expect(result.redirects).toHaveLength(5);
  });

  it('a page that takes longer than the time limit, saying how long it waited', async () => {
    const started = Date.now();
    const result = await refused(`${base}/slow`, { timeoutMs: 600 });
    expect(result.reason).toBe('timeout');
    expect(result.message).toBe('The page took longer than 0.6 seconds.');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a body larger than the limit, declared or streamed, without reading it all', async () => {
    const streamed = await refused(`${base}/huge`, { maxBytes: 1024 * 1024 });
    expect(streamed.reason).toBe('too-large');
    expect(streamed.message).toBe('The page is larger than 1 MB, the most a capture keeps.');
    const declared = await refused(`${base}/huge-declared`, { maxBytes: 1024 * 1024, timeoutMs: 2_000 });
    expect(declared.reason).toBe('too-large');
  });
});

describe('safeFetch fetches', () => {
  it('an allowed page, with a user agent naming the site', async () => {
    const result = await safeFetch(`${base}/article`, { allowHosts: allow });
    if (!result.ok) throw new Error(result.message);
    expect(result.status).toBe(200);
    expect(result.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(result.body.toString()).toContain('<title>An article</title>');
    expect(result.remoteAddress).toBe('127.0.0.1');
    expect(userAgents.at(-1)).toMatch(/source capture; \+/);
  });

  it('redirects by hand, up to 5, reporting each hop and the final address', async () => {
    const result = await safeFetch(`${base}/chain/5#frag`, { allowHosts: allow });
    if (!result.ok) throw new Error(result.message);
    expect(result.redirects.map((r) => r.status)).toEqual([302, 302, 302, 302, 302]);
    expect(result.finalUrl).toBe(`${base}/chain/0`);
    expect(result.body.toString()).toBe('the end of the chain');
  });

  it('binary content byte for byte, and a compressed body as received', async () => {
    const png = await safeFetch(`${base}/binary`, { allowHosts: allow });
    if (!png.ok) throw new Error(png.message);
    expect(png.body.equals(PNG)).toBe(true);
    const gzip = await safeFetch(`${base}/gzip`, { allowHosts: allow });
    if (!gzip.ok) throw new Error(gzip.message);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.body).toString()).toBe('compressed words');
  });

  it('a 404 as an answer (the capture decides what it means)', async () => {
    const result = await safeFetch(`${base}/missing`, { allowHosts: allow });
    expect(result.ok && result.status).toBe(404);
  });

  it('at most CAPTURE_PER_HOST requests to one host at once', async () => {
    process.env.CAPTURE_PER_HOST = '2';
    try {
      maxHolding = 0;
      const all = Promise.all(Array.from({ length: 5 }, () => safeFetch(`${base}/hold`, { allowHosts: allow })));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(activeRequests('127.0.0.1')).toBe(2);
      const results = await all;
      expect(results.every((r) => r.ok)).toBe(true);
      expect(maxHolding).toBe(2);
      expect(activeRequests('127.0.0.1')).toBe(0);
    } finally {
      delete process.env.CAPTURE_PER_HOST;
    }
  });
});
