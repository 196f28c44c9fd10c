/**
 * Four eyes on everything the public sees (decision 6), on a real database: publishing and every
 * change to a public claim wait for a second editor; one's own approval is refused (allowed only
 * with REVIEW_RULE=off, and then marked); no public change (page or API) before approval; a log
 * entry is required; a stale proposal is refused; a return keeps its note and the author resubmits.
 */
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { importContent } from '~/content/import.server';
import { claimResponse } from '~/publishing/api.server';
import { getClaimBySlug } from '~/models/claim-detail.server';
import { addCitation, addPublicNote, changeClaimStatus, getClaimForEdit } from '~/models/claim-editor.server';
import { getEntryForEdit, restoreRevision, saveEntry } from '~/models/entry.server';
import { openProposal, PublishingRuleError, ReviewError } from '~/models/proposal.server';
import { approveProposal, listProposals, returnProposal, withdrawProposal } from '~/models/review.server';
import { EntryNotFoundError } from '~/models/entry.server';
import { listRevisions } from '~/models/revision.server';
import { claimFormValues, insertEditor, publishedClaim, readerView, sourceIdOf } from '../review-helpers';

let alice: number;
let bob: number;
beforeAll(() => {
  importContent(getDb(), path.resolve('content'));
  alice = insertEditor('Alice Author');
  bob = insertEditor('Bob Reviewer');
});
afterEach(() => {
  delete process.env.REVIEW_RULE;
});

const version = (id: number) => getEntryForEdit('claims', id)!.version;
const pending = (id: number) => openProposal(id)!;
const edit = (id: number, over: Parameters<typeof claimFormValues>[0], userId = alice) =>
  saveEntry('claims', { id, expectedVersion: version(id), values: claimFormValues(over), userId });

describe('publishing a draft', () => {
  it('is a proposal another editor approves; the author cannot approve it', () => {
    const draft = saveEntry('claims', { id: null, expectedVersion: null, values: claimFormValues(), userId: alice });
    expect(() => changeClaimStatus(draft.id, draft.version, 'publish', '', alice)).toThrow(/at least one citation/);
    const cited = addCitation(
      draft.id,
      draft.version,
      { sourceId: sourceIdOf('foxbiz-purdy-denial'), role: 'reports', quote: '', locator: '' },
      alice,
    );
    changeClaimStatus(draft.id, cited, 'publish', '', alice);
    expect(getClaimBySlug(draft.slug)).toBeNull();
    expect(getDb().$client.prepare('select desk_state from claims where id = ?').get(draft.id)).toEqual({
      desk_state: 'in_review',
    });

    const proposal = pending(draft.id);
    expect(() => approveProposal(proposal.id, alice)).toThrow(ReviewError);
    expect(() => approveProposal(proposal.id, alice)).toThrow(/your own change/);
    expect(getClaimBySlug(draft.slug)).toBeNull();

    approveProposal(proposal.id, bob);
    const page = getClaimBySlug(draft.slug)!;
    expect(page.claim.status).toBe('published');
    expect(page.bylines).toEqual({ author: 'Alice Author', reviewer: 'Bob Reviewer', independentlyReviewed: true });
    const history = listRevisions('claim', draft.id)[0];
    expect(history.summary).toMatch(/proposed by Alice Author, approved by Bob Reviewer/);
  });

  it('is refused at approval when the draft changed after it was submitted', () => {
    const { id } = publishedClaim(alice, bob);
    const draft = saveEntry('claims', { id: null, expectedVersion: null, values: claimFormValues(), userId: alice });
    const cited = addCitation(
      draft.id,
      draft.version,
      { sourceId: sourceIdOf('foxbiz-purdy-denial'), role: 'reports', quote: '', locator: '' },
      alice,
    );
    changeClaimStatus(draft.id, cited, 'publish', '', alice);
    const proposal = pending(draft.id);
    saveEntry('claims', {
      id: draft.id,
      expectedVersion: cited,
      values: claimFormValues({ verdictId: 'false' }),
      userId: alice,
    });
    expect(() => approveProposal(proposal.id, bob)).toThrow(/changed after this was submitted/);
    expect(getClaimBySlug(draft.slug)).toBeNull();
    expect(id).toBeGreaterThan(0);
  });
});

