/**
 * The read API: the published record as JSON for programs. Only published and retracted claims
 * appear (the models it reads from already exclude drafts); every link is absolute, built from
 * the site's public base URL. Route modules in app/routes/api.* only hand over the request.
 */
import type { EntityKind } from '~/domain';
import { getClaimBySlug } from '~/models/claim-detail.server';
import { checkClaimFilterValues, listClaims, parseClaimFilters } from '~/models/claim-filters.server';
import { type ClaimSummary, type EntityRef } from '~/models/claim.server';
import { countCases, getCaseBySlug, listCases } from '~/models/case.server';
import { countEntities, getEntityBySlug, listEntities } from '~/models/entity.server';
import { publicBaseUrl } from '~/publishing/site.server';
import { findRenamedSlug } from '~/models/entry.server';
import { KIND_SPECS, type EntryKind } from '~/domain';
import { countSources, getSourceBySlug, listSources } from '~/models/source.server';
import { entityEntryKind, entityPath, pathOf } from '~/domain';
import { pageCountFor, parsePaging, pastLastPageMessage, type ListRange } from '~/http/pagination.server';

const API_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'public, max-age=60',
  'Access-Control-Allow-Origin': '*',
};

function apiJson(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: API_HEADERS });
}

/**
 * No entry at this slug: a renamed entry's old address answers with a permanent redirect to its
 * new one (as the pages do), anything else with a 404.
 */
function notFound(kind: EntryKind, slug: string): Response {
  const spec = KIND_SPECS[kind];
  const current = findRenamedSlug(spec, slug);
  if (current && current !== slug) {
    return new Response(null, {
      status: 301,
      headers: { ...API_HEADERS, Location: `/api${spec.path}/${current}` },
    });
  }
  return apiJson({ error: `No ${spec.singular} at this address.` }, 404);
}

function badRequest(fields: Record<string, string>): Response {
  return apiJson({ error: 'Invalid parameters', fields }, 400);
}

const iso = (unixSeconds: number | null) => (unixSeconds == null ? null : new Date(unixSeconds * 1000).toISOString());

// ---------------------------------------------------------------------------------------------
// Pagination

/** The non-empty values of `keys`, to repeat in each page link. */
function readParams(params: URLSearchParams, keys: string[]): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const key of keys) {
    const value = params.get(key)?.trim();
    if (value) raw[key] = value;
  }
  return raw;
}

function pageOutOfRange(pageCount: number): Response {
  const message = pastLastPageMessage(pageCount);
  return apiJson({ error: message, fields: { page: message } }, 404);
}

/** The envelope every list answers with; `query` holds the filters to repeat in each link. */
function paginated(
  request: Request,
  data: unknown[],
  paging: { page: number; perPage: number; total: number },
  query: Record<string, string> = {},
) {
  const pageCount = pageCountFor(paging.total, paging.perPage);
  const base = publicBaseUrl(request) + new URL(request.url).pathname;
  const link = (page: number) => {
    const search = new URLSearchParams({ ...query, page: String(page), perPage: String(paging.perPage) });
    return `${base}?${search}`;
  };
  return apiJson({
    data,
    page: paging.page,
    perPage: paging.perPage,
    total: paging.total,
    pageCount,
    links: {
      self: link(paging.page),
      next: paging.page < pageCount ? link(paging.page + 1) : null,
      prev: paging.page > 1 ? link(Math.min(paging.page - 1, pageCount)) : null,
    },
  });
}

/** Lists are paged in SQL: the count, then only the rows of the page asked for. */
function paginateList<T>(
  request: Request,
  count: () => number,
  rowsOf: (range: ListRange) => T[],
  shape: (row: T) => unknown,
): Response {
  const paging = parsePaging(new URL(request.url).searchParams);
  if (!paging.ok) return badRequest(paging.errors);
  const total = count();
  const pageCount = pageCountFor(total, paging.perPage);
  if (paging.page > pageCount) return pageOutOfRange(pageCount);
  const rows = rowsOf({ limit: paging.perPage, offset: (paging.page - 1) * paging.perPage });
  return paginated(request, rows.map(shape), { page: paging.page, perPage: paging.perPage, total });
}

// ---------------------------------------------------------------------------------------------
// Shapes

type Links = (path: string) => { url: string; api: string };

function linker(request: Request): Links {
  const base = publicBaseUrl(request);
  return (path) => ({ url: base + path, api: `${base}/api${path}` });
}

