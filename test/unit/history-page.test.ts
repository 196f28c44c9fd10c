/**
 * The history page's loader and action, called as Remix calls them, on this file's own real
 * SQLite: each version with who made it and only what it changed (names, not ids), pages of 50,
 * comparing two versions, revisions saved as form values, and the history of an entry whose row
 * is gone (deleted or merged), which still opens from its revisions.
 */
import path from 'node:path';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { revisions } from '../../db/schema';
import { commitSession, createSession } from '~/auth/session.server';
import { importContent } from '~/content/import.server';
import type { FieldChange } from '~/editor/revision-changes';
import { getEntryForEdit, saveEntry } from '~/models/entry.server';
import { openProposal } from '~/models/proposal.server';
import { recordEntryRevision } from '~/models/revision.server';
import { createUser } from '~/models/user.server';
import { action, loader } from '~/routes/editor.$kind.$id_.history';
import { claimFormValues, insertEditor, publishedClaim } from '../review-helpers';

process.env.SESSION_SECRET = 'unit-test-session-secret-0123456789';

let cookie = '';
let editorId = 0;
const sqlite = () => getDb().$client;
const idOf = (table: string, slug: string) =>
  (sqlite().prepare(`select id from ${table} where slug = ?`).get(slug) as { id: number }).id;

beforeAll(async () => {
  importContent(getDb(), path.resolve('content'));
  const user = await createUser({
    email: `history-${Date.now()}@example.org`,
    name: 'Hana History',
    role: 'editor',
    password: 'a long enough password for tests',
  });
  editorId = user.id;
  const url = 'http://localhost/editor';
  cookie = (await commitSession(new Request(url), createSession(user.id))).split(';')[0];
});

