/**
 * Issue 14's journey in a real browser against the built server, with the capture queue on and a
 * local test server as "the web": an editor saves a source pointing at an article, the capture
 * arrives in the background, a quote that is in the article (in other typography) is found and
 * one that is not is "not found"; readers of the published claim see "Found in the source as
 * captured on DATE" and open the capture with the passage marked. Then the article changes and
 * the source is captured again: editors see "source changed", readers are still sent to the
 * capture that had the quote.
 *
 * The recapture is asked for directly (captureSource, as `npm run sources:capture` does), on the
 * server's database: the link-rot check (branch `linkrot`), which recaptures a changed page, was
 * not merged on this branch when this was written.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { env } from '../../config/env';
import { closeDb, getDb } from '../../db/client';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { chromiumAvailable, launchChromium } from '../../scripts/lib/chromium';
import { createEditor, type Editor } from '../fixtures';

const canRun = chromiumAvailable() || env().CI;
let server: StartedServer;
let web: http.Server;
let webHost = '';
let editor: Editor;
let browser: Browser;
let page: Page;
let claimId = 0;
let sourceId = 0;

const ARTICLE = `<!doctype html><html><head><title>Kestrelbay chief speaks</title></head><body>
<nav><a href="/">Home</a> · <a href="/news">News</a></nav>
<article><h1>Kestrelbay’s chief on customer data</h1>
<p>In an interview on Tuesday the chief executive of Kestrelbay, a maker of radio equipment, was asked about the allegations.</p>
<p>“We have never and will never—under any circumstances—hand over our customers’ data,” she said, adding that the company would publish an audit.</p>
<p>The company did not say when the audit would be published, or who would carry it out.</p>
</article></body></html>`;
const REWRITTEN = ARTICLE.replace(/<p>“We have never[^]*?<\/p>/, '<p>This paragraph was removed by the publisher.</p>');
let article = ARTICLE;

const FOUND_QUOTE = "We have never and will never -- under any circumstances -- hand over our customers' data";
const MISSING_QUOTE = 'We will open our source code to every government that asks';

/** Types into a picker (Combobox) and chooses the option with this text. */
async function pick(id: string, typed: string, option: string) {
  await page.locator(`#${id}`).fill(typed);
  await page.locator(`#${id}-listbox [role="option"]`, { hasText: option }).click();
  await expect.poll(() => page.locator(`#${id}`).inputValue()).toContain(option);
}

/** Reloads the claim's form until a citation shows this check (the queue runs every second). */
async function waitForCheck(status: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.goto(`${server.url}/editor/claims/${claimId}`);
    if ((await page.locator(`[data-quote-check="${status}"]`).count()) > 0) return;
    if (Date.now() > deadline) throw new Error(`no citation showed "${status}" within ${timeoutMs} ms`);
    await page.waitForTimeout(500);
  }
}

