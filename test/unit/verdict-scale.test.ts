// The verdict scale after the desk migration: ClaimReview numbers only for what the truth scale
// orders, monotone from worst to best; "unverified" and "not rateable" carry only their names.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, migrateDatabase } from '../../db/client';
import { importContent } from '~/content/import.server';
import { TRUTH_SCALE } from '~/domain';
import { getClaimBySlug } from '~/models/claim-detail.server';
import { claimReviewFor } from '~/publishing/structured-data.server';
import { insertClaim, insertSource } from '../factories';

beforeAll(() => {
  migrateDatabase(getDb());
  importContent(getDb(), 'content');
});

const scale = () =>
  getDb().all<{ id: string; rating: number; ordinal: number | null }>(
    sql`select id, rating, ordinal from verdicts order by rating`,
  );

describe('the verdict scale', () => {
  it('orders false … accurate on the truth scale, then the unranked verdicts', () => {
    const rows = scale();
    const ranked = rows.filter((v) => v.ordinal !== null);
    expect(ranked.map((v) => v.id)).toEqual(['false', 'misleading', 'disputed', 'unproven', 'accurate']);
    // Monotone: a verdict shown after another never ranks lower.
    for (let i = 1; i < ranked.length; i++) expect(ranked[i].ordinal!).toBeGreaterThanOrEqual(ranked[i - 1].ordinal!);
    expect(ranked[0].ordinal).toBe(TRUTH_SCALE.worst);
    expect(ranked.at(-1)!.ordinal).toBe(TRUTH_SCALE.best);
    expect(rows.filter((v) => v.ordinal === null).map((v) => v.id)).toEqual(['unverified', 'not-rateable']);
    // The unranked come after every ranked one on the page.
    expect(Math.min(...rows.filter((v) => v.ordinal === null).map((v) => v.rating))).toBeGreaterThan(
      Math.max(...ranked.map((v) => v.rating)),
    );
  });

  it.each([
    ['accurate', 4],
    ['false', 1],
    ['unverified', null],
    ['not-rateable', null],
  ])('gives a %s claim the ClaimReview rating %s', (verdict, value) => {
    const source = insertSource();
    const claim = insertClaim({ status: 'published', verdict, citations: [{ source: source.slug }] });
    const review = claimReviewFor(getClaimBySlug(claim.slug)!, 'https://example.org') as {
      reviewRating: Record<string, unknown>;
    };
    expect(review.reviewRating.alternateName).toBeTypeOf('string');
    if (value === null) {
      expect(review.reviewRating).not.toHaveProperty('ratingValue');
      expect(review.reviewRating).not.toHaveProperty('bestRating');
    } else {
      expect(review.reviewRating).toMatchObject({
        ratingValue: value,
        bestRating: TRUTH_SCALE.best,
        worstRating: TRUTH_SCALE.worst,
      });
    }
  });
});

describe('the shipped claims on the scale (newsroom trial R2, R3)', () => {
  it('rate the plea as worded: on the record, so accurate, and ClaimReview reviews the statement', () => {
    const detail = getClaimBySlug('huawei-pleads-not-guilty')!;
    expect(detail.claim.verdict?.id).toBe('accurate');
    expect(detail.claim.statementKind).toBe('summary');
    const review = claimReviewFor(detail, 'https://example.org') as {
      claimReviewed: string;
      reviewRating: Record<string, unknown>;
    };
    expect(review.claimReviewed).toBe(detail.claim.statement);
    expect(review.reviewRating).toMatchObject({ ratingValue: TRUTH_SCALE.best, alternateName: 'Accurate' });
  });

  it('keep "unverified" for what was not checked: the checked process claim is unproven', () => {
    expect(getClaimBySlug('commerce-license-review-process')!.claim.verdict?.id).toBe('unproven');
    const unverified = getDb().all<{ slug: string }>(
      sql`select slug from claims where verdict_id = 'unverified' and status <> 'draft' and slug not like 'test-%'`,
    );
    expect(unverified).toEqual([]);
  });
});
