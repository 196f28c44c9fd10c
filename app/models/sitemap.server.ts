/** The sitemap (sitemaps.org 0.9) and robots.txt: every public page, and where crawlers may go. */
import { sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { rfc3339, xmlEscape } from './feed.server';

interface SitemapPage {
  path: string;
  /** Unix seconds of the last change, when known. */
  lastmod: number | null;
}

/** Home, indexes, about, and a page per published claim, person, organisation, source, case and topic. */
export function listSitemapPages(): SitemapPage[] {
  const db = getDb();
  const latestClaim =
    db.get<{ t: number | null }>(
      sql`select max(updated_at) as t from claims where status in ('published', 'retracted')`,
    ).t ?? null;
  const rows = (query: ReturnType<typeof sql>) => db.all<{ slug: string; lastmod: number | null }>(query);
  const pages: SitemapPage[] = [
    { path: '/', lastmod: latestClaim },
    { path: '/claims', lastmod: latestClaim },
  ];
  for (const claim of rows(
    sql`select slug, updated_at as lastmod from claims where status in ('published', 'retracted') order by claimed_on desc, id desc`,
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