async function open(kind: string, id: number, query = '') {
  const request = new Request(`http://localhost/editor/${kind}/${id}/history${query}`, { headers: { Cookie: cookie } });
  try {
    return await loader({ request, params: { kind, id: String(id) }, context: {} } as LoaderFunctionArgs);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
function restore(kind: string, id: number, fields: Record<string, string>) {
  return action({
    request: new Request(`http://localhost/editor/${kind}/${id}/history`, {
      method: 'POST',
      headers: { Cookie: cookie },
      body: new URLSearchParams(fields),
    }),
    params: { kind, id: String(id) },
    context: {},
  } as ActionFunctionArgs);
}
async function page(kind: string, id: number, query = '') {
  const response = await open(kind, id, query);
  return { status: response.status, data: await response.json() };
}
const changeOf = (changes: FieldChange[], label: string) => changes.find((c) => c.label === label);

function newTopic(name: string) {
  return saveEntry('topics', {
    id: null,
    expectedVersion: null,
    values: { name, slug: '', description: '' },
    userId: editorId,
    summary: 'Created',
  });
}
function renameTopic(id: number, name: string, summary: string) {
  const current = getEntryForEdit('topics', id)!;
  return saveEntry('topics', {
    id,
    expectedVersion: current.version,
    values: { ...current.values, name },
    userId: editorId,
    summary,
  });
}

describe('the versions of an entry', () => {
  it('says who changed the speaker and why, by name and slug, with no id and no other field', async () => {
    const values = claimFormValues({
      statement: 'Harrowgate switches carry no hidden access.',
      speakerId: String(idOf('entities', 'andy-purdy')),
    });
    const v1 = saveEntry('claims', { id: null, expectedVersion: null, values, userId: editorId, summary: 'New claim' });
    saveEntry('claims', {
      id: v1.id,
      expectedVersion: v1.version,
      values: { ...getEntryForEdit('claims', v1.id)!.values, speakerId: String(idOf('entities', 'wanzhou-meng')) },
      userId: editorId,
      summary: 'The speaker was Meng',
    });
    const { status, data } = await page('claims', v1.id);
    expect(status).toBe(200);
    const [newest, first] = data.versions;
    expect(newest).toMatchObject({ version: 2, userName: 'Hana History', summary: 'The speaker was Meng' });
    expect(newest.changes.map((c: FieldChange) => c.label)).toEqual(['Said by']);
    expect(changeOf(newest.changes, 'Said by')).toMatchObject({
      before: [{ slug: 'andy-purdy', name: 'Andy Purdy' }],
      after: [{ slug: 'wanzhou-meng', name: 'Wanzhou Meng' }],
    });
    expect(JSON.stringify(data.versions)).not.toMatch(/speakerId|"snapshot"/);
    // The first version is the claim as created.
    expect(first).toMatchObject({ version: 1, previousVersion: null, summary: 'New claim' });
    expect(first.changes.map((c: FieldChange) => c.label)).toEqual(
      expect.arrayContaining(['Statement', 'Said by', 'Verdict', 'Analysis']),
    );
    expect(data.entry).toMatchObject({ title: 'Harrowgate switches carry no hidden access.', version: 2, gone: null });
  });

  it('pages a history of more than 50 versions, and answers 400 and 404 for pages that are not there', async () => {
    const topic = newTopic('Lapwingmoor');
    for (let i = 2; i <= 55; i++) renameTopic(topic.id, `Lapwingmoor ${i}`, `Rename ${i}`);
    const first = await page('topics', topic.id);
    expect(first.data.versions).toHaveLength(50);
    expect(first.data.versions[0]).toMatchObject({ version: 55, summary: 'Rename 55' });
    expect(first.data.page).toEqual({ total: 55, page: 1, pageCount: 2 });
    const second = await page('topics', topic.id, '?page=2');
    expect(second.data.versions.map((v: { version: number }) => v.version)).toEqual([5, 4, 3, 2, 1]);
    // The oldest version of page 1 is measured from the newest of page 2.
    expect(first.data.versions[49]).toMatchObject({ version: 6, previousVersion: 5 });
    expect(changeOf(first.data.versions[49].changes, 'Name')).toMatchObject({
      before: ['Lapwingmoor 5'],
      after: ['Lapwingmoor 6'],
    });
    expect(second.data.versions[4].previousVersion).toBeNull();
    expect((await open('topics', topic.id, '?page=3')).status).toBe(404);
    expect((await open('topics', topic.id, '?page=two')).status).toBe(400);
  });

  it('reads a page of 50 versions of a 50,000-character analysis quickly, and small', async () => {
    const words = Array.from({ length: 7000 }, (_, i) => `word${i % 977}`).join(' ');
    const v1 = saveEntry('claims', {
      id: null,
      expectedVersion: null,
      values: claimFormValues({ statement: 'Redshankbury masts are sound.', analysis: words.slice(0, 49000) }),
      userId: editorId,
    });
    for (let i = 0; i < 51; i++) {
      const current = getEntryForEdit('claims', v1.id)!;
      const analysis = String(current.values.analysis).split(' ');
      analysis[(i * 97) % 6000] = `edit${i}`;
      saveEntry('claims', {
        id: v1.id,
        expectedVersion: current.version,
        values: { ...current.values, analysis: analysis.join(' ') },
        userId: editorId,
      });
    }
    const started = performance.now();
    const response = await open('claims', v1.id);
    const body = await response.text();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(body.length).toBeLessThan(100_000);
    const { versions } = JSON.parse(body);
    expect(versions).toHaveLength(50);
    expect(versions[0].changes).toEqual([expect.objectContaining({ label: 'Analysis', type: 'words' })]);
  });

  it('compares any two versions, and refuses versions that are not there with a message', async () => {
    const topic = newTopic('Whimbrelcot');
    renameTopic(topic.id, 'Whimbrelcot Marsh', 'Longer name');
    renameTopic(topic.id, 'Whimbrelcot Fen', 'Other name');
    const { data } = await page('topics', topic.id, '?from=1&to=3');
    expect(data.compare.changes).toEqual([
      expect.objectContaining({ label: 'Name', before: ['Whimbrelcot'], after: ['Whimbrelcot Fen'] }),
    ]);
    // A version with itself: that version whole, as it was.
    expect((await page('topics', topic.id, '?from=2&to=2')).data.compare.changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ label: 'Name', after: ['Whimbrelcot Marsh'] })]),
    );
    const missing = await page('topics', topic.id, '?from=1&to=9');
    expect(missing.status).toBe(400);
    expect(missing.data.compare.error).toBe('There is no version 9 of this entry.');
    const bad = await page('topics', topic.id, '?from=1e3');
    expect(bad.status).toBe(400);
    expect(bad.data.compare.error).toMatch(/whole numbers/);
  });

  it('reads a revision saved as form values (ids) by the names it meant', async () => {
    const saved = saveEntry('sources', {
      id: null,
      expectedVersion: null,
      values: { title: 'A Godwitbury report', slug: '', kind: 'analysis', publisherId: '', authors: '', url: '' },
      userId: null,
    });
    getDb()
      .insert(revisions)
      .values({
        entityKind: 'source',
        entityId: saved.id,
        version: 0,
        snapshot: JSON.stringify({
          slug: saved.slug,
          title: 'A Godwitbury report',
          kind: 'news_report',
          publisherId: String(idOf('entities', 'fox-business')),
          authors: 'Jane Doe, John Roe',
          publishedOn: '',
        }),
      })
      .run();
    const { data } = await page('sources', saved.id);
    const newest = data.versions[0];
    expect(newest.previousVersion).toBe(0);
    expect(changeOf(newest.changes, 'Publisher')).toMatchObject({
      before: [{ slug: 'fox-business', name: 'FOX Business' }],
      after: null,
    });
    expect(changeOf(newest.changes, 'Authors')).toMatchObject({
      lines: [
        { kind: 'removed', text: ['Jane Doe'] },
        { kind: 'removed', text: ['John Roe'] },
      ],
    });
    expect(JSON.stringify(data.versions)).not.toMatch(/publisherId|publishedOn/);
  });
});

