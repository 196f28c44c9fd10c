/**
 * Search in a real browser, by keyboard only: search-as-you-type on /search (no Enter), then
 * Tab to a result and open it; and the header search box submitting with Enter.
 * Skipped when there is no system Chromium, except under CI, where a missing browser fails.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env } from '../../config/env';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { chromiumAvailable, launchChromium } from '../../scripts/lib/chromium';

const skip = !chromiumAvailable() && !env().CI;
const ALLEGATION = '/claims/us-officials-huawei-backdoor-access';

describe.skipIf(skip)('search in the browser', () => {
  let server: StartedServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openPage(path: string): Promise<Page> {
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(new URL(path, server.url).href);
    // Wait until React has hydrated the page, so that typing is handled by the app.
    await page.waitForFunction(() => {
      const input = document.querySelector('#site-search-q');
      return Boolean(input && Object.keys(input).some((k) => k.startsWith('__reactFiber')));
    });
    expect(errors).toEqual([]);
    return page;
  }

  /** Presses Tab until the focused element matches the selector, as a keyboard user would. */
  async function tabTo(page: Page, selector: string, limit = 60): Promise<void> {
    for (let i = 0; i < limit; i += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
    }
    throw new Error(`Tab never reached ${selector} after ${limit} presses`);
  }

  it('searches as you type, then opens a result with the keyboard', async () => {
    const page = await openPage('/search');
    try {
      await tabTo(page, '#search-q');
      await page.keyboard.type('backd', { delay: 50 });

      // Results appear without pressing Enter.
      const link = page.locator(`#search-results a[href="${ALLEGATION}"]`);
      await link.waitFor({ state: 'visible', timeout: 5_000 });
      expect(new URL(page.url()).search).toBe('?q=backd');
      await expect.poll(() => page.locator('#search-results .search-result').count()).toBeGreaterThanOrEqual(2);
      expect(await page.locator('#search-results mark').first().textContent()).toMatch(/backd/i);
      expect(await page.inputValue('#search-q')).toBe('backd');

      await tabTo(page, `#search-results a[href="${ALLEGATION}"]`);
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === ALLEGATION);
      const h1 = page.locator('h1');
      await expect.poll(() => h1.textContent()).toContain('Huawei can covertly access mobile networks');
    } finally {
      await page.close();
    }
  });

  it('keeps focus and text when the reader pauses mid-word and types on', async () => {
    const page = await openPage('/search');
    try {
      await tabTo(page, '#search-q');
      await page.keyboard.type('huaw', { delay: 50 });
      await page.waitForURL((url) => url.search === '?q=huaw');
      await page.locator('#search-results .search-result').first().waitFor();
      // The results arrived while the reader was still in the box: it must keep the focus.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-q');
      await page.keyboard.type('ei', { delay: 50 });
      expect(await page.inputValue('#search-q')).toBe('huawei');
      await page.waitForURL((url) => url.search === '?q=huawei');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-q');
    } finally {
      await page.close();
    }
  });

  it('submits the header search box with Enter', async () => {
    const page = await openPage('/');
    try {
      await tabTo(page, '#site-search-q');
      await page.keyboard.type('racketeering');
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === '/search' && url.search === '?q=racketeering');
      await page.locator('#search-results a[href="/cases/us-v-huawei-edny"]').waitFor();
      expect(await page.inputValue('#search-q')).toBe('racketeering');
      expect(await page.inputValue('#site-search-q')).toBe('racketeering');
    } finally {
      await page.close();
    }
  });
});
