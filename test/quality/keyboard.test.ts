/**
 * The main journeys with the keyboard alone (no mouse, no clicks): read a claim from the home
 * page, search and open a result, sign in, write a claim, cite a source and publish it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env } from '../../config/env';
import { chromiumPath, chromiumAvailable, launchChromium } from '../../scripts/lib/chromium';
import type { StartedServer } from '../../scripts/lib/server';
import { QUALITY_EDITOR, startQualityServer, waitForHydration } from './pages';

const canRun = chromiumAvailable() || env().CI;
let server: StartedServer;
let browser: Browser;
let page: Page;

/** Presses Tab until the focused element matches `selector` (at most `limit` presses). */
async function tabTo(selector: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector} on ${page.url()}`);
}

/** Presses Tab until a button with this text has focus. */
async function tabToButton(text: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if ((await focusedText()) === text) return;
  }
  throw new Error(`Tab never reached the "${text}" button on ${page.url()}`);
}

async function focusedText(): Promise<string> {
  return page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText ?? '');
}

describe.skipIf(!canRun)('journeys with the keyboard alone', () => {
  beforeAll(async () => {
    server = await startQualityServer();
    browser = await launchChromium();
    page = await browser.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('reads a claim: from the home page to Andy Purdy’s denial and its rebuttal link', async () => {
    await page.goto(server.url);
    await waitForHydration(page);
    await tabTo('a[href="/claims/andy-purdy-denies-backdoor-access"]');
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'We can prove that our equipment' }).waitFor();
    await tabTo('a[href="/claims/us-officials-huawei-backdoor-access"]');
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'covertly access mobile networks' }).waitFor();
  });

  it('searches from the header and opens a result', async () => {
    await page.goto(server.url);
    await waitForHydration(page);
    await tabTo('#site-search-q');
    await page.keyboard.type('racketeering');
    await page.keyboard.press('Enter');
    await page.locator('.search-result').first().waitFor();
    await tabTo('.search-result__title a[href="/cases/us-v-huawei-edny"]');
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'United States v. Huawei' }).waitFor();
  });

  it('signs in, writes a claim, cites a source and publishes it', async () => {
    await page.goto(`${server.url}/login?redirectTo=%2Feditor%2Fclaims%2Fnew`);
    await waitForHydration(page);
    await tabTo('input[name="email"]');
    await page.keyboard.type(QUALITY_EDITOR.email);
    await tabTo('input[name="password"]', 3);
    await page.keyboard.type(QUALITY_EDITOR.password);
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'New claim' }).waitFor();

    await tabTo('#field-statement');
    await page.keyboard.type('Keyboard-only editors published this Nightjarfield claim.');
    await tabTo('#field-claimedOn', 10);
    await page.keyboard.type('2020-03-05');
    await tabToButton('Create claim');
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Nightjarfield' }).waitFor();

    // The source is a combobox: type, then ArrowDown and Enter choose the first match.
    await tabTo('#citation-source');
    await page.keyboard.type('huawei');
    await page.locator('#citation-source-listbox [role="option"]').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    // The hidden id is filled as the choice settles, not within the key press.
    await expect.poll(() => page.inputValue('input[type="hidden"][name="citation.sourceId"]')).not.toBe('');
    await tabTo('#citation-quote');
    await page.keyboard.type('published this');
    await tabToButton('Add citation');
    await page.keyboard.press('Enter');
    await page.locator('#citations-title', { hasText: 'Sources cited (1)' }).waitFor();

    await page.keyboard.press('Shift+Tab'); // back up the page, to the submit button
    for (let i = 0; i < 80; i++) {
      if ((await focusedText()) === 'Submit for publication') break;
      await page.keyboard.press('Shift+Tab');
    }
    expect(await focusedText()).toBe('Submit for publication');
    await page.keyboard.press('Enter');
    await page.locator('#review-title', { hasText: 'Pending review' }).waitFor();
    // A newsroom of one (REVIEW_RULE=off) approves its own submission (decision 6).
    await tabToButton('Approve my own change (not independently reviewed)');
    await page.keyboard.press('Enter');
    await page.locator('#status-title + p', { hasText: 'published' }).waitFor();
  });
});

it.runIf(env().CI)('has the system Chromium under CI', () => {
  expect(chromiumAvailable(), `CI must run the browser tests; there is no Chromium at ${chromiumPath()}`).toBe(true);
});