describe('restoring a version', () => {
  it('restores a draft’s old version at once, and proposes a public claim’s for review', async () => {
    const topic = newTopic('Curlewbeck');
    renameTopic(topic.id, 'Curlewbeck Moss', 'Renamed');
    expect((await restore('topics', topic.id, { restore: '1', version: '2' })).status).toBe(302);
    expect(getEntryForEdit('topics', topic.id)).toMatchObject({ version: 3, title: 'Curlewbeck' });

    const claim = publishedClaim(editorId, insertEditor('History Reviewer'), {
      statement: 'Stintmoor masts are safe.',
    });
    const { data } = await page('claims', claim.id);
    expect(data.entry.status).toBe('published');
    const current = data.entry.version;
    expect((await restore('claims', claim.id, { restore: '1', version: String(current) })).status).toBe(302);
    // Nothing changes for readers until a second editor approves the restore (decision 6).
    expect(getEntryForEdit('claims', claim.id)).toMatchObject({ version: current, status: 'published' });
    expect(openProposal(claim.id)).toMatchObject({ kind: 'restore' });
    // A stale page is refused.
    expect((await restore('claims', claim.id, { restore: '1', version: String(current - 1) })).status).toBe(409);
  });
});

describe('the history of an entry that is gone', () => {
  it('opens from the revisions alone, says it was merged, and offers no restore', async () => {
    const topic = newTopic('Dunlinford');
    renameTopic(topic.id, 'Dunlinford Sands', 'Better name');
    // What a merge leaves: a last revision saying so, and no row.
    getDb().transaction((tx) => {
      recordEntryRevision(tx, 'topics', { id: topic.id, version: 3 }, editorId, 'Merged into Sanctions');
    });
    sqlite().prepare('delete from topics where id = ?').run(topic.id);

    const { status, data } = await page('topics', topic.id);
    expect(status).toBe(200);
    expect(data.entry).toMatchObject({
      title: 'Dunlinford Sands',
      version: null,
      gone: { summary: 'Merged into Sanctions' },
    });
    expect(data.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);

    const refused = await restore('topics', topic.id, { restore: '1', version: '3' });
    expect(refused.status).toBe(404);
    expect(sqlite().prepare('select count(*) as n from topics where id = ?').get(topic.id)).toEqual({ n: 0 });
  });

  it('answers 404 when there are no revisions and no row, or the id is an entry of another kind', async () => {
    expect((await open('topics', 987654)).status).toBe(404);
    expect((await open('people', idOf('entities', 'fox-business'))).status).toBe(404);
  });
});