function entityRefJson(entity: EntityRef, links: Links) {
  return { slug: entity.slug, name: entity.name, kind: entity.kind, role: entity.role, ...links(entityPath(entity)) };
}

function claimSummaryJson(claim: ClaimSummary, links: Links) {
  return {
    slug: claim.slug,
    ...links(pathOf('claims', claim.slug)),
    statement: claim.statement,
    statementKind: claim.statementKind,
    claimedOn: claim.claimedOn,
    venue: claim.venue,
    medium: claim.medium,
    status: claim.status,
    verdict: claim.verdict
      ? {
          id: claim.verdict.id,
          label: claim.verdict.label,
          meaning: claim.verdict.meaning,
          rating: claim.verdict.rating,
          ordinal: claim.verdict.ordinal,
        }
      : null,
    speaker: claim.speaker ? entityRefJson(claim.speaker, links) : null,
  };
}

function caseRefJson(
  courtCase: { slug: string; caption: string; caseNumber: string | null; court?: string; status?: string },
  links: Links,
) {
  return { ...courtCase, ...links(pathOf('cases', courtCase.slug)) };
}

// ---------------------------------------------------------------------------------------------
// Claims

/** GET /api/claims?verdict=&topic=&speaker=&from=&to=&page=&perPage= */
export function claimListResponse(request: Request): Response {
  const params = new URL(request.url).searchParams;
  const parsed = parseClaimFilters(params);
  const paging = parsePaging(params);
  const errors = { ...(parsed.ok ? {} : parsed.errors), ...(paging.ok ? {} : paging.errors) };
  if (!parsed.ok || !paging.ok) return badRequest(errors);
  const filterErrors = checkClaimFilterValues(parsed.filters);
  if (Object.keys(filterErrors).length > 0) return badRequest(filterErrors);

  const filters = { ...parsed.filters, page: paging.page };
  const result = listClaims(filters, paging.perPage);
  if (paging.page > result.pageCount) return pageOutOfRange(result.pageCount);
  const links = linker(request);
  return paginated(
    request,
    result.claims.map((c) => claimSummaryJson(c, links)),
    { page: paging.page, perPage: paging.perPage, total: result.total },
    readParams(params, ['verdict', 'topic', 'speaker', 'from', 'to']),
  );
}

/** GET /api/claims/:slug — the claim with its citations, relations both ways, topics and cases. */
export function claimResponse(request: Request, slug: string): Response {
  const detail = getClaimBySlug(slug);
  if (!detail) return notFound('claims', slug);
  const links = linker(request);
  const { claim } = detail;
  return apiJson({
    ...claimSummaryJson(claim, links),
    verdictExplanation: claim.verdictExplanation,
    analysis: claim.analysis,
    language: claim.language,
    publishedAt: iso(claim.publishedAt),
    updatedAt: iso(claim.updatedAt),
    retractedAt: iso(claim.retractedAt),
    version: claim.version,
    topics: detail.topics.map((t) => ({ ...t, url: links(pathOf('topics', t.slug)).url })),
    subjects: detail.subjects.map((e) => entityRefJson(e, links)),
    citations: detail.citations.map((c) => ({
      role: c.role,
      quote: c.quote,
      locator: c.locator,
      source: {
        slug: c.source.slug,
        ...links(pathOf('sources', c.source.slug)),
        title: c.source.title,
        kind: c.source.kind,
        sourceUrl: c.source.url,
        archiveUrl: c.source.archiveUrl,
        publishedOn: c.source.publishedOn,
        publisher: c.source.publisherSlug ? { slug: c.source.publisherSlug, name: c.source.publisherName } : null,
      },
    })),
    relations: {
      outgoing: detail.outgoing.map((r) => ({ kind: r.kind, note: r.note, claim: claimSummaryJson(r.claim, links) })),
      incoming: detail.incoming.map((r) => ({ kind: r.kind, note: r.note, claim: claimSummaryJson(r.claim, links) })),
    },
    cases: detail.cases.map(({ role, note, ...courtCase }) => ({ role, note, ...caseRefJson(courtCase, links) })),
    corrections: detail.corrections.map((c) => ({ kind: c.kind, note: c.note, createdAt: iso(c.createdAt) })),
  });
}

// ---------------------------------------------------------------------------------------------
// People and organisations

