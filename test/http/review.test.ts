/**
 * Four eyes over real HTTP (decision 6), two editors on the built server: A submits a draft for
 * publication and cannot approve it; B approves and the page is public. A changes the verdict:
 * the public page is unchanged until A submits it with a correction note and B approves; then
 * the page and its log show it.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { createEditor, signIn } from '../fixtures';

let server: StartedServer;
let alice = '';
let bob = '';

function post(cookie: string, pathname: string, fields: Record<string, string>) {
  return fetch(server.url + pathname, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { Origin: server.url, Cookie: cookie },
    redirect: 'manual',
  });
}

const editPage = async (cookie: string, id: number) =>
  (await fetch(`${server.url}/editor/claims/${id}`, { headers: { Cookie: cookie } })).text();
const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)![1];
const proposalOf = (html: string) => /value="approve:(\d+)"/.exec(html)?.[1] ?? /value="withdraw:(\d+)"/.exec(html)![1];
const publicPage = async (slug: string) => {
  const response = await fetch(`${server.url}/claims/${slug}`);
  return { status: response.status, html: (await response.text()).replaceAll('<!-- -->', '') };
};

const claimFields = (over: Record<string, string> = {}) => ({
  intent: 'save',
  statement: 'Two editors reviewed this Whinchatfield claim.',
  slug: 'two-editors-claim',
  speakerId: '',
  claimedOn: '2020-03-04',
  venue: 'A press briefing',
  medium: '',
  verdictId: 'unproven',
  verdictExplanation: 'Nothing public settles it.',
  analysis: 'The analysis.',
  language: 'en',
  summary: '',
  ...over,
});

beforeAll(async () => {
  server = await startServer();
  alice = await signIn(server, await createEditor(server, { name: 'Alice Author' }), { ip: '10.9.0.1' });
  bob = await signIn(server, await createEditor(server, { name: 'Bob Reviewer' }), { ip: '10.9.0.2' });
});

afterAll(async () => {
  await server?.stop();
});

describe('review over HTTP', () => {
  it('publishes only when a second editor approves, and changes the public page only on approval', async () => {
    const created = await post(alice, '/editor/claims/new', claimFields());
    expect(created.status).toBe(302);
    const id = Number(/\/editor\/claims\/(\d+)/.exec(created.headers.get('location') ?? '')![1]);
    const db = new Database(server.databasePath);
    db.prepare(
      `insert into citations (claim_id, source_id, role) values (?, (select min(id) from sources), 'reports')`,
    ).run(id);
    db.close();

    const at = `/editor/claims/${id}`;
    const submitted = await post(alice, at, { intent: 'status:publish', version: '1' });
    expect(submitted.status).toBe(302);
    expect((await publicPage('two-editors-claim')).status).toBe(404);

    const aliceView = await editPage(alice, id);
    expect(aliceView).toContain('Pending review');
    const ownApproval = await post(alice, at, {
      intent: `approve:${proposalOf(aliceView)}`,
      version: versionOf(aliceView),
    });
    expect(ownApproval.status).toBe(403);
    expect(await ownApproval.text()).toContain('You cannot approve your own change');
    expect((await publicPage('two-editors-claim')).status).toBe(404);

    const bobView = await editPage(bob, id);
    const approved = await post(bob, at, {
      intent: `approve:${proposalOf(bobView)}`,
      version: versionOf(bobView),
    });
    expect(approved.status).toBe(302);
    const published = await publicPage('two-editors-claim');
    expect(published.status).toBe(200);
    expect(published.html).toContain('Nothing public settles it.');

    // A changes the verdict: saved to the working copy, the public page unchanged.
    const edited = await post(
      alice,
      at,
      claimFields({
        verdictId: 'false',
        verdictExplanation: 'The record contradicts it.',
        version: versionOf(await editPage(alice, id)),
      }),
    );
    expect(edited.status).toBe(302);
    const before = await publicPage('two-editors-claim');
    expect(before.html).toContain('Nothing public settles it.');
    expect(before.html).not.toContain('The record contradicts it.');
    const working = await editPage(alice, id);
    expect(working).toContain('The record contradicts it.');
    expect(working).toContain('What differs from the public version');

    const note = 'The verdict was changed from Unproven to False.';
    const submittedEdit = await post(alice, at, {
      intent: 'status:correction',
      'status.note': note,
      version: versionOf(working),
    });
    expect(submittedEdit.status).toBe(302);
    expect((await publicPage('two-editors-claim')).html).not.toContain('The record contradicts it.');

    // The reviewer previews the change as readers will see it; `?show=public` is what they see now.
    const preview = async (query = '') =>
      (await fetch(`${server.url}${at}/preview${query}`, { headers: { Cookie: bob } })).text();
    const proposedPreview = await preview();
    expect(proposedPreview).toContain('Preview of the change waiting for review');
    expect(proposedPreview).toContain('The record contradicts it.');
    const approvedPreview = await preview('?show=public');
    expect(approvedPreview).toContain('Nothing public settles it.');
    expect(approvedPreview).not.toContain('The record contradicts it.');
    expect((await publicPage('two-editors-claim')).html).not.toContain('The record contradicts it.');

    const review = await editPage(bob, id);
    const approvedEdit = await post(bob, at, {
      intent: `approve:${proposalOf(review)}`,
      version: versionOf(review),
    });
    expect(approvedEdit.status).toBe(302);
    const after = await publicPage('two-editors-claim');
    expect(after.html).toContain('The record contradicts it.');
    const log = after.html.slice(after.html.indexOf('Corrections and updates'));
    expect(log).toContain(`Correction: ${note}`);

    const history = await (await fetch(`${server.url}${at}/history`, { headers: { Cookie: bob } })).text();
    expect(history).toContain('Reviews');
    expect(history.replaceAll('<!-- -->', '')).toMatch(/proposed by Alice Author.*approved by Bob Reviewer/s);
  });
});
