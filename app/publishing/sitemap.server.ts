/** The sitemap (sitemaps.org 0.9) and robots.txt: every public page, and where crawlers may go. */
import { sql, type SQL } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { env } from '../../config/env';
import { cases, claims, entities, sources, topics } from '../../db/schema';
import { rfc3339, xmlEscape } from '~/publishing/feed.server';
import { publicClaim } from '~/models/public-claims.server';
import { pathOf, type EntryKind } from '~/domain';
import { ABOUT_PAGES, aboutPagePath } from '~/domain/about-pages';

interface SitemapPage {
  path: string;
  /** Unix seconds of the last change, when known. */
  lastmod: number | null;
}

/**
 * The sections of the sitemap, each a kind of entry: the rows readers can open, in the order of
 * the one-file sitemap (`order`) and of the numbered files of a large one (`chunkOrder`, by id,
 * so a file's rows stay put as the archive grows).
 */
const SECTIONS = {
  claims: { table: claims, where: publicClaim(), order: sql`claimed_on desc, id desc`, chunkOrder: sql`id` },
  people: { table: entities, where: sql`kind = 'person'`, order: sql`slug`, chunkOrder: sql`slug` },
  organisations: { table: entities, where: sql`kind = 'organisation'`, order: sql`slug`, chunkOrder: sql`slug` },
  sources: { table: sources, where: sql`1`, order: sql`slug`, chunkOrder: sql`slug` },
  cases: { table: cases, where: sql`1`, order: sql`slug`, chunkOrder: sql`slug` },
  topics: { table: topics, where: sql`1`, order: sql`slug`, chunkOrder: sql`slug` },
} satisfies Partial<Record<EntryKind, unknown>>;
type Section = keyof typeof SECTIONS;
const SECTION_NAMES = Object.keys(SECTIONS) as Section[];

/** Pages that are not entries, after the indexes: about, the transparency pages and the public corrections log. */
const CLOSING_PAGES = ['/about', ...ABOUT_PAGES.map((page) => aboutPagePath(page.slug)), '/corrections'];
/** Home, the indexes, about, the transparency pages and the corrections log: the pages that are not entries. */
const INDEX_PAGES = ['/', ...SECTION_NAMES.map((section) => pathOf(section)), ...CLOSING_PAGES];

function sectionRows(section: Section, order: SQL, range?: { limit: number; offset: number }) {
  const { table, where } = SECTIONS[section];
  return getDb().all<{ slug: string; lastmod: number | null }>(
    sql`select slug, updated_at as lastmod from ${table} where ${where} order by ${order}
        ${range ? sql`limit ${range.limit} offset ${range.offset}` : sql``}`,
  );
}

function sectionStats(section: Section) {
  const { table, where } = SECTIONS[section];
  return getDb().get<{ n: number; lastmod: number | null }>(
    sql`select count(*) as n, max(updated_at) as lastmod from ${table} where ${where}`,
  );
}

/** Home, indexes, about, corrections, and a page per published claim, person, organisation, source, case and topic. */
export function listSitemapPages(): SitemapPage[] {
  const latestClaim = sectionStats('claims').lastmod ?? null;
  const pages: SitemapPage[] = [{ path: '/', lastmod: latestClaim }];
  for (const section of SECTION_NAMES) {
    pages.push({ path: pathOf(section), lastmod: section === 'claims' ? latestClaim : null });
    for (const row of sectionRows(section, SECTIONS[section].order)) {
      pages.push({ path: pathOf(section, row.slug), lastmod: row.lastmod });
    }
  }
  for (const path of CLOSING_PAGES) pages.push({ path, lastmod: null });
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

/**
 * Null while everything fits in one file (then /sitemap.xml is the whole sitemap); otherwise the
 * children a sitemap index names: `pages`, then `claims-1`, `claims-2`... each within the limit.
 */
export function listSitemapChildren(limit = sitemapUrlLimit()): { name: string; lastmod: number | null }[] | null {
  const stats = Object.fromEntries(SECTION_NAMES.map((section) => [section, sectionStats(section)])) as Record<
    Section,
    { n: number; lastmod: number | null }
  >;
  const total = INDEX_PAGES.length + Object.values(stats).reduce((sum, s) => sum + s.n, 0);
  if (total <= limit) return null;
  const children: { name: string; lastmod: number | null }[] = [{ name: 'pages', lastmod: stats.claims.lastmod }];
  for (const section of SECTION_NAMES) {
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
  if (!match || !Object.hasOwn(SECTIONS, match[1])) return null;
  const section = match[1] as Section;
  const chunk = Number(match[2]);
  const rows = sectionRows(section, SECTIONS[section].chunkOrder, { limit, offset: (chunk - 1) * limit });
  if (rows.length === 0) return null;
  return rows.map((row) => ({ path: pathOf(section, row.slug), lastmod: row.lastmod }));
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
