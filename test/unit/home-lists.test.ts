// The home page's lists (newsroom trial R4, R12): "Most disputed" is the claims other live
// claims rebut or dispute most, not a verdict; retracted claims are neither promoted in "Latest"
// or "Most disputed" nor counted as live fact-checks, but keep their page.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, migrateDatabase } from '../../db/client';
import { importContent } from '~/content/import.server';
import { getClaimBySlug } from '~/models/claim-detail.server';
import { countLiveFactChecks, listLatestClaims, listMostDisputedClaims } from '~/models/claim.server';
import { listClaims } from '~/models/claim-filters.server';
import { insertClaim, insertSource } from '../factories';

const DOJ = 'doj-huawei-ip-theft-scheme';
const ALLEGATION = 'us-officials-huawei-backdoor-access';
let source: string;

beforeAll(() => {
  migrateDatabase(getDb());
  importContent(getDb(), 'content');
  source = insertSource().slug;
});

const claim = (over: Parameters<typeof insertClaim>[0] = {}) =>
  insertClaim({ status: 'published', citations: [{ source }], ...over });
/** Claims answering `target` with `kind`, one per status given. */
const answer = (target: string, kind: 'rebuts' | 'disputes', statuses: ('published' | 'retracted' | 'draft')[]) =>
  statuses.forEach((status) => claim({ status, relations: [{ kind, claim: target }] }));

describe('most disputed', () => {
  it('ranks the seed by rebuttals: the two rebutted claims, newest first, and no other', () => {
    expect(listMostDisputedClaims(4).map((c) => [c.slug, c.answeredBy])).toEqual([
      [DOJ, 1],
      [ALLEGATION, 1],
    ]);
  });

  it('orders by answers from live claims, and leaves out verdicts, retracted claims and their answers', () => {
    const most = claim({ claimedOn: '2019-01-01' });
    answer(most.slug, 'rebuts', ['published', 'published', 'published']);
    const second = claim({ claimedOn: '2021-01-01' });
    // A draft or a retracted answer does not count: two, not four.
    answer(second.slug, 'disputes', ['published', 'published', 'draft', 'retracted']);
    const retracted = claim({ status: 'retracted' });
    answer(retracted.slug, 'rebuts', ['published', 'published', 'published', 'published']);
    // Rated "disputed" but answered by no one: a verdict is not what this list means.
    const ratedDisputed = claim({ verdict: 'disputed' });

    const list = listMostDisputedClaims(10);
    expect(list.map((c) => [c.slug, c.answeredBy])).toEqual([
      [most.slug, 3],
      [second.slug, 2],
      [DOJ, 1],
      [ALLEGATION, 1],
    ]);
    expect(list.map((c) => c.slug)).not.toContain(ratedDisputed.slug);
    expect(listMostDisputedClaims(1).map((c) => c.slug)).toEqual([most.slug]);
  });
});

describe('retracted claims', () => {
  it('are not in Latest nor counted, but keep their page and stay in the lists, labelled', () => {
    const liveBefore = countLiveFactChecks();
    // A minute ahead of the claims the other tests made this second.
    const now = Math.floor(Date.now() / 1000) + 60;
    const live = claim({ statement: 'A live fact-check, just published.' });
    const retracted = claim({ status: 'retracted', statement: 'A fact-check we no longer stand by.' });
    getDb().run(sql`update claims set published_at = ${now} where slug in (${live.slug}, ${retracted.slug})`);

    const latest = listLatestClaims(6).map((c) => c.slug);
    expect(latest[0]).toBe(live.slug);
    expect(latest).not.toContain(retracted.slug);
    expect(listLatestClaims(100).every((c) => c.status === 'published')).toBe(true);
    expect(countLiveFactChecks()).toBe(liveBefore + 1);
    const publishedRows = getDb().get<{ n: number }>(sql`select count(*) as n from claims where status = 'published'`);
    expect(countLiveFactChecks()).toBe(publishedRows.n);

    expect(getClaimBySlug(retracted.slug)?.claim.status).toBe('retracted');
    const all = listClaims({ page: 1 }, 1000);
    expect(all.claims.find((c) => c.slug === retracted.slug)?.status).toBe('retracted');
  });
});