describe.skipIf(!canRun)('a source captured, its quotes checked', { sequential: true }, () => {
  let failedStep: string | undefined;
  beforeEach(({ onTestFailed, skip, task }) => {
    if (failedStep) skip(`an earlier step failed: ${failedStep}`);
    onTestFailed(() => {
      failedStep ??= task.name;
    });
  });

  beforeAll(async () => {
    web = http.createServer((request, response) => {
      if (request.url !== '/article') return response.writeHead(404).end('Not found');
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(article);
    });
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    webHost = `127.0.0.1:${(web.address() as AddressInfo).port}`;
    server = await startServer({ REVIEW_RULE: 'off', CAPTURE_JOBS: '1', CAPTURE_ALLOW_HOSTS: webHost });
    editor = await createEditor(server, { name: 'Capture Journey Editor' });
    browser = await launchChromium();
    page = await browser.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => web?.close(resolve));
  });

  it('saves a source with an address, and cites two quotes on a new claim', async () => {
    await page.goto(`${server.url}/login`);
    await page.fill('input[name="email"]', editor.email);
    await page.fill('input[name="password"]', editor.password);
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Dashboard' }).waitFor();

    await page.goto(`${server.url}/editor/sources/new`);
    await page.fill('#field-title', 'Kestrelbay chief on customer data');
    await page.fill('#field-url', `http://${webHost}/article`);
    await page.fill('#field-publishedOn', '2020-03-03');
    await page.click('button:has-text("Create source")');
    await page.locator('h1', { hasText: 'Kestrelbay chief on customer data' }).waitFor();
    sourceId = Number(/\/editor\/sources\/(\d+)/.exec(page.url())![1]);

    await page.goto(`${server.url}/editor/claims/new`);
    await page.fill('#field-statement', 'Kestrelbay has never handed over its customers’ data.');
    await page.fill('#field-claimedOn', '2020-03-03');
    await page.selectOption('#field-verdictId', 'unproven');
    await page.click('button:has-text("Create claim")');
    await page.locator('h1', { hasText: 'never handed over' }).waitFor();
    claimId = Number(/\/editor\/claims\/(\d+)/.exec(page.url())![1]);

    for (const quote of [FOUND_QUOTE, MISSING_QUOTE]) {
      await pick('citation-source', 'Kestrelbay chief', 'Kestrelbay chief on customer data');
      await page.selectOption('#citation-role', 'made_in');
      await page.fill('#citation-quote', quote);
      await page.click('button:has-text("Add citation")');
      await page.locator('.citation blockquote', { hasText: quote.slice(0, 30) }).waitFor();
    }
  });

  it('sees the capture arrive: one quote found, the other not found', async () => {
    await waitForCheck('found');
    const found = page.locator('.citation', { hasText: 'under any circumstances' });
    await expect
      .poll(() => found.locator('[data-quote-check]').textContent())
      .toMatch(/^Quote: Found in the capture of/);
    const missing = page.locator('.citation', { hasText: MISSING_QUOTE });
    await expect.poll(() => missing.locator('[data-quote-check]').textContent()).toMatch(/^Quote: Not found/);
  });

  it('publishes; readers see "found" for one quote only and open the capture with it marked', async () => {
    await page.click('button:has-text("Submit for publication")');
    await page.click('button:has-text("Approve my own change")');
    await page.locator('#status-title + p', { hasText: 'published' }).waitFor();
    await page.click('text=View the public page');
    // The editor's form has the same heading: wait for the reader's page itself.
    await page.waitForURL(/\/claims\/[a-z0-9-]+$/);
    await page.locator('#sources-title').waitFor();
    const notes = page.locator('.quote-check');
    expect(await notes.count()).toBe(1);
    expect(await page.locator('main').textContent()).not.toMatch(/not found/i);

    await notes.locator('a').click();
    await page.locator('mark#quote').waitFor();
    expect(new URL(page.url()).hash).toBe('#quote');
    expect(await page.locator('mark#quote').textContent()).toBe(
      'We have never and will never—under any circumstances—hand over our customers’ data',
    );
    await expect(page.locator('main').textContent()).resolves.toContain('the original may have changed since');
  });

  it('after the article changes and is captured again, editors see "source changed"', async () => {
    article = REWRITTEN;
    // On the server's database and captures folder, as `npm run sources:capture -- --source` would.
    const previous = { database: process.env.DATABASE_PATH, allow: process.env.CAPTURE_ALLOW_HOSTS };
    closeDb();
    process.env.DATABASE_PATH = server.databasePath;
    process.env.CAPTURE_ALLOW_HOSTS = webHost;
    try {
      const { captureSource } = await import('~/capture/capture.server');
      const outcome = await captureSource(sourceId, 'manual');
      expect(outcome.error).toBeNull();
      const captures = getDb().$client.prepare(
        'select count(distinct sha256) as n from source_captures where source_id = ?',
      );
      expect((captures.get(sourceId) as { n: number }).n).toBe(2);
    } finally {
      closeDb();
      process.env.DATABASE_PATH = previous.database;
      if (previous.allow === undefined) delete process.env.CAPTURE_ALLOW_HOSTS;
      else process.env.CAPTURE_ALLOW_HOSTS = previous.allow;
    }

    await waitForCheck('changed', 10_000);
    const changed = page.locator('.citation', { hasText: 'under any circumstances' });
    await expect
      .poll(() => changed.locator('[data-quote-check]').textContent())
      .toMatch(/^Quote: Source changed — it was in the capture of/);
    await page.goto(`${server.url}/editor`);
    const listed = page.locator('.dashboard-quotes li', { hasText: 'never handed over' });
    await expect.poll(() => listed.count()).toBe(2);
    await expect(page.locator('.dashboard-quotes').textContent()).resolves.toContain('Source changed');
  });

  it('readers are still sent to the capture that had the quote', async () => {
    const context = await browser.newContext();
    const reader = await context.newPage();
    // The public address is by slug: taken from the editor's "View the public page" link.
    await page.goto(`${server.url}/editor/claims/${claimId}`);
    const href = await page.locator('a', { hasText: 'View the public page' }).getAttribute('href');
    await reader.goto(`${server.url}${href}`);
    const note = reader.locator('.quote-check a');
    await note.click();
    await reader.locator('mark#quote').waitFor();
    expect(await reader.locator('mark#quote').textContent()).toContain('under any circumstances');
    await context.close();
  });
});
