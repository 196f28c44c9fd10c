/**
 * Merging and deleting over real HTTP against the built server (decision 8): the merge page finds
 * the other entry by typing and previews what moves; a merge answers the old address with 301 to
 * the kept page (sources, people, claims, and the API); a public claim's merge waits for a second
 * editor, whose approval puts the note on the kept page; deleting is refused with the list of what
 * refers to an entry, needs the confirmation, and leaves a 410; anonymous visitors and bad ids are
 * refused with plain answers.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { createEditor, signIn } from '../fixtures';

let server: StartedServer;
let cookie = '';
let reviewerCookie = '';

function post(pathname: string, fields: Record<string, string>, as = cookie) {
  return fetch(server.url + pathname, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { Origin: server.url, Cookie: as },
    redirect: 'manual',
  });
}

const get = (pathname: string, as: string | null = cookie) =>
  fetch(server.url + pathname, { headers: as ? { Cookie: as } : {}, redirect: 'manual' });

/** A page's text without the comments React puts between adjacent text parts. */
const textOf = async (response: Response) => (await response.text()).replace(/<!-- -->/g, '');

/** Writes through the database file the server uses (setting up what the forms are not under test for). */
function withDb<T>(run: (db: Database.Database) => T): T {
  const db = new Database(server.databasePath);
  try {
    return run(db);
  } finally {
    db.close();
  }
}

let made = 0;
function insertSource(title: string): { id: number; slug: string } {
  made += 1;
  const slug = `http-merge-source-${made}`;
  const id = withDb((db) =>
    Number(
      db.prepare("insert into sources (slug, title, url) values (?, ?, 'https://example.org/chips')").run(slug, title)
        .lastInsertRowid,
    ),
  );
  return { id, slug };
}

function insertClaim(statement: string, status: 'draft' | 'published', sourceId?: number) {
  made += 1;
  const slug = `http-merge-claim-${made}`;
  const id = withDb((db) => {
    const claimId = Number(
      db
        .prepare(
          `insert into claims (slug, statement, status, desk_state, published_at) values (?, ?, ?, ?, case when ? = 'published' then unixepoch() end)`,
        )
        .run(slug, statement, status, status === 'published' ? 'published' : 'in_research', status).lastInsertRowid,
    );
    if (sourceId) {
      db.prepare("insert into citations (claim_id, source_id, role) values (?, ?, 'reports')").run(claimId, sourceId);
    }
    return claimId;
  });
  return { id, slug };
}

const versions = (table: string, ...ids: number[]) =>
  withDb((db) =>
    ids.map((id) => (db.prepare(`select version from ${table} where id = ?`).get(id) as { version: number }).version),
  );

function mergeFields(keepId: number, removeId: number, table: string, extra: Record<string, string> = {}) {
  const [keepVersion, removeVersion] = versions(table, keepId, removeId);
  return {
    intent: 'merge',
    keepId: String(keepId),
    removeId: String(removeId),
    keepVersion: String(keepVersion),
    removeVersion: String(removeVersion),
    confirm: 'yes',
    ...extra,
  };
}

beforeAll(async () => {
  server = await startServer();
  cookie = await signIn(server, await createEditor(server, { name: 'Merge Editor' }));
  reviewerCookie = await signIn(server, await createEditor(server, { name: 'Merge Reviewer' }), { ip: '10.9.0.2' });
});

afterAll(async () => {
  await server?.stop();
});

