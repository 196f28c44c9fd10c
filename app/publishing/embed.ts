/**
 * How a claim is shared and embedded: its verdict card's address, the embed page, the iframe
 * snippet partners paste (the same one oEmbed answers), and the oEmbed discovery address. Pure
 * and isomorphic: the claim page's loader builds it, its meta and "Embed" panel read it.
 */
import { pathOf } from '~/domain';
import { SITE_NAME } from '~/meta';
import {
  CARD_HEIGHT,
  CARD_WIDTH,
  cardAlt,
  cardPath,
  cardVersion,
  verdictCardModel,
  type CardClaim,
} from './verdict-card';

/** The embed's natural size: wide enough for a statement of four lines, as tall as it needs. */
export const EMBED_WIDTH = 550;
export const EMBED_HEIGHT = 260;
/** Narrower than this, lines wrap more: a taller frame keeps the footer in view. */
const NARROW_WIDTH = 420;
const NARROW_HEIGHT = 330;

export function embedPath(slug: string): string {
  return `${pathOf('claims', slug)}/embed`;
}

/** The frame's size within a consumer's limits (oEmbed's maxwidth and maxheight). */
export function embedSize(maxWidth?: number, maxHeight?: number): { width: number; height: number } {
  const width = Math.min(EMBED_WIDTH, maxWidth ?? EMBED_WIDTH);
  const natural = width < NARROW_WIDTH ? NARROW_HEIGHT : EMBED_HEIGHT;
  return { width, height: Math.min(natural, maxHeight ?? natural) };
}

const escapeAttribute = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The frame's accessible name: what it is and whose claim. */
export function embedTitle(claim: Pick<CardClaim, 'speaker' | 'verdict' | 'status'>): string {
  const verdict = claim.status === 'retracted' ? 'retracted' : (claim.verdict?.label ?? 'no verdict yet');
  return `Fact-check of ${claim.speaker?.name ?? 'an unattributed claim'} (${verdict}), ${SITE_NAME}`;
}

/** The HTML a partner pastes: an iframe of the embed page (no script of ours runs on their page). */
export function embedSnippet(embedUrl: string, title: string, size: { width: number; height: number }): string {
  return (
    `<iframe src="${escapeAttribute(embedUrl)}" width="${size.width}" height="${size.height}" ` +
    `title="${escapeAttribute(title)}" loading="lazy" style="border:0;max-width:100%"></iframe>`
  );
}

export interface ClaimShare {
  /** Absolute: og:image must be. */
  cardUrl: string;
  cardAlt: string;
  cardWidth: number;
  cardHeight: number;
  embedUrl: string;
  embedCode: string;
  /** The discovery link's target: oEmbed for this claim's page, as JSON. */
  oembedUrl: string;
  oembedTitle: string;
}

export function claimShare(claim: CardClaim, baseUrl: string): ClaimShare {
  const version = cardVersion(verdictCardModel(claim, SITE_NAME));
  const pageUrl = `${baseUrl}${pathOf('claims', claim.slug)}`;
  const embedUrl = `${baseUrl}${embedPath(claim.slug)}`;
  const title = embedTitle(claim);
  return {
    cardUrl: `${baseUrl}${cardPath(claim.slug, version)}`,
    cardAlt: cardAlt(claim),
    cardWidth: CARD_WIDTH,
    cardHeight: CARD_HEIGHT,
    embedUrl,
    embedCode: embedSnippet(embedUrl, title, embedSize()),
    oembedUrl: `${baseUrl}/oembed?${new URLSearchParams({ url: pageUrl, format: 'json' })}`,
    oembedTitle: title,
  };
}
