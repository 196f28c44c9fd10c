/**
 * Merging and deleting entries (decision 8) on the real dataset in this file's own SQLite: every
 * kind of link moves to the entry kept and identical ones are dropped, the removed entry's
 * addresses redirect to the kept one, both histories record it and search is told; a public
 * claim's merge waits for a second editor and then writes its public note; deleting is refused
 * while anything refers to an entry (naming what does), never allowed for a public claim, and
 * keeps the revisions; content:export still round-trips.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb, migrateDatabase, openDatabase } from '../../db/client';
import { getDataVersion } from '../../db/data-version';
import { insertClaim, insertSource } from '../factories';
import { claimFormValues, insertEditor, publishedClaim, readerView } from '../review-helpers';
import { exportContent } from '~/content/export.server';
import { importContent } from '~/content/import.server';
import { KINDS, type EntryKind } from '~/domain';
import { getClaimBySlug } from '~/models/claim-detail.server';
import { addCitation, addPublicNote } from '~/models/claim-editor.server';
import { DeleteRefusedError, deleteEntry, planDeletion } from '~/models/delete.server';
import { findRenamedSlug, redirectIfRenamed } from '~/models/entry-redirects.server';
import { getRemovedEntry, goneMessage } from '~/models/entry-removals.server';
import { saveEntry } from '~/models/entry.server';
import { MergeError, mergeEntries, planMerge, type MergeKind } from '~/models/merge.server';
import { openProposal, ReviewError } from '~/models/proposal.server';
import { approveProposal, listProposals } from '~/models/review.server';
import { listRevisions } from '~/models/revision.server';
import { getSourceBySlug } from '~/models/source.server';

const raw = () => getDb().$client;
const one = <T>(query: string, ...params: unknown[]) =>
  raw()
    .prepare(query)
    .get(...params) as T;
const all = <T>(query: string, ...params: unknown[]) =>
  raw()
    .prepare(query)
    .all(...params) as T[];
const idOf = (table: string, slug: string) => one<{ id: number }>(`select id from ${table} where slug = ?`, slug).id;
const versionOf = (table: string, id: number) =>
  one<{ version: number }>(`select version from ${table} where id = ?`, id).version;
const count = (query: string, ...params: unknown[]) => one<{ n: number }>(query, ...params).n;

let made = 0;
function insertEntity(kind: 'person' | 'organisation', name: string, affiliationId: number | null = null): number {
  made += 1;
  return Number(
    raw()
      .prepare('insert into entities (slug, kind, name, affiliation_id) values (?, ?, ?, ?)')
      .run(`${name.toLowerCase().replace(/\W+/g, '-')}-${made}`, kind, name, affiliationId).lastInsertRowid,
  );
}
function insertCase(caption: string): number {
  made += 1;
  return Number(
    raw().prepare("insert into cases (slug, caption, court) values (?, ?, 'E.D.N.Y.')").run(`case-${made}`, caption)
      .lastInsertRowid,
  );
}

/** Merges with the versions as they now are (what a fresh preview would carry). */
function merge(kind: MergeKind, keepId: number, removeId: number, userId: number) {
  const table = KINDS[kind].table;
  return mergeEntries(kind, {
    keepId,
    removeId,
    keepVersion: versionOf(table, keepId),
    removeVersion: versionOf(table, removeId),
    userId,
  });
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected it to throw');
}

/** The 301 or 410 a public address answers, as the page routes see it (null: they answer 404). */
function publicAnswer(kind: EntryKind, slug: string): { status: number; location: string | null } | null {
  try {
    redirectIfRenamed(kind, slug);
    return null;
  } catch (response) {
    if (!(response instanceof Response)) throw response;
    return { status: response.status, location: response.headers.get('Location') };
  }
}

const changedRefsSince = (version: number) =>
  all<{ ref: string }>('select distinct ref from content_changes where data_version > ?', version).map((r) => r.ref);

let alice: number;
let bob: number;

beforeAll(() => {
  importContent(getDb(), path.resolve('content'));
  alice = insertEditor('Alice Merger');
  bob = insertEditor('Bob Reviewer');
});