describe('merging over HTTP', () => {
  it('finds the other source by typing, previews what moves, refuses without the confirmation, then merges; the old address answers 301', async () => {
    const keep = insertSource('Semiconductor export rule tightened');
    const copy = insertSource('Semiconductor export rule tightened (duplicate)');
    const citing = insertClaim('A claim citing the duplicate', 'published', copy.id);

    // The page offers the entries named like this one, each a link to its preview.
    const offered = await textOf(await get(`/editor/sources/${keep.id}/merge`));
    expect(offered).toContain(`href="/editor/sources/${keep.id}/merge?other=${copy.id}"`);
    // Without JavaScript the Combobox's typed words are looked up: the matches come back as
    // radio buttons (never this source itself), to pick one and ask again.
    const typed = await get(`/editor/sources/${keep.id}/merge?other=&other__text=semiconductor+export`);
    expect(typed.status).toBe(400);
    const lookup = await textOf(typed);
    expect(lookup).toContain('No source is called “semiconductor export”: choose the one you mean.');
    expect(lookup).toContain(`name="other__pick" value="${copy.id}"`);
    expect(lookup).not.toContain(`name="other__pick" value="${keep.id}"`);
    expect(lookup).toContain(copy.slug);

    const picked = await get(
      `/editor/sources/${keep.id}/merge?other=&other__text=semiconductor+export&other__pick=${copy.id}`,
    );
    expect(picked.status).toBe(200);
    const preview = await textOf(picked);
    expect(preview).toContain('What the merge will do');
    expect(preview).toMatch(/<th scope="row">Citations<\/th><td>1<\/td><td>0<\/td>/);
    expect(preview).toContain(`/sources/${copy.slug}`);

    const unconfirmed = await post(
      `/editor/sources/${keep.id}/merge`,
      mergeFields(keep.id, copy.id, 'sources', { confirm: '' }),
    );
    expect(unconfirmed.status).toBe(400);
    expect(await textOf(unconfirmed)).toContain('Tick the box to confirm the merge.');
    expect((await get(`/sources/${copy.slug}`, null)).status).toBe(200);

    const merged = await post(`/editor/sources/${keep.id}/merge`, mergeFields(keep.id, copy.id, 'sources'));
    expect(merged.status).toBe(302);
    expect(merged.headers.get('location')).toBe(`/editor/sources/${keep.id}/merge?merged=${copy.id}`);
    const done = await textOf(await get(merged.headers.get('location')!));
    expect(done).toContain('was merged into this source');

    const old = await get(`/sources/${copy.slug}`, null);
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe(`/sources/${keep.slug}`);
    const kept = await fetch(server.url + `/sources/${copy.slug}`);
    expect(kept.status).toBe(200);
    expect(kept.url).toBe(`${server.url}/sources/${keep.slug}`);
    expect(await textOf(kept)).toContain('A claim citing the duplicate');
    // Search heard of the merge: the kept source is found, the copy is not.
    const searched = async () => {
      const body = (await (await get('/api/search?q=semiconductor+export+rule&kind=source', null)).json()) as {
        results: { slug: string }[];
      };
      return body.results.map((r) => r.slug);
    };
    for (let tries = 0; !(await searched()).includes(keep.slug) && tries < 30; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await searched()).toContain(keep.slug);
    expect(await searched()).not.toContain(copy.slug);
    const api = await get(`/api/sources/${copy.slug}`, null);
    expect(api.status).toBe(301);
    expect(api.headers.get('location')).toBe(`/api/sources/${keep.slug}`);
    expect(
      withDb((db) => db.prepare('select source_id as s from citations where claim_id = ?').all(citing.id)),
    ).toEqual([{ s: keep.id }]);
    // The same form posted again (a double click, the back button) merges nothing twice.
    const again = await post(`/editor/sources/${keep.id}/merge`, {
      ...mergeFields(keep.id, keep.id, 'sources'),
      removeId: String(copy.id),
    });
    expect(again.status).toBe(404);
  });

  it('merges two people; the old page answers 301 to the kept one', async () => {
    const [keep, copy] = withDb((db) =>
      ['Wanda Merge', 'Wanda Merge (copy)'].map((name, i) =>
        Number(
          db.prepare("insert into entities (slug, kind, name) values (?, 'person', ?)").run(`wanda-merge-${i}`, name)
            .lastInsertRowid,
        ),
      ),
    );
    withDb((db) =>
      db
        .prepare('update claims set speaker_id = ? where slug = ?')
        .run(copy, insertClaim('Said by the copy', 'published').slug),
    );
    const merged = await post(`/editor/people/${keep}/merge`, mergeFields(keep, copy, 'entities'));
    expect(merged.status).toBe(302);
    const old = await get('/people/wanda-merge-1', null);
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe('/people/wanda-merge-0');
    const page = await fetch(server.url + '/people/wanda-merge-1');
    expect(page.status).toBe(200);
    expect(await textOf(page)).toContain('Said by the copy');
  });

  it('a published claim merge waits for a second editor; approved, the old address answers 301 and the kept page says so', async () => {
    const source = insertSource('Source of both claims');
    const keep = insertClaim('Huawei can reach networks through back doors.', 'published', source.id);
    const copy = insertClaim('Huawei can access networks via backdoors.', 'published', source.id);

    const proposed = await post(`/editor/claims/${keep.id}/merge`, mergeFields(keep.id, copy.id, 'claims'));
    expect(proposed.status).toBe(302);
    expect(proposed.headers.get('location')).toBe(`/editor/claims/${keep.id}/merge?proposed=1`);
    expect((await get(`/claims/${copy.slug}`, null)).status).toBe(200);

    // The proposer sees no Approve button and cannot approve by posting.
    const own = await textOf(await get(`/editor/claims/${keep.id}/merge`));
    expect(own).toContain('A merge is waiting for review');
    expect(own).not.toContain('Approve the merge');
    const proposalId = /name="proposalId" value="(\d+)"/.exec(own)![1];
    const selfApproval = await post(`/editor/claims/${keep.id}/merge`, { intent: 'approve', proposalId });
    expect(selfApproval.status).toBe(403);
    expect(await textOf(selfApproval)).toContain('You cannot approve your own change');

    const review = await textOf(await get(`/editor/claims/${copy.id}/merge`, reviewerCookie));
    expect(review).toContain('Approve the merge');
    const approved = await post(`/editor/claims/${copy.id}/merge`, { intent: 'approve', proposalId }, reviewerCookie);
    expect(approved.status).toBe(302);

    const old = await get(`/claims/${copy.slug}`, null);
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe(`/claims/${keep.slug}`);
    const page = await fetch(server.url + `/claims/${copy.slug}`);
    expect(page.status).toBe(200);
    const html = await textOf(page);
    expect(html).toContain('This fact-check was merged with “Huawei can access networks via backdoors.” (formerly at');
    expect(html).toContain(`/claims/${copy.slug}`);
  });

  it('refuses anonymous visitors, bad ids and mixed kinds with plain answers', async () => {
    const source = insertSource('Anonymous cannot merge this');
    const other = insertSource('Nor this');
    const anonymousPage = await get(`/editor/sources/${source.id}/merge`, null);
    expect(anonymousPage.status).toBe(302);
    expect(anonymousPage.headers.get('location')).toMatch(/^\/login\?redirectTo=/);
    const anonymousPost = await post(
      `/editor/sources/${source.id}/merge`,
      mergeFields(source.id, other.id, 'sources'),
      '',
    );
    expect(anonymousPost.status).toBe(302);
    expect((await get(`/sources/${other.slug}`, null)).status).toBe(200);
    expect((await get(`/editor/sources/${source.id}/delete`, null)).status).toBe(302);

    expect((await get('/editor/sources/999999/merge')).status).toBe(404);
    expect((await get('/editor/sources/abc/merge')).status).toBe(404);
    expect((await get('/editor/sources/999999/delete')).status).toBe(404);
    const cases = await get('/editor/cases/1/merge');
    expect(cases.status).toBe(404);
    expect(await textOf(cases)).toContain('only sources, people, organisations and claims');
    const nothing = await get(`/editor/sources/${source.id}/merge?other=999999`);
    expect(nothing.status).toBe(404);
    expect(await textOf(nothing)).toContain('There is no such source.');
    expect((await get(`/editor/sources/${source.id}/merge?other=abc`)).status).toBe(400);
    const itself = await post(`/editor/sources/${source.id}/merge`, mergeFields(source.id, source.id, 'sources'));
    expect(itself.status).toBe(400);
    const garbage = await post(`/editor/sources/${source.id}/merge`, { intent: 'merge', keepId: 'x' });
    expect(garbage.status).toBe(400);

    const [person, organisation] = withDb((db) =>
      (['person', 'organisation'] as const).map((kind) =>
        Number(
          db
            .prepare('insert into entities (slug, kind, name) values (?, ?, ?)')
            .run(`mixed-${kind}`, kind, `Mixed ${kind}`).lastInsertRowid,
        ),
      ),
    );
    const mixed = await get(`/editor/people/${person}/merge?other=${organisation}`);
    expect(mixed.status).toBe(400);
    expect(await textOf(mixed)).toContain('That is an organisation: only two people can be merged.');
  });
});

