/**
 * The document around an embeddable page (a route exporting `handle = { embeddable: true }`):
 * no site header, navigation or footer, its own small stylesheet, and no scripts. It is shown in
 * a partner's iframe, where it must be light and need nothing of ours to run.
 */
import { Meta, useMatches } from '@remix-run/react';
import type { ReactNode } from 'react';
import embedStyles from '~/styles/embed.css';

/** Whether the page being drawn is one of the embeddable ones. */
export function useEmbeddable(): boolean {
  return useMatches().some((match) => (match.handle as { embeddable?: boolean } | undefined)?.embeddable === true);
}

export function EmbedDocument({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <Meta />
        <link rel="stylesheet" href={embedStyles} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body className="embed-body">
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
