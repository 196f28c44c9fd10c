/**
 * The one writer and the one serializer of an entry, on the real dataset: revisions store the
 * entry's content/ document (slugs, never ids), the same document the exporter writes; restoring
 * maps the slugs back to ids (and still reads revisions saved as form values, with ids); writes
 * leave empty values to the schema's defaults; and every form field is a column of its table.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getTableColumns } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { revisions } from '../../db/schema';
import { entryDocument } from '~/content/document.server';
import { exportContent, renderEntry } from '~/content/export.server';
import { bodyField, DOCUMENT_FIELDS, KEY_ORDER, type EntryDocument } from '~/content/format';
import { importContent } from '~/content/import.server';
import { addPublicNote } from '~/models/claim-editor.server';
import { openProposal } from '~/models/proposal.server';
import { approveProposal } from '~/models/review.server';
import { ENTRY_KINDS, KIND_SPECS, type EntryKind } from '~/domain';
import { getEntryForEdit, restoreRevision, saveEntry, type FormValues } from '~/models/entry.server';
import { tableOf } from '~/models/entry-row.server';
import { listRevisions, snapshotLines, type Snapshot } from '~/models/revision.server';
import { tempDir } from '../content-copies';
import { insertEditor } from '../review-helpers';

const idOf = (table: string, slug: string) =>
  (getDb().$client.prepare(`select id from ${table} where slug = ?`).get(slug) as { id: number }).id;

const claimValues = (over: Partial<FormValues> = {}): FormValues => ({
  statement: 'Kestrel routers send no data abroad.',
  slug: '',
  speakerId: String(idOf('entities', 'andy-purdy')),
  claimedOn: '2020-03',
  venue: '',
  medium: '',
  verdictId: 'unproven',
  verdictExplanation: '',
  analysis: 'Nothing public shows either way.',
  topics: [String(idOf('topics', 'huawei')), String(idOf('topics', 'cybersecurity'))],
  language: 'en',
  ...over,
});

const newClaim = (over: Partial<FormValues> = {}) =>
  saveEntry('claims', { id: null, expectedVersion: null, values: claimValues(over), userId: null });

/** A revision's snapshot back into a document, as the exporter would render it. */
function documentOf(kind: 'claims', snapshot: Snapshot): EntryDocument {
  const front = Object.fromEntries(KEY_ORDER[kind].map((key) => [key, snapshot[key]])) as EntryDocument['front'];
  return { kind, slug: String(snapshot.slug), front, body: String(snapshot[bodyField(kind)]) };
}

beforeAll(() => {
  importContent(getDb(), path.resolve('content'));
});

describe('revisions hold the entry document', () => {
  it('names the speaker and topics by slug, not by id, and the history reads so', () => {
    const saved = newClaim();
    const [revision] = listRevisions('claim', saved.id);
    expect(revision.snapshot).toMatchObject({
      slug: saved.slug,
      speaker: 'andy-purdy',
      date: '2020-03',
      verdict: 'unproven',
      topics: ['cybersecurity', 'huawei'],
      analysis: 'Nothing public shows either way.',
    });
    expect(revision.snapshot).not.toHaveProperty('speakerId');
    const lines = snapshotLines(revision.snapshot);
    expect(lines).toContain('speaker: andy-purdy');
    expect(lines).toEqual(expect.arrayContaining(['topics:', '  - cybersecurity', '  - huawei']));
    expect(lines.join('\n')).not.toMatch(/speakerId|topic_id/);
  });

  it('is the document the exporter writes: a revision rendered as a file is the exported file', () => {
    const id = idOf('claims', 'andy-purdy-denies-backdoor-access');
    const current = getEntryForEdit('claims', id)!;
    // A published claim changes when a second editor approves the change (decision 6).
    const [author, reviewer] = [insertEditor('Document Author'), insertEditor('Document Reviewer')];
    saveEntry('claims', {
      id,
      expectedVersion: current.version,
      values: { ...current.values, venue: 'Mornings with Maria (rebroadcast)' },
      userId: author,
    });
    addPublicNote(id, current.version, 'correction', 'The venue was a rebroadcast.', author);
    approveProposal(openProposal(id)!.id, reviewer);
    const [newest] = listRevisions('claim', id);
    const out = tempDir('entry-document-');
    exportContent(getDb(), out);
    const file = fs.readFileSync(path.join(out, 'claims', 'andy-purdy-denies-backdoor-access.md'), 'utf8');
    expect(file).toContain('venue: Mornings with Maria (rebroadcast)\n');
    expect(renderEntry(documentOf('claims', newest.snapshot))).toBe(file);
    expect(renderEntry(entryDocument(getDb(), 'claims', id)!)).toBe(file);
    // Citations by source slug, relations by claim slug: the same lists in both.
    expect(newest.snapshot.citations).toEqual(entryDocument(getDb(), 'claims', id)!.front.citations);
    expect(newest.snapshot.relations).toEqual([
      expect.objectContaining({ kind: 'rebuts', claim: 'us-officials-huawei-backdoor-access' }),
    ]);
  });
});