describe('a change to a public claim', () => {
  it('leaves the page and the API unchanged until approved: an edit, a retraction, an un-retraction and a restore', async () => {
    const { id, slug } = publishedClaim(alice, bob);
    const api = () => claimResponse(new Request(`http://example.org/api/claims/${slug}`), slug).text();
    const seen = async () => ({ reader: readerView(slug), api: await api() });

    // An edit.
    let before = await seen();
    edit(id, { verdictId: 'false', verdictExplanation: 'The record shows otherwise.' });
    expect(getClaimForEdit(id, alice)!.entry.values.verdictId).toBe('false'); // the working copy
    expect(await seen()).toEqual(before);
    addPublicNote(id, version(id), 'correction', 'The verdict was changed from Unproven to False.', alice);
    expect(await seen()).toEqual(before);
    approveProposal(pending(id).id, bob);
    let after = readerView(slug)!;
    expect(after.content.verdict).toBe('false');
    expect(after.log.map((e) => [e.kind, e.note])).toEqual([
      ['correction', 'The verdict was changed from Unproven to False.'],
    ]);

    // A retraction.
    before = await seen();
    changeClaimStatus(id, version(id), 'retract', 'The quote was misattributed.', alice);
    expect(await seen()).toEqual(before);
    approveProposal(pending(id).id, bob);
    expect(readerView(slug)!.content.status).toBe('retracted');

    // An un-retraction needs its note, and keeps the retraction in the log.
    before = await seen();
    expect(() => changeClaimStatus(id, version(id), 'publish', '', alice)).toThrow(/un-retraction needs a note/);
    changeClaimStatus(id, version(id), 'publish', 'The attribution was confirmed.', alice);
    expect(await seen()).toEqual(before);
    approveProposal(pending(id).id, bob);
    after = readerView(slug)!;
    expect(after.content.status).toBe('published');
    expect(after.log.map((e) => e.kind)).toEqual(['correction', 'retraction', 'republication']);

    // A restore of the first published version brings back the old verdict only once approved.
    before = await seen();
    const first = listRevisions('claim', id).find((r) => /^Published/.test(r.summary ?? ''))!;
    restoreRevision('claims', { id, version: first.version, expectedVersion: version(id), userId: alice });
    expect(await seen()).toEqual(before);
    expect(() => approveProposal(pending(id).id, bob)).toThrow(/not been submitted/);
    expect(() => addPublicNote(id, version(id), 'correction', '', alice)).toThrow(PublishingRuleError);
    addPublicNote(id, version(id), 'correction', 'The verdict is Unproven again: the record was misread.', alice);
    approveProposal(pending(id).id, bob);
    after = readerView(slug)!;
    expect(after.content.verdict).toBe('unproven');
    expect(after.content.status).toBe('published'); // a restore brings back content, not a status
    expect(after.log).toHaveLength(4);
  });

  it('needs a log entry to submit, and refuses the author’s own approval', () => {
    const { id, slug } = publishedClaim(alice, bob);
    edit(id, { analysis: 'A longer analysis.' });
    expect(() => addPublicNote(id, version(id), 'update', '  ', alice)).toThrow(/write what has changed/);
    expect(() => approveProposal(pending(id).id, bob)).toThrow(/not been submitted/);
    addPublicNote(id, version(id), 'update', 'The analysis now covers the May rule.', alice);
    expect(() => approveProposal(pending(id).id, alice)).toThrow(/your own change/);
    expect(readerView(slug)!.content.analysis).toBe('A first analysis.');
    // Another editor cannot change the claim while Alice's change waits.
    expect(() => edit(id, { analysis: 'Bob’s version.' }, bob)).toThrow(/waiting for review/);
  });

  it('is refused at approval when the claim moved on since the proposal was made', () => {
    const { id, slug } = publishedClaim(alice, bob);
    edit(id, { venue: 'Radio interview' });
    addPublicNote(id, version(id), 'correction', 'The venue was corrected.', alice);
    // Something else (a content import, say) wrote the row meanwhile.
    getDb().$client.prepare('update claims set version = version + 1 where id = ?').run(id);
    expect(() => approveProposal(pending(id).id, bob)).toThrow(/changed after this was submitted/);
    expect(readerView(slug)!.log).toEqual([]);
  });

  it('can be returned with a note that is kept; the author edits and resubmits', () => {
    const { id, slug } = publishedClaim(alice, bob);
    edit(id, { verdictExplanation: 'Too strong a word.' });
    addPublicNote(id, version(id), 'correction', 'Explanation reworded.', alice);
    const first = pending(id);
    expect(() => returnProposal(first.id, bob, '')).toThrow(/Say what needs to change/);
    returnProposal(first.id, bob, 'Cite the May rule before changing this.');
    expect(openProposal(id)!.status).toBe('returned');
    expect(getClaimForEdit(id, alice)!.entry.values.verdictExplanation).toBe('Too strong a word.');

    edit(id, { verdictExplanation: 'Reworded, citing the May rule.' });
    addPublicNote(id, version(id), 'correction', 'Explanation reworded after review.', alice);
    const second = pending(id);
    expect(second.id).not.toBe(first.id);
    approveProposal(second.id, bob);
    expect(readerView(slug)!.content.explanation).toBe('Reworded, citing the May rule.');
    const reviews = listProposals(id).map((p) => [p.status, p.reviewNote, p.reviewedByName]);
    expect(reviews).toEqual([
      ['approved', null, 'Bob Reviewer'],
      ['returned', 'Cite the May rule before changing this.', 'Bob Reviewer'],
      ['approved', null, 'Bob Reviewer'],
    ]);
  });

  it('may be approved by its author only with REVIEW_RULE=off, and is then marked not independently reviewed', () => {
    const { id, slug } = publishedClaim(alice, bob);
    edit(id, { analysis: 'Self-reviewed analysis.' });
    addPublicNote(id, version(id), 'update', 'Analysis extended.', alice);
    expect(() => approveProposal(pending(id).id, alice)).toThrow(/your own change/);
    process.env.REVIEW_RULE = 'off';
    approveProposal(pending(id).id, alice);
    const page = getClaimBySlug(slug)!;
    expect(page.claim.analysis).toBe('Self-reviewed analysis.');
    expect(page.bylines?.independentlyReviewed).toBe(false);
    expect(listProposals(id)[0].selfApproved).toBe(true);
  });

  it('is never an unpublish: a public claim is retracted instead', () => {
    const { id, slug } = publishedClaim(alice, bob);
    expect(() => changeClaimStatus(id, version(id), 'unpublish', '', alice)).toThrow(/retract it instead/);
    expect(readerView(slug)!.content.status).toBe('published');
  });
});

describe('who may act on a pending change', () => {
  it('lets only its author withdraw it, and never acts on it through another claim', () => {
    const claim = publishedClaim(alice, bob);
    edit(claim.id, { verdictExplanation: 'A sharper explanation, waiting for review.' });
    const proposal = pending(claim.id);
    expect(() => withdrawProposal(proposal.id, bob)).toThrow(/Only the editor who made this change/);
    const other = publishedClaim(alice, bob);
    expect(() => approveProposal(proposal.id, bob, other.id)).toThrow(EntryNotFoundError);
    expect(() => returnProposal(proposal.id, bob, 'Say more.', other.id)).toThrow(EntryNotFoundError);
    expect(pending(claim.id).status).toBe('pending');
    withdrawProposal(proposal.id, alice, claim.id);
    expect(openProposal(claim.id)?.status ?? 'none').not.toBe('pending');
  });
});
