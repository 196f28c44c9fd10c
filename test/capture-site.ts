/**
 * A local "publisher" for the capture tests (there is no internet here): a real HTTP server on
 * 127.0.0.1 serving an article of real size (about 5,000 words of State of the Union sentences
 * from ../shared/corpora, or a short stand-in when the corpus is missing), plain text, a PDF, an
 * image, a 404, a 410, a slow page, a huge page, a redirect to a private address, and a page a
 * test can change (`site.pages.set(path, page)`).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';

export interface SitePage {
  status?: number;
  type?: string;
  body: string | Buffer;
  headers?: Record<string, string>;
  /** Send it gzip-compressed, as most publishers do. */
  gzip?: boolean;
  /** Answer only after this long (a slow but working publisher). */
  delayMs?: number;
}

export interface CaptureSite {
  url: string;
  hostPort: string;
  pages: Map<string, SitePage>;
  hits: string[];
  close: () => Promise<void>;
}

const CORPUS = path.resolve(process.cwd(), '../shared/corpora/sotu.jsonl.gz');

/** About `words` words of real sentences, as paragraphs of five sentences. */
export function articleParagraphs(words = 5_000): string[] {
  let sentences: string[];
  if (fs.existsSync(CORPUS)) {
    const line = zlib.gunzipSync(fs.readFileSync(CORPUS)).toString('utf8').split('\n')[200] ?? '';
    const text = (JSON.parse(line) as { text: string }).text;
    sentences = text.split(/(?<=[.!?])\s+/).filter((s) => s.split(' ').length >= 8);
  } else {
    sentences = ['The corpus is missing, so this stand-in sentence is repeated to make a long enough article.'];
  }
  const paragraphs: string[] = [];
  let count = 0;
  for (let i = 0; count < words; i += 5) {
    const paragraph = Array.from({ length: 5 }, (_, j) => sentences[(i + j) % sentences.length]).join(' ');
    count += paragraph.split(/\s+/).length;
    paragraphs.push(paragraph);
  }
  return paragraphs;
}

/** An article page as a news site serves it: navigation, scripts, the article, a footer. */
export function articleHtml(title: string, paragraphs: string[]): string {
  const nav = Array.from({ length: 40 }, (_, i) => `<li><a href="/section/${i}">Section ${i}</a></li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title} | The Test Gazette</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/styles.css"><script>window.analytics = { track() {} };</script>
<style>${'body { font: 16px/1.5 serif; } '.repeat(60)}</style></head>
<body><header><nav><ul>${nav}</ul></nav></header>
<main><article><h1>${title}</h1><p class="byline">By A. Reporter, 2 December 2026</p>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</article></main>
<aside><h2>Most read</h2><ul>${nav}</ul></aside>
<footer><p>Copyright The Test Gazette. All rights reserved.</p><script src="/tracker.js"></script></footer>
</body></html>`;
}

export async function startCaptureSite(): Promise<CaptureSite> {
  const pages = new Map<string, SitePage>();
  const hits: string[] = [];
  const paragraphs = articleParagraphs();
  pages.set('/article', {
    type: 'text/html; charset=utf-8',
    body: articleHtml('A long article', paragraphs),
    gzip: true,
  });
  pages.set('/short', {
    type: 'text/html; charset=utf-8',
    body: articleHtml('A short article', [
      'The minister said the new rules would come into force next spring, after a consultation with the industry.',
      'Critics said the consultation had been too short and that “nobody asked the people who will pay for it.”',
    ]),
  });
  pages.set('/plain', { type: 'text/plain; charset=utf-8', body: 'A statement in plain text.\n\nSecond paragraph.' });
  pages.set('/report.pdf', { type: 'application/pdf', body: Buffer.from('%PDF-1.4\n% a tiny stand-in\n%%EOF\n') });
  pages.set('/image.png', {
    type: 'image/png',
    body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0x00]),
  });
  pages.set('/latin1', {
    type: 'text/html; charset=windows-1252',
    body: Buffer.from('<html><body><p>Caf\xe9 cr\xe8me \x93quoted\x94 \x96 dash</p></body></html>', 'latin1'),
  });
  pages.set('/missing', { status: 404, type: 'text/html', body: '<h1>Not found</h1>' });
  pages.set('/gone', { status: 410, type: 'text/html', body: '<h1>Gone</h1>' });
  pages.set('/to-private', { status: 302, body: '', headers: { location: 'http://10.0.0.1/internal' } });
  pages.set('/to-metadata', {
    status: 301,
    body: '',
    headers: { location: 'http://169.254.169.254/latest/meta-data/' },
  });

  const server = http.createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    hits.push(url);
    if (url === '/slow') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body>');
      const timer = setInterval(() => res.write('<p>still here</p>'), 500);
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (url === '/huge') {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(256 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 12 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => undefined);
      return pump();
    }
    const page = pages.get(url);
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('no such page');
    }
    const body = page.gzip ? zlib.gzipSync(page.body) : page.body;
    const send = () => {
      res.writeHead(page.status ?? 200, {
        ...(page.type ? { 'content-type': page.type } : {}),
        ...(page.gzip ? { 'content-encoding': 'gzip', vary: 'Accept-Encoding' } : {}),
        ...page.headers,
      });
      res.end(body);
    };
    if (page.delayMs) setTimeout(send, page.delayMs);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    hostPort: `127.0.0.1:${port}`,
    pages,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
