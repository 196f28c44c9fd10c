/**
 * Route loaders called directly with a Request, as Remix would call them, on the real dataset
 * imported into this file's own SQLite: the status codes and data a reader's browser receives.
 */
import path from 'node:path';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { loader as caseLoader } from '../../app/routes/cases.$slug';
import { loader as claimLoader } from '../../app/routes/claims.$slug';
import { loader as claimsIndexLoader } from '../../app/routes/claims._index';
import { loader as organisationLoader } from '../../app/routes/organisations.$slug';
import { loader as personLoader } from '../../app/routes/people.$slug';
import { loader as sourceLoader } from '../../app/routes/sources.$slug';
import { loader as topicLoader } from '../../app/routes/topics.$slug';
import { importContent } from '~/content/import.server';

beforeAll(() => {
  importContent(getDb(), path.resolve('content'));
});

type AnyLoader = (args: LoaderFunctionArgs) => unknown;

function args(url: string, params: Record<string, string> = {}): LoaderFunctionArgs {
  return { request: new Request(new URL(url, 'http://localhost')), params, context: {} };
}

/** Runs a loader and gives back its Response, whether it was returned or thrown. */
async function respond(loader: AnyLoader, url: string, params: Record<string, string> = {}): Promise<Response> {
  try {
    const result = await loader(args(url, params));
    if (!(result instanceof Response)) throw new Error(`loader for ${url} returned a non-Response`);
    return result;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** Runs a loader that must throw, and gives back the thrown Response. */
async function thrownBy(loader: AnyLoader, url: string, params: Record<string, string>): Promise<Response> {
  let thrown: unknown;
  try {
    await loader(args(url, params));
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `${url} should throw a Response`).toBeInstanceOf(Response);
  return thrown as Response;
}

describe('claims/$slug', () => {
  it('returns the claim with both directions of its rebuttals', async () => {
    const res = await claimLoader(
      args('/claims/andy-purdy-denies-backdoor-access', { slug: 'andy-purdy-denies-backdoor-access' }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const { detail, analysisHtml } = await res.json();
    expect(detail.claim.slug).toBe('andy-purdy-denies-backdoor-access');
    expect(detail.claim.speaker?.name).toBe('Andy Purdy');
    expect(detail.outgoing.map((r) => [r.kind, r.claim.slug])).toEqual([
      ['rebuts', 'us-officials-huawei-backdoor-access'],
    ]);
    expect(detail.incoming).toEqual([]);
    expect(detail.citations).toHaveLength(2);
    // The analysis is rendered Markdown: bold lead-ins become <strong>.
    expect(analysisHtml).toContain('<strong>Context.</strong>');

    const other = await claimLoader(
      args('/claims/us-officials-huawei-backdoor-access', { slug: 'us-officials-huawei-backdoor-access' }),
    );
    const otherData = await other.json();
    expect(otherData.detail.incoming.map((r) => [r.kind, r.claim.slug])).toEqual([
      ['rebuts', 'andy-purdy-denies-backdoor-access'],
    ]);
    expect(otherData.detail.outgoing).toEqual([]);
  });

  it('throws a 404 Response with a reader-facing message for an unknown slug', async () => {
    const res = await thrownBy(claimLoader, '/claims/no-such-claim', { slug: 'no-such-claim' });
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/no claim at this address/);
  });

  it('throws 404 for odd slugs too, never an error', async () => {
    for (const slug of ['', '\u0000', 'x'.repeat(5_000), '<script>alert(1)</script>', "' or 1=1 --"]) {
      const res = await thrownBy(claimLoader, '/claims/x', { slug });
      expect(res.status, JSON.stringify(slug.slice(0, 20))).toBe(404);
    }
  });
});

describe('claims/_index', () => {
  it('lists the published claims with the filter options', async () => {
    const res = await respond(claimsIndexLoader, '/claims');
    expect(res.status).toBe(200);
    const data = await res.json();
    expect(data.result.total).toBe(8);
    expect(data.result.claims).toHaveLength(8);
    expect(data.options.verdicts.map((v: { id: string }) => v.id)).toContain('unproven');
    expect(data.options.speakers.map((s: { slug: string }) => s.slug)).toContain('andy-purdy');
    expect(data.errors).toEqual({});
  });

  it('applies filters from the query string', async () => {
    const data = await (await respond(claimsIndexLoader, '/claims?verdict=accurate&topic=semiconductors')).json();
    expect(data.result.claims.map((c: { slug: string }) => c.slug)).toEqual([
      'wsj-commerce-drafting-direct-product-rule-change',
    ]);
    expect(data.typed).toMatchObject({ verdict: 'accurate', topic: 'semiconductors' });
  });

  it.each([
    ['/claims?verdict=zzz', 'verdict', 'There is no such verdict.'],
    ['/claims?page=abc', 'page', 'Page must be a whole number.'],
    ['/claims?page=0', 'page', 'Page numbers start at 1.'],
    ['/claims?from=2020-13-45', 'from', 'That date does not exist.'],
    ['/claims?verdict=%3Cscript%3E', 'verdict', 'Not a known value.'],
    ['/claims?topic=gardening', 'topic', 'No published claim has this topic.'],
    ['/claims?speaker=nobody', 'speaker', 'No published claim by this speaker.'],
    ['/claims?from=2020-03&to=2020-02', 'to', 'The end date is before the start date.'],
  ])('answers 400 for %s with a message beside %s', async (url, field, message) => {
    const res = await respond(claimsIndexLoader, url);
    expect(res.status).toBe(400);
    const data = await res.json();
    expect(data.result).toBeNull();
    expect(data.errors[field]).toBe(message);
  });

  it('keeps what the reader typed when a filter is rejected', async () => {
    const data = await (await respond(claimsIndexLoader, '/claims?verdict=zzz&topic=huawei')).json();
    expect(data.typed).toMatchObject({ verdict: 'zzz', topic: 'huawei' });
  });

  it('answers 404 for a page past the end', async () => {
    const res = await respond(claimsIndexLoader, '/claims?page=99');
    expect(res.status).toBe(404);
    const data = await res.json();
    expect(data.errors.page).toMatch(/^There (is|are) only 1 page/);
    expect(data.result).toBeNull();
  });
});

describe('people and organisations', () => {
  it("returns Andy Purdy's page", async () => {
    const res = await respond(personLoader, '/people/andy-purdy', { slug: 'andy-purdy' });
    expect(res.status).toBe(200);
    const data = await res.json();
    expect(data.page.entity.name).toBe('Andy Purdy');
    expect(data.page.claimsMade.map((c: { slug: string }) => c.slug)).toEqual(['andy-purdy-denies-backdoor-access']);
  });

  it('redirects an organisation under /people to /organisations (301)', async () => {
    const res = await respond(personLoader, '/people/huawei-technologies', { slug: 'huawei-technologies' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/organisations/huawei-technologies');
  });

  it('redirects a person under /organisations to /people (301)', async () => {
    const res = await respond(organisationLoader, '/organisations/andy-purdy', { slug: 'andy-purdy' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/people/andy-purdy');
  });

  it('returns the organisation page for Huawei', async () => {
    const res = await respond(organisationLoader, '/organisations/huawei-technologies', {
      slug: 'huawei-technologies',
    });
    expect(res.status).toBe(200);
    expect((await res.json()).page.cases.map((c: { slug: string }) => c.slug)).toEqual(['us-v-huawei-edny']);
  });
});

describe('detail pages 404 for unknown slugs', () => {
  it.each([
    ['people', personLoader, /no person/],
    ['organisations', organisationLoader, /no organisation/],
    ['sources', sourceLoader, /no source/],
    ['cases', caseLoader, /no court case/],
    ['topics', topicLoader, /no topic/],
  ] as [string, AnyLoader, RegExp][])('/%s/no-such-thing', async (kind, loader, message) => {
    const res = await thrownBy(loader, `/${kind}/no-such-thing`, { slug: 'no-such-thing' });
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(message);
  });

  it.each([
    ['sources', sourceLoader, 'foxbiz-purdy-denial', (d: any) => d.page.source.title],
    ['cases', caseLoader, 'us-v-huawei-edny', (d: any) => d.page.courtCase.judge],
    ['topics', topicLoader, 'huawei', (d: any) => d.page.topic.name],
  ] as [string, AnyLoader, string, (d: any) => string][])(
    '/%s/%s answers 200 with its content',
    async (kind, loader, slug, pick) => {
      const res = await respond(loader, `/${kind}/${slug}`, { slug });
      expect(res.status).toBe(200);
      expect(pick(await res.json())).toEqual(
        {
          sources: 'Huawei exec denies US intelligence on China backdoor access',
          cases: 'Ann M. Donnelly',
          topics: 'Huawei',
        }[kind],
      );
    },
  );
});
