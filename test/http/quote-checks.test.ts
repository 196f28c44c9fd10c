/**
 * Quotes checked against captures, over real HTTP on the built server (issue 14): a seeded
 * citation's quote in a capture set in other typography is found, the claim page says so and
 * links the capture viewer with the passage marked; a one-word change is "near" and a missing
 * quote "not found" for editors only; a new capture without the quote shows "source changed" to
 * editors while readers are still sent to the capture that had it.
 *
 * The capture rows are inserted directly (with the text the capture helper's readable-text step
 * would keep), because `captureSource` was not on this branch when this was written; everything
 * after the capture (recheckQuotes, the pages) is the real code. The browser journey
 * (test/browser/capture-journey.test.ts) captures through the real queue when it exists.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb } from '../../db/client';
import { recheckQuotes } from '~/models/quote-checks.server';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { createEditor, signIn } from '../fixtures';

let server: StartedServer;
let editor = '';
let previousDatabase: string | undefined;

interface Cited {
  citationId: number;
  claimId: number;
  claimSlug: string;
  sourceId: number;
  sourceSlug: string;
  quote: string;
}
let cited: Cited;

const read = async (path: string, cookie?: string) => {
  const response = await fetch(server.url + path, { headers: cookie ? { Cookie: cookie } : {} });
  return { status: response.status, html: (await response.text()).replaceAll('<!-- -->', '') };
};

/** The quote as a magazine would set it: curly quotes, a non-breaking space, soft and line-end hyphens. */
function typeset(quote: string): string {
  const words = quote.split(' ');
  const long = words.findIndex((w) => /^[a-z]{8,}$/i.test(w));
  if (long > 0) words[long] = `${words[long].slice(0, 4)}-\n${words[long].slice(4)}`;
  const soft = words.findIndex((w, i) => i !== long && /^[a-z]{6,}$/i.test(w));
  if (soft > 0) words[soft] = `${words[soft].slice(0, 3)}\u00AD${words[soft].slice(3)}`;
  return `“${words.slice(0, 2).join('\u00A0')} ${words.slice(2).join(' ')}”`;
}

let captureCount = 0;
function insertCapture(sourceId: number, text: string, fetchedAt: string): number {
  captureCount += 1;
  const db = new Database(server.databasePath);
  const sha = captureCount.toString(16).padStart(64, '0');
  const id = Number(
    db
      .prepare(
        `insert into source_captures (source_id, requested_url, final_url, http_status, content_type, fetched_at,
         sha256, byte_length, title, text, outcome) values (?, ?, ?, 200, 'text/html; charset=utf-8', ?, ?, ?, ?, ?, 'ok')`,
      )
      .run(
        sourceId,
        'https://example.org/a',
        'https://example.org/a?page=1',
        fetchedAt,
        sha,
        text.length,
        'An article',
        text,
      ).lastInsertRowid,
  );
  db.close();
  return id;
}

beforeAll(async () => {
  server = await startServer();
  editor = await signIn(server, await createEditor(server, { name: 'Quote Checker' }), { ip: '10.14.0.1' });
  // recheckQuotes runs here, on the server's database file (as the capture queue would in the server).
  previousDatabase = process.env.DATABASE_PATH;
  closeDb();
  process.env.DATABASE_PATH = server.databasePath;
  const db = new Database(server.databasePath);
  cited = db
    .prepare(
      `select ci.id as citationId, c.id as claimId, c.slug as claimSlug, s.id as sourceId, s.slug as sourceSlug, ci.quote
       from citations ci join claims c on c.id = ci.claim_id join sources s on s.id = ci.source_id
       where c.status = 'published' and length(ci.quote) > 60
         and (select count(*) from citations x where x.source_id = s.id and x.quote is not null) = 1
       order by ci.id limit 1`,
    )
    .get() as Cited;
  db.close();
  expect(cited).toBeTruthy();
});

afterAll(async () => {
  closeDb();
  process.env.DATABASE_PATH = previousDatabase;
  await server?.stop();
});

