/**
 * The history page over real HTTP, as an editor reads it: a claim whose speaker changed shows the
 * two names (with their slugs), who changed it and why, and no field name or JSON from the
 * database; the history of an entry whose row is gone (deleted or merged) still opens.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { createEditor, signIn } from '../fixtures';

let server: StartedServer;
let cookie = '';

function post(pathname: string, fields: Record<string, string>) {
  return fetch(server.url + pathname, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { Origin: server.url, Cookie: cookie },
    redirect: 'manual',
  });
}

/** The page as a reader of it sees it: the markup without its scripts (which carry the loader's data). */
async function historyPage(pathname: string) {
  const response = await fetch(server.url + pathname, { headers: { Cookie: cookie } });
  const html = (await response.text()).replaceAll('<!-- -->', '');
  return { status: response.status, html: html.replace(/<script\b[\s\S]*?<\/script>/g, '') };
}

function entityId(slug: string): string {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return String((db.prepare('select id from entities where slug = ?').get(slug) as { id: number }).id);
  } finally {
    db.close();
  }
}

const claimFields = (over: Record<string, string> = {}) => ({
  intent: 'save',
  statement: 'Ploverhythe routers were never audited.',
  slug: 'ploverhythe-routers-claim',
  claimedOn: '2020-03-04',
  venue: 'A press briefing',
  medium: '',
  verdictId: 'unproven',
  verdictExplanation: 'Nothing public settles it.',
  analysis: 'The analysis.',
  language: 'en',
  ...over,
});

beforeAll(async () => {
  server = await startServer();
  cookie = await signIn(server, await createEditor(server, { name: 'Hugo Historian' }));
});

afterAll(async () => {
  await server?.stop();
});

describe('the history page over HTTP', () => {
  it('shows a changed speaker by name and slug, who changed it and why, and no ids or JSON', async () => {
    const created = await post(
      '/editor/claims/new',
      claimFields({ speakerId: entityId('andy-purdy'), speakerId__text: 'Andy Purdy' }),
    );
    expect(created.status).toBe(302);
    const at = /\/editor\/claims\/\d+/.exec(created.headers.get('location') ?? '')![0];
    const edited = await post(
      at,
      claimFields({
        speakerId: entityId('wanzhou-meng'),
        speakerId__text: 'Wanzhou Meng',
        version: '1',
        editSummary: 'The speaker was Meng',
      }),
    );
    expect(edited.status).toBe(302);

    const { status, html } = await historyPage(`${at}/history`);
    expect(status).toBe(200);
    const newest = /<li[^>]*id="version-2"[\s\S]*?<\/li>\s*<li[^>]*id="version-1"/.exec(html)?.[0] ?? '';
    expect(newest).toContain('Said by');
    expect(newest).toMatch(/Andy Purdy<span class="ref__slug"> \(andy-purdy\)<\/span>/);
    expect(newest).toMatch(/Wanzhou Meng<span class="ref__slug"> \(wanzhou-meng\)<\/span>/);
    expect(newest).toContain('Hugo Historian');
    expect(newest).toContain('The speaker was Meng');
    // Only the field that changed.
    expect(newest).not.toContain('Statement');
    expect(html).not.toMatch(/speakerId|verdictId|topic_id/);
    expect(html).not.toMatch(/\{&quot;|\{"|\[&quot;/);
    // The first version shows the claim as created, with its restore button.
    expect(html).toMatch(/id="version-1"[\s\S]*Ploverhythe routers were never audited\./);
    expect(html).toContain('Restore version 1');
  });

  it('opens the history of an entry whose row is gone, says so, and offers no restore', async () => {
    const created = await post('/editor/topics/new', { name: 'Sanderlingham', slug: '', description: 'A topic.' });
    expect(created.status).toBe(302);
    const id = Number(/\/editor\/topics\/(\d+)/.exec(created.headers.get('location') ?? '')![1]);
    const db = new Database(server.databasePath);
    db.prepare(
      `insert into revisions (entity_kind, entity_id, version, summary, snapshot)
       select entity_kind, entity_id, 2, 'Deleted: a duplicate of Sanctions', snapshot from revisions
       where entity_kind = 'topic' and entity_id = ?`,
    ).run(id);
    db.prepare('delete from topics where id = ?').run(id);
    db.close();

    const { status, html } = await historyPage(`/editor/topics/${id}/history`);
    expect(status).toBe(200);
    expect(html).toContain('History: Sanderlingham');
    expect(html).toMatch(/This entry was deleted on [^<]+: Deleted: a duplicate of Sanctions\. Its versions are kept/);
    expect(html).not.toContain('Restore version');
    expect((await historyPage('/editor/topics/999999/history')).status).toBe(404);
  });
});
