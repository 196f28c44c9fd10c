/**
 * A page served from the page cache carries the CSP made with it (issue 13): in a real browser it
 * hydrates, its scripts run, and no Content-Security-Policy violation is reported, for the first
 * reader (a fresh render) and for the next ones (the kept copy, same bytes, same header). An
 * inline script that is not ours (injected into the page here, as a stored-markup bug would) is
 * still refused.
 * Skipped when there is no system Chromium, except under CI, where a missing browser fails.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env } from '../../config/env';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { chromiumPath, chromiumAvailable, launchChromium } from '../../scripts/lib/chromium';

const skip = !chromiumAvailable() && !env().CI;
const PATHS = ['/claims/andy-purdy-denies-backdoor-access', '/', '/claims', '/search?q=huawei'];

describe.skipIf(skip)(`cached pages in a browser${skip ? ` (skipped: no Chromium at ${chromiumPath()})` : ''}`, () => {
  let server: StartedServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Opens `path` in a fresh context; returns the page-cache status and what the browser reported. */
  async function visit(path: string) {
    const context = await browser.newContext();
    const page: Page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __violations: string[] }).__violations ??= [];
        (window as unknown as { __violations: string[] }).__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    const response = await page.goto(server.url + path);
    expect(response?.status(), path).toBe(200);
    // Hydrated: React owns the page, which needs every inline script of Remix's to have run.
    await page.waitForFunction(() => {
      const link = document.querySelector('a.site-name');
      return Boolean(link && Object.keys(link).some((k) => k.startsWith('__reactFiber')));
    });
    const reported = await page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []);
    const cache = response?.headers()['x-page-cache'];
    await context.close();
    return { cache, violations: [...violations, ...reported] };
  }

  it.each(PATHS)('%s: hydrates with no CSP violation, rendered and then from the cache', async (path) => {
    const first = await visit(path);
    expect(first.violations).toEqual([]);
    const second = await visit(path);
    expect(second.cache).toBe('hit');
    expect(second.violations).toEqual([]);
  });

  it('still refuses an inline script that is not one of ours', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const path = PATHS[0];
    await (await fetch(server.url + path)).text();
    // Serve the kept page with a script slipped in, under the policy it was kept with.
    await page.route(server.url + path, async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace('</main>', '<script>document.title = "injected";</script></main>');
      await route.fulfill({ response, body: html });
    });
    const violations: string[] = [];
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
    });
    await page.goto(server.url + path);
    await page.waitForLoadState('load');
    expect(await page.title()).not.toBe('injected');
    expect(violations.length).toBeGreaterThan(0);
    await context.close();
  });
});
