/**
 * Readers' tips over real HTTP against the built server: the `/suggest` form (bad input, huge
 * input, the per-address limit, the honeypot, script typed in), correction requests linked to
 * their claim, and the desk's triage at /editor/tips. Each test sends from its own client address
 * (X-Forwarded-For, honoured from loopback), so the rate limit of one never spills into another;
 * what was stored is read from the server's own database file.
 */
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { correctionRequestPath } from '~/domain/tip-fields';
import { ODD_QUERIES } from '../odd-queries';
import { createEditor, signIn } from '../fixtures';

let server: StartedServer;
let cookie = '';
/** Every status the server answered in this file: none may be a 500. */
const statuses: { path: string; status: number }[] = [];

let addressCounter = 0;
const newAddress = () => `192.0.2.${(addressCounter += 1)}`;

interface TipRow {
  id: number;
  kind: string;
  statement: string;
  speaker: string | null;
  seen_at: string | null;
  email: string | null;
  claim_id: number | null;
  status: string;
  result_claim_id: number | null;
  resolution_note: string | null;
  handled_by: number | null;
  handled_at: number | null;
}

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
const tipsWith = (statement: string) => query<TipRow>('select * from tips where statement = ?', statement);
const tipCount = () => query<{ n: number }>('select count(*) as n from tips')[0].n;

type Body = Record<string, string> | FormData | string;
interface PostOptions {
  ip?: string;
  cookie?: string;
  headers?: Record<string, string>;
}

async function post(pathname: string, body: Body, options: PostOptions = {}) {
  const headers: Record<string, string> = { Origin: server.url, 'X-Forwarded-For': options.ip ?? newAddress() };
  if (options.cookie) headers.Cookie = options.cookie;
  Object.assign(headers, options.headers);
  const response = await fetch(server.url + pathname, {
    method: 'POST',
    body: typeof body === 'string' || body instanceof FormData ? body : new URLSearchParams(body),
    headers,
    redirect: 'manual',
  });
  statuses.push({ path: pathname, status: response.status });
  return response;
}

async function get(pathname: string, withCookie = '') {
  const response = await fetch(server.url + pathname, {
    redirect: 'manual',
    headers: withCookie ? { Cookie: withCookie } : {},
  });
  statuses.push({ path: pathname, status: response.status });
  return response;
}

const tip = (over: Record<string, string> = {}) => ({
  statement: 'The bridge cost twice what the council said.',
  speaker: 'A council member',
  seenAt: 'Local radio, Tuesday morning',
  email: '',
  website: '',
  ...over,
});

