import type { MetaDescriptor } from '@remix-run/node';

export const SITE_NAME = 'Claims & Rebuttals';

/** Title, description and Open Graph tags for a page. */
export function pageMeta(title: string, description: string): MetaDescriptor[] {
  const fullTitle = title === SITE_NAME ? title : `${title} · ${SITE_NAME}`;
  const desc = description.length > 200 ? `${description.slice(0, 197)}…` : description;
  return [
    { title: fullTitle },
    { name: 'description', content: desc },
    { property: 'og:title', content: title },
    { property: 'og:description', content: desc },
    { property: 'og:site_name', content: SITE_NAME },
    { property: 'og:type', content: 'website' },
    { name: 'twitter:card', content: 'summary' },
  ];
}
