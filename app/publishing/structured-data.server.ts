/**
 * schema.org markup: a ClaimReview for every published claim with a verdict (the fields Google's
 * Fact Check markup lists as required and recommended), and Person / Organization for people and
 * organisations. Built on the server as plain objects; app/components/json-ld.tsx prints them.
 */
import type { ClaimDetail } from '~/models/claim-detail.server';
import type { EntityRef } from '~/models/claim.server';
import { publisherName } from '~/publishing/site.server';
import { entityPath, pathOf, TRUTH_SCALE } from '~/domain';

type Json = Record<string, unknown>;

/** The first sentence, or the first 30 words: ClaimReview wants the claim in short. */
export function shortClaim(statement: string): string {
  const sentence = /^(.{20,}?[.!?])(\s|$)/.exec(statement)?.[1] ?? statement;
  const words = sentence.split(/\s+/);
  return words.length > 30 ? `${words.slice(0, 30).join(' ')}…` : sentence;
}

const isoDay = (seconds: number | null) => (seconds ? new Date(seconds * 1000).toISOString().slice(0, 10) : undefined);

export function claimReviewFor(detail: ClaimDetail, baseUrl: string): Json | null {
  const { claim, citations } = detail;
  if (claim.status !== 'published' || !claim.verdict) return null;
  const speaker = claim.speaker
    ? {
        '@type': claim.speaker.kind === 'person' ? 'Person' : 'Organization',
        name: claim.speaker.name,
        ...(claim.speaker.role && claim.speaker.kind === 'person' ? { jobTitle: claim.speaker.role } : {}),
        url: `${baseUrl}${entityPath(claim.speaker)}`,
      }
    : undefined;
  const appearance = citations
    .filter((c) => c.source.url && (c.role === 'made_in' || c.role === 'reports'))
    .map((c) => ({
      '@type': 'CreativeWork',
      url: c.source.url,
      headline: c.source.title,
      ...(c.source.publishedOn ? { datePublished: c.source.publishedOn } : {}),
      ...(c.source.publisherName ? { publisher: { '@type': 'Organization', name: c.source.publisherName } } : {}),
    }));
  const madeIn = citations.find((c) => c.role === 'made_in' && c.source.url);
  const firstAppearance = madeIn ? appearance.find((a) => a.url === madeIn.source.url) : undefined;
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: `${baseUrl}/claims/${claim.slug}`,
    claimReviewed: shortClaim(claim.statement),
    datePublished: isoDay(claim.publishedAt) ?? isoDay(claim.updatedAt),
    author: { '@type': 'Organization', name: publisherName(), url: baseUrl },
    reviewRating: {
      '@type': 'Rating',
      // Only what the truth scale orders gets a number; "unverified" and "not rateable" are named.
      ...(claim.verdict.ordinal === null
        ? {}
        : { ratingValue: claim.verdict.ordinal, bestRating: TRUTH_SCALE.best, worstRating: TRUTH_SCALE.worst }),
      alternateName: claim.verdict.label,
      ...(claim.verdictExplanation ? { ratingExplanation: claim.verdictExplanation } : {}),
    },
    itemReviewed: {
      '@type': 'Claim',
      ...(speaker ? { author: speaker } : {}),
      ...(claim.claimedOn ? { datePublished: claim.claimedOn } : {}),
      ...(appearance.length > 0 ? { appearance } : {}),
      ...(firstAppearance ? { firstAppearance } : {}),
    },
  };
}

export function entityJsonLd(
  entity: EntityRef & { description: string; affiliationSlug: string | null; affiliationName: string | null },
  descriptionText: string,
  baseUrl: string,
): Json {
  const affiliation = entity.affiliationSlug
    ? {
        '@type': 'Organization',
        name: entity.affiliationName,
        url: `${baseUrl}${pathOf('organisations', entity.affiliationSlug)}`,
      }
    : undefined;
  return {
    '@context': 'https://schema.org',
    '@type': entity.kind === 'person' ? 'Person' : 'Organization',
    name: entity.name,
    url: `${baseUrl}${entityPath(entity)}`,
    ...(descriptionText ? { description: descriptionText } : {}),
    ...(entity.kind === 'person' && entity.role ? { jobTitle: entity.role } : {}),
    ...(affiliation ? { [entity.kind === 'person' ? 'affiliation' : 'parentOrganization']: affiliation } : {}),
  };
}
