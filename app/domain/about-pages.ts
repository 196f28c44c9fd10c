/**
 * The transparency pages the IFCN code of principles asks a fact-checker to publish, at
 * `/about/<slug>`, each written as Markdown in `content/about/<slug>.md` so a newsroom edits it
 * in a pull request. The titles here are the links' words (footer, the /about hub, the sitemap);
 * the page's own heading comes from its file.
 */
export const ABOUT_PAGES = [
  {
    slug: 'methodology',
    title: 'Methodology',
    summary: 'How we choose the claims we check, how a verdict is decided, and the verdict scale.',
  },
  {
    slug: 'corrections-policy',
    title: 'Corrections policy',
    summary: 'How we correct, update and retract our work, and the log of every change.',
  },
  { slug: 'who-we-are', title: 'Who we are', summary: 'Who publishes this site, who funds it, and who works on it.' },
  {
    slug: 'contact',
    title: 'Contact us',
    summary: 'How to reach us, suggest a claim to check or ask for a correction.',
  },
] as const;

export type AboutPageSlug = (typeof ABOUT_PAGES)[number]['slug'];

export function aboutPagePath(slug: AboutPageSlug): string {
  return `/about/${slug}`;
}

export function findAboutPage(slug: string) {
  return ABOUT_PAGES.find((page) => page.slug === slug) ?? null;
}

/**
 * What a page's Markdown may ask the site to draw from its data, on a line of its own
 * (`{{verdict-scale}}`), so the list can never disagree with the site.
 */
export const ABOUT_BLOCKS = ['verdict-scale', 'corrections-log'] as const;
export type AboutBlock = (typeof ABOUT_BLOCKS)[number];