describe('a quote found in a capture', () => {
  let firstCapture = 0;

  it('is found in other typography, and the claim page links the capture', async () => {
    expect((await read(`/claims/${cited.claimSlug}`)).html).not.toContain('Found in the source');
    const text = `Headline\n\nSome introduction <script>alert("x")</script> & more.\n\nHe said: ${typeset(cited.quote)} Then the article went on.`;
    firstCapture = insertCapture(cited.sourceId, text, '2026-11-30T10:00:00.000Z');
    expect(recheckQuotes(cited.sourceId)).toBeGreaterThanOrEqual(1);
    const db = new Database(server.databasePath);
    const row = db
      .prepare('select result, score, capture_id as captureId from quote_checks where citation_id = ?')
      .get(cited.citationId);
    db.close();
    expect(row).toEqual({ result: 'found', score: 1, captureId: firstCapture });

    const { html } = await read(`/claims/${cited.claimSlug}`);
    expect(html).toContain(
      'Found in the source as captured on <time dateTime="2026-11-30T10:00:00.000Z">30 Nov 2026</time>',
    );
    expect(html).toContain(
      `href="/sources/${cited.sourceSlug}/captures/${firstCapture}?cite=${cited.citationId}#quote"`,
    );
  });

  it('opens in the viewer with the passage marked, the hash, the address and the raw link; the text is escaped', async () => {
    const { status, html } = await read(
      `/sources/${cited.sourceSlug}/captures/${firstCapture}?cite=${cited.citationId}`,
    );
    expect(status).toBe(200);
    const mark = /<mark id="quote">([\s\S]*?)<\/mark>/.exec(html);
    expect(mark).not.toBeNull();
    expect(mark![1].replace(/\u00AD|-\n/g, '').replace(/\u00A0/g, ' ')).toBe(cited.quote.replace(/[.]$/, ''));
    expect(html).toContain('1'.padStart(64, '0'));
    expect(html).toContain('https://example.org/a?page=1');
    expect(html).toContain(`href="/captures/${firstCapture}/raw"`);
    expect(html).toContain('the original may have changed since');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more.');
    expect(html).not.toContain('<script>alert');
  });

  it('answers 404 for unknown or mismatched captures and 400 for a bad cite', async () => {
    expect((await read(`/sources/${cited.sourceSlug}/captures/999999`)).status).toBe(404);
    expect((await read(`/sources/${cited.sourceSlug}/captures/abc`)).status).toBe(404);
    expect((await read(`/sources/no-such-source/captures/${firstCapture}`)).status).toBe(404);
    const db = new Database(server.databasePath);
    const other = db.prepare('select slug from sources where id != ? limit 1').get(cited.sourceId) as { slug: string };
    db.close();
    expect((await read(`/sources/${other.slug}/captures/${firstCapture}`)).status).toBe(404);
    const bad = await read(`/sources/${cited.sourceSlug}/captures/${firstCapture}?cite=1;drop`);
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('should be a citation number');
  });

  it("never marks a draft's quote for readers", async () => {
    const db = new Database(server.databasePath);
    const draft = db
      .prepare(
        `insert into claims (slug, statement, status, claimed_on, venue, verdict_explanation, analysis)
         values ('draft-quoting-the-capture', 'A draft quoting the capture.', 'draft', '2020-02-13', 'x', '', '')`,
      )
      .run().lastInsertRowid;
    const citation = db
      .prepare(`insert into citations (claim_id, source_id, role, quote) values (?, ?, 'reports', ?)`)
      .run(draft, cited.sourceId, cited.quote).lastInsertRowid;
    db.close();
    const { status, html } = await read(`/sources/${cited.sourceSlug}/captures/${firstCapture}?cite=${citation}`);
    expect(status).toBe(200);
    expect(html).not.toContain('<mark');
    expect(html).not.toContain('A draft quoting the capture.');
    expect(html).toContain('The quotation this link points to is not in this capture.');
    const cleanup = new Database(server.databasePath);
    cleanup.prepare('delete from claims where id = ?').run(draft);
    cleanup.close();
  });
});

describe('near, not found and source changed', () => {
  let nearId = 0;
  let missingId = 0;

  it('shows editors "near" and "not found" beside the citations, and readers nothing', async () => {
    const db = new Database(server.databasePath);
    const words = cited.quote.split(' ');
    words[Math.floor(words.length / 2)] = 'zebra';
    const add = db.prepare(
      `insert into citations (claim_id, source_id, role, quote, position) values (?, ?, 'reports', ?, ?)`,
    );
    nearId = Number(add.run(cited.claimId, cited.sourceId, words.join(' '), 90).lastInsertRowid);
    missingId = Number(
      add.run(cited.claimId, cited.sourceId, 'Zebras migrate across the plains every year.', 91).lastInsertRowid,
    );
    db.close();
    recheckQuotes(cited.sourceId);

    const reader = (await read(`/claims/${cited.claimSlug}`)).html;
    expect(reader.match(/Found in the source as captured on/g)).toHaveLength(1);
    expect(reader).not.toMatch(/not found|Near \(/i);

    const form = (await read(`/editor/claims/${cited.claimId}`, editor)).html;
    expect(form).toContain('data-quote-check="found"');
    expect(form).toMatch(/data-quote-check="near"><strong>Quote: Near \(9\d%\)<\/strong>/);
    expect(form).toContain('data-quote-check="not_found"><strong>Quote: Not found</strong>');

    const dashboard = (await read('/editor', editor)).html;
    expect(dashboard).toContain('Quotes not found in their source (2)');
    expect(dashboard).toContain('Zebras migrate across the plains every year.');
  });

  it('a newer capture without the quote shows editors "source changed", readers the capture that had it', async () => {
    const db = new Database(server.databasePath);
    db.prepare('delete from citations where id in (?, ?)').run(nearId, missingId);
    db.close();
    const second = insertCapture(
      cited.sourceId,
      'Headline\n\nThis page was rewritten; the interview is gone.',
      '2026-12-01T09:00:00.000Z',
    );
    recheckQuotes(cited.sourceId);

    const form = (await read(`/editor/claims/${cited.claimId}`, editor)).html;
    expect(form).toContain('data-quote-check="changed"><strong>Quote: Source changed</strong>');
    expect(form).toContain(`/sources/${cited.sourceSlug}/captures/${second}`);
    const dashboard = (await read('/editor', editor)).html;
    expect(dashboard).toContain('Quotes not found in their source (1)');
    expect(dashboard).toContain('Source changed');

    const reader = (await read(`/claims/${cited.claimSlug}`)).html;
    expect(reader).toContain('Found in the source as captured on <time dateTime="2026-11-30T10:00:00.000Z">');
    expect(reader).not.toContain('Source changed');

    const viewer = (await read(`/sources/${cited.sourceSlug}/captures/${second}?cite=${cited.citationId}`)).html;
    expect(viewer).toContain('The quotation this link points to is not in this capture.');
    expect(viewer).toContain('Other captures of this source');
  });
});
