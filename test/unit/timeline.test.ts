// A claim's timeline: a date known only to the month sorts after the exact dates inside it, so
// the Commerce spokesperson's February 2020 response no longer reads as coming before the WSJ
// report of 17 Feb 2020 it answers (newsroom trial R5).
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, migrateDatabase } from '../../db/client';
import { importContent } from '~/content/import.server';
import { partialDateEnd } from '~/domain';
import { getClaimBySlug } from '~/models/claim-detail.server';

beforeAll(() => {
  migrateDatabase(getDb());
  importContent(getDb(), 'content');
});

describe('the timeline', () => {
  it('puts partial dates at the end of their month or year', () => {
    const dates = ['2020-02', '2020-02-17', '2020', '2020-03-04', '2019-12-31'];
    expect([...dates].sort((a, b) => partialDateEnd(a).localeCompare(partialDateEnd(b)))).toEqual([
      '2019-12-31',
      '2020-02-17',
      '2020-02',
      '2020-03-04',
      '2020',
    ]);
  });

  it('orders the seed claims’ timelines by the end of each date', () => {
    let checked = 0;
    for (const slug of ['commerce-license-review-process', 'wsj-commerce-drafting-direct-product-rule-change']) {
      const detail = getClaimBySlug(slug);
      expect(detail, slug).toBeTruthy();
      const keys = detail!.timeline.map((e) => partialDateEnd(e.date));
      expect(keys, slug).toEqual([...keys].sort());
      const feb = detail!.timeline.findIndex((e) => e.date === '2020-02');
      const exact = detail!.timeline.findIndex((e) => e.date.startsWith('2020-02-'));
      if (feb >= 0 && exact >= 0) {
        expect(feb, slug).toBeGreaterThan(exact);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('quotes exact words and labels our summaries (newsroom trial R1)', () => {
    const texts = getClaimBySlug('huawei-pleads-not-guilty')!.timeline.map((e) => e.text);
    expect(texts).toContain(
      'Huawei Technologies Co., Ltd.: Our summary: Huawei pleaded not guilty to the charges in the superseding indictment.',
    );
    expect(texts).toContain(
      'U.S. Department of Justice: Our summary: Huawei ran a scheme to misappropriate intellectual property of U.S. companies.',
    );
    expect(texts.join(' ')).not.toContain('“');
    const purdy = getClaimBySlug('andy-purdy-denies-backdoor-access')!.timeline.find((e) => e.kind === 'this-claim')!;
    expect(purdy.text).toMatch(/^Andy Purdy: “We can prove .*…”$/);
  });
});
