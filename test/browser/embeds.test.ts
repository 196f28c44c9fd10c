/**
 * Embeds in a real browser (the system Chromium): the claim page's "Embed this fact-check" works
 * without JavaScript (a native <details> and a text box) and, with it, copies the code in one
 * press; a page on another site can frame the embed page, and cannot frame the claim page.
 * Skipped when there is no system Chromium, except under CI, where a missing browser fails.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env } from '../../config/env';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { chromiumPath, chromiumAvailable, launchChromium } from '../../scripts/lib/chromium';

const skip = !chromiumAvailable() && !env().CI;
const PURDY = '/claims/andy-purdy-denies-backdoor-access';

it.runIf(env().CI)('has the system Chromium under CI', () => {
  expect(chromiumAvailable(), `CI must run the browser tests; there is no Chromium at ${chromiumPath()}`).toBe(true);
});

describe.skipIf(skip)('embeds in a browser', () => {
  let server: StartedServer;
  let browser: Browser;
  /** "Another site": a page on a different origin (another port) that frames what it is told. */
  let partner: http.Server;
  let partnerUrl: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    partner = http.createServer((req, res) => {
      const src = new URL(req.url ?? '/', 'http://partner').searchParams.get('frame') ?? '';
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(
        `<!doctype html><title>Partner</title><iframe id="framed" src="${server.url}${src}" width="550" height="260"></iframe>`,
      );
    });
    await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
    partnerUrl = `http://localhost:${(partner.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => partner?.close(resolve));
  });

  it('shows the embed code without JavaScript, and copies it with JavaScript', async () => {
    const bare = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await bare.newPage();
      await page.goto(server.url + PURDY);
      await page.locator('.embed-code summary').click();
      const code = await page.locator('#embed-code-html').inputValue();
      expect(code).toMatch(new RegExp(`^<iframe src="${server.url}${PURDY}/embed"`));
      expect(await page.locator('.embed-code button').count(), 'no Copy button without JavaScript').toBe(0);
    } finally {
      await bare.close();
    }

    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(server.url + PURDY);
      await page.locator('.embed-code summary').click();
      const button = page.getByRole('button', { name: 'Copy embed code' });
      await button.click();
      await expect.poll(() => page.locator('.embed-code__status').textContent()).toBe('Embed code copied.');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toBe(await page.locator('#embed-code-html').inputValue());
    } finally {
      await context.close();
    }
  });

  it('lets another site frame the embed page, and not the claim page', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${partnerUrl}?frame=${encodeURIComponent(`${PURDY}/embed`)}`);
      const embed = page.frameLocator('#framed');
      await expect
        .poll(() =>
          embed
            .locator('h1')
            .textContent({ timeout: 5_000 })
            .catch(() => null),
        )
        .toMatch(/^“We can prove that our equipment/);
      expect(await embed.locator('a[target="_blank"]').first().getAttribute('href')).toBe(server.url + PURDY);

      await page.goto(`${partnerUrl}?frame=${encodeURIComponent(PURDY)}`);
      await page.waitForTimeout(1_000);
      const frame = page.frames().find((f) => f !== page.mainFrame());
      // A refused frame stays empty (Chromium shows its own error page, with no content of ours).
      const heading = await frame
        ?.locator('h1')
        .textContent({ timeout: 1_000 })
        .catch(() => null);
      expect(heading ?? '').not.toMatch(/We can prove/);
    } finally {
      await context.close();
    }
  });
});
