/**
 * The loader of a person's and an organisation's page (`/people/:slug`, `/organisations/:slug`):
 * the same page for both kinds, so it is written once. A slug of the other kind answers 301 to
 * its right section; a renamed one, 301 to its new address.
 */
import { json, redirect } from '@remix-run/node';
import { entityEntryKind, KINDS, pathOf, type EntityKind } from '~/domain';
import { markdownToText, renderMarkdown } from '~/markdown.server';
import { findEntityKind, getEntityBySlug } from '~/models/entity.server';
import { redirectIfRenamed } from '~/models/entry.server';
import { getScorecard } from '~/models/scorecard.server';
import { publicBaseUrl } from '~/publishing/site.server';
import { entityJsonLd } from '~/publishing/structured-data.server';
import { requirePage } from './pagination.server';

export function loadEntityPage(kind: EntityKind, request: Request, slug: string) {
  const page = requirePage(
    request,
    (n) => getEntityBySlug(kind, slug, n),
    (p) => p.claimsMadePage.pageCount,
  );
  if (!page) {
    const otherKind = findEntityKind(slug);
    if (otherKind) return redirect(pathOf(entityEntryKind(otherKind), slug), 301);
    redirectIfRenamed(entityEntryKind(kind), slug);
    throw new Response(`We have no ${KINDS[entityEntryKind(kind)].singular} at this address.`, { status: 404 });
  }
  const description = markdownToText(page.entity.description);
  return json({
    page: { ...page, scorecard: getScorecard({ speakerId: page.entity.id }) },
    descriptionHtml: renderMarkdown(page.entity.description),
    description,
    jsonLd: entityJsonLd(page.entity, description, publicBaseUrl(request)),
  });
}
