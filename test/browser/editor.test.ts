/**
 * The editor's whole journey in a real browser against the built server: sign in, create a
 * source, create a claim that rebuts an existing one, be refused publication without a source,
 * cite the source, publish, find it in search, edit it, and read the history and the diff.
 *
 * The steps are one journey in one browser page, each starting where the last one left off: that
 * sequence is the point, so they run in order (`sequential`), and once a step fails the
 * later ones are skipped rather than failing for the same reason.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { env } from '../../config/env';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { chromiumPath, chromiumAvailable, launchChromium } from '../../scripts/lib/chromium';
import { createEditor, type Editor } from '../fixtures';

const canRun = chromiumAvailable() || env().CI;
let server: StartedServer;
let editor: Editor;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

/** Types into a picker (Combobox) and chooses the option with this text. */
async function pick(id: string, typed: string, option: string) {
  await page.locator(`#${id}`).fill(typed);
  await page.locator(`#${id}-listbox [role="option"]`, { hasText: option }).click();
  await expect.poll(() => page.locator(`#${id}`).inputValue()).toContain(option);
}

describe.skipIf(!canRun)('an editor publishes a sourced rebuttal', { sequential: true }, () => {
  let failedStep: string | undefined;
  beforeEach(({ onTestFailed, skip, task }) => {
    if (failedStep) skip(`an earlier step failed: ${failedStep}`);
    onTestFailed(() => {
      failedStep ??= task.name;
    });
  });

  beforeAll(async () => {
    // A newsroom of one (REVIEW_RULE=off): the editor approves their own submissions (decision 6).
    server = await startServer({ REVIEW_RULE: 'off' });
    editor = await createEditor(server, { name: 'Journey Editor' });
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sends an anonymous visitor to sign in, then back to the editors’ area', async () => {
    await page.goto(`${server.url}/editor`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('input[name="email"]', editor.email);
    await page.fill('input[name="password"]', editor.password);
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Dashboard' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/editor');
  });

  it('creates a source', async () => {
    await page.goto(`${server.url}/editor/sources/new`);
    await page.fill('#field-title', 'Carrier audit finds no covert access');
    await page.selectOption('#field-kind', 'analysis');
    await page.fill('#field-url', 'https://example.org/audit');
    await page.fill('#field-publishedOn', '2020-03-01');
    await page.click('button:has-text("Create source")');
    // Wait for what the reader sees, not the address: Remix commits the URL before it renders.
    await page.locator('h1', { hasText: 'Carrier audit finds no covert access' }).waitFor();
    expect(page.url()).toMatch(/\/editor\/sources\/\d+\?saved=1/);
  });

  it('creates a claim that rebuts the back-door allegation, and cannot publish it unsourced', async () => {
    await page.goto(`${server.url}/editor/claims/new`);
    await page.fill('#field-statement', 'Independent auditors found no covert access in the Kestrelbay equipment.');
    await page.fill('#field-claimedOn', '2020-03-01');
    await page.selectOption('#field-verdictId', 'unproven');
    await page.click('button:has-text("Create claim")');
    await page.locator('h1', { hasText: 'Kestrelbay equipment' }).waitFor();

    await pick('relation-other', 'covertly access', 'covertly access mobile networks');
    await page.selectOption('#relation-kind', 'rebuts');
    await page.click('button:has-text("Add link")');
    await page.locator('#relations-title + ul', { hasText: 'Rebuts' }).waitFor();
    await expect(page.locator('#relations-title + ul').textContent()).resolves.toContain('Rebuts');

    await page.click('button:has-text("Submit for publication")');
    await page.locator('[role="alert"]', { hasText: 'at least one citation' }).waitFor();
  });

  it('cites the source, publishes, and the claim is public and searchable', async () => {
    await pick('citation-source', 'carrier audit', 'Carrier audit finds no covert access');
    await page.selectOption('#citation-role', 'made_in');
    await page.fill('#citation-quote', 'no covert access');
    await page.click('button:has-text("Add citation")');
    await page.locator('.citation', { hasText: 'Carrier audit finds no covert access' }).waitFor();
    await page.click('button:has-text("Submit for publication")');
    await page.click('button:has-text("Approve my own change")');
    await page.locator('#status-title + p', { hasText: 'published' }).waitFor();

    await page.click('text=View the public page');
    await page.locator('h1', { hasText: 'Kestrelbay' }).waitFor();
    await page.locator('.relation', { hasText: 'Rebuts' }).waitFor();

    await page.goto(`${server.url}/search?q=kestrelbay`);
    await page.locator('.search-result__title', { hasText: 'Kestrelbay' }).first().waitFor();
  });

  it('edits the claim and shows the change in the history diff', async () => {
    await page.goto(`${server.url}/editor/claims`);
    await page.click('a:has-text("Independent auditors found no covert access")', { timeout: 5000 });
    await page
      .locator('#field-statement')
      .waitFor({ timeout: 5000 })
      .catch(async (e) => {
        await page.screenshot({ path: '.tmp/editor-open.png', fullPage: true });
        throw e;
      });
    await page.fill('#field-statement', 'Independent auditors found no covert access in the Kestrelbay radios.');
    await page.fill('#edit-summary', 'Equipment was radios');
    await page.click('button:has-text("Save changes")');
    await page
      .locator('h1', { hasText: 'Kestrelbay radios' })
      .waitFor({ timeout: 5000 })
      .catch(async (e) => {
        await page.screenshot({ path: '.tmp/editor-save.png', fullPage: true });
        throw e;
      });
    // The change to a published claim is submitted with its public note, then approved.
    await page.locator('#review-title').waitFor();
    await page.fill('#status-note', 'The equipment was radios.');
    await page.click('button:has-text("Submit as a correction")');
    await page.click('button:has-text("Approve my own change")');
    await page.locator('#review-title').waitFor({ state: 'detached' });
    await page.click('a:has-text("History")');
    // The newest version shows who made it, its summary, and only what it changed, by word.
    const newest = page.locator('.revision').first();
    await newest
      .locator('.changes')
      .waitFor({ timeout: 5000 })
      .catch(async (e) => {
        await page.screenshot({ path: '.tmp/editor-history.png', fullPage: true });
        throw e;
      });
    await expect(page.locator('#revisions-title + ol').textContent()).resolves.toContain('Equipment was radios');
    const labels = await newest.locator('.changes dt').allTextContents();
    expect(labels).toContain('Statement');
    expect(labels).not.toContain('Analysis');
    const added = await newest.locator('.changes ins').allTextContents();
    const removed = await newest.locator('.changes del').allTextContents();
    expect(added.join('\n')).toContain('radios');
    expect(removed.join('\n')).toContain('equipment');
    expect(removed.join('\n')).not.toContain('Independent auditors');
  });

  it('logged no console errors (other than the refused publication’s expected 400)', () => {
    const unexpected = consoleErrors.filter((e) => !/status of 400/.test(e));
    expect(unexpected).toEqual([]);
  });
});

it.runIf(env().CI)('has the system Chromium under CI', () => {
  expect(chromiumAvailable(), `CI must run the browser tests; there is no Chromium at ${chromiumPath()}`).toBe(true);
});
