/**
 * The reader-facing models on the real dataset (content/ imported into this file's own SQLite):
 * one claim with its rebuttals, sources, case and timeline; the claims index and its filters;
 * the entity, source, case and topic pages; and drafts staying private (deleting is tested in
 * merge.test.ts).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { deleteClaim, insertClaim } from '../factories';
import { getCaseBySlug } from '~/models/case.server';
import { countLiveFactChecks } from '~/models/claim.server';
import { getClaimBySlug } from '~/models/claim-detail.server';
import { listClaims, parseClaimFilters, type ClaimFilters } from '~/models/claim-filters.server';
import { importContent } from '~/content/import.server';
import { getEntityBySlug } from '~/models/entity.server';
import { getSourceBySlug } from '~/models/source.server';
import { getTopicBySlug } from '~/models/topic.server';

const PURDY = 'andy-purdy-denies-backdoor-access';
const ALLEGATION = 'us-officials-huawei-backdoor-access';
const DOJ = 'doj-huawei-ip-theft-scheme';
const PLEA = 'huawei-pleads-not-guilty';
const ALL_CLAIMS = [
  PURDY,
  'commerce-indictments-reaffirm-caution',
  'commerce-license-review-process',
  DOJ,
  PLEA,
  'uk-huawei-5g-decision-us-opposition',
  ALLEGATION,
  'wsj-commerce-drafting-direct-product-rule-change',
];

beforeAll(() => {
  importContent(getDb(), path.resolve('content'));
});

const filters = (overrides: Partial<ClaimFilters> = {}): ClaimFilters => ({ page: 1, ...overrides });
const slugsOf = (claims: { slug: string }[]) => claims.map((c) => c.slug).sort();

describe('getClaimBySlug', () => {
  it("shows Andy Purdy's denial with its speaker, verdict and what it rebuts", () => {
    const detail = getClaimBySlug(PURDY)!;
    expect(detail).not.toBeNull();
    expect(detail.claim.statement).toMatch(/^We can prove that our equipment is not subject to any influence/);
    expect(detail.claim.speaker).toEqual({
      slug: 'andy-purdy',
      name: 'Andy Purdy',
      kind: 'person',
      role: 'Chief Security Officer',
    });
    expect(detail.claim.claimedOn).toBe('2020-02-13');
    expect(detail.claim.venue).toBe('Mornings with Maria');
    expect(detail.claim.verdict).toMatchObject({ id: 'unproven', label: 'Unproven' });
    expect(detail.claim.verdictExplanation).toContain('present no such proof');
    expect(detail.claim.status).toBe('published');
    expect(detail.claim.publishedAt).toEqual(expect.any(Number));

    expect(detail.outgoing).toHaveLength(1);
    expect(detail.outgoing[0]).toMatchObject({
      kind: 'rebuts',
      note: 'Purdy was responding to the back-door allegation reported by The Wall Street Journal.',
      claim: { slug: ALLEGATION, speaker: { name: 'U.S. officials' }, verdict: { id: 'unproven' } },
    });
    expect(detail.incoming).toEqual([]);
    expect(detail.topics.map((t) => t.slug).sort()).toEqual(['cybersecurity', 'huawei', 'us-china-relations']);
    expect(detail.subjects.map((s) => s.slug)).toEqual(['huawei-technologies']);
  });

  it('shows the rebuttal from the other side as incoming', () => {
    const detail = getClaimBySlug(ALLEGATION)!;
    expect(detail.incoming).toHaveLength(1);
    expect(detail.incoming[0]).toMatchObject({
      kind: 'rebuts',
      claim: { slug: PURDY, speaker: { slug: 'andy-purdy', name: 'Andy Purdy' } },
    });
    expect(detail.outgoing).toEqual([]);
  });

  it('lists citations in the order written, with quotes, locators and publishers', () => {
    const { citations } = getClaimBySlug(PURDY)!;
    expect(citations.map((c) => c.source.slug)).toEqual(['foxbiz-chip-rule', 'foxbiz-purdy-denial']);
    expect(citations[0]).toMatchObject({
      role: 'reports',
      quote: expect.stringContaining('we can prove that our employees are not subject to the Communist government'),
      locator: null,
      source: { publisherName: 'FOX Business', publisherSlug: 'fox-business', kind: 'news_report' },
    });
    expect(citations[1]).toMatchObject({
      quote: 'Huawei exec denies US intelligence on China backdoor access',
      locator: 'headline',
      source: {
        title: 'Huawei exec denies US intelligence on China backdoor access',
        url: 'https://www.foxbusiness.com/technology/huawei-china-backdoor-us-intelligence',
        publishedOn: '2020-02-13',
      },
    });
    // A citation without a quote stays without one (not an empty string).
    const allegation = getClaimBySlug(ALLEGATION)!.citations;
    expect(allegation[0]).toMatchObject({ source: { slug: 'protocol-wsj-backdoor' }, quote: null });
  });

  it('links the DOJ claim to its court case and builds a dated timeline in order', () => {
    const detail = getClaimBySlug(DOJ)!;
    expect(detail.cases).toEqual([
      expect.objectContaining({
        slug: 'us-v-huawei-edny',
        role: 'basis_of',
        caseNumber: 'Cr. No. 18-457 (S-3) (AMD)',
        court: 'U.S. District Court for the Eastern District of New York',
      }),
    ]);
    expect(detail.incoming.map((r) => [r.kind, r.claim.slug])).toEqual([['rebuts', PLEA]]);

    const dates = detail.timeline.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    expect(dates[0]).toBe('2019-01');
    expect(detail.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['this-claim', 'claim', 'case-event']));
    // On the day of the indictment, this claim comes before the filing entry.
    const sameDay = detail.timeline.filter((e) => e.date === '2020-02-13');
    expect(sameDay[0].kind).toBe('this-claim');
    const plea = detail.timeline.find((e) => e.href === `/claims/${PLEA}`);
    expect(plea).toMatchObject({ date: '2020-03-04', kind: 'claim' });
    expect(plea!.text).toContain('Huawei Technologies Co., Ltd.');
    expect(detail.timeline.filter((e) => e.kind === 'case-event')).toHaveLength(3);
  });

  it('returns null for a slug that does not exist', () => {
    expect(getClaimBySlug('no-such-claim')).toBeNull();
    expect(getClaimBySlug('')).toBeNull();
    expect(getClaimBySlug("' or 1=1 --")).toBeNull();
  });
});

describe('listClaims', () => {
  it('lists all eight published claims, newest first', () => {
    const result = listClaims(filters());
    expect(result.total).toBe(8);
    expect(result.pageCount).toBe(1);
    expect(slugsOf(result.claims)).toEqual([...ALL_CLAIMS].sort());
    expect(result.claims[0].slug).toBe(PLEA);
    const dates = result.claims.map((c) => c.claimedOn!);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('filters by verdict', () => {
    expect(slugsOf(listClaims(filters({ verdict: 'accurate' })).claims)).toEqual([
      'commerce-indictments-reaffirm-caution',
      PLEA,
      'uk-huawei-5g-decision-us-opposition',
      'wsj-commerce-drafting-direct-product-rule-change',
    ]);
    // The plea is on the record (accurate as worded); the checked process claim is unproven.
    expect(slugsOf(listClaims(filters({ verdict: 'unproven' })).claims)).toEqual([
      PURDY,
      'commerce-license-review-process',
      DOJ,
      ALLEGATION,
    ]);
    expect(listClaims(filters({ verdict: 'unverified' })).total).toBe(0);
    expect(listClaims(filters({ verdict: 'false' }))).toMatchObject({ total: 0, claims: [], pageCount: 1 });
  });

  it('filters by topic and by speaker', () => {
    expect(slugsOf(listClaims(filters({ topic: 'cybersecurity' })).claims)).toEqual([PURDY, ALLEGATION]);
    expect(slugsOf(listClaims(filters({ topic: 'semiconductors' })).claims)).toEqual([
      'wsj-commerce-drafting-direct-product-rule-change',
    ]);
    expect(slugsOf(listClaims(filters({ speaker: 'andy-purdy' })).claims)).toEqual([PURDY]);
    expect(listClaims(filters({ speaker: 'us-department-of-commerce' })).total).toBe(2);
    expect(slugsOf(listClaims(filters({ topic: 'trade-secrets', verdict: 'unproven' })).claims)).toEqual([DOJ]);
    expect(slugsOf(listClaims(filters({ topic: 'trade-secrets', verdict: 'accurate' })).claims)).toEqual([PLEA]);
  });

  it('filters by date range, whole months included', () => {
    expect(slugsOf(listClaims(filters({ from: '2020-02-13', to: '2020-02-17' })).claims)).toEqual([
      PURDY,
      DOJ,
      'wsj-commerce-drafting-direct-product-rule-change',
    ]);
    expect(slugsOf(listClaims(filters({ from: '2020-03' })).claims)).toEqual([PLEA]);
    expect(listClaims(filters({ to: '2020-02' })).total).toBe(7);
    expect(listClaims(filters({ to: '2019-12-31' })).total).toBe(0);
  });

  it('pages through three at a time without losing or repeating a claim', () => {
    const pages = [1, 2, 3].map((page) => listClaims(filters({ page }), 3));
    expect(pages.map((p) => p.claims.length)).toEqual([3, 3, 2]);
    for (const p of pages) expect(p).toMatchObject({ total: 8, pageCount: 3 });
    const seen = pages.flatMap((p) => p.claims.map((c) => c.slug));
    expect(seen).toEqual(listClaims(filters()).claims.map((c) => c.slug));
    expect(new Set(seen).size).toBe(8);
    expect(listClaims(filters({ page: 4 }), 3).claims).toEqual([]);
  });
});

describe('parseClaimFilters', () => {
  const parse = (query: string) => parseClaimFilters(new URLSearchParams(query));

  it('reads good filters and treats empty values as "any"', () => {
    expect(parse('verdict=unproven&topic=huawei&speaker=andy-purdy&from=2020-02&to=2020-03-04&page=2')).toEqual({
      ok: true,
      filters: {
        verdict: 'unproven',
        topic: 'huawei',
        speaker: 'andy-purdy',
        from: '2020-02',
        to: '2020-03-04',
        page: 2,
      },
    });
    expect(parse('verdict=&topic=%20&page=')).toEqual({ ok: true, filters: { page: 1 } });
  });

  it.each([
    ['page=abc', 'page', 'Page must be a whole number.'],
    ['page=1.5', 'page', 'Page must be a whole number.'],
    ['page=0', 'page', 'Page numbers start at 1.'],
    ['page=-1', 'page', 'Page numbers start at 1.'],
    ['from=2020-13-45', 'from', 'That date does not exist.'],
    ['to=2021-02-29', 'to', 'That date does not exist.'],
    ['from=13/02/2020', 'from', 'Use a date like 2020-02-13, 2020-02 or 2020.'],
    ['verdict=%3Cscript%3Ealert(1)%3C%2Fscript%3E', 'verdict', 'Not a known value.'],
    ['speaker=Andy%20Purdy', 'speaker', 'Not a known value.'],
    [`topic=${'a'.repeat(121)}`, 'topic', 'That value is too long.'],
  ])('rejects %s with a message for %s', (query, field, message) => {
    const result = parse(query);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({ [field]: message });
  });

  it('reports every bad field at once', () => {
    const result = parse('page=abc&from=2020-13-45&verdict=%3Cscript%3E');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(['from', 'page', 'verdict']);
  });
});

describe('entity, source, case and topic pages', () => {
  it("Andy Purdy's page: role, affiliation and the claim he made", () => {
    const page = getEntityBySlug('person', 'andy-purdy')!;
    expect(page.entity).toMatchObject({
      name: 'Andy Purdy',
      kind: 'person',
      role: 'Chief Security Officer',
      affiliationSlug: 'huawei-technologies-usa',
      affiliationName: 'Huawei Technologies USA',
    });
    expect(page.entity.description).toContain('Chief Security Officer of Huawei Technologies USA');
    expect(page.claimsMade.map((c) => c.slug)).toEqual([PURDY]);
    expect(page.claimsAbout).toEqual([]);
  });

  it("Huawei's page: claims about it, the case it is a defendant in, affiliated units", () => {
    const page = getEntityBySlug('organisation', 'huawei-technologies')!;
    expect(page.entity.name).toBe('Huawei Technologies Co., Ltd.');
    expect(page.claimsMade.map((c) => c.slug)).toEqual([PLEA]);
    expect(page.claimsAbout.map((c) => c.slug)).toEqual(expect.arrayContaining([PURDY, ALLEGATION, DOJ]));
    expect(page.cases.map((c) => c.slug)).toEqual(['us-v-huawei-edny']);
    expect(page.members.map((m) => m.slug)).toEqual(
      expect.arrayContaining(['huawei-technologies-usa', 'wanzhou-meng']),
    );
  });

  it('FOX Business: the sources it published', () => {
    const page = getEntityBySlug('organisation', 'fox-business')!;
    expect(page.published.map((s) => s.slug)).toEqual(
      expect.arrayContaining(['foxbiz-purdy-denial', 'foxbiz-chip-rule', 'foxbiz-aug-rule']),
    );
  });

  it('does not find a person under organisations, or an unknown slug', () => {
    expect(getEntityBySlug('organisation', 'andy-purdy')).toBeNull();
    expect(getEntityBySlug('person', 'huawei-technologies')).toBeNull();
    expect(getEntityBySlug('person', 'nobody')).toBeNull();
  });

  it('a source page: its publisher and the claims citing it, with the quotes', () => {
    const page = getSourceBySlug('foxbiz-purdy-denial')!;
    expect(page.source).toMatchObject({
      title: 'Huawei exec denies US intelligence on China backdoor access',
      publisherName: 'FOX Business',
      url: 'https://www.foxbusiness.com/technology/huawei-china-backdoor-us-intelligence',
      publishedOn: '2020-02-13',
      authors: [],
    });
    expect(page.source.note).toContain('Date discrepancy');
    expect(page.citedBy.map((c) => c.claim.slug).sort()).toEqual(
      [PURDY, 'uk-huawei-5g-decision-us-opposition', ALLEGATION].sort(),
    );
    expect(page.citedBy.find((c) => c.claim.slug === PURDY)).toMatchObject({
      quote: 'Huawei exec denies US intelligence on China backdoor access',
      locator: 'headline',
    });
    expect(getSourceBySlug('law360-not-guilty')!.cases.map((c) => c.slug)).toEqual(['us-v-huawei-edny']);
    expect(getSourceBySlug('no-such-source')).toBeNull();
  });

  it('the case page: number, judge, six defendants, charges, events in date order, linked claims', () => {
    const page = getCaseBySlug('us-v-huawei-edny')!;
    expect(page.courtCase).toMatchObject({
      caption: 'United States v. Huawei Technologies Co., Ltd., et al.',
      caseNumber: 'Cr. No. 18-457 (S-3) (AMD)',
      judge: 'Ann M. Donnelly',
      status: 'pending',
    });
    expect(page.defendants.map((d) => d.slug)).toEqual([
      'huawei-technologies',
      'huawei-device',
      'huawei-device-usa',
      'futurewei-technologies',
      'skycom-tech',
      'wanzhou-meng',
    ]);
    expect(page.defendants[5]).toMatchObject({ name: 'Wanzhou Meng', note: "Huawei's Chief Financial Officer" });
    expect(page.charges).toHaveLength(6);
    expect(page.charges[0].description).toBe('Racketeering (RICO) conspiracy');
    expect(page.events.map((e) => e.occurredOn)).toEqual(['2019-01', '2020-02-13', '2020-03-04']);
    expect(page.events[2]).toMatchObject({ sourceSlug: 'law360-not-guilty' });
    expect(page.sources.map((s) => s.slug)).toEqual([
      'lawfare-superseding',
      'politico-indictment',
      'law360-not-guilty',
    ]);
    expect(page.claims.map((c) => [c.claim.slug, c.role])).toEqual([
      ['commerce-indictments-reaffirm-caution', 'cites'],
      [DOJ, 'basis_of'],
      [PLEA, 'about'],
    ]);
    expect(getCaseBySlug('us-v-huawei-wdwa')).toBeNull();
  });

  it('a topic page: its name and published claims', () => {
    const page = getTopicBySlug('huawei')!;
    expect(page.topic.name).toBe('Huawei');
    expect(slugsOf(page.claims)).toEqual([...ALL_CLAIMS].sort());
    expect(slugsOf(getTopicBySlug('semiconductors')!.claims)).toEqual([
      'wsj-commerce-drafting-direct-product-rule-change',
    ]);
    expect(getTopicBySlug('no-such-topic')).toBeNull();
  });
});

describe('drafts', () => {
  it('never appear in public reads', () => {
    const draft = insertClaim({
      status: 'draft',
      statement: 'An unchecked draft about Huawei back doors.',
      speaker: 'andy-purdy',
      claimedOn: '2020-02-14',
      verdict: 'false',
      topics: ['huawei', 'cybersecurity'],
      citations: [{ source: 'foxbiz-purdy-denial', quote: 'draft quote' }],
      relations: [{ kind: 'rebuts', claim: ALLEGATION }],
    });
    try {
      expect(getClaimBySlug(draft.slug)).toBeNull();
      expect(countLiveFactChecks()).toBe(8);
      expect(listClaims(filters()).total).toBe(8);
      expect(listClaims(filters({ verdict: 'false' })).total).toBe(0);
      expect(slugsOf(listClaims(filters({ speaker: 'andy-purdy' })).claims)).toEqual([PURDY]);
      expect(getClaimBySlug(ALLEGATION)!.incoming.map((r) => r.claim.slug)).toEqual([PURDY]);
      expect(getEntityBySlug('person', 'andy-purdy')!.claimsMade.map((c) => c.slug)).toEqual([PURDY]);
      expect(getTopicBySlug('cybersecurity')!.claims.map((c) => c.slug)).not.toContain(draft.slug);
      expect(getSourceBySlug('foxbiz-purdy-denial')!.citedBy.map((c) => c.claim.slug)).not.toContain(draft.slug);
    } finally {
      deleteClaim(draft.slug);
    }
  });

  it('a published claim built the same way does appear (so the draft check can fail)', () => {
    const published = insertClaim({
      status: 'published',
      statement: 'A published test claim.',
      speaker: 'andy-purdy',
      claimedOn: '2020-02-14',
      verdict: 'false',
      citations: [{ source: 'foxbiz-purdy-denial' }],
      relations: [{ kind: 'rebuts', claim: ALLEGATION }],
    });
    try {
      expect(getClaimBySlug(published.slug)).not.toBeNull();
      expect(listClaims(filters()).total).toBe(9);
      expect(listClaims(filters({ verdict: 'false' })).claims.map((c) => c.slug)).toEqual([published.slug]);
      expect(
        getClaimBySlug(ALLEGATION)!
          .incoming.map((r) => r.claim.slug)
          .sort(),
      ).toEqual([PURDY, published.slug].sort());
    } finally {
      deleteClaim(published.slug);
    }
    expect(listClaims(filters()).total).toBe(8);
  });
});
