/** The editors' model on a real database: sourcing rule, conflicts, revisions, restore, renames. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import {
  addCitation,
  addPublicNote,
  addRelation,
  changeClaimStatus,
  ClaimLinkError,
  getClaimForEdit,
  PublishingRuleError,
  removeCitation,
  removeRelation,
} from '~/models/claim-editor.server';
import { getClaimBySlug } from '~/models/claim-detail.server';
import { addCaseLink, removeCaseLink } from '~/models/claim-cases.server';
import { submitEntryPage } from '~/models/entry-page.server';
import { importContent } from '~/content/import.server';
import {
  ConflictError,
  findRenamedSlug,
  getEntryForEdit,
  getEntryOptions,
  restoreRevision,
  saveEntry,
  validateEntry,
} from '~/models/entry.server';
import { KIND_SPECS } from '~/domain';
import { openProposal } from '~/models/proposal.server';
import { approveProposal, withdrawProposal } from '~/models/review.server';
import { listRevisions } from '~/models/revision.server';
import { getSearchEngine, prepareSearch } from '~/search/index.server';
import { parseQuery } from '~/search/query';
import { claimFormValues, insertEditor } from '../review-helpers';

const claimValues = claimFormValues;

const editors = { author: 0, reviewer: 0 };
beforeAll(() => {
  importContent(getDb(), path.resolve('content'));
  prepareSearch(() => {});
  editors.author = insertEditor('Editor Author');
  editors.reviewer = insertEditor('Editor Reviewer');
});

function sourceId(slug: string): number {
  return (getDb().$client.prepare('select id from sources where slug = ?').get(slug) as { id: number }).id;
}

describe('the sourcing rule', () => {
  it('saves a draft without sources, refuses to publish it, and publishes once a source is cited', () => {
    const saved = saveEntry('claims', { id: null, expectedVersion: null, values: claimValues(), userId: null });
    expect(saved.slug).toBe('the-network-equipment-contains-no-hidden-access-points');
    expect(getEntryForEdit('claims', saved.id)!.status).toBe('draft');
    expect(getClaimBySlug(saved.slug)).toBeNull();

    expect(() => changeClaimStatus(saved.id, saved.version, 'publish', '', null)).toThrow(PublishingRuleError);
    expect(() => changeClaimStatus(saved.id, saved.version, 'publish', '', null)).toThrow(/at least one citation/);

    const v2 = addCitation(
      saved.id,
      saved.version,
      { sourceId: sourceId('foxbiz-purdy-denial'), role: 'reports', quote: 'hidden access', locator: '' },
      null,
    );
    // Publishing is submitted, then approved by a second editor (decision 6).
    expect(changeClaimStatus(saved.id, v2, 'publish', '', editors.author)).toBe(v2);
    expect(getClaimBySlug(saved.slug)).toBeNull();
    const v3 = approveProposal(openProposal(saved.id)!.id, editors.reviewer);
    expect(v3).toBe(v2 + 1);
    const page = getClaimBySlug(saved.slug);
    expect(page?.claim.status).toBe('published');
    expect(page?.citations).toHaveLength(1);

    // A published claim cannot lose its last source.
    expect(() => removeCitation(saved.id, v3, 1, editors.author)).toThrow(PublishingRuleError);
  });

  it('retracts with a reason that appears in the public log', () => {
    const claim = getEntryForEdit('claims', getClaimBySlug('commerce-license-review-process')!.claim.id)!;
    expect(() => changeClaimStatus(claim.id, claim.version, 'retract', '', null)).toThrow(/needs a note/);
    changeClaimStatus(claim.id, claim.version, 'retract', 'The quote was misattributed.', editors.author);
    expect(getClaimBySlug('commerce-license-review-process')!.claim.status).toBe('published');
    approveProposal(openProposal(claim.id)!.id, editors.reviewer);
    const page = getClaimBySlug('commerce-license-review-process')!;
    expect(page.claim.status).toBe('retracted');
    expect(page.claim.retractedAt).not.toBeNull();
    expect(page.corrections.map((c) => c.note)).toContain('The quote was misattributed.');
  });
});

describe('the public corrections and updates log', () => {
  it('logs a correction and an update as changes to the claim, kept in its history', () => {
    const id = getClaimBySlug('andy-purdy-denies-backdoor-access')!.claim.id;
    const before = getEntryForEdit('claims', id)!;
    // Each note is a change a second editor approves before it is public (decision 6).
    addPublicNote(id, before.version, 'correction', '  The interview aired on 13 February, not 14.  ', editors.author);
    expect(getClaimBySlug('andy-purdy-denies-backdoor-access')!.corrections).toEqual([]);
    const v1 = approveProposal(openProposal(id)!.id, editors.reviewer);
    expect(v1).toBe(before.version + 1);
    addPublicNote(id, v1, 'update', 'Huawei published a longer statement.', editors.author);
    const v2 = approveProposal(openProposal(id)!.id, editors.reviewer);
    const page = getClaimBySlug('andy-purdy-denies-backdoor-access')!;
    expect(page.corrections.map((c) => [c.kind, c.note])).toEqual([
      ['correction', 'The interview aired on 13 February, not 14.'],
      ['update', 'Huawei published a longer statement.'],
    ]);
    const history = listRevisions('claim', id).map((r) => [r.version, r.summary]);
    expect(history).toContainEqual([
      v1,
      expect.stringMatching(/correction: The interview aired on 13 February, not 14\.$/),
    ]);
    expect(history).toContainEqual([v2, expect.stringMatching(/update: Huawei published a longer statement\.$/)]);
  });

  it('refuses an empty note, a stale form and a claim that is not published, logging nothing', () => {
    const id = getClaimBySlug('andy-purdy-denies-backdoor-access')!.claim.id;
    const { version } = getEntryForEdit('claims', id)!;
    const logged = () => getClaimBySlug('andy-purdy-denies-backdoor-access')!.corrections.length;
    const count = logged();
    expect(() => addPublicNote(id, version, 'correction', '   ', null)).toThrow(/write what was corrected/);
    expect(() => addPublicNote(id, version - 1, 'update', 'Stale.', null)).toThrow(ConflictError);
    const draft = saveEntry('claims', { id: null, expectedVersion: null, values: claimValues(), userId: null });
    expect(() => addPublicNote(draft.id, draft.version, 'update', 'Too early.', null)).toThrow(/not published/);
    expect(logged()).toBe(count);
  });
});

describe('relations between claims', () => {
  /** The search refs logged with the newest data version. */
  const lastChanges = () =>
    (
      getDb()
        .$client.prepare(
          'select ref from content_changes where data_version = (select max(data_version) from content_changes) order by ref',
        )
        .all() as { ref: string }[]
    ).map((r) => r.ref);

  it('refreshes both claims in the same change when a link is added or removed', () => {
    const from = saveEntry('claims', { id: null, expectedVersion: null, values: claimValues(), userId: null });
    const to = getClaimBySlug('us-officials-huawei-backdoor-access')!.claim.id;
    const v2 = addRelation(from.id, from.version, { kind: 'rebuts', otherClaimId: to, note: '' }, null);
    expect(lastChanges()).toEqual([`c${from.id}`, `c${to}`].sort());
    const relationId = (
      getDb().$client.prepare('select id from claim_relations where from_claim_id = ?').get(from.id) as { id: number }
    ).id;
    removeRelation(from.id, v2, relationId, null);
    expect(lastChanges()).toEqual([`c${from.id}`, `c${to}`].sort());
    expect(
      getDb().$client.prepare('select count(*) as n from claim_relations where from_claim_id = ?').get(from.id),
    ).toEqual({
      n: 0,
    });
  });
});

