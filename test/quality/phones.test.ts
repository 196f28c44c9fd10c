/**
 * Phones gate, in the system Chromium: at 375 px wide no page kind scrolls sideways and body text
 * stays readable (no text under 12 px, Lighthouse's legibility line); screenshots of every page kind at 375 and 1280 px go to
 * screenshots/ for review. Skipped without Chromium, except under CI, where that fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env } from '../../config/env';
import { chromiumPath, chromiumAvailable, launchChromium } from '../../scripts/lib/chromium';
import type { StartedServer } from '../../scripts/lib/server';
import { BROWSER_PAGE_KINDS, newContext, QUALITY_EDITOR, startQualityServer } from './pages';
import { signIn } from '../fixtures';

const skip = !chromiumAvailable() && !env().CI;
if (skip) console.warn(`Skipping the phones gate: no Chromium at ${chromiumPath()}.`);
const SHOTS = path.join(process.cwd(), 'screenshots');
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 900 };

it.runIf(env().CI)('has the system Chromium under CI', () => {
  expect(chromiumAvailable(), `CI must run the browser gates; there is no Chromium at ${chromiumPath()}`).toBe(true);
});

describe.skipIf(skip)('every page kind fits a 375 px phone', () => {
  let server: StartedServer;
  let browser: Browser;
  const contexts: Record<string, BrowserContext> = {};

  beforeAll(async () => {
    if (!chromiumAvailable())
      throw new Error(`CI must run the browser gates, but there is no Chromium at ${chromiumPath()}.`);
    [server, browser] = await Promise.all([startQualityServer(), launchChromium()]);
    const cookie = await signIn(server, QUALITY_EDITOR);
    for (const [label, viewport] of Object.entries({ phone: PHONE, desktop: DESKTOP })) {
      contexts[`${label}-reader`] = await newContext(browser, server, null, viewport);
      contexts[`${label}-editor`] = await newContext(browser, server, cookie, viewport);
    }
    fs.mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const fileName = (name: string) => name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');

  for (const kind of BROWSER_PAGE_KINDS) {
    it(`${kind.name} (${kind.path}): no sideways scrolling at 375 px; screenshots written`, async () => {
      for (const label of ['phone', 'desktop'] as const) {
        const page = await contexts[`${label}-${kind.editor ? 'editor' : 'reader'}`].newPage();
        page.setDefaultTimeout(10_000);
        try {
          const res = await page.goto(server.url + kind.path);
          expect(res?.status(), `${kind.name} answered`).toBe(kind.status ?? 200);
          await kind.reach?.run(page);
          await page.screenshot({ path: path.join(SHOTS, `${fileName(kind.name)}-${label}.png`), fullPage: true });
          if (label !== 'phone') continue;
          const layout = await page.evaluate(() => {
            const wide = [...document.querySelectorAll<HTMLElement>('body *')]
              .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
              .filter((el) => !el.closest('.skip-link, .visually-hidden'))
              .slice(0, 5)
              .map(
                (el) => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}`,
              );
            const small = [...document.querySelectorAll<HTMLElement>('main p, main li, main td, main label')]
              .filter((el) => el.textContent?.trim() && parseFloat(getComputedStyle(el).fontSize) < 12)
              .slice(0, 5)
              .map(
                (el) =>
                  `${el.tagName.toLowerCase()} "${el.textContent!.trim().slice(0, 30)}" ${getComputedStyle(el).fontSize}`,
              );
            return { scrollWidth: document.documentElement.scrollWidth, wide, small };
          });
          expect(
            layout.scrollWidth,
            `${kind.name}: page is ${layout.scrollWidth} px wide at 375 px; wider elements: ${layout.wide.join(', ')}`,
          ).toBeLessThanOrEqual(PHONE.width);
          expect(layout.small, `${kind.name}: text smaller than 12 px at 375 px`).toEqual([]);
        } finally {
          await page.close();
        }
      }
    });
  }
});
