// The claim page's queries are statements prepared once per connection (prepared.server.ts): they
// must read what is in the database now, follow the client when it is closed and reopened, and
// give the page what the one-off queries gave (the case events of the claim's cases included).
import { beforeAll, describe, expect, it } from 'vitest';
import { closeDb, getDb, migrateDatabase } from '../../db/client';
import { importContent } from '~/content/import.server';
import { getClaimBySlug } from '~/models/claim-detail.server';

beforeAll(() => {
  migrateDatabase(getDb());
  importContent(getDb(), 'content');
});

const linkedToCase = () =>
  getDb()
    .$client.prepare(
      `select c.slug, count(ev.id) as events from claims c join claim_cases cc on cc.claim_id = c.id
       join case_events ev on ev.case_id = cc.case_id where c.status = 'published' group by c.id limit 1`,
    )
    .get() as { slug: string; events: number };

describe('the claim page read through prepared statements', () => {
  it('reads a change made after its statements were prepared', () => {
    const { slug } = linkedToCase();
    expect(getClaimBySlug(slug)?.claim.verdictExplanation).not.toBe('Changed after preparing.');
    getDb()
      .$client.prepare('update claims set verdict_explanation = ? where slug = ?')
      .run('Changed after preparing.', slug);
    expect(getClaimBySlug(slug)?.claim.verdictExplanation).toBe('Changed after preparing.');
  });

  it('keeps working when the client is closed and opened again', () => {
    const { slug } = linkedToCase();
    const before = getClaimBySlug(slug);
    closeDb();
    expect(getClaimBySlug(slug)).toEqual(before);
  });

  it('puts the events of the claim’s cases on its timeline, and finds no unpublished claim', () => {
    const { slug, events } = linkedToCase();
    expect(events).toBeGreaterThan(0);
    const detail = getClaimBySlug(slug)!;
    expect(detail.cases.length).toBeGreaterThan(0);
    expect(detail.timeline.filter((entry) => entry.kind === 'case-event')).toHaveLength(events);
    getDb().$client.prepare(`update claims set status = 'draft' where slug = ?`).run(slug);
    expect(getClaimBySlug(slug)).toBeNull();
  });
});