describe('no lost edits', () => {
  it('refuses a save over a newer version', () => {
    const first = saveEntry('topics', {
      id: null,
      expectedVersion: null,
      values: { name: 'Lawful interception', slug: '', description: 'One.' },
      userId: null,
    });
    saveEntry('topics', {
      id: first.id,
      expectedVersion: 1,
      values: { name: 'Lawful interception', slug: '', description: 'Two.' },
      userId: null,
    });
    let conflict: unknown;
    try {
      saveEntry('topics', {
        id: first.id,
        expectedVersion: 1,
        values: { name: 'Lawful interception', slug: '', description: 'Stale.' },
        userId: null,
      });
    } catch (error) {
      conflict = error;
    }
    expect(conflict).toBeInstanceOf(ConflictError);
    expect((conflict as ConflictError).current.values.description).toBe('Two.');
    expect((conflict as ConflictError).yours.description).toBe('Stale.');
    expect(getEntryForEdit('topics', first.id)!.values.description).toBe('Two.');
  });
});

describe('history', () => {
  it('records every save and restores an old version as a new one', () => {
    const v1 = saveEntry('sources', {
      id: null,
      expectedVersion: null,
      values: {
        title: 'A report on lawful intercept',
        slug: '',
        kind: 'news_report',
        publisherId: '',
        authors: 'Jane Doe, John Roe',
        url: 'https://example.com/report',
        publishedOn: '2020-02',
        accessedOn: '',
        archiveUrl: '',
        note: '',
      },
      userId: null,
      summary: 'Created',
    });
    const edit = { ...getEntryForEdit('sources', v1.id)!.values, title: 'A corrected report title' };
    saveEntry('sources', { id: v1.id, expectedVersion: 1, values: edit, userId: null, summary: 'Fixed the title' });
    const revisions = listRevisions('source', v1.id);
    expect(revisions.map((r) => r.version)).toEqual([2, 1]);
    expect(revisions[0].summary).toBe('Fixed the title');
    expect(revisions[1].snapshot.title).toBe('A report on lawful intercept');
    // The snapshot is the entry's document: authors as the list the file writes.
    expect(revisions[1].snapshot.authors).toEqual(['Jane Doe', 'John Roe']);

    restoreRevision('sources', { id: v1.id, version: 1, expectedVersion: 2, userId: null });
    const restored = getEntryForEdit('sources', v1.id)!;
    expect(restored.version).toBe(3);
    expect(restored.values.title).toBe('A report on lawful intercept');
    expect(listRevisions('source', v1.id)[0].summary).toBe('Restored version 1');
  });

  it('keeps the old address working after a rename', () => {
    const topic = getDb().$client.prepare(`select id, version from topics where slug = 'semiconductors'`).get() as {
      id: number;
      version: number;
    };
    saveEntry('topics', {
      id: topic.id,
      expectedVersion: topic.version,
      values: { ...getEntryForEdit('topics', topic.id)!.values, slug: 'chips' },
      userId: null,
    });
    expect(findRenamedSlug(KIND_SPECS.topics, 'semiconductors')).toBe('chips');
  });

  it('makes a saved change searchable', () => {
    const topic = getDb().$client.prepare(`select id, version from topics where slug = 'sanctions'`).get() as {
      id: number;
      version: number;
    };
    saveEntry('topics', {
      id: topic.id,
      expectedVersion: topic.version,
      values: { ...getEntryForEdit('topics', topic.id)!.values, description: 'Embargoes and the Ocelotpath list.' },
      userId: null,
    });
    const hits = getSearchEngine().engine.search(parseQuery('ocelotpath')).hits;
    expect(hits.map((h) => h.meta.slug)).toContain('sanctions');
  });
});