describe('deleting over HTTP', () => {
  it('refuses a referenced source with the list of what refers to it, linked', async () => {
    const source = insertSource('Cited, so kept');
    const claim = insertClaim('Cites the kept source', 'draft', source.id);
    const page = await get(`/editor/sources/${source.id}/delete`);
    expect(page.status).toBe(200);
    const html = await textOf(page);
    expect(html).toContain('This source cannot be deleted');
    expect(html).toContain(`href="/editor/claims/${claim.id}"`);
    expect(html).not.toContain('name="confirm"');
    const refused = await post(`/editor/sources/${source.id}/delete`, {
      intent: 'delete',
      version: '1',
      confirm: 'yes',
    });
    expect(refused.status).toBe(409);
    expect((await get(`/sources/${source.slug}`, null)).status).toBe(200);
  });

  it('deletes an unreferenced source after the confirmation; its address then answers 410', async () => {
    const source = insertSource('Nothing cites this one');
    const form = await textOf(await get(`/editor/sources/${source.id}/delete`));
    expect(form).toContain('name="confirm"');
    const unconfirmed = await post(`/editor/sources/${source.id}/delete`, { intent: 'delete', version: '1' });
    expect(unconfirmed.status).toBe(400);
    expect(await textOf(unconfirmed)).toContain('Tick the box to confirm');
    const stale = await post(`/editor/sources/${source.id}/delete`, { intent: 'delete', version: '7', confirm: 'yes' });
    expect(stale.status).toBe(409);

    const deleted = await post(`/editor/sources/${source.id}/delete`, {
      intent: 'delete',
      version: '1',
      confirm: 'yes',
    });
    expect(deleted.status).toBe(302);
    const after = await get(deleted.headers.get('location')!);
    expect(after.status).toBe(200);
    expect(await textOf(after)).toMatch(/This source was deleted.*by Merge Editor/);
    const gone = await get(`/sources/${source.slug}`, null);
    expect(gone.status).toBe(410);
    expect(await textOf(gone)).toContain('This source was removed from the site on');
  });

  it('never deletes a published claim, and deletes a draft (whose address stays a 404)', async () => {
    const published = insertClaim('A published claim stays', 'published', insertSource('Its source').id);
    const page = await textOf(await get(`/editor/claims/${published.id}/delete`));
    expect(page).toContain('Retract it instead');
    expect(
      (await post(`/editor/claims/${published.id}/delete`, { intent: 'delete', version: '1', confirm: 'yes' })).status,
    ).toBe(409);

    const draft = insertClaim('A duplicate draft', 'draft');
    const deleted = await post(`/editor/claims/${draft.id}/delete`, { intent: 'delete', version: '1', confirm: 'yes' });
    expect(deleted.status).toBe(302);
    expect((await get(`/claims/${draft.slug}`, null)).status).toBe(404);
    expect((await get(`/editor/claims/${draft.id}`)).status).toBe(404);
  });
});
