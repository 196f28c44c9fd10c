/**
 * Verdict cards, embeds and oEmbed over real HTTP, from the built server seeded from content/:
 * the claim page names its card (absolute og:image, large Twitter card, alt text); the card is a
 * 1200×630 PNG that decodes, cached for a year under an address that changes when the claim does;
 * a retracted claim's card says so; the embed page can be framed and the claim page cannot; the
 * oEmbed answer has what the spec requires, within the consumer's limits.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { decodePng, readPng } from '../png';

const PURDY = '/claims/andy-purdy-denies-backdoor-access';
/** Retracted by a test below (straight in the database: the editors' review flow is tested elsewhere). */
const RETRACTED = '/claims/huawei-pleads-not-guilty';
/** Made a draft by a test below: readers no longer see it. */
const DRAFTED = '/claims/commerce-license-review-process';
const UNPROVEN_COLOUR = '#5b5f66';
const RETRACTED_COLOUR = '#8a3b00';

let server: StartedServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

const decode = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The content of `<meta property|name="key" content="…">`. */
function metaOf(html: string, key: string): string | null {
  const tag = html.match(new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`));
  return tag ? decode(tag[1]) : null;
}

async function page(path: string) {
  const res = await fetch(server.url + path);
  expect(res.status, path).toBe(200);
  return { res, html: await res.text() };
}

function setStatus(path: string, status: 'retracted' | 'draft') {
  const db = new Database(server.databasePath);
  try {
    db.prepare(
      `update claims set status = ?, retracted_at = case when ? = 'retracted' then unixepoch() else null end where slug = ?`,
    ).run(status, status, path.split('/').pop());
  } finally {
    db.close();
  }
}

describe('verdict cards', () => {
  it('are named on the claim page: absolute og:image with its size and alt, and a large Twitter card', async () => {
    const { html } = await page(PURDY);
    const image = metaOf(html, 'og:image');
    expect(image).toMatch(new RegExp(`^${server.url}${PURDY}/card/[0-9a-f]{8}\\.png$`));
    expect(metaOf(html, 'og:image:width')).toBe('1200');
    expect(metaOf(html, 'og:image:height')).toBe('630');
    expect(metaOf(html, 'og:image:alt')).toMatch(
      /^Verdict: Unproven\. Andy Purdy said “We can prove that our equipment/,
    );
    expect(metaOf(html, 'twitter:card')).toBe('summary_large_image');
  });

  it('answer 200 image/png, 1200×630, decodable, in the verdict’s colour, cached for a year', async () => {
    const image = metaOf((await page(PURDY)).html, 'og:image')!;
    const res = await fetch(image);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const png = new Uint8Array(await res.arrayBuffer());
    expect(readPng(png)).toMatchObject({ width: 1200, height: 630 });
    expect(decodePng(png, 1200, 630).at(6, 300)).toBe(UNPROVEN_COLOUR);
    // Drawn once: the second answer is the same bytes, from memory.
    const again = new Uint8Array(await (await fetch(image)).arrayBuffer());
    expect(Buffer.from(again).equals(Buffer.from(png))).toBe(true);
  });

  it('redirect another version to the current one, and answer 404 for what is not a card', async () => {
    const image = metaOf((await page(PURDY)).html, 'og:image')!;
    for (const old of ['00000000', 'latest']) {
      const res = await fetch(`${server.url}${PURDY}/card/${old}.png`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(server.url + res.headers.get('location')).toBe(image);
      expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    }
    for (const path of [`${PURDY}/card/x.gif`, `${PURDY}/card/..png`, '/claims/no-such-claim/card/latest.png']) {
      const res = await fetch(server.url + path, { redirect: 'manual' });
      expect(res.status, path).toBe(404);
      expect(await res.text()).toMatch(/no verdict card at this address|There is nothing|not found/i);
    }
  });

  it('say "Retracted" once a claim is retracted, under a new address', async () => {
    const before = metaOf((await page(RETRACTED)).html, 'og:image')!;
    setStatus(RETRACTED, 'retracted');
    const { html } = await page(RETRACTED);
    const after = metaOf(html, 'og:image')!;
    expect(after).not.toBe(before);
    expect(metaOf(html, 'og:image:alt')).toMatch(/^Retracted fact-check\./);
    const png = new Uint8Array(await (await fetch(after)).arrayBuffer());
    const pixels = decodePng(png, 1200, 630);
    expect(pixels.at(6, 300), 'the stripe').toBe(RETRACTED_COLOUR);
    expect(pixels.at(92, 115), 'the badge').toBe(RETRACTED_COLOUR);
    const old = await fetch(before, { redirect: 'manual' });
    expect(server.url + old.headers.get('location')).toBe(after);
    expect((await page(`${RETRACTED}/embed`)).html).toContain('We no longer stand by this fact-check.');
  });

  it('are gone with the claim when it is no longer public', async () => {
    const { html } = await page(DRAFTED);
    const image = metaOf(html, 'og:image')!;
    setStatus(DRAFTED, 'draft');
    expect((await fetch(image, { redirect: 'manual' })).status).toBe(404);
    expect((await fetch(`${server.url}${DRAFTED}/embed`)).status).toBe(404);
    const oembed = await fetch(`${server.url}/oembed?url=${encodeURIComponent(server.url + DRAFTED)}`);
    expect(oembed.status).toBe(404);
  });
});

describe('embeds', () => {
  it('the embed page shows the verdict, statement, speaker and date, links back in a new tab, and runs no script', async () => {
    const { html } = await page(`${PURDY}/embed`);
    expect(html).toContain('>Unproven</span>');
    expect(decode(html)).toContain('“We can prove that our equipment is not subject to any influence');
    expect(html).toContain('Andy Purdy');
    expect(html).toContain('13 Feb 2020');
    expect(html).toMatch(
      new RegExp(`<a href="${server.url}${PURDY}" target="_blank" rel="noopener">Read the full fact-check`),
    );
    expect(html).toContain('Claims &amp; Rebuttals');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('site-header');
    expect(html.match(/<link rel="stylesheet"[^>]*>/g)).toHaveLength(1);
    expect(html).toMatch(/<meta name="robots" content="noindex"/);
    expect(html).toContain(`<link rel="canonical" href="${server.url}${PURDY}"/>`);
  });

  it('the embed page may be framed by any site; the claim page by none', async () => {
    const embed = (await page(`${PURDY}/embed`)).res;
    expect(embed.headers.get('x-frame-options')).toBeNull();
    expect(embed.headers.get('content-security-policy')).toMatch(/frame-ancestors \*/);
    const claim = (await page(PURDY)).res;
    expect(claim.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
  });

  it('the claim page offers the embed code without JavaScript, the same iframe oEmbed gives', async () => {
    const { html } = await page(PURDY);
    const code = decode(html.match(/<textarea[^>]*id="embed-code-html"[^>]*>([^<]*)<\/textarea>/)![1]);
    expect(html).toMatch(/<details>\s*<summary><h2 id="embed-code-title">Embed this fact-check<\/h2><\/summary>/);
    expect(code).toMatch(
      new RegExp(
        `^<iframe src="${server.url}${PURDY}/embed" width="550" height="260" title="Fact-check of Andy Purdy \\(Unproven\\), Claims &amp; Rebuttals"`,
      ),
    );
    const oembed = await (await fetch(`${server.url}/oembed?url=${encodeURIComponent(server.url + PURDY)}`)).json();
    expect(oembed.html).toBe(code);
  });

  it('oEmbed is discoverable from the claim page and answers the spec’s fields', async () => {
    const { html } = await page(PURDY);
    const link = html.match(/<link rel="alternate" type="application\/json\+oembed" href="([^"]+)" title="([^"]+)"\/>/);
    expect(link).not.toBeNull();
    const res = await fetch(decode(link![1]));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = await res.json();
    // Required of every response (type, version) and of a rich one (html, width, height).
    expect(body).toMatchObject({ type: 'rich', version: '1.0', width: 550, height: 260 });
    expect(typeof body.html).toBe('string');
    expect(body).toMatchObject({
      provider_name: 'Claims & Rebuttals',
      provider_url: `${server.url}/`,
      author_name: 'Andy Purdy',
      author_url: `${server.url}/people/andy-purdy`,
    });
    expect(body.title).toMatch(/^Verdict: Unproven\./);
    // A thumbnail comes with both its sizes: the verdict card, which answers.
    expect(body.thumbnail_url).toBe(metaOf(html, 'og:image'));
    expect([body.thumbnail_width, body.thumbnail_height]).toEqual([1200, 630]);
    expect((await fetch(body.thumbnail_url)).headers.get('content-type')).toBe('image/png');
  });

  it('oEmbed keeps within maxwidth and maxheight, thumbnail included, and takes the embed address too', async () => {
    const url = encodeURIComponent(`${server.url}${PURDY}/embed`);
    const body = await (await fetch(`${server.url}/oembed?url=${url}&format=json&maxwidth=300&maxheight=200`)).json();
    expect(body.width).toBeLessThanOrEqual(300);
    expect(body.height).toBeLessThanOrEqual(200);
    expect(body.html).toContain(`width="${body.width}" height="${body.height}"`);
    expect(body.thumbnail_url).toBeUndefined();
  });

  it('oEmbed refuses what it cannot answer: 501 for XML, 404 for what is not our claim, 400 for bad input', async () => {
    const ask = (query: string) => fetch(`${server.url}/oembed?${query}`);
    const claimUrl = encodeURIComponent(server.url + PURDY);
    const cases: [string, number][] = [
      [`url=${claimUrl}&format=xml`, 501],
      [`url=${encodeURIComponent(`https://elsewhere.example${PURDY}`)}`, 404],
      [`url=${encodeURIComponent(`${server.url}/people/andy-purdy`)}`, 404],
      [`url=${encodeURIComponent(`${server.url}/claims/no-such-claim`)}`, 404],
      ['', 400],
      ['url=not%20an%20address', 400],
      [`url=${encodeURIComponent('ftp://example.org/claims/x')}`, 400],
      [`url=${claimUrl}&maxwidth=wide`, 400],
      [`url=${claimUrl}&maxheight=0`, 400],
    ];
    for (const [query, status] of cases) {
      const res = await ask(query);
      expect(res.status, query).toBe(status);
      const body = await res.json();
      expect(body.error, query).toMatch(/^[A-Z].{15,}\.$/);
    }
  });
});
