/**
 * The editor's claim list in a real browser: typing in the search box narrows the list without
 * a page load and keeps the focus in the box; a menu applies at once; a filter in force is shown
 * and removed with one link, which also resets the form; without JavaScript the same form works
 * as a plain GET.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env } from '../../config/env';
import { chromiumAvailable, launchChromium } from '../../scripts/lib/chromium';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { createEditor, signIn } from '../fixtures';
import { waitForHydration } from '../quality/pages';

const canRun = chromiumAvailable() || env().CI;
let server: StartedServer;
let browser: Browser;
let cookie: string;

async function signedInPage(javaScriptEnabled: boolean): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ javaScriptEnabled });
  const at = cookie.indexOf('=');
  await context.addCookies([{ name: cookie.slice(0, at), value: cookie.slice(at + 1), url: server.url }]);
  return { context, page: await context.newPage() };
}

const count = (page: Page) => page.locator('.result-count').innerText();

describe.skipIf(!canRun)('the editor claim list', () => {
  beforeAll(async () => {
    server = await startServer();
    cookie = await signIn(server, await createEditor(server, { name: 'Browser List Editor' }));
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('follows the search box as the editor types, keeping the focus there', async () => {
    const { context, page } = await signedInPage(true);
    try {
      await page.goto(`${server.url}/editor/claims`);
      await waitForHydration(page);
      const before = await count(page);
      await page.locator('#list-q').click();
      await page.keyboard.type('purdy', { delay: 40 });
      await page.waitForURL(/\?q=purdy$/);
      await page.waitForFunction((text) => document.querySelector('.result-count')?.textContent !== text, before);
      expect(await count(page)).toMatch(/^1–\d+ of \d+ claims for “purdy”$/);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('list-q');
      expect(await page.locator('#list-q').inputValue()).toBe('purdy');

      await page.selectOption('#list-status', 'published');
      await page.waitForURL(/status=published/);
      await page.locator('.applied-filters', { hasText: 'Status: Published' }).waitFor();
      expect(await page.locator('.entry-table tbody tr').count()).toBeGreaterThan(0);

      await page.click('.applied-filters a:has-text("Remove")');
      await page.waitForURL((url) => !url.search.includes('status='));
      await page.locator('.applied-filters').waitFor({ state: 'detached' });
      expect(await page.locator('#list-status').inputValue()).toBe('');
      expect(await page.locator('#list-q').inputValue()).toBe('purdy');
    } finally {
      await context.close();
    }
  });

  it('works without JavaScript: the form is a plain GET, and a bad name is answered beside its field', async () => {
    const { context, page } = await signedInPage(false);
    try {
      await page.goto(`${server.url}/editor/claims`);
      await page.fill('#list-speaker', 'Nobody Of That Name');
      await page.click('button:has-text("Apply")');
      await page.waitForURL(/speaker=Nobody/);
      expect(await page.locator('#list-speaker-error').innerText()).toBe('Nobody has that name.');
      expect(await page.locator('#list-speaker').inputValue()).toBe('Nobody Of That Name');
      await page.fill('#list-speaker', 'andy-purdy');
      await page.click('button:has-text("Apply")');
      await page.locator('.applied-filters', { hasText: 'Said by: Andy Purdy' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
