import type { MetaDescriptor } from '@remix-run/node';

export const SITE_NAME = 'Claims & Rebuttals';

/** A large share image for the page: absolute URL, size and text alternative. */
export interface ShareImage {
  url: string;
  width: number;
  height: number;
  alt: string;
}

/** Title, description and Open Graph tags for a page; with an image, a large card on social sites. */
export function pageMeta(title: string, description: string, image?: ShareImage): MetaDescriptor[] {
  const fullTitle = title === SITE_NAME ? title : `${title} · ${SITE_NAME}`;
  const desc = description.length > 200 ? `${description.slice(0, 197)}…` : description;
  return [
    { title: fullTitle },
    { name: 'description', content: desc },
    { property: 'og:title', content: title },
    { property: 'og:description', content: desc },
    { property: 'og:site_name', content: SITE_NAME },
    { property: 'og:type', content: 'website' },
    ...(image
      ? [
          { property: 'og:image', content: image.url },
          { property: 'og:image:type', content: 'image/png' },
          { property: 'og:image:width', content: String(image.width) },
          { property: 'og:image:height', content: String(image.height) },
          { property: 'og:image:alt', content: image.alt },
          { name: 'twitter:card', content: 'summary_large_image' },
          { name: 'twitter:image:alt', content: image.alt },
        ]
      : [{ name: 'twitter:card', content: 'summary' }]),
  ];
}

/** oEmbed discovery (https://oembed.com/#section4): where a consumer asks how to embed the page. */
export function oembedLink(href: string, title: string): MetaDescriptor {
  return { tagName: 'link', rel: 'alternate', type: 'application/json+oembed', href, title };
}
