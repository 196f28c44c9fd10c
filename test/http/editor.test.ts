/**
 * The editors' forms over real HTTP: errors answer 400 and keep what was typed, a stale save
 * answers 409 with both texts, and text an editor types is never served as markup.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { createEditor, signIn, sourceFormFields as sourceFields } from '../fixtures';

let server: StartedServer;
let cookie = '';
let reviewerCookie = '';

/** A second editor approves the claim's pending change (decision 6), as the review panel posts it. */
async function approveAsReviewer(id: number) {
  const page = await (await fetch(`${server.url}/editor/claims/${id}`, { headers: { Cookie: reviewerCookie } })).text();
  const response = await post(
    `/editor/claims/${id}`,
    {
      intent: `approve:${/value="approve:(\d+)"/.exec(page)![1]}`,
      version: /name="version" value="(\d+)"/.exec(page)![1],
    },
    reviewerCookie,
  );
  expect(response.status).toBe(302);
}

function post(pathname: string, fields: Record<string, string | string[]>, as = cookie) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  return fetch(server.url + pathname, {
    method: 'POST',
    body,
    headers: { Origin: server.url, Cookie: as },
    redirect: 'manual',
  });
}

beforeAll(async () => {
  server = await startServer();
  cookie = await signIn(server, await createEditor(server, { name: 'Forms Editor' }));
  reviewerCookie = await signIn(server, await createEditor(server, { name: 'Forms Reviewer' }), { ip: '10.8.0.2' });
});

afterAll(async () => {
  await server?.stop();
});

describe('editor forms over HTTP', () => {
  it('answers 400 with the errors beside the fields and keeps what was typed', async () => {
    const res = await post(
      '/editor/sources/new',
      sourceFields({ url: 'javascript:alert(1)', publishedOn: '2020-02-30' }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('value="A source typed by an editor"');
    expect(html).toMatch(/id="url-error"[^>]*>Enter a full address starting with http/);
    expect(html).toMatch(/id="publishedOn-error"/);
    expect(html).toMatch(/aria-invalid="true"/);
  });

  it('refuses a save over a newer version with 409, naming who saved, showing both texts and keeping the editor’s', async () => {
    const created = await post('/editor/sources/new', sourceFields());
    expect(created.status).toBe(302);
    const id = /\/editor\/sources\/(\d+)/.exec(created.headers.get('location') ?? '')![1];
    const first = await post(
      `/editor/sources/${id}`,
      sourceFields({ version: '1', title: 'Their newer title' }),
      reviewerCookie,
    );
    expect(first.status).toBe(302);
    const stale = await post(`/editor/sources/${id}`, sourceFields({ version: '1', title: 'My stale title' }));
    expect(stale.status).toBe(409);
    const html = (await stale.text()).replaceAll('<!-- -->', '');
    expect(html).toContain('Forms Reviewer changed this source while you were editing');
    expect(html).toContain('Their newer title');
    expect(html).toContain('value="My stale title"');
    expect(html).toContain('name="version" value="2"');
    // Saved in another window by the same editor: it says so.
    const mine = await post(`/editor/sources/${id}`, sourceFields({ version: '2', title: 'From my other window' }));
    expect(mine.status).toBe(302);
    const again = await post(`/editor/sources/${id}`, sourceFields({ version: '2', title: 'My stale title' }));
    expect((await again.text()).replaceAll('<!-- -->', '')).toContain(
      'You (in another window) changed this source while you were editing',
    );
  });

  it('never serves stored script as markup', async () => {
    const created = await post('/editor/claims/new', {
      intent: 'save',
      statement: '<script>alert("stored")</script> Nothing to see',
      slug: 'stored-script-claim',
      speakerId: '',
      claimedOn: '2020-03-03',
      venue: '<img src=x onerror=alert(1)>',
      medium: '',
      verdictId: 'unproven',
      verdictExplanation: '',
      analysis: '[click](javascript:alert(1)) <b onclick="x()">bold</b>',
      language: 'en',
      summary: '',
    });
    expect(created.status).toBe(302);
    const id = Number(/\/editor\/claims\/(\d+)/.exec(created.headers.get('location') ?? '')![1]);
    // Cite a source and publish through the database the server uses (the forms are tested above).
    const db = new Database(server.databasePath);
    db.prepare(
      `insert into citations (claim_id, source_id, role) values (?, (select min(id) from sources), 'reports')`,
    ).run(id);
    db.close();
    const published = await post(`/editor/claims/${id}`, { intent: 'status:publish', version: '1' });
    expect(published.status).toBe(302);
    await approveAsReviewer(id);
    const page = await fetch(`${server.url}/claims/stored-script-claim`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain('<script>alert("stored")');
    expect(html).toContain('&lt;script&gt;alert(');
    expect(html).not.toMatch(/<img src=x/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toMatch(/<b onclick/i);
  });

  it('logs an update and a correction on a published claim, and says what is missing from an empty one', async () => {
    const slug = 'andy-purdy-denies-backdoor-access';
    const db = new Database(server.databasePath, { readonly: true });
    const { id } = db.prepare('select id from claims where slug = ?').get(slug) as { id: number };
    db.close();
    const at = `/editor/claims/${id}`;
    const version = async () => {
      const form = await (await fetch(server.url + at, { headers: { Cookie: cookie } })).text();
      return /name="version" value="(\d+)"/.exec(form)![1];
    };
    const note = (change: string, text: string, version: string) =>
      post(at, { intent: `status:${change}`, 'status.note': text, version });
    const empty = await note('correction', '  ', await version());
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('write what was corrected');
    const hostile = 'Huawei answered again <script>alert(1)</script>';
    const update = await note('update', hostile, await version());
    expect(update.status).toBe(302);
    await approveAsReviewer(id);
    const fix = 'The venue was corrected.';
    const correction = await note('correction', fix, await version());
    expect(correction.status).toBe(302);
    await approveAsReviewer(id);
    const html = await (await fetch(`${server.url}/claims/${slug}`)).text();
    const log = html.slice(html.indexOf('Corrections and updates')).replaceAll('<!-- -->', '');
    expect(log).toContain('Update: Huawei answered again &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(log).toContain(`Correction: ${fix}`);
    expect(html).not.toContain('<script>alert(1)</script>');
  });

  it('sends anonymous visitors to sign in and refuses cross-site posts', async () => {
    const anonymous = await fetch(`${server.url}/editor/claims/new`, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/login?redirectTo=%2Feditor%2Fclaims%2Fnew');
    const crossSite = await fetch(`${server.url}/editor/sources/new`, {
      method: 'POST',
      body: new URLSearchParams(sourceFields()),
      headers: { Origin: 'https://evil.example', Cookie: cookie },
      redirect: 'manual',
    });
    expect(crossSite.status).toBe(403);
  });
});
