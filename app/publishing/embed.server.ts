/**
 * The claim behind a card, an embed or an oEmbed answer: a public claim by slug (published or
 * retracted, the one rule of app/domain/statuses.ts), or where a renamed one went.
 */
import { sql } from 'drizzle-orm';
import { KIND_SPECS, type ClaimSummary } from '~/domain';
import { refOf } from '~/domain/kinds';
import { tagResponse } from '~/http/cache-tags.server';
import { selectClaimSummaries } from '~/models/claim.server';
import { findRenamedSlug } from '~/models/entry.server';

export type SharedClaim = { claim: ClaimSummary } | { renamedTo: string } | null;

export function findSharedClaim(slug: string): SharedClaim {
  const [claim] = selectClaimSummaries(sql`c.slug = ${slug}`, undefined, 1);
  if (claim) return { claim };
  const current = findRenamedSlug(KIND_SPECS.claims, slug);
  return current && current !== slug ? { renamedTo: current } : null;
}

/**
 * For a shared cache: a card, embed or oEmbed answer shows this claim and its speaker's name
 * (by collection: the summary does not carry the speaker's id), so either changing purges it.
 */
export function tagSharedClaim(claim: ClaimSummary): void {
  tagResponse(refOf('claims', claim.id), 'entities');
}