describe('merging sources', () => {
  it('moves citations (dropping identical ones), case sources and events, and redirects both old slugs', () => {
    const keep = insertSource({ title: 'Huawei chip rule report', publisher: 'fox-business' });
    const copy = insertSource({ title: 'Huawei chip rule report (copy)', publisher: 'fox-business' });
    // The copy was renamed once: that old slug must lead to the kept source too.
    raw()
      .prepare("insert into slug_redirects (entity_kind, old_slug, entity_id) values ('source', ?, ?)")
      .run(`${copy.slug}-old`, copy.id);
    const claimA = insertClaim({
      citations: [
        { source: keep.slug, role: 'reports', quote: 'same words' },
        { source: copy.slug, role: 'reports', quote: 'same words' },
        { source: copy.slug, role: 'context', quote: 'other words' },
      ],
    });
    const claimB = insertClaim({ citations: [{ source: copy.slug, role: 'evidence_for' }] });
    const courtCase = insertCase('United States v. Merge');
    raw()
      .prepare('insert into case_sources (case_id, source_id, position) values (?, ?, 0), (?, ?, 1)')
      .run(courtCase, keep.id, courtCase, copy.id);
    raw()
      .prepare(
        "insert into case_events (case_id, occurred_on, description, source_id) values (?, '2020-02-13', 'Filed', ?)",
      )
      .run(courtCase, copy.id);

    const plan = planMerge('sources', keep.id, copy.id);
    expect(plan.needsReview).toBe(false);
    expect(plan.refusals).toEqual([]);
    expect(plan.moves).toEqual([
      { label: 'citations', count: 3, dropped: 1 },
      { label: 'court cases listing it as a source', count: 1, dropped: 1 },
      { label: 'court case events citing it', count: 1, dropped: 0 },
    ]);

    const before = getDataVersion(raw());
    expect(merge('sources', keep.id, copy.id, alice).done).toBe('merged');

    expect(
      all('select source_id as s, role, quote from citations where claim_id = ? order by position, id', claimA.id),
    ).toEqual([
      { s: keep.id, role: 'reports', quote: 'same words' },
      { s: keep.id, role: 'context', quote: 'other words' },
    ]);
    expect(all('select source_id as s from citations where claim_id = ?', claimB.id)).toEqual([{ s: keep.id }]);
    expect(all('select source_id as s from case_sources where case_id = ?', courtCase)).toEqual([{ s: keep.id }]);
    expect(one('select source_id as s from case_events where case_id = ?', courtCase)).toEqual({ s: keep.id });
    expect(count('select count(*) as n from sources where id = ?', copy.id)).toBe(0);

    // Old addresses: the page and the API follow the redirect; nothing answers Gone.
    expect(findRenamedSlug(KINDS.sources, copy.slug)).toBe(keep.slug);
    expect(findRenamedSlug(KINDS.sources, `${copy.slug}-old`)).toBe(keep.slug);
    expect(publicAnswer('sources', copy.slug)).toEqual({ status: 301, location: `/sources/${keep.slug}` });
    expect(getSourceBySlug(copy.slug)).toBeNull();

    // Both histories; the removed one's last revision is its last snapshot.
    const removedHistory = listRevisions('source', copy.id);
    expect(removedHistory[0]).toMatchObject({
      version: 2,
      summary: `Merged into “${keep.title}” (${keep.slug})`,
      userName: 'Alice Merger',
    });
    expect(removedHistory[0].snapshot).toMatchObject({ slug: copy.slug, title: copy.title });
    expect(listRevisions('source', keep.id)[0]).toMatchObject({
      version: 2,
      summary: `Merged “${copy.title}” (${copy.slug}) into this`,
    });
    expect(getRemovedEntry('sources', copy.id)).toMatchObject({
      reason: 'merged',
      slug: copy.slug,
      mergedInto: { id: keep.id, slug: keep.slug, exists: true },
      removedByName: 'Alice Merger',
    });

    // Search hears of both sources and of what showed the removed one.
    expect(changedRefsSince(before).sort()).toEqual(
      [`s${keep.id}`, `s${copy.id}`, `c${claimA.id}`, `c${claimB.id}`, `k${courtCase}`].sort(),
    );
  });

  it('refuses to merge a source with itself or with nothing, and a stale preview', () => {
    const source = insertSource();
    expect(thrown(() => planMerge('sources', source.id, source.id))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/itself/),
    });
    expect(thrown(() => planMerge('sources', source.id, 999_999))).toMatchObject({ status: 404 });
    const other = insertSource();
    const stale = thrown(() =>
      mergeEntries('sources', {
        keepId: source.id,
        removeId: other.id,
        keepVersion: 1,
        removeVersion: 0,
        userId: alice,
      }),
    );
    expect(stale).toBeInstanceOf(MergeError);
    expect(stale).toMatchObject({ status: 409 });
    expect(getSourceBySlug(other.slug)).not.toBeNull();
  });
  it('keeps a pending change of a public claim pointing at the merged source (its working copy names it by its old slug)', () => {
    const keep = insertSource({ title: 'The original report' });
    const copy = insertSource({ title: 'The copied report' });
    const claim = publishedClaim(alice, bob, { statement: 'A claim whose change waits while its source is merged' });
    // Alice cites the copy in a change to the public claim, and submits it with its note.
    addCitation(
      claim.id,
      versionOf('claims', claim.id),
      { sourceId: copy.id, role: 'evidence_for', quote: '', locator: '' },
      alice,
    );
    addPublicNote(claim.id, versionOf('claims', claim.id), 'update', 'Added evidence.', alice);
    merge('sources', keep.id, copy.id, bob);

    approveProposal(openProposal(claim.id)!.id, bob);

    expect(getClaimBySlug(claim.slug)!.citations.map((c) => c.source.slug)).toContain(keep.slug);
  });
});

