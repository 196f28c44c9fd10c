/** The sitemap (sitemaps.org 0.9) and robots.txt: every public page, and where crawlers may go. */
import { sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { env } from '../../config/env';
import { rfc3339, xmlEscape } from '~/publishing/feed.server';
import { publicClaim } from '~/models/public-claims.server';

interface SitemapPage {
  path: string;
  /** Unix seconds of the last change, when known. */
  lastmod: number | null;
}

/** Home, indexes, about, and a page per published claim, person, organisation, source, case and topic. */
export function listSitemapPages(): SitemapPage[] {
  const db = getDb();
  const latestClaim =
    db.get<{ t: number | null }>(sql`select max(updated_at) as t from claims where ${publicClaim()}`).t ?? null;
  const rows = (query: ReturnType<typeof sql>) => db.all<{ slug: string; lastmod: number | null }>(query);
  const pages: SitemapPage[] = [
    { path: '/', lastmod: latestClaim },
    { path: '/claims', lastmod: latestClaim },
  ];
  for (const claim of rows(
    sql`select slug, updated_at as lastmod from claims where ${publicClaim()} order by claimed_on desc, id desc`,
  )) {
    pages.push({ path: `/claims/${claim.slug}`, lastmod: claim.lastmod });
  }
  const section = (index: string, list: { slug: string; lastmod: number | null }[]) => {
    pages.push({ path: index, lastmod: null });
    for (const row of list) pages.push({ path: `${index}/${row.slug}`, lastmod: row.lastmod });
  };
  section('/people', rows(sql`select slug, updated_at as lastmod from entities where kind = 'person' order by slug`));
  section(
    '/organisations',
    rows(sql`select slug, updated_at as lastmod from entities where kind = 'organisation' order by slug`),
  );
  section('/sources', rows(sql`select slug, updated_at as lastmod from sources order by slug`));
  section('/cases', rows(sql`select slug, updated_at as lastmod from cases order by slug`));
  section('/topics', rows(sql`select slug, updated_at as lastmod from topics order by slug`));
  pages.push({ path: '/about', lastmod: null });
  return pages;
}

export function renderSitemap(pages: SitemapPage[], baseUrl: string): string {
  const urls = pages.map((page) =>
    [
      '  <url>',
      `    <loc>${xmlEscape(baseUrl + page.path)}</loc>`,
      ...(page.lastmod ? [`    <lastmod>${rfc3339(page.lastmod)}</lastmod>`] : []),
      '  </url>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Large archives: a sitemap index and its children

/** The sitemaps protocol allows at most 50,000 URLs (and 50 MB) in one file. */
export const SITEMAP_URL_LIMIT = 50_000;

/** The per-file limit; SITEMAP_URL_LIMIT in the environment lowers it (tests use a small one). */
export function sitemapUrlLimit(): number {
  // Validated at start as a whole number from 1 to 50,000 (config/env.js).
  return Math.min(env().SITEMAP_URL_LIMIT, SITEMAP_URL_LIMIT);
}

/** The sections a large sitemap is split into; `pages` holds home, the indexes and about. */
const SECTIONS = {
  claims: {
    table: sql`claims where ${publicClaim()}`,
    path: '/claims',
    order: sql`id`,
  },
  people: { table: sql`entities where kind = 'person'`, path: '/people', order: sql`slug` },
  organisations: { table: sql`entities where kind = 'organisation'`, path: '/organisations', order: sql`slug` },
  sources: { table: sql`sources where 1`, path: '/sources', order: sql`slug` },
  cases: { table: sql`cases where 1`, path: '/cases', order: sql`slug` },
  topics: { table: sql`topics where 1`, path: '/topics', order: sql`slug` },
} as const;
type Section = keyof typeof SECTIONS;

const INDEX_PAGES = ['/', '/claims', '/people', '/organisations', '/sources', '/cases', '/topics', '/about'];

function sectionStats(section: Section) {
  return getDb().get<{ n: number; lastmod: number | null }>(
    sql`select count(*) as n, max(updated_at) as lastmod from ${SECTIONS[section].table}`,
  );
}

/**
 * Null while everything fits in one file (then /sitemap.xml is the whole sitemap); otherwise the
 * children a sitemap index names: `pages`, then `claims-1`, `claims-2`... each within the limit.
 */
export function listSitemapChildren(limit = sitemapUrlLimit()): { name: string; lastmod: number | null }[] | null {
  const stats = Object.fromEntries(
    (Object.keys(SECTIONS) as Section[]).map((section) => [section, sectionStats(section)]),
  ) as Record<Section, { n: number; lastmod: number | null }>;
  const total = INDEX_PAGES.length + Object.values(stats).reduce((sum, s) => sum + s.n, 0);
  if (total <= limit) return null;
  const children: { name: string; lastmod: number | null }[] = [{ name: 'pages', lastmod: stats.claims.lastmod }];
  for (const section of Object.keys(SECTIONS) as Section[]) {
    const files = Math.ceil(stats[section].n / limit);
    for (let i = 1; i <= files; i++) children.push({ name: `${section}-${i}`, lastmod: stats[section].lastmod });
  }
  return children;
}

/** The pages in one child (`pages`, `claims-2`...), or null when there is no such child. */
export function listSitemapChildPages(name: string, limit = sitemapUrlLimit()): SitemapPage[] | null {
  if (name === 'pages') {
    const latestClaim = sectionStats('claims').lastmod;
    return INDEX_PAGES.map((path) => ({ path, lastmod: path === '/' || path === '/claims' ? latestClaim : null }));
  }
  const match = /^([a-z]+)-([1-9][0-9]{0,5})$/.exec(name);
  if (!match || !(match[1] in SECTIONS)) return null;
  const section = SECTIONS[match[1] as Section];
  const chunk = Number(match[2]);
  const rows = getDb().all<{ slug: string; lastmod: number | null }>(
    sql`select slug, updated_at as lastmod from ${section.table} order by ${section.order}
        limit ${limit} offset ${(chunk - 1) * limit}`,
  );
  if (rows.length === 0) return null;
  return rows.map((row) => ({ path: `${section.path}/${row.slug}`, lastmod: row.lastmod }));
}

export function renderSitemapIndex(children: { name: string; lastmod: number | null }[], baseUrl: string): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...children.map((child) =>
      [
        '  <sitemap>',
        `    <loc>${xmlEscape(`${baseUrl}/sitemap/${child.name}.xml`)}</loc>`,
        ...(child.lastmod ? [`    <lastmod>${rfc3339(child.lastmod)}</lastmod>`] : []),
        '  </sitemap>',
      ].join('\n'),
    ),
    '</sitemapindex>',
    '',
  ].join('\n');
}

export function renderRobotsTxt(baseUrl: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /editor',
    'Disallow: /login',
    'Disallow: /api/',
    '',
    `Sitemap: ${baseUrl}/sitemap.xml`,
    '',
  ].join('\n');
}
