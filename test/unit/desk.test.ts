/**
 * The desk on a real database: the moves an editor makes by hand (and those left to the review),
 * declining needs a reason, assigning only to active editors, due dates through the date rule,
 * every change a versioned save with a revision, and the queues' counts and members on a fixed
 * "today".
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { claimProposals, claims, users } from '../../db/schema';
import type { DeskState } from '~/domain';
import { deskQueueCounts, listDeskQueue, parseDeskQuery } from '~/models/desk-queues.server';
import { assignClaim, DeskError, getClaimDesk, moveClaim, setDueDate } from '~/models/desk.server';
import { ConflictError } from '~/models/entry.server';
import { openProposal, submitForPublication } from '~/models/proposal.server';
import { approveProposal } from '~/models/review.server';
import { listRevisions } from '~/models/revision.server';
import { withFreshDatabase } from '../databases';
import { insertClaim, insertSource } from '../factories';

let sequence = 0;
function insertEditor(name: string, disabled = false) {
  return getDb()
    .insert(users)
    .values({
      email: `desk-${(sequence += 1)}-${Date.now()}@example.org`,
      name,
      disabledAt: disabled ? new Date() : null,
    })
    .returning()
    .get();
}

function deskClaim(over: Partial<typeof claims.$inferInsert> = {}) {
  const claim = insertClaim();
  if (Object.keys(over).length > 0) getDb().update(claims).set(over).where(eq(claims.id, claim.id)).run();
  return getDb().select().from(claims).where(eq(claims.id, claim.id)).get()!;
}

const versionOf = (id: number) => getClaimDesk(id)!.version;

describe('moving a claim on the desk', () => {
  it('takes an unassigned suggestion into research and gives it to the editor who took it', () => {
    const ana = insertEditor('Ana');
    const claim = deskClaim({ deskState: 'suggested' });
    const version = moveClaim(claim.id, claim.version, { state: 'in_research' }, ana.id);
    expect(version).toBe(claim.version + 1);
    const desk = getClaimDesk(claim.id)!;
    expect(desk.deskState).toBe('in_research');
    expect(desk.assignee).toEqual({ id: ana.id, name: 'Ana' });
    const [revision] = listRevisions('claim', claim.id);
    expect(revision.version).toBe(version);
    expect(revision.summary).toBe('Desk: moved to in research, taken');
    expect(revision.userName).toBe('Ana');
  });

  it('keeps the assignee when someone else moves an assigned claim', () => {
    const ana = insertEditor('Ana');
    const ben = insertEditor('Ben');
    const claim = deskClaim({ deskState: 'suggested', assigneeId: ana.id });
    moveClaim(claim.id, claim.version, { state: 'in_research' }, ben.id);
    expect(getClaimDesk(claim.id)!.assignee?.id).toBe(ana.id);
  });

  it('refuses to decline without a reason, and keeps the reason when declining', () => {
    const ana = insertEditor('Ana');
    const claim = deskClaim({ deskState: 'suggested' });
    expect(() => moveClaim(claim.id, claim.version, { state: 'declined', reason: '   ' }, ana.id)).toThrow(DeskError);
    expect(getClaimDesk(claim.id)!.deskState).toBe('suggested');
    expect(versionOf(claim.id)).toBe(claim.version);

    moveClaim(claim.id, claim.version, { state: 'declined', reason: 'An opinion: nothing to check.' }, ana.id);
    const desk = getClaimDesk(claim.id)!;
    expect(desk.deskState).toBe('declined');
    expect(desk.declinedReason).toBe('An opinion: nothing to check.');
    expect(listRevisions('claim', claim.id)[0].summary).toBe('Desk: declined: An opinion: nothing to check.');

    // Back to the suggestions: the reason goes with the decision.
    moveClaim(claim.id, desk.version, { state: 'suggested' }, ana.id);
    expect(getClaimDesk(claim.id)!.declinedReason).toBeNull();
  });

  it('leaves review, ready and published to the review, and public claims too', () => {
    const ana = insertEditor('Ana');
    for (const state of ['in_review', 'ready', 'published'] as DeskState[]) {
      const claim = deskClaim({ deskState: 'in_research' });
      expect(() => moveClaim(claim.id, claim.version, { state }, ana.id), state).toThrow(/set by the review/);
    }
    for (const deskState of ['in_review', 'ready'] as DeskState[]) {
      const waiting = deskClaim({ deskState });
      expect(() => moveClaim(waiting.id, waiting.version, { state: 'in_research' }, ana.id)).toThrow(DeskError);
    }
    const published = deskClaim({ deskState: 'published', status: 'published' });
    expect(() => moveClaim(published.id, published.version, { state: 'declined', reason: 'x' }, ana.id)).toThrow(
      /follows the review/,
    );
  });

  it('refuses a change made against an old version', () => {
    const ana = insertEditor('Ana');
    const claim = deskClaim({ deskState: 'suggested' });
    assignClaim(claim.id, claim.version, ana.id, ana.id);
    expect(() => moveClaim(claim.id, claim.version, { state: 'in_research' }, ana.id)).toThrow(ConflictError);
  });

  it('leaves a change waiting for review valid: assigning it to its reviewer does not make it stale', () => {
    const author = insertEditor('Author');
    const reviewer = insertEditor('Reviewer');
    const source = insertSource();
    const claim = insertClaim({ citations: [{ source: source.slug }] });
    submitForPublication(claim.id, claim.version, author.id);
    const version = assignClaim(claim.id, claim.version, reviewer.id, author.id);
    setDueDate(claim.id, version, '2027-01-31', author.id);
    approveProposal(openProposal(claim.id)!.id, reviewer.id);
    expect(getClaimDesk(claim.id)).toMatchObject({ status: 'published', deskState: 'published' });
  });

  it('does not move the claim up the feeds: updated_at is what readers see as "Last updated"', () => {
    const ana = insertEditor('Ana');
    const claim = deskClaim({ updatedAt: new Date('2020-01-01T00:00:00Z') });
    assignClaim(claim.id, claim.version, ana.id, ana.id);
    const row = getDb().select().from(claims).where(eq(claims.id, claim.id)).get()!;
    expect(row.updatedAt.toISOString()).toBe('2020-01-01T00:00:00.000Z');
    expect(row.version).toBe(claim.version + 1);
  });
});

describe('assigning and due dates', () => {
  it('assigns to an active editor, unassigns, and refuses a disabled or unknown account', () => {
    const ana = insertEditor('Ana');
    const gone = insertEditor('Gone', true);
    const claim = deskClaim();
    let version = assignClaim(claim.id, claim.version, ana.id, ana.id);
    expect(getClaimDesk(claim.id)!.assignee?.name).toBe('Ana');
    expect(listRevisions('claim', claim.id)[0].summary).toBe('Desk: assigned to Ana');
    expect(() => assignClaim(claim.id, version, gone.id, ana.id)).toThrow(/cannot take claims/);
    expect(() => assignClaim(claim.id, version, 999_999, ana.id)).toThrow(DeskError);
    expect(getClaimDesk(claim.id)!.editors.map((e) => e.name)).not.toContain('Gone');
    version = assignClaim(claim.id, version, null, ana.id);
    expect(getClaimDesk(claim.id)!.assignee).toBeNull();
    // Nothing changed: no new version, no revision.
    expect(assignClaim(claim.id, version, null, ana.id)).toBe(version);
  });

  it('sets a real due date, refuses one that does not exist, and clears it', () => {
    const claim = deskClaim();
    expect(() => setDueDate(claim.id, claim.version, '2027-02-30', null)).toThrow('That date does not exist.');
    expect(() => setDueDate(claim.id, claim.version, '2027-02', null)).toThrow(/Use a date like/);
    const version = setDueDate(claim.id, claim.version, '2027-02-28', null);
    expect(getClaimDesk(claim.id)!.dueOn).toBe('2027-02-28');
    expect(listRevisions('claim', claim.id)[0].summary).toBe('Desk: due 2027-02-28');
    setDueDate(claim.id, version, null, null);
    expect(getClaimDesk(claim.id)!.dueOn).toBeNull();
  });
});

describe('the queues', () => {
  const TODAY = '2027-03-10';
  let me: number;
  let other: number;
  let ids: Record<string, number>;

  // Each test counts everything in the database, so it runs on a fresh one.
  const fresh = (test: () => void) => () => withFreshDatabase(() => build(test));
  function build(test: () => void) {
    me = insertEditor('Me').id;
    other = insertEditor('Other').id;
    const make = (over: Partial<typeof claims.$inferInsert>) => deskClaim(over).id;
    ids = {
      mineOpen: make({ deskState: 'in_research', assigneeId: me, dueOn: '2027-03-20' }),
      mineOverdue: make({ deskState: 'in_research', assigneeId: me, dueOn: '2027-03-09' }),
      mineDueToday: make({ deskState: 'suggested', assigneeId: me, dueOn: TODAY }),
      mineDeclined: make({ deskState: 'declined', assigneeId: me, declinedReason: 'x', dueOn: '2027-01-01' }),
      minePublished: make({ deskState: 'published', status: 'published', assigneeId: me, dueOn: '2027-01-01' }),
      otherOverdue: make({ deskState: 'in_research', assigneeId: other, dueOn: '2027-02-01' }),
      suggestion: make({ deskState: 'suggested' }),
      suggestionTaken: make({ deskState: 'suggested', assigneeId: other }),
      proposedByOther: make({ deskState: 'in_review', assigneeId: other }),
      proposedByMe: make({ deskState: 'in_review', assigneeId: me }),
      editOfPublished: make({ deskState: 'published', status: 'published' }),
    };
    const propose = (claimId: number, proposedBy: number, status: 'pending' | 'approved' = 'pending') =>
      getDb().insert(claimProposals).values({ claimId, kind: 'publish', baseVersion: 1, proposedBy, status }).run();
    propose(ids.proposedByOther, other);
    propose(ids.proposedByMe, me);
    propose(ids.editOfPublished, other);
    propose(ids.minePublished, other, 'approved');
    test();
  }
  const members = (queue: Parameters<typeof listDeskQueue>[0], filters = {}) =>
    listDeskQueue(queue, me, filters, 1, TODAY)
      .items.map((c) => Object.keys(ids).find((k) => ids[k] === c.id))
      .sort();

  it(
    'holds what each queue promises, counted',
    fresh(() => {
      expect(members('mine')).toEqual(['mineDueToday', 'mineOpen', 'mineOverdue', 'proposedByMe'].sort());
      expect(members('review')).toEqual(['editOfPublished', 'proposedByOther']);
      expect(members('suggestions')).toEqual(['suggestion']);
      expect(members('overdue')).toEqual(['mineOverdue', 'otherOverdue']);
      expect(deskQueueCounts(me, TODAY)).toEqual({ mine: 4, review: 2, suggestions: 1, overdue: 2, all: 11 });
      // The other editor's view: my proposal needs their review, theirs does not.
      expect(listDeskQueue('review', other, {}, 1, TODAY).items.map((c) => c.id)).toEqual([ids.proposedByMe]);
    }),
  );

  it(
    'marks overdue rows, sorts the soonest due first, and filters by state, assignee and due date',
    fresh(() => {
      const mine = listDeskQueue('mine', me, {}, 1, TODAY).items;
      expect(mine.map((c) => c.id)).toEqual([ids.mineOverdue, ids.mineDueToday, ids.mineOpen, ids.proposedByMe]);
      expect(mine.map((c) => c.overdue)).toEqual([true, false, false, false]);
      expect(members('all', { state: 'suggested' })).toEqual(['mineDueToday', 'suggestion', 'suggestionTaken']);
      expect(members('all', { assignee: 'none' })).toEqual(['editOfPublished', 'suggestion']);
      expect(members('all', { assignee: other })).toEqual(['otherOverdue', 'proposedByOther', 'suggestionTaken']);
      expect(members('mine', { dueBefore: '2027-03-11' })).toEqual(['mineDueToday', 'mineOverdue']);
    }),
  );

  it(
    'pages 20 at a time',
    fresh(() => {
      for (let i = 0; i < 23; i++) deskClaim({ deskState: 'suggested' });
      const first = listDeskQueue('suggestions', me, {}, 1, TODAY);
      const second = listDeskQueue('suggestions', me, {}, 2, TODAY);
      expect([first.total, first.pageCount, first.items.length, second.items.length]).toEqual([24, 2, 20, 4]);
      expect(new Set([...first.items, ...second.items].map((c) => c.id)).size).toBe(24);
    }),
  );

  it('reads the queue and filters from the URL, and names what is wrong', () => {
    expect(parseDeskQuery(new URLSearchParams(''))).toEqual({ ok: true, queue: 'mine', filters: {}, page: 1 });
    expect(parseDeskQuery(new URLSearchParams('queue=overdue&assignee=none&dueBefore=2027-01-31&page=2'))).toEqual({
      ok: true,
      queue: 'overdue',
      filters: { assignee: 'none', dueBefore: '2027-01-31' },
      page: 2,
    });
    const bad = parseDeskQuery(new URLSearchParams('queue=theirs&state=done&assignee=x&dueBefore=2027-02-30&page=0'));
    expect(bad).toEqual({
      ok: false,
      errors: {
        queue: 'There is no such queue.',
        state: 'There is no such desk state.',
        assignee: 'Choose an editor.',
        dueBefore: 'That date does not exist.',
        page: 'Page numbers start at 1.',
      },
    });
  });
});