describe('merging people and organisations', () => {
  it('moves speakers, subjects, publishers, affiliations and defendants, dropping what is already there', () => {
    const keep = insertEntity('organisation', 'Huawei Merge Co');
    const copy = insertEntity('organisation', 'Huawei Merge Company');
    const employee = insertEntity('person', 'Affiliated Person', copy);
    // The kept organisation belonged to the copy: it must not end up belonging to itself.
    raw().prepare('update entities set affiliation_id = ? where id = ?').run(copy, keep);
    const said = insertClaim();
    raw().prepare('update claims set speaker_id = ? where id = ?').run(copy, said.id);
    const about = insertClaim();
    raw()
      .prepare('insert into claim_subjects (claim_id, entity_id) values (?, ?), (?, ?)')
      .run(about.id, keep, about.id, copy);
    const published = insertSource();
    raw().prepare('update sources set publisher_id = ? where id = ?').run(copy, published.id);
    const courtCase = insertCase('United States v. Merge Company');
    raw()
      .prepare(
        "insert into case_defendants (case_id, entity_id, note, position) values (?, ?, 'kept', 0), (?, ?, 'copy', 1)",
      )
      .run(courtCase, keep, courtCase, copy);

    expect(planMerge('organisations', keep, copy).moves.map((m) => [m.label, m.count, m.dropped])).toEqual([
      ['claims said by it', 1, 0],
      ['claims about it', 1, 1],
      ['sources it published', 1, 0],
      ['people and organisations affiliated with it', 2, 1],
      ['court cases naming it as a defendant', 1, 1],
    ]);
    merge('organisations', keep, copy, alice);

    expect(one('select speaker_id as e from claims where id = ?', said.id)).toEqual({ e: keep });
    expect(all('select entity_id as e from claim_subjects where claim_id = ?', about.id)).toEqual([{ e: keep }]);
    expect(one('select publisher_id as e from sources where id = ?', published.id)).toEqual({ e: keep });
    expect(one('select affiliation_id as e from entities where id = ?', employee)).toEqual({ e: keep });
    expect(one('select affiliation_id as e from entities where id = ?', keep)).toEqual({ e: null });
    expect(all('select entity_id as e, note from case_defendants where case_id = ?', courtCase)).toEqual([
      { e: keep, note: 'kept' },
    ]);
    const slug = getRemovedEntry('organisations', copy)!.slug;
    const keptSlug = one<{ slug: string }>('select slug from entities where id = ?', keep).slug;
    expect(publicAnswer('organisations', slug)).toEqual({ status: 301, location: `/organisations/${keptSlug}` });
  });

  it('refuses a person and an organisation, with a plain message', () => {
    const person = insertEntity('person', 'Someone Single');
    const organisation = insertEntity('organisation', 'Some Organisation');
    const error = thrown(() => planMerge('people', person, organisation));
    expect(error).toBeInstanceOf(MergeError);
    expect(error).toMatchObject({ status: 400, message: 'That is an organisation: only two people can be merged.' });
  });
});