/** GET /api/people and /api/organisations */
export function entityListResponse(request: Request, kind: EntityKind): Response {
  const links = linker(request);
  return paginateList(
    request,
    () => countEntities(kind),
    (range) => listEntities(kind, range),
    (e) => ({
      ...entityRefJson(e, links),
      claimCount: e.claimCount,
    }),
  );
}

/** GET /api/people/:slug and /api/organisations/:slug */
export function entityResponse(request: Request, kind: EntityKind, slug: string): Response {
  const page = getEntityBySlug(kind, slug);
  if (!page) return notFound(entityEntryKind(kind), slug);
  const links = linker(request);
  const { entity } = page;
  return apiJson({
    ...entityRefJson(entity, links),
    feed: `${links(entityPath(entity)).url}/feed.xml`,
    description: entity.description,
    affiliation: entity.affiliationSlug
      ? {
          slug: entity.affiliationSlug,
          name: entity.affiliationName,
          ...links(pathOf('organisations', entity.affiliationSlug)),
        }
      : null,
    members: page.members.map((m) => entityRefJson(m, links)),
    claimsMade: page.claimsMade.map((c) => claimSummaryJson(c, links)),
    claimsAbout: page.claimsAbout.map((c) => claimSummaryJson(c, links)),
    cases: page.cases.map(({ note, ...courtCase }) => ({ note, ...caseRefJson(courtCase, links) })),
    published: page.published.map((s) => ({ ...s, ...links(pathOf('sources', s.slug)) })),
  });
}

// ---------------------------------------------------------------------------------------------
// Sources

function sourceJson(
  source: {
    slug: string;
    title: string;
    kind: string;
    url: string | null;
    archiveUrl: string | null;
    publishedOn: string | null;
    publisherName: string | null;
    publisherSlug: string | null;
  },
  links: Links,
) {
  return {
    slug: source.slug,
    ...links(pathOf('sources', source.slug)),
    title: source.title,
    kind: source.kind,
    sourceUrl: source.url,
    archiveUrl: source.archiveUrl,
    publishedOn: source.publishedOn,
    publisher: source.publisherSlug ? { slug: source.publisherSlug, name: source.publisherName } : null,
  };
}

/** GET /api/sources */
export function sourceListResponse(request: Request): Response {
  const links = linker(request);
  return paginateList(request, countSources, listSources, (s) => ({
    ...sourceJson(s, links),
    citationCount: s.citationCount,
  }));
}

/** GET /api/sources/:slug — the source and the published claims that cite it. */
export function sourceResponse(request: Request, slug: string): Response {
  const page = getSourceBySlug(slug);
  if (!page) return notFound('sources', slug);
  const links = linker(request);
  const { source } = page;
  return apiJson({
    ...sourceJson(source, links),
    accessedOn: source.accessedOn,
    authors: source.authors,
    note: source.note,
    citedBy: page.citedBy.map((c) => ({
      role: c.role,
      quote: c.quote,
      locator: c.locator,
      claim: claimSummaryJson(c.claim, links),
    })),
    cases: page.cases.map((k) => caseRefJson(k, links)),
  });
}

// ---------------------------------------------------------------------------------------------
// Court cases

/** GET /api/cases */
export function caseListResponse(request: Request): Response {
  const links = linker(request);
  return paginateList(request, countCases, listCases, (k) => caseRefJson(k, links));
}

/** GET /api/cases/:slug — caption, court, charges, defendants, events and the claims linked to it. */
export function caseResponse(request: Request, slug: string): Response {
  const page = getCaseBySlug(slug);
  if (!page) return notFound('cases', slug);
  const links = linker(request);
  const { id: _id, ...courtCase } = page.courtCase;
  return apiJson({
    ...caseRefJson(courtCase, links),
    charges: page.charges.map(({ id: _chargeId, ...charge }) => charge),
    defendants: page.defendants.map(({ note, ...e }) => ({ ...entityRefJson(e, links), note })),
    events: page.events.map((ev) => ({
      occurredOn: ev.occurredOn,
      description: ev.description,
      source: ev.sourceSlug
        ? {
            slug: ev.sourceSlug,
            title: ev.sourceTitle,
            publisherName: ev.publisherName,
            ...links(pathOf('sources', ev.sourceSlug)),
          }
        : null,
    })),
    sources: page.sources.map(({ url, ...s }) => ({ ...s, sourceUrl: url, ...links(pathOf('sources', s.slug)) })),
    claims: page.claims.map((c) => ({ role: c.role, note: c.note, claim: claimSummaryJson(c.claim, links) })),
  });
}