describe('validation', () => {
  const options = () => getEntryOptions();
  it('refuses bad addresses, dates, slugs and unknown choices with field messages', () => {
    const result = validateEntry(
      'sources',
      {
        title: '',
        slug: 'Not A Slug',
        kind: 'pamphlet',
        publisherId: '99999',
        authors: '',
        url: 'javascript:alert(1)',
        publishedOn: '2020-02-30',
        accessedOn: 'yesterday',
        archiveUrl: 'ftp://example.com/x',
        note: '',
      },
      options(),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(
      ['accessedOn', 'archiveUrl', 'kind', 'publishedOn', 'publisherId', 'slug', 'title', 'url'].sort(),
    );
    expect(result.errors.url).toMatch(/http/);
  });

  it('keeps HTML as text: stored script is never markup', () => {
    const values = claimValues({
      statement: '<script>alert(1)</script> said nobody',
      analysis: '<img src=x onerror=alert(1)>',
    });
    const checked = validateEntry('claims', values, options());
    expect(checked.ok).toBe(true);
    const saved = saveEntry('claims', { id: null, expectedVersion: null, values: values, userId: null });
    expect(getEntryForEdit('claims', saved.id)!.values.statement).toBe('<script>alert(1)</script> said nobody');
  });
});

describe('citations', () => {
  const cite = (claimId: number, version: number, quote: string, role: 'reports' | 'context' = 'reports') =>
    addCitation(claimId, version, { sourceId: sourceId('foxbiz-purdy-denial'), role, quote, locator: '' }, null);

  it('refuses an identical citation (same source, role and quote, spacing aside), on a draft and on a working copy', () => {
    const draft = saveEntry('claims', { id: null, expectedVersion: null, values: claimValues(), userId: null });
    const v2 = cite(draft.id, draft.version, 'no hidden access points');
    expect(() => cite(draft.id, v2, '  no hidden\n access   points ')).toThrow(ClaimLinkError);
    expect(() => cite(draft.id, v2, 'no hidden access points')).toThrow(
      /already cites “Huawei exec denies US intelligence on China backdoor access” as “Reports the claim” with the same quote/,
    );
    // Another role, or another quote, is another citation; nothing was written by the refusals.
    const v3 = cite(draft.id, v2, 'no hidden access points', 'context');
    cite(draft.id, v3, 'other words');
    expect(getDb().$client.prepare('select count(*) as n from citations where claim_id = ?').get(draft.id)).toEqual({
      n: 3,
    });

    const id = getClaimBySlug('huawei-pleads-not-guilty')!.claim.id;
    const { version } = getEntryForEdit('claims', id)!;
    cite(id, version, 'A quote added to the working copy');
    expect(() => cite(id, version, 'A quote added to the working copy')).toThrow(ClaimLinkError);
    withdrawProposal(openProposal(id)!.id, editors.author, id);
  });
});

describe('links to court cases', () => {
  const caseId = () =>
    (getDb().$client.prepare(`select id from cases where slug = 'us-v-huawei-edny'`).get() as { id: number }).id;
  const linksOf = (claimId: number) =>
    getDb()
      .$client.prepare('select case_id as caseId, role, note from claim_cases where claim_id = ? order by role')
      .all(claimId);

  it('adds and removes a claim’s case links, each a revision whose snapshot lists them; a restore brings them back', () => {
    const draft = saveEntry('claims', { id: null, expectedVersion: null, values: claimValues(), userId: null });
    const v2 = addCaseLink(draft.id, draft.version, { caseId: caseId(), role: 'about', note: 'Its charges.' }, null);
    expect(() => addCaseLink(draft.id, v2, { caseId: caseId(), role: 'about', note: '' }, null)).toThrow(
      /already linked to United States v\. Huawei/,
    );
    expect(() => addCaseLink(draft.id, v2, { caseId: 999999, role: 'about', note: '' }, null)).toThrow(ClaimLinkError);
    const v3 = addCaseLink(draft.id, v2, { caseId: caseId(), role: 'cites', note: '' }, null);
    expect(linksOf(draft.id)).toEqual([
      { caseId: caseId(), role: 'about', note: 'Its charges.' },
      { caseId: caseId(), role: 'cites', note: null },
    ]);
    expect(listRevisions('claim', draft.id)[0].snapshot.cases).toEqual([
      { case: 'us-v-huawei-edny', role: 'about', note: 'Its charges.' },
      { case: 'us-v-huawei-edny', role: 'cites' },
    ]);
    const v4 = removeCaseLink(draft.id, v3, { caseId: caseId(), role: 'about' }, null);
    expect(linksOf(draft.id)).toEqual([{ caseId: caseId(), role: 'cites', note: null }]);
    expect(() => removeCaseLink(draft.id, v4, { caseId: caseId(), role: 'about' }, null)).toThrow(ClaimLinkError);

    restoreRevision('claims', { id: draft.id, version: v3, expectedVersion: v4, userId: null });
    expect(linksOf(draft.id)).toHaveLength(2);
  });

  it('on a published claim, links in the working copy and is public once approved', () => {
    const id = getClaimBySlug('us-officials-huawei-backdoor-access')!.claim.id;
    const before = linksOf(id);
    const { version } = getEntryForEdit('claims', id)!;
    addCaseLink(id, version, { caseId: caseId(), role: 'basis_of', note: 'The indictment.' }, editors.author);
    expect(linksOf(id)).toEqual(before);
    expect(getClaimForEdit(id, editors.author)!.links.cases.map((k) => k.role)).toContain('basis_of');
    addPublicNote(id, version, 'update', 'Linked the case.', editors.author);
    approveProposal(openProposal(id)!.id, editors.reviewer);
    expect(linksOf(id)).toContainEqual({ caseId: caseId(), role: 'basis_of', note: 'The indictment.' });
  });
});

describe('the editing page’s one form', () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [key, value] of Object.entries(fields)) data.append(key, value);
    return data;
  };
  const posted = (values: Record<string, string | string[]>) =>
    Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string'));

  it('saves the fields when they changed, then runs the intent against the version that save left', () => {
    const draft = saveEntry('claims', {
      id: null,
      expectedVersion: null,
      values: claimValues(),
      userId: editors.author,
    });
    const fields = posted(claimValues({ analysis: 'Typed, then cited.' }));
    const result = submitEntryPage(
      'claims',
      draft.id,
      form({
        ...fields,
        version: String(draft.version),
        intent: 'add-citation',
        'citation.sourceId': String(sourceId('foxbiz-purdy-denial')),
        'citation.role': 'reports',
        'relation.note': 'typed in another panel',
      }),
      editors.author,
    );
    expect(result).toEqual({
      outcome: 'done',
      intent: 'add-citation',
      edited: true,
      leftovers: { 'relation.note': 'typed in another panel' },
    });
    const entry = getEntryForEdit('claims', draft.id)!;
    expect(entry.values.analysis).toBe('Typed, then cited.');
    expect(entry.version).toBe(draft.version + 2);
    // Unchanged fields are not saved again: no new version, no revision.
    const same = submitEntryPage(
      'claims',
      draft.id,
      form({ ...posted(entry.values), version: String(entry.version) }),
      editors.author,
    );
    expect(same).toMatchObject({ outcome: 'done', edited: false });
    expect(getEntryForEdit('claims', draft.id)!.version).toBe(entry.version);
  });

  it('does nothing when the fields are not valid, asks before a removal, and names who saved in a conflict', () => {
    const draft = saveEntry('claims', {
      id: null,
      expectedVersion: null,
      values: claimValues(),
      userId: editors.author,
    });
    const invalid = submitEntryPage(
      'claims',
      draft.id,
      form({ ...posted(claimValues({ claimedOn: 'soon' })), version: '1', intent: 'add-citation' }),
      editors.author,
    );
    expect(invalid).toMatchObject({ outcome: 'invalid', errors: { claimedOn: expect.stringMatching(/real date/) } });
    const v2 = addCitation(
      draft.id,
      1,
      { sourceId: sourceId('foxbiz-purdy-denial'), role: 'reports', quote: '', locator: '' },
      editors.reviewer,
    );
    const [{ id: citationId }] = getDb()
      .$client.prepare('select id from citations where claim_id = ?')
      .all(draft.id) as {
      id: number;
    }[];
    const remove = `remove-citation:${citationId}`;
    expect(
      submitEntryPage('claims', draft.id, form({ intent: remove, version: String(v2) }), editors.author),
    ).toMatchObject({
      outcome: 'confirm',
      question: 'Remove this citation from the claim?',
    });
    const stale = submitEntryPage(
      'claims',
      draft.id,
      form({ intent: remove, confirmed: remove, version: '1' }),
      editors.author,
    );
    expect(stale).toMatchObject({ outcome: 'conflict', changedBy: ['Editor Reviewer'] });
    expect(
      submitEntryPage(
        'claims',
        draft.id,
        form({ intent: remove, confirmed: remove, version: String(v2) }),
        editors.author,
      ),
    ).toMatchObject({ outcome: 'done' });
  });
});