describe('merging claims', () => {
  it('merges two drafts at once: citations, relations both ways, topics, subjects, cases and tips', () => {
    const source = insertSource();
    const keep = saveEntry('claims', {
      id: null,
      expectedVersion: null,
      values: claimFormValues({ statement: 'Kept draft' }),
      userId: alice,
    });
    const copy = saveEntry('claims', {
      id: null,
      expectedVersion: null,
      values: claimFormValues({ statement: 'Copy draft' }),
      userId: alice,
    });
    const third = insertClaim({ statement: 'A third claim' });
    const fourth = insertClaim({ statement: 'A fourth claim' });
    const ins = raw().prepare(
      'insert into citations (claim_id, source_id, role, quote, position) values (?, ?, ?, ?, ?)',
    );
    ins.run(keep.id, source.id, 'reports', 'the words', 0);
    ins.run(copy.id, source.id, 'reports', 'the words', 0);
    ins.run(copy.id, source.id, 'context', null, 1);
    const rel = raw().prepare('insert into claim_relations (from_claim_id, to_claim_id, kind) values (?, ?, ?)');
    rel.run(copy.id, keep.id, 'supports'); // would become a self-relation: dropped
    rel.run(keep.id, copy.id, 'rebuts'); // likewise
    rel.run(copy.id, third.id, 'rebuts'); // moves
    rel.run(keep.id, third.id, 'disputes');
    rel.run(copy.id, third.id, 'disputes'); // the kept claim has it already: dropped
    rel.run(fourth.id, copy.id, 'responds_to'); // incoming: moves
    const topic = (slug: string) => idOf('topics', slug);
    raw()
      .prepare('insert into claim_topics (claim_id, topic_id) values (?, ?), (?, ?), (?, ?)')
      .run(keep.id, topic('huawei'), copy.id, topic('huawei'), copy.id, topic('5g-networks'));
    raw()
      .prepare('insert into claim_subjects (claim_id, entity_id) values (?, ?)')
      .run(copy.id, idOf('entities', 'andy-purdy'));
    raw()
      .prepare("insert into claim_cases (claim_id, case_id, role) values (?, ?, 'about')")
      .run(copy.id, idOf('cases', 'us-v-huawei-edny'));
    const tip = Number(
      raw()
        .prepare(
          "insert into tips (kind, statement, status, result_claim_id) values ('claim', 'A tip', 'converted', ?)",
        )
        .run(copy.id).lastInsertRowid,
    );

    expect(planMerge('claims', keep.id, copy.id)).toMatchObject({ needsReview: false, publicNote: null, refusals: [] });
    expect(merge('claims', keep.id, copy.id, alice).done).toBe('merged');

    expect(all('select role, quote from citations where claim_id = ? order by position', keep.id)).toEqual([
      { role: 'reports', quote: 'the words' },
      { role: 'context', quote: null },
    ]);
    expect(
      all(
        'select from_claim_id as f, to_claim_id as t, kind from claim_relations where ? in (from_claim_id, to_claim_id) order by id',
        keep.id,
      ),
    ).toEqual([
      { f: keep.id, t: third.id, kind: 'rebuts' },
      { f: keep.id, t: third.id, kind: 'disputes' },
      { f: fourth.id, t: keep.id, kind: 'responds_to' },
    ]);
    expect(all('select topic_id as t from claim_topics where claim_id = ? order by topic_id', keep.id)).toEqual(
      [{ t: topic('huawei') }, { t: topic('5g-networks') }].sort((a, b) => a.t - b.t),
    );
    expect(count('select count(*) as n from claim_subjects where claim_id = ?', keep.id)).toBe(1);
    expect(count('select count(*) as n from claim_cases where claim_id = ?', keep.id)).toBe(1);
    expect(one('select result_claim_id as c from tips where id = ?', tip)).toEqual({ c: keep.id });
    expect(findRenamedSlug(KINDS.claims, copy.slug)).toBe(keep.slug);
    // A draft was never public: its old address is no 410.
    expect(publicAnswer('claims', copy.slug)).toEqual({ status: 301, location: `/claims/${keep.slug}` });
    expect(listRevisions('claim', copy.id).map((r) => r.version)).toEqual([2, 1]);
  });

  it('refuses to merge a public claim into a draft', () => {
    const published = publishedClaim(alice, bob, { statement: 'A public claim to keep' });
    const draft = saveEntry('claims', { id: null, expectedVersion: null, values: claimFormValues(), userId: alice });
    const plan = planMerge('claims', draft.id, published.id);
    expect(plan.refusals).toEqual([expect.stringMatching(/keep the public one/)]);
    expect(thrown(() => merge('claims', draft.id, published.id, alice))).toMatchObject({ status: 409 });
  });

  it('makes a public claim merge wait for a second editor; approval moves everything and writes the public note', () => {
    const keep = publishedClaim(alice, bob, { statement: 'Huawei equipment has no back doors.' });
    const copy = publishedClaim(alice, bob, { statement: 'Huawei gear contains no backdoors at all.' });
    const source = insertSource();
    raw()
      .prepare("insert into citations (claim_id, source_id, role, position) values (?, ?, 'evidence_against', 5)")
      .run(copy.id, source.id);
    const keptBefore = readerView(keep.slug)!;
    const reviewsOfCopy = listProposals(copy.id).length;

    const plan = planMerge('claims', keep.id, copy.id);
    expect(plan.needsReview).toBe(true);
    expect(plan.publicNote).toBe(
      `This fact-check was merged with “Huawei gear contains no backdoors at all.” (formerly at /claims/${copy.slug}).`,
    );
    const outcome = merge('claims', keep.id, copy.id, alice);
    expect(outcome.done).toBe('proposed');

    // Nothing readers see has changed; the copy still answers at its address.
    expect(readerView(keep.slug)).toEqual(keptBefore);
    expect(getClaimBySlug(copy.slug)).not.toBeNull();
    // The proposer cannot approve it, and nobody can edit the kept claim meanwhile.
    const proposal = openProposal(keep.id)!;
    expect(proposal).toMatchObject({ kind: 'merge', mergedClaimId: copy.id, publicNoteKind: 'update' });
    expect(thrown(() => approveProposal(proposal.id, alice))).toMatchObject({ status: 403 });
    const editing = thrown(() =>
      saveEntry('claims', {
        id: keep.id,
        expectedVersion: versionOf('claims', keep.id),
        values: claimFormValues({ statement: 'Changed meanwhile' }),
        userId: alice,
      }),
    );
    expect(editing).toBeInstanceOf(ReviewError);
    expect(editing).toMatchObject({ status: 409 });
    const editingCopy = thrown(() =>
      saveEntry('claims', {
        id: copy.id,
        expectedVersion: versionOf('claims', copy.id),
        values: claimFormValues({ statement: 'The copy changed meanwhile' }),
        userId: bob,
      }),
    );
    expect(editingCopy).toMatchObject({ status: 409, message: expect.stringMatching(/proposed merging this claim/) });
    // A second merge of either claim waits too.
    const other = publishedClaim(alice, bob);
    expect(planMerge('claims', other.id, copy.id).refusals).toEqual([expect.stringMatching(/waiting for review/)]);

    approveProposal(proposal.id, bob);

    const kept = getClaimBySlug(keep.slug)!;
    expect(kept.citations.map((c) => c.source.slug)).toContain(source.slug);
    expect(kept.corrections.at(-1)).toMatchObject({ kind: 'update', note: plan.publicNote });
    expect(getClaimBySlug(copy.slug)).toBeNull();
    expect(publicAnswer('claims', copy.slug)).toEqual({ status: 301, location: `/claims/${keep.slug}` });
    expect(listRevisions('claim', keep.id)[0].summary).toMatch(
      /^Merged “Huawei gear contains no backdoors at all\.” .* into this \(proposed by Alice Merger, approved by Bob Reviewer\) · update: This fact-check was merged/,
    );
    expect(listRevisions('claim', copy.id)[0].summary).toBe(
      `Merged into “Huawei equipment has no back doors.” (${keep.slug}) (proposed by Alice Merger, approved by Bob Reviewer)`,
    );
    // The removed claim's review history and public log stay in its history.
    expect(listProposals(copy.id)).toHaveLength(reviewsOfCopy);
    expect(listProposals(keep.id)[0]).toMatchObject({
      kind: 'merge',
      status: 'approved',
      reviewedByName: 'Bob Reviewer',
    });
    expect(getRemovedEntry('claims', copy.id)).toMatchObject({ reason: 'merged', mergedInto: { id: keep.id } });
  });

  it('refuses an approval when the claims changed after the merge was proposed', () => {
    const keep = publishedClaim(alice, bob);
    const copy = saveEntry('claims', {
      id: null,
      expectedVersion: null,
      values: claimFormValues({ statement: 'Draft copy' }),
      userId: alice,
    });
    merge('claims', keep.id, copy.id, alice);
    const proposal = openProposal(keep.id)!;
    expect(proposal.publicNote).toBe(
      'This fact-check was merged with a duplicate draft; its sources and links were added here.',
    );
    // The draft gains a citation after the merge was proposed: the reviewer did not see it.
    raw()
      .prepare("insert into citations (claim_id, source_id, role, position) values (?, ?, 'context', 0)")
      .run(copy.id, insertSource().id);
    expect(thrown(() => approveProposal(proposal.id, bob))).toMatchObject({
      status: 409,
      message: expect.stringMatching(/changed after this merge/),
    });
    expect(getEntryExists('claims', copy.id)).toBe(true);
  });
});

