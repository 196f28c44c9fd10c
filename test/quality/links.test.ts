/**
 * No broken links: a crawl of the built site from the home page, as an anonymous reader, fetching
 * every same-origin link and asset (a, link, script, img, form actions of GET forms are not
 * followed) and following redirects; everything must answer below 400. External links are not
 * fetched: there is no network here, and an unreachable outside site is not a broken link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';

const MAX_URLS = 2_000;

function decodeEntities(value: string): string {
  return value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

/** href and src values of the elements a reader's browser would follow or load. */
function linksIn(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.matchAll(/<(a|link|script|img|source|iframe)\b[^>]*>/gi)) {
    for (const attr of tag[0].matchAll(/\s(href|src)=("([^"]*)"|'([^']*)')/gi)) {
      found.push(decodeEntities(attr[3] ?? attr[4] ?? ''));
    }
  }
  return found;
}

describe('no broken links', () => {
  let server: StartedServer;

  beforeAll(async () => {
    server = await startServer();
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('finds no internal link or asset answering 400 or more, crawling from /', async () => {
    const origin = new URL(server.url).origin;
    /** url -> the page that first linked to it */
    const foundOn = new Map<string, string>([[`${origin}/`, '(start)']]);
    const queue = [`${origin}/`];
    const broken: string[] = [];
    let pages = 0;
    while (queue.length) {
      const url = queue.shift()!;
      const res = await fetch(url, { redirect: 'manual' });
      const add = (link: string) => {
        let target: URL;
        try {
          target = new URL(link, url);
        } catch {
          broken.push(`${foundOn.get(url)} -> ${url}: unparseable link "${link}"`);
          return;
        }
        if (target.origin !== origin) return;
        target.hash = '';
        if (!foundOn.has(target.href) && foundOn.size < MAX_URLS) {
          foundOn.set(target.href, url);
          queue.push(target.href);
        }
      };
      if (res.status >= 400) {
        broken.push(`${url} answered ${res.status} (linked from ${foundOn.get(url)})`);
        await res.body?.cancel();
        continue;
      }
      if (res.status >= 300) {
        const location = res.headers.get('location');
        if (location) add(location);
        continue;
      }
      if (!/text\/html/.test(res.headers.get('content-type') ?? '')) {
        await res.body?.cancel();
        continue;
      }
      pages += 1;
      for (const link of linksIn(await res.text())) {
        if (/^(mailto|tel|javascript|data):/i.test(link)) continue;
        add(link);
      }
    }
    console.log(`Crawled ${foundOn.size} internal URLs (${pages} HTML pages) from /`);
    expect(pages, 'the crawl reached the site beyond the home page').toBeGreaterThan(20);
    expect(broken, broken.join('\n')).toEqual([]);
  }, 120_000);
});
