/**
 * "Has this been checked before?" in a real browser: on the New claim form, typing Andy Purdy's
 * statement with a word left out brings up the published original with its verdict, announced
 * politely; following it asks first, because what was typed is not saved. A person of a close
 * name is held until the editor confirms.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env } from '../../config/env';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { chromiumAvailable, launchChromium } from '../../scripts/lib/chromium';
import { createEditor, EDITOR_PASSWORD } from '../fixtures';

const canRun = chromiumAvailable() || env().CI;
// The pinned axe-core, as the accessibility gate injects it (test/quality/accessibility.test.ts).
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const axeViolations = async (page: Page) =>
  (
    await new AxeBuilder({ page, axeSource: AXE_SOURCE })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze()
  ).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
let server: StartedServer;
let browser: Browser;
let page: Page;
let editorEmail = '';
const consoleErrors: string[] = [];

// Purdy's words with "any" left out, and a comma gone.
const RESTATED =
  'We can prove that our equipment is not subject to influence for the Chinese government and we can prove that our employees are not subject to the Communist government.';

describe.skipIf(!canRun)('checked before?', { sequential: true }, () => {
  beforeAll(async () => {
    server = await startServer();
    const editor = await createEditor(server, { name: 'Checking Editor' });
    editorEmail = editor.email;
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto(`${server.url}/login?redirectTo=/editor/claims/new`);
    await page.fill('input[name="email"]', editor.email);
    await page.fill('input[name="password"]', editor.password);
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'New claim' }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the original with its verdict while the statement is typed', async () => {
    const status = page.locator('.similar-claims__status');
    expect(await status.getAttribute('aria-live')).toBe('polite');
    await page.locator('#field-statement').click();
    await page.keyboard.type(RESTATED, { delay: 2 });
    const original = page.locator('.similar-claims__list li', {
      has: page.locator('a[href="/claims/andy-purdy-denies-backdoor-access"]'),
    });
    await original.first().waitFor({ timeout: 10_000 });
    expect(await original.first().textContent()).toContain('Unproven');
    expect(await original.first().textContent()).toContain('Published');
    expect(await status.textContent()).toMatch(/earlier claims? looks? like this statement/);
    expect(await page.locator('.similar-claims__list li').count()).toBeLessThanOrEqual(5);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('asks before leaving the typed claim for the original, and stays when told to', async () => {
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await page.locator('.similar-claims__list a[href="/claims/andy-purdy-denies-backdoor-access"]').first().click();
    expect(asked).toMatch(/not saved/);
    expect(new URL(page.url()).pathname).toBe('/editor/claims/new');
    expect(await page.inputValue('#field-statement')).toBe(RESTATED);
  });

  it('offers the original in a new tab too', async () => {
    const newTab = page.locator('.similar-claims__list a[target="_blank"]').first();
    expect(await newTab.getAttribute('href')).toBe('/claims/andy-purdy-denies-backdoor-access');
  });

  it('without JavaScript, checks on request and keeps what was typed', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const plain = await context.newPage();
      await plain.goto(`${server.url}/login?redirectTo=/editor/claims/new`);
      await plain.fill('input[name="email"]', editorEmail);
      await plain.fill('input[name="password"]', EDITOR_PASSWORD);
      await plain.keyboard.press('Enter');
      await plain.locator('h1', { hasText: 'New claim' }).waitFor();
      await plain.fill('#field-statement', RESTATED);
      await plain.fill('#field-venue', 'Typed venue');
      await plain.click('button:has-text("Check for earlier fact-checks")');
      await plain
        .locator('.similar-claims__list a[href="/claims/andy-purdy-denies-backdoor-access"]')
        .first()
        .waitFor();
      expect(await plain.inputValue('#field-statement')).toBe(RESTATED);
      expect(await plain.inputValue('#field-venue')).toBe('Typed venue');
      expect(new URL(plain.url()).pathname).toBe('/editor/claims/new');
    } finally {
      await context.close();
    }
  });

  it('holds a person of a close name with an accessible warning, and creates them once confirmed', async () => {
    await page.goto(`${server.url}/editor/people/new`);
    await page.fill('#field-name', 'Purdy, Andy');
    await page.fill('#field-role', 'Typed role');
    await page.click('button:has-text("Create person")');
    await page.locator('.notice--warning', { hasText: 'Andy Purdy' }).waitFor();
    expect(await page.inputValue('#field-role')).toBe('Typed role');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('This is a different person').check();
    await page.click('button:has-text("Create person")');
    await page.locator('h1', { hasText: 'Purdy, Andy' }).waitFor();
    expect(page.url()).toMatch(/\/editor\/people\/\d+\?saved=1$/);
    // The held form answers 409 on purpose (nothing was created); the browser logs that status.
    expect(consoleErrors.filter((e) => !/status of 409/.test(e))).toEqual([]);
  });
});