const getEntryExists = (table: string, id: number) =>
  count(`select count(*) as n from ${table} where id = ?`, id) === 1;

describe('deleting', () => {
  it('refuses an entry something refers to, listing what does, and changes nothing', () => {
    const source = insertSource({ title: 'A cited report' });
    const citing = insertClaim({ statement: 'Cites the report', citations: [{ source: source.slug }] });
    const alsoCiting = insertClaim({
      statement: 'Cites it too',
      citations: [{ source: source.slug, role: 'context' }],
    });
    const courtCase = insertCase('United States v. Cited');
    raw().prepare('insert into case_sources (case_id, source_id) values (?, ?)').run(courtCase, source.id);
    const plan = planDeletion('sources', source.id)!;
    expect(plan.refusal).toBe(
      'This source cannot be deleted while 3 other entries refer to it. Change them first, or merge this source into another.',
    );
    expect(plan.referenceCount).toBe(3);
    expect(plan.references).toEqual([
      { kind: 'claims', id: citing.id, title: 'Cites the report', how: 'cites it' },
      { kind: 'claims', id: alsoCiting.id, title: 'Cites it too', how: 'cites it' },
      { kind: 'cases', id: courtCase, title: 'United States v. Cited', how: 'lists it as a source' },
    ]);
    const error = thrown(() => deleteEntry('sources', source.id, source.version, alice));
    expect(error).toBeInstanceOf(DeleteRefusedError);
    expect(getSourceBySlug(source.slug)).not.toBeNull();

    const purdy = idOf('entities', 'andy-purdy');
    expect(planDeletion('people', purdy)!.references.map((r) => r.how)).toContain('said by it');
    const target = insertClaim({ statement: 'Linked to' });
    insertClaim({ relations: [{ kind: 'rebuts', claim: target.slug }] });
    expect(planDeletion('claims', target.id)!.references).toEqual([
      expect.objectContaining({ kind: 'claims', how: 'Rebuts it' }),
    ]);
  });

  it('never deletes a published claim', () => {
    const published = publishedClaim(alice, bob);
    expect(planDeletion('claims', published.id)!.refusal).toMatch(/Retract it instead/);
    expect(thrown(() => deleteEntry('claims', published.id, versionOf('claims', published.id), alice))).toBeInstanceOf(
      DeleteRefusedError,
    );
  });

  it('deletes a draft and keeps its revisions, ending with "Deleted"; its address is a plain 404', () => {
    const draft = saveEntry('claims', {
      id: null,
      expectedVersion: null,
      values: claimFormValues({ statement: 'A duplicate draft' }),
      userId: alice,
    });
    const tip = Number(
      raw()
        .prepare("insert into tips (kind, statement, status, result_claim_id) values ('claim', 'Tip', 'converted', ?)")
        .run(draft.id).lastInsertRowid,
    );
    expect(planDeletion('claims', draft.id)).toMatchObject({ refusal: null, referenceCount: 0 });
    expect(thrown(() => deleteEntry('claims', draft.id, draft.version + 1, alice))).toMatchObject({
      name: 'ConflictError',
    });

    expect(deleteEntry('claims', draft.id, draft.version, alice)).toBe(true);

    expect(getEntryExists('claims', draft.id)).toBe(false);
    const history = listRevisions('claim', draft.id);
    expect(history.map((r) => [r.version, r.summary])).toEqual([
      [2, 'Deleted'],
      [1, null],
    ]);
    expect(history[0].snapshot).toMatchObject({ slug: draft.slug, statement: 'A duplicate draft' });
    expect(getRemovedEntry('claims', draft.id)).toMatchObject({
      reason: 'deleted',
      mergedInto: null,
      removedByName: 'Alice Merger',
    });
    expect(one('select status, result_claim_id as c from tips where id = ?', tip)).toEqual({ status: 'new', c: null });
    expect(publicAnswer('claims', draft.slug)).toBeNull();
    expect(deleteEntry('claims', draft.id, draft.version, alice)).toBe(false);
  });

  it('deletes a source nothing cites; its address (and an old one) answers 410 Gone', () => {
    const source = insertSource({ title: 'An uncited report' });
    raw()
      .prepare("insert into slug_redirects (entity_kind, old_slug, entity_id) values ('source', ?, ?)")
      .run(`${source.slug}-before`, source.id);
    deleteEntry('sources', source.id, source.version, alice);
    expect(getSourceBySlug(source.slug)).toBeNull();
    expect(publicAnswer('sources', source.slug)).toEqual({ status: 410, location: null });
    expect(publicAnswer('sources', `${source.slug}-before`)).toEqual({ status: 410, location: null });
    expect(goneMessage('sources', source.slug)).toMatch(/^This source was removed from the site on \d+ \w+ \d{4}\.$/);
  });
});

describe('content export after merges and deletes', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('still round-trips: export, import into a fresh database, export again gives the same files', () => {
    const temp = () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'merge-export-'));
      dirs.push(dir);
      return dir;
    };
    const first = temp();
    exportContent(getDb(), first);
    const fresh = openDatabase(path.join(temp(), 'fresh.db'));
    migrateDatabase(fresh);
    importContent(fresh, first);
    const second = temp();
    exportContent(fresh, second);
    fresh.$client.close();
    const files = (dir: string) =>
      fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
        .sort();
    expect(files(second)).toEqual(files(first));
    for (const file of files(first)) {
      expect(fs.readFileSync(path.join(second, file), 'utf8'), file).toBe(
        fs.readFileSync(path.join(first, file), 'utf8'),
      );
    }
  });
});
