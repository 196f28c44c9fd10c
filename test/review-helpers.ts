/**
 * What the review tests share (decision 6): two editors, a published claim of their own, and what
 * a reader sees of a claim (the claim page's data and the public log) in one comparable shape.
 */
import { getDb } from '../db/client';
import { users } from '../db/schema';
import { getClaimBySlug } from '~/models/claim-detail.server';
import { addCitation, changeClaimStatus } from '~/models/claim-editor.server';
import { saveEntry, type FormValues } from '~/models/entry.server';
import { openProposal } from '~/models/proposal.server';
import { approveProposal } from '~/models/review.server';

let made = 0;
/** An editor account (no password: these tests never sign in). */
export function insertEditor(name: string): number {
  made += 1;
  return getDb()
    .insert(users)
    .values({ email: `review-${made}-${Date.now().toString(36)}@example.org`, name, role: 'editor' })
    .returning({ id: users.id })
    .get().id;
}

export const claimFormValues = (over: Partial<FormValues> = {}): FormValues => ({
  statement: 'The network equipment contains no hidden access points.',
  slug: '',
  speakerId: '',
  claimedOn: '2020-02-14',
  venue: 'Press conference',
  medium: 'Television',
  verdictId: 'unproven',
  verdictExplanation: 'No evidence either way is public.',
  analysis: 'A first analysis.',
  topics: [],
  language: 'en',
  ...over,
});

export function sourceIdOf(slug: string): number {
  return (getDb().$client.prepare('select id from sources where slug = ?').get(slug) as { id: number }).id;
}

/** A draft written and cited by `author`, submitted by them and approved by `reviewer`. */
export function publishedClaim(author: number, reviewer: number, over: Partial<FormValues> = {}) {
  const draft = saveEntry('claims', { id: null, expectedVersion: null, values: claimFormValues(over), userId: author });
  const cited = addCitation(
    draft.id,
    draft.version,
    { sourceId: sourceIdOf('foxbiz-purdy-denial'), role: 'reports', quote: '', locator: '' },
    author,
  );
  changeClaimStatus(draft.id, cited, 'publish', '', author);
  approveProposal(openProposal(draft.id)!.id, reviewer);
  return { id: draft.id, slug: draft.slug };
}

/** What a reader sees of a claim: the page's fields, its citations and its public log. */
export function readerView(slug: string) {
  const page = getClaimBySlug(slug);
  if (!page) return null;
  const { claim } = page;
  return {
    content: {
      slug: claim.slug,
      statement: claim.statement,
      speaker: claim.speaker?.slug ?? null,
      verdict: claim.verdict?.id ?? null,
      explanation: claim.verdictExplanation,
      analysis: claim.analysis,
      status: claim.status,
      citations: page.citations.map((c) => ({ source: c.source.slug, role: c.role, quote: c.quote ?? null })),
    },
    log: page.corrections.map((c) => ({ id: c.id, kind: c.kind, note: c.note, createdAt: c.createdAt })),
  };
}
export type ReaderView = NonNullable<ReturnType<typeof readerView>>;
