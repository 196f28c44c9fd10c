/** schema.org markup and page metadata, read back from the served HTML and checked field by field. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';

let server: StartedServer;
let configured: StartedServer;

function jsonLdBlocks(html: string): Record<string, any>[] {
  return [...html.matchAll(/<script type="application\/ld\+json"[^>]*>([\s\S]*?)<\/script>/g)].map((m) =>
    JSON.parse(m[1]),
  );
}

async function page(base: StartedServer, path: string) {
  const res = await fetch(base.url + path);
  expect(res.status).toBe(200);
  return res.text();
}

beforeAll(async () => {
  [server, configured] = await Promise.all([
    startServer(),
    startServer({ SITE_URL: 'https://claims.example/', PUBLISHER_NAME: 'Example Fact Desk' }),
  ]);
});

afterAll(async () => {
  await Promise.all([server?.stop(), configured?.stop()]);
});

describe('ClaimReview', () => {
  it('marks up a published claim with every required and recommended field', async () => {
    const html = await page(server, '/claims/andy-purdy-denies-backdoor-access');
    const blocks = jsonLdBlocks(html);
    expect(blocks).toHaveLength(1);
    const review = blocks[0];
    expect(review['@context']).toBe('https://schema.org');
    expect(review['@type']).toBe('ClaimReview');
    expect(review.url).toBe(`${server.url}/claims/andy-purdy-denies-backdoor-access`);
    expect(review.claimReviewed).toMatch(/^We can prove that our equipment/);
    expect(review.claimReviewed.split(/\s+/).length).toBeLessThanOrEqual(31);
    expect(review.datePublished).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(review.author).toEqual({ '@type': 'Organization', name: 'Claims & Rebuttals', url: server.url });
    expect(review.reviewRating).toMatchObject({
      '@type': 'Rating',
      alternateName: 'Unproven',
      ratingValue: 3,
      bestRating: 4,
      worstRating: 1,
    });
    const item = review.itemReviewed;
    expect(item['@type']).toBe('Claim');
    expect(item.author).toMatchObject({
      '@type': 'Person',
      name: 'Andy Purdy',
      url: `${server.url}/people/andy-purdy`,
    });
    expect(item.datePublished).toBe('2020-02-13');
    expect(item.appearance.length).toBeGreaterThan(0);
    for (const a of item.appearance) {
      expect(a['@type']).toBe('CreativeWork');
      expect(a.url).toMatch(/^https:\/\/www\.foxbusiness\.com\//);
    }
  });

  it('names an organisation as the claim’s author when an organisation made it', async () => {
    const [review] = jsonLdBlocks(await page(server, '/claims/us-officials-huawei-backdoor-access'));
    expect(review.itemReviewed.author['@type']).toBe('Organization');
  });

  it('uses SITE_URL and the configured publisher for absolute addresses', async () => {
    const html = await page(configured, '/claims/andy-purdy-denies-backdoor-access');
    const [review] = jsonLdBlocks(html);
    expect(review.url).toBe('https://claims.example/claims/andy-purdy-denies-backdoor-access');
    expect(review.author).toEqual({
      '@type': 'Organization',
      name: 'Example Fact Desk',
      url: 'https://claims.example',
    });
    expect(html).toContain(
      '<link rel="canonical" href="https://claims.example/claims/andy-purdy-denies-backdoor-access"/>',
    );
    expect(html).toContain(
      '<meta property="og:url" content="https://claims.example/claims/andy-purdy-denies-backdoor-access"/>',
    );
  });
});

describe('Person and Organization', () => {
  it('marks up a person with name, job title, affiliation and address', async () => {
    const [person] = jsonLdBlocks(await page(server, '/people/andy-purdy'));
    expect(person['@type']).toBe('Person');
    expect(person.name).toBe('Andy Purdy');
    expect(person.jobTitle).toBe('Chief Security Officer');
    expect(person.url).toBe(`${server.url}/people/andy-purdy`);
    expect(person.affiliation?.['@type']).toBe('Organization');
  });

  it('marks up an organisation', async () => {
    const [org] = jsonLdBlocks(await page(server, '/organisations/huawei-technologies'));
    expect(org['@type']).toBe('Organization');
    expect(org.name).toMatch(/Huawei Technologies/);
  });
});

describe('page metadata', () => {
  it('gives every page a title, description, canonical address and Open Graph and Twitter tags', async () => {
    for (const path of ['/', '/claims', '/claims/andy-purdy-denies-backdoor-access', '/cases/us-v-huawei-edny']) {
      const html = await page(server, path);
      expect(html, path).toMatch(/<title>[^<]+<\/title>/);
      expect(html, path).toMatch(/<meta name="description" content="[^"]+"/);
      expect(html, path).toContain(`<link rel="canonical" href="${server.url}${path}"/>`);
      expect(html, path).toMatch(/<meta property="og:title" content="[^"]+"/);
      // A claim page has a large card (its verdict card); the others a summary.
      expect(html, path).toMatch(/<meta name="twitter:card" content="summary(_large_image)?"/);
    }
  });
});