/** Page text as a reader reads it (React's separators gone, apostrophes unescaped). */
const readable = (html: string) => html.replace(/<!-- -->/g, '').replace(/&#x27;|&#39;/g, "'");

beforeAll(async () => {
  server = await startServer();
  cookie = await signIn(server, await createEditor(server, { name: 'Tips Editor' }), { ip: newAddress() });
});

afterAll(async () => {
  await server?.stop();
});

describe('the tip form', () => {
  it('is a plain form with labelled fields, limits from the schema, a hidden honeypot, and a footer link on every page', async () => {
    const response = await get('/suggest');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/<form method="post" action="\/suggest"/);
    expect(html).toContain('<label for="tip-statement">What was said</label>');
    expect(html).toMatch(/<textarea id="tip-statement" name="statement" rows="6" required="" maxLength="2000"/);
    expect(html).toMatch(/<input id="tip-email" name="email" type="email"[^>]*maxLength="254"/);
    expect(readable(html)).toContain('Never shown publicly; deleted after 90 days.');
    expect(html).toMatch(/<div class="visually-hidden" aria-hidden="true">.*<input id="tip-website" name="website"/s);
    for (const page of ['/', '/claims', '/about']) {
      expect(await (await get(page)).text()).toContain('<a data-discover="true" href="/suggest">');
    }
  });

  it('stores a tip and redirects to a thank-you page that says what happens next', async () => {
    const statement = 'The minister said unemployment halved in a year.';
    const response = await post('/suggest', tip({ statement, email: ' Reader@Example.ORG ' }));
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/suggest/thanks');
    const [row] = tipsWith(statement);
    expect(row).toMatchObject({
      kind: 'claim',
      speaker: 'A council member',
      seen_at: 'Local radio, Tuesday morning',
      email: 'reader@example.org',
      status: 'new',
      claim_id: null,
    });
    const thanks = await get('/suggest/thanks');
    expect(thanks.status).toBe(200);
    const text = readable(await thanks.text());
    expect(text).toContain('Thank you');
    expect(text).toContain('What happens next');
    expect(text).toContain('deleted after 90 days');
  });

  it('refuses empty and wrong answers with 400, each error beside its field, keeping what was typed', async () => {
    const before = tipCount();
    const empty = await post('/suggest', tip({ statement: '   ' }));
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toMatch(/<p class="field-error" id="tip-statement-error">Tell us what was said.<\/p>/);
    expect(emptyHtml).toMatch(
      /<textarea id="tip-statement"[^>]*aria-invalid="true"[^>]*aria-describedby="tip-statement-error/,
    );
    expect(emptyHtml).toContain('value="A council member"');

    const wrong = await post('/suggest', tip({ seenAt: 'javascript:alert(1)', email: 'not an address' }));
    expect(wrong.status).toBe(400);
    const html = readable(await wrong.text());
    expect(html).toMatch(/id="tip-seen-at-error">Give an address starting with http:\/\/ or https:\/\//);
    expect(html).toMatch(/id="tip-email-error">Enter an e-mail address like name@example.org/);
    expect(html).toContain('The bridge cost twice what the council said.</textarea>');
    expect(html).toContain('value="not an address"');

    // A field missing altogether is an empty answer, not a crash.
    const missing = await post('/suggest', { website: '' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('id="tip-statement-error">Tell us what was said.</p>');
    expect(tipCount()).toBe(before);
  });

  it('says a file is not text when one is sent in a text field', async () => {
    const form = new FormData();
    form.append('statement', new Blob(['%PDF-1.4 pretend'], { type: 'application/pdf' }), 'claim.pdf');
    form.append('speaker', 'Someone');
    // Refused before the route runs (server.js, app/http/request-guards.server.ts): no form of
    // ours takes files, so nothing is stored as "[object File]".
    const before = tipCount();
    const response = await post('/suggest', form);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('This form takes text only, but a file was sent in “statement”.');
    expect(tipCount()).toBe(before);
    // And a multipart form of text is read like any other.
    const text = new FormData();
    text.append('statement', 'Sent as multipart by an old browser.');
    expect((await post('/suggest', text)).status).toBe(302);
    expect(tipsWith('Sent as multipart by an old browser.')).toHaveLength(1);
  });

  it('removes control characters from what is stored', async () => {
    const response = await post(
      '/suggest',
      tip({ statement: 'Bell\u0007 and\u0000 null\u001b[31m, kept\ttab\r\nand line', speaker: '\u0008Ann\u007f' }),
    );
    expect(response.status).toBe(302);
    const [row] = query<TipRow>("select * from tips where statement like 'Bell%'");
    expect(row.statement).toBe('Bell and null[31m, kept\ttab\nand line');
    expect(row.speaker).toBe('Ann');
  });

  it('answers a 2 MB body with 413 and a message, storing nothing', async () => {
    const before = tipCount();
    const huge = `statement=${'a'.repeat(2 * 1024 * 1024)}&speaker=x`;
    const declared = await post('/suggest', huge, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(declared.status).toBe(413);
    expect(await declared.text()).toContain('This form is too large: at most 64 KB can be sent at once.');

    // Without a Content-Length (streamed, chunked) the limit holds as the bytes arrive.
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        const piece = new TextEncoder().encode('b'.repeat(64 * 1024));
        controller.enqueue(new TextEncoder().encode('statement='));
        for (let i = 0; i < 32; i++) controller.enqueue(piece);
        controller.close();
      },
    });
    const streamed = await fetch(`${server.url}/suggest`, {
      method: 'POST',
      body: chunks,
      duplex: 'half',
      headers: {
        Origin: server.url,
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Forwarded-For': newAddress(),
      },
      redirect: 'manual',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(tipCount()).toBe(before);
  });

  it('refuses a statement over the limit with 400 and keeps it, so it can be shortened', async () => {
    const long = 'word '.repeat(500);
    const response = await post('/suggest', tip({ statement: long }));
    expect(response.status).toBe(400);
    const html = readable(await response.text());
    expect(html).toContain('id="tip-statement-error">Keep it under 2,000 characters.</p>');
    expect(html).toContain(long.trim());
    expect(tipsWith(long.trim())).toHaveLength(0);
  });

  it('answers a body that is not a form with 415 and a message', async () => {
    const response = await post('/suggest', '{"statement":"json"}', {
      headers: { 'Content-Type': 'application/json' },
    });
    expect(response.status).toBe(415);
    expect(await response.text()).toContain('This address only accepts form submissions');
  });

  it('limits tips per address: the sixth in ten minutes answers 429 with Retry-After; another address still works', async () => {
    const ip = newAddress();
    for (let i = 1; i <= 5; i++) {
      expect((await post('/suggest', tip({ statement: `Limited tip ${i}` }), { ip })).status).toBe(302);
    }
    const refused = await post('/suggest', tip({ statement: 'Limited tip 6' }), { ip });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    const html = readable(await refused.text());
    expect(html).toMatch(
      /role="alert" id="tip-form-error">You have sent several tips in a short time. Please wait \d+ minutes? and send this one again; what you typed is still here./,
    );
    expect(html).toContain('Limited tip 6</textarea>');
    expect(tipsWith('Limited tip 6')).toHaveLength(0);

    expect((await post('/suggest', tip({ statement: 'From elsewhere' }), { ip: newAddress() })).status).toBe(302);
  });

  it('thanks a bot that fills the honeypot and stores nothing', async () => {
    const before = tipCount();
    const response = await post('/suggest', tip({ statement: 'Buy cheap watches', website: 'https://spam.example' }));
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/suggest/thanks');
    expect(tipCount()).toBe(before);
  });

  it('serves script typed into the form as text: refused, stored, or on the editor’s page', async () => {
    const hostile = '<script>alert("tip")</script><img src=x onerror=alert(2)>';
    const refused = await post('/suggest', tip({ statement: hostile, email: 'bad' }));
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain('&lt;script&gt;alert(&quot;tip&quot;)&lt;/script&gt;');
    expect(refusedHtml).not.toContain('<script>alert("tip")');
    expect(refusedHtml).not.toMatch(/<img src=x/i);

    const stored = await post(
      '/suggest',
      tip({ statement: hostile, speaker: '<b onclick="x()">Bold</b>', seenAt: hostile }),
    );
    expect(stored.status).toBe(302);
    const page = await get('/editor/tips', cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('&lt;script&gt;alert(&quot;tip&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;b onclick=&quot;x()&quot;&gt;Bold&lt;/b&gt;');
    expect(html).not.toContain('<script>alert("tip")');
    expect(html).not.toMatch(/<img src=x|<b onclick/i);
    // The only inline scripts on the page are Remix's own: each is allowed by its hash in the CSP.
    const csp = page.headers.get('content-security-policy') ?? '';
    for (const [, text] of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
      if (text.length === 0) continue;
      const hash = crypto.createHash('sha256').update(text, 'utf8').digest('base64');
      expect(csp).toContain(`'sha256-${hash}'`);
    }
  });

  it('never answers 500, whatever is typed', async () => {
    for (const text of ODD_QUERIES) {
      const response = await post('/suggest', tip({ statement: text, speaker: text, seenAt: text, email: text }));
      expect(response.status, JSON.stringify(text.slice(0, 40))).toBeLessThan(500);
    }
  });
});

describe('a correction request', () => {
  const slug = 'andy-purdy-denies-backdoor-access';

  it('shows the claim it is about and stores the request linked to it', async () => {
    const path = correctionRequestPath(slug);
    expect(path).toBe(`/suggest?claim=${slug}`);
    const page = await get(path);
    expect(page.status).toBe(200);
    const html = readable(await page.text());
    expect(html).toContain('<h1>Request a correction</h1>');
    expect(html).toContain(`href="/claims/${slug}"`);
    expect(html).toContain(`action="/suggest?claim=${slug}"`);

    const statement = 'The interview was on 13 February, not 12 February.';
    const response = await post(path, { statement, seenAt: 'https://example.org/transcript', email: '' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/suggest/thanks?kind=correction');
    const [row] = tipsWith(statement);
    const [claim] = query<{ id: number }>('select id from claims where slug = ?', slug);
    expect(row).toMatchObject({ kind: 'correction', claim_id: claim.id, seen_at: 'https://example.org/transcript' });
    expect(readable(await (await get('/suggest/thanks?kind=correction')).text())).toContain(
      'Your correction request has reached our editors.',
    );
  });

  it('answers 404 with a message for a claim we have not published', async () => {
    for (const path of ['/suggest?claim=no-such-claim', '/suggest?claim=NOT%20A%20SLUG', '/suggest?claim=']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(readable(await response.text())).toContain('<p>We have no published claim at that address');
    }
    const before = tipCount();
    expect((await post('/suggest?claim=no-such-claim', tip())).status).toBe(404);
    expect(tipCount()).toBe(before);
  });
});

describe('triage at /editor/tips', () => {
  const idOf = (statement: string) => tipsWith(statement)[0].id;

  it('is for editors only', async () => {
    const response = await get('/editor/tips');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toMatch(/^\/login\?redirectTo=%2Feditor%2Ftips/);
  });

  it('lists new tips first with counts per status, filters by status and kind, and shows e-mails to editors', async () => {
    await post('/suggest', tip({ statement: 'Filter me: a claim tip', email: 'tipster@example.org' }));
    const html = readable(await (await get('/editor/tips', cookie)).text());
    expect(html).toMatch(/New \(\d+\)/);
    expect(html).toContain('>Filter me: a claim tip</blockquote>');
    expect(html).toContain('href="mailto:tipster@example.org"');
    const corrections = readable(await (await get('/editor/tips?kind=correction', cookie)).text());
    expect(corrections).not.toContain('Filter me: a claim tip');
    expect(corrections).toMatch(/<h2 id="tip-\d+-title" class="tip__title">Correction request /);
    const declined = readable(await (await get('/editor/tips?status=declined', cookie)).text());
    expect(declined).not.toContain('Filter me: a claim tip');
    expect((await get('/editor/tips?status=bogus', cookie)).status).toBe(400);
    expect((await get('/editor/tips?page=999', cookie)).status).toBe(404);
    // The public pages never show it.
    expect(await (await get('/suggest/thanks')).text()).not.toContain('tipster@example.org');
  });

  it('turns a tip into a draft claim with its text, on the desk as a suggestion', async () => {
    const statement = 'Andy Purdy said Huawei never installed back doors anywhere.';
    await post('/suggest', tip({ statement, speaker: 'andy purdy', seenAt: 'FOX Business, February 2020' }));
    const id = idOf(statement);
    const response = await post('/editor/tips', { intent: 'convert', tipId: String(id) }, { cookie });
    expect(response.status).toBe(302);
    const draftId = Number(/^\/editor\/claims\/(\d+)/.exec(response.headers.get('location') ?? '')![1]);
    const [draft] = query<Record<string, unknown>>(
      `select c.statement, c.status, c.desk_state, c.statement_kind, c.venue, e.slug as speaker
       from claims c left join entities e on e.id = c.speaker_id where c.id = ?`,
      draftId,
    );
    expect(draft).toEqual({
      statement,
      status: 'draft',
      desk_state: 'suggested',
      statement_kind: 'summary',
      venue: 'FOX Business, February 2020',
      speaker: 'andy-purdy',
    });
    const [row] = tipsWith(statement);
    expect(row).toMatchObject({ status: 'converted', result_claim_id: draftId });
    expect(row.handled_by).not.toBeNull();
    expect(row.handled_at).toBeGreaterThan(0);
    const editorPage = readable(await (await get(response.headers.get('location')!, cookie)).text());
    expect(editorPage).toContain(statement);
    // A tip is handled once.
    const again = await post('/editor/tips', { intent: 'convert', tipId: String(id) }, { cookie });
    expect(again.status).toBe(400);
    expect(readable(await again.text())).toMatch(/role="alert">This tip has already been handled./);
    expect(query('select id from claims where statement = ?', statement)).toHaveLength(1);
  });

  it('links a tip to a claim that already checks it', async () => {
    const statement = 'Huawei can secretly reach the networks it builds.';
    await post('/suggest', tip({ statement }));
    const id = String(idOf(statement));
    const unknown = await post(
      '/editor/tips',
      { intent: 'already_checked', tipId: id, claim: 'no-such-claim' },
      { cookie },
    );
    expect(unknown.status).toBe(400);
    const unknownHtml = readable(await unknown.text());
    expect(unknownHtml).toMatch(new RegExp(`id="tip-${id}-claim-error">There is no claim at /claims/no-such-claim.`));
    expect(unknownHtml).toContain('value="no-such-claim"');
    const linked = await post(
      '/editor/tips',
      { intent: 'already_checked', tipId: id, claim: '/claims/andy-purdy-denies-backdoor-access' },
      { cookie },
    );
    expect(linked.status).toBe(302);
    const [claim] = query<{ id: number }>("select id from claims where slug = 'andy-purdy-denies-backdoor-access'");
    expect(tipsWith(statement)[0]).toMatchObject({ status: 'already_checked', result_claim_id: claim.id });
  });

  it('declines a tip only with a reason, and keeps the reason', async () => {
    const statement = 'My neighbour says the moon is made of cheese.';
    await post('/suggest', tip({ statement }));
    const id = String(idOf(statement));
    const bare = await post('/editor/tips', { intent: 'decline', tipId: id, reason: '  ' }, { cookie });
    expect(bare.status).toBe(400);
    expect(await bare.text()).toMatch(new RegExp(`id="tip-${id}-reason-error">Say why this tip is declined.`));
    expect(tipsWith(statement)[0].status).toBe('new');
    const declined = await post(
      '/editor/tips',
      { intent: 'decline', tipId: id, reason: 'Not a public claim.' },
      { cookie },
    );
    expect(declined.status).toBe(302);
    expect(tipsWith(statement)[0]).toMatchObject({ status: 'declined', resolution_note: 'Not a public claim.' });
    const page = readable(await (await get('/editor/tips?status=declined', cookie)).text());
    expect(page).toMatch(/Declined by Tips Editor on [^:<]+: Not a public claim\.<\/p>/);
  });

  it('refuses unknown tips and actions without a 500', async () => {
    expect((await post('/editor/tips', { intent: 'convert', tipId: '999999' }, { cookie })).status).toBe(404);
    expect((await post('/editor/tips', { intent: 'explode', tipId: '1' }, { cookie })).status).toBe(400);
    expect((await post('/editor/tips', { intent: 'decline', tipId: 'abc' }, { cookie })).status).toBe(400);
  });

  it('answered no request in this file with a 500', () => {
    expect(statuses.filter((s) => s.status >= 500)).toEqual([]);
  });
});