describe('restoring a revision', () => {
  it('maps the slugs of the old version back to ids: speaker, topics, verdict and text', () => {
    const v1 = newClaim({ statement: 'Kestrel switches were audited twice.' });
    const edited = getEntryForEdit('claims', v1.id)!;
    saveEntry('claims', {
      id: v1.id,
      expectedVersion: 1,
      values: {
        ...edited.values,
        speakerId: String(idOf('entities', 'wanzhou-meng')),
        topics: [String(idOf('topics', 'sanctions'))],
        verdictId: 'false',
        analysis: 'Changed my mind.',
      },
      userId: null,
    });
    const restored = restoreRevision('claims', { id: v1.id, version: 1, expectedVersion: 2, userId: null });
    expect(restored.version).toBe(3);
    const now = getEntryForEdit('claims', v1.id)!;
    expect(now.values).toMatchObject({
      speakerId: String(idOf('entities', 'andy-purdy')),
      verdictId: 'unproven',
      analysis: 'Nothing public shows either way.',
    });
    expect([...(now.values.topics as string[])].sort()).toEqual(
      [String(idOf('topics', 'cybersecurity')), String(idOf('topics', 'huawei'))].sort(),
    );
    expect(listRevisions('claim', v1.id)[0].snapshot).toMatchObject({ speaker: 'andy-purdy', verdict: 'unproven' });
  });

  it('still restores a revision saved before snapshots were documents (form values with ids)', () => {
    const saved = saveEntry('sources', {
      id: null,
      expectedVersion: null,
      values: {
        title: 'A newer title',
        slug: '',
        kind: 'analysis',
        publisherId: '',
        authors: '',
        url: '',
        publishedOn: '',
        accessedOn: '',
        archiveUrl: '',
        note: '',
      },
      userId: null,
    });
    const foxBusiness = idOf('entities', 'fox-business');
    // What a revision looked like when snapshots were the editor's form values.
    const legacy = {
      slug: saved.slug,
      title: 'The old title',
      kind: 'news_report',
      publisherId: String(foxBusiness),
      authors: 'Jane Doe, John Roe',
      url: 'https://example.com/old',
      publishedOn: '2019-12',
      accessedOn: '',
      archiveUrl: '',
      note: 'Old note.',
    };
    getDb()
      .insert(revisions)
      .values({ entityKind: 'source', entityId: saved.id, version: 0, snapshot: JSON.stringify(legacy) })
      .run();
    restoreRevision('sources', { id: saved.id, version: 0, expectedVersion: 1, userId: null });
    expect(getEntryForEdit('sources', saved.id)!.values).toMatchObject({
      title: 'The old title',
      kind: 'news_report',
      publisherId: String(foxBusiness),
      authors: 'Jane Doe, John Roe',
      url: 'https://example.com/old',
      publishedOn: '2019-12',
      note: 'Old note.',
    });
    // The new revision is a document again.
    expect(listRevisions('source', saved.id)[0].snapshot).toMatchObject({
      publisher: 'fox-business',
      authors: ['Jane Doe', 'John Roe'],
      published: '2019-12',
    });
  });
});

describe('writes leave empty values to the schema', () => {
  const sqlite = () => getDb().$client;

  it("stores a new source without a note as the schema's '' and no authors as []", () => {
    const saved = saveEntry('sources', {
      id: null,
      expectedVersion: null,
      values: { title: 'Without a note', slug: '', kind: 'other', publisherId: '', authors: '', url: '' },
      userId: null,
    });
    expect(sqlite().prepare('select note, authors, url, published_on from sources where id = ?').get(saved.id)).toEqual(
      {
        note: '',
        authors: '[]',
        url: null,
        published_on: null,
      },
    );
  });

  it("gives a cleared language the schema's 'en' and a cleared analysis ''", () => {
    const saved = newClaim({ language: '' });
    expect(sqlite().prepare('select language, analysis from claims where id = ?').get(saved.id)).toEqual({
      language: 'en',
      analysis: 'Nothing public shows either way.',
    });
    saveEntry('claims', {
      id: saved.id,
      expectedVersion: saved.version,
      values: claimValues({ language: '', analysis: '', venue: '' }),
      userId: null,
    });
    expect(sqlite().prepare('select language, analysis, venue from claims where id = ?').get(saved.id)).toEqual({
      language: 'en',
      analysis: '',
      venue: null,
    });
  });
});

describe('the field table', () => {
  it.each(ENTRY_KINDS)(
    '%s: every form field is a column of the table by its Drizzle name, and is in the file',
    (kind) => {
      const columns = getTableColumns(tableOf(kind as EntryKind));
      const names = KIND_SPECS[kind].fields.map((f) => f.name);
      const stored = names.filter((name) => !(kind === 'claims' && (name === 'topics' || name === 'subjects')));
      expect(stored.filter((name) => !(name in columns))).toEqual([]);
      expect(Object.keys(DOCUMENT_FIELDS[kind]).sort()).toEqual(names.filter((n) => n !== 'slug').sort());
      for (const field of Object.values(DOCUMENT_FIELDS[kind])) {
        expect(field.body || KEY_ORDER[kind].includes(field.key), field.key).toBe(true);
      }
    },
  );
});
