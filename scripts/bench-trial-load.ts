/**
 * `npm run bench:trial-load -- [--seconds 60] [--readers 50] [--editors 5]`
 *
 * The hardening trial's load step (../shared/reviews/hardening-2026-12.md, rows 4.1-4.3): the
 * built server on the seed content, N readers fetching a mix of pages, searches and feeds in a
 * loop, and M editors each saving a claim of their own (plus one claim they all share, so
 * conflicts happen) as fast as the server answers, for the given time. Prints requests/s,
 * p50/p99 for readers and for editors, every status seen (5xx must be 0), and the server's
 * resident memory before, in the middle and after. The last line is one JSON object.
 */
import fs from 'node:fs';
import { createEditor, signIn } from '../test/fixtures';
import { startServer } from './lib/server';
import { argument } from './bench-lib';

const seconds = argument('seconds', 60);
const readerCount = argument('readers', 50);
const editorCount = argument('editors', 5);

const rssMb = (pid: number) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

const server = await startServer({ SEARCH_RATE_LIMIT: '1000000/60' });
try {
  const base = server.url;
  const claimSlugs = [...(await (await fetch(`${base}/sitemap.xml`)).text()).matchAll(/\/claims\/([\w-]+)</g)]
    .map((m) => m[1])
    .slice(0, 40);
  const readerPaths = [
    '/',
    '/claims',
    '/sources',
    '/people',
    '/topics',
    '/cases',
    '/search?q=huawei',
    '/search?q=back+doors',
    '/api/search?q=network',
    '/api/claims',
    '/feed.xml',
    '/sitemap.xml',
    ...claimSlugs.map((s) => `/claims/${s}`),
  ];
  const editors = await Promise.all(
    Array.from({ length: editorCount }, async (_, i) => {
      const editor = await createEditor(server, { name: `Load Editor ${i + 1}` });
      return signIn(server, editor);
    }),
  );
  const post = (path: string, cookie: string, fields: Record<string, string>) =>
    fetch(base + path, {
      method: 'POST',
      headers: { Origin: base, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
  const newClaim = async (cookie: string, statement: string) => {
    const response = await post('/editor/claims/new', cookie, { statement, statementKind: 'quote', language: 'en' });
    return Number(/\/editor\/claims\/(\d+)/.exec(response.headers.get('location') ?? '')![1]);
  };
  const shared = await newClaim(editors[0], 'A claim every load editor edits');
  const own = await Promise.all(editors.map((cookie, i) => newClaim(cookie, `Load editor ${i + 1}'s claim`)));

  const statuses: Record<string, number> = {};
  const latency = { reader: [] as number[], editor: [] as number[] };
  const byPath = new Map<string, number[]>();
  const deadline = Date.now() + seconds * 1000;
  const timed = async (kind: 'reader' | 'editor', run: () => Promise<Response>, label: string = kind) => {
    const started = performance.now();
    try {
      const response = await run();
      await response.arrayBuffer();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    } catch {
      statuses.error = (statuses.error ?? 0) + 1;
    }
    const took = performance.now() - started;
    latency[kind].push(took);
    byPath.set(label, [...(byPath.get(label) ?? []), took]);
  };
  const versionOf = async (cookie: string, id: number) =>
    /name="version" value="(\d+)"/.exec(
      await (await fetch(`${base}/editor/claims/${id}`, { headers: { Cookie: cookie } })).text(),
    )?.[1] ?? '1';

  const memory = { before: rssMb(server.pid), middle: 0, after: 0 };
  const middle = setTimeout(() => (memory.middle = rssMb(server.pid)), (seconds * 1000) / 2);
  const started = performance.now();
  let n = 0;
  await Promise.all([
    ...Array.from({ length: readerCount }, async (_, r) => {
      for (let i = r; Date.now() < deadline; i += 7) {
        const path = readerPaths[i % readerPaths.length];
        const label = path.startsWith('/claims/') ? '/claims/:slug' : path;
        await timed('reader', () => fetch(base + path, { headers: { 'X-Forwarded-For': `10.9.${r}.1` } }), label);
      }
    }),
    ...editors.map(async (cookie, e) => {
      while (Date.now() < deadline) {
        n += 1;
        const id = n % 4 === 0 ? shared : own[e];
        const version = await versionOf(cookie, id);
        await timed('editor', () =>
          post(`/editor/claims/${id}`, cookie, {
            intent: 'save',
            version,
            statement: `Load editor ${e + 1}'s claim, save ${n}`,
            statementKind: 'quote',
            language: 'en',
            analysis: `Edited under load, save ${n}.`,
          }),
        );
      }
    }),
  ]);
  clearTimeout(middle);
  const elapsed = (performance.now() - started) / 1000;
  memory.after = rssMb(server.pid);
  const total = latency.reader.length + latency.editor.length;
  const serverErrors = Object.entries(statuses)
    .filter(([s]) => s === 'error' || Number(s) >= 500)
    .reduce((sum, [, count]) => sum + count, 0);
  const result = {
    seconds: Math.round(elapsed),
    readers: readerCount,
    editors: editorCount,
    requestsPerSecond: Math.round(total / elapsed),
    reader: {
      requests: latency.reader.length,
      p50: Math.round(percentile(latency.reader, 50)),
      p99: Math.round(percentile(latency.reader, 99)),
    },
    editor: {
      requests: latency.editor.length,
      p50: Math.round(percentile(latency.editor, 50)),
      p99: Math.round(percentile(latency.editor, 99)),
    },
    statuses,
    serverErrors,
    rssMb: memory,
  };
  console.log(
    `${total} requests in ${result.seconds} s (${result.requestsPerSecond}/s); readers p50 ${result.reader.p50} ms p99 ${result.reader.p99} ms; ` +
      `editors p50 ${result.editor.p50} ms p99 ${result.editor.p99} ms; statuses ${JSON.stringify(statuses)}; ` +
      `RSS ${memory.before} → ${memory.middle} → ${memory.after} MB`,
  );
  const slowest = [...byPath.entries()]
    .map(([path, times]) => ({ path, p50: Math.round(percentile(times, 50)), p99: Math.round(percentile(times, 99)) }))
    .sort((a, b) => b.p99 - a.p99)
    .slice(0, 6);
  console.log(`Slowest p99: ${slowest.map((s) => `${s.path} ${s.p50}/${s.p99} ms`).join(', ')}`);
  console.log(JSON.stringify(result));
  process.exitCode = serverErrors > 0 ? 1 : 0;
} finally {
  await server.stop();
}
