/**
 * Nothing typed is lost on a claim's editing page (issue 11, newsroom trial P5, P7), in a real
 * browser against the built server. With JavaScript: type in the analysis, add a citation (pick
 * the source, choose the role, type the quote): the analysis is still there and saved, and the
 * citation fields are empty again; the same citation again is refused (Enter in the panel presses
 * the panel's own button); a removal asks first; typing then following an editor link asks before
 * leaving, and staying keeps the text. Without JavaScript: the typed analysis comes back after
 * adding a citation, and after a refused one.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { env } from '../../config/env';
import { chromiumAvailable, launchChromium } from '../../scripts/lib/chromium';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { createEditor, signIn } from '../fixtures';
import { newContext, waitForHydration } from '../quality/pages';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const canRun = chromiumAvailable() || env().CI;
const SOURCE = 'Huawei exec denies US intelligence on China backdoor access';
let server: StartedServer;
let browser: Browser;
let cookie = '';

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** A draft claim written into the server's database (it starts the page, not the test). */
function draftClaim(slug: string): string {
  const db = new Database(server.databasePath);
  try {
    const { lastInsertRowid } = db
      .prepare(`insert into claims (slug, statement, analysis) values (?, ?, 'The first analysis.')`)
      .run(slug, `The Tanagerford claim ${slug} needs its sources.`);
    return `${server.url}/editor/claims/${lastInsertRowid}`;
  } finally {
    db.close();
  }
}
const citationCount = (url: string) =>
  query<{ n: number }>('select count(*) as n from citations where claim_id = ?', Number(url.split('/').at(-1)))[0].n;
const analysisOf = (url: string) =>
  query<{ analysis: string }>('select analysis from claims where id = ?', Number(url.split('/').at(-1)))[0].analysis;

beforeAll(async () => {
  server = await startServer();
  cookie = await signIn(server, await createEditor(server, { name: 'Unsaved Editor' }));
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.skipIf(!canRun)('with JavaScript', { sequential: true }, () => {
  let context: BrowserContext;
  let page: Page;
  let url: string;
  const consoleErrors: string[] = [];
  let failedStep: string | undefined;
  beforeEach(({ onTestFailed, skip, task }) => {
    if (failedStep) skip(`an earlier step failed: ${failedStep}`);
    onTestFailed(() => {
      failedStep ??= task.name;
    });
  });

  beforeAll(async () => {
    context = await newContext(browser, server, cookie);
    context.setDefaultTimeout(8_000);
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    url = draftClaim('unsaved-with-js');
  });
  afterAll(() => context?.close());

  const analysis = () => page.getByLabel('Analysis');
  const source = () => page.getByRole('combobox', { name: 'Source', exact: true });

  async function fillCitation(quote: string) {
    await source().fill('backdoor access');
    await page.getByRole('option', { name: new RegExp(SOURCE) }).click();
    await expect.poll(() => source().inputValue()).toBe(SOURCE);
    await page.getByLabel('What the source does').selectOption('reports');
    await page.getByLabel('Exact quote').fill(quote);
  }

  it('adds a citation and keeps the analysis typed before it, saved; the citation fields start empty again', async () => {
    await page.goto(url);
    await waitForHydration(page);
    await analysis().fill('An analysis typed before citing, never saved by hand.');
    await fillCitation('We can prove that our equipment is not subject to any influence');
    await page.getByRole('button', { name: 'Add citation' }).click();
    await page.getByRole('heading', { level: 2, name: 'Sources cited (1)' }).waitFor();

    await expect(analysis().inputValue()).resolves.toBe('An analysis typed before citing, never saved by hand.');
    expect(analysisOf(url)).toBe('An analysis typed before citing, never saved by hand.');
    await expect(source().inputValue()).resolves.toBe('');
    await expect(page.locator('input[type="hidden"][name="citation.sourceId"]').inputValue()).resolves.toBe('');
    await expect(page.getByLabel('Exact quote').inputValue()).resolves.toBe('');
    await expect(page.getByLabel('What the source does').inputValue()).resolves.toBe('made_in');
    // Still where the editor was: the page did not jump to the top.
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  });

  it('refuses the same citation again; Enter in the panel’s field presses the panel’s own button', async () => {
    await fillCitation('  We can prove that our equipment   is not subject to any influence ');
    await page.getByLabel('Where in the source').fill('');
    await page.getByLabel('Where in the source').press('Enter');
    await page.getByText(/This claim already cites “.+” as “Reports the claim” with the same quote\./).waitFor();
    expect(citationCount(url)).toBe(1);
    // What was typed is all still there, to correct.
    await expect(page.getByLabel('Exact quote').inputValue()).resolves.toContain('is not subject to any influence');
    await expect(analysis().inputValue()).resolves.toBe('An analysis typed before citing, never saved by hand.');
  });

  it('asks before removing a citation: No keeps it, Yes removes it', async () => {
    const remove = page.getByRole('button', { name: /^Remove the citation of/ });
    await remove.click();
    const dialog = page.getByRole('dialog', { name: 'Are you sure?' });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain(`Remove the citation of “${SOURCE}”?`);
    await dialog.getByRole('button', { name: 'No, keep it' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(citationCount(url)).toBe(1);
    await remove.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, remove it' }).click();
    await page.getByRole('heading', { level: 2, name: 'Sources cited (0)' }).waitFor();
    expect(citationCount(url)).toBe(0);
  });

  it('asks before following a link away from typed text; staying keeps it, leaving goes', async () => {
    await page.goto(url);
    await waitForHydration(page);
    await analysis().fill('Typed, and then a link was clicked.');
    await page.getByRole('navigation', { name: 'Editors' }).getByRole('link', { name: 'Sources' }).click();
    const dialog = page.getByRole('dialog', { name: 'Leave this page?' });
    await dialog.waitFor();
    const axe = await new AxeBuilder({ page, axeSource: AXE_SOURCE })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await expect(
      dialog.getByRole('button', { name: 'Stay on this page' }).evaluate((b) => b === document.activeElement),
    ).resolves.toBe(true);
    await dialog.getByRole('button', { name: 'Stay on this page' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(page.url()).toBe(url);
    await expect(analysis().inputValue()).resolves.toBe('Typed, and then a link was clicked.');

    await page.getByRole('navigation', { name: 'Editors' }).getByRole('link', { name: 'Sources' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Leave without saving' }).click();
    await page.waitForURL(/\/editor\/sources$/);
    expect(analysisOf(url)).toBe('An analysis typed before citing, never saved by hand.');
  });

  it('asks on the new-entry page too, and not once the entry is created', async () => {
    await page.goto(`${server.url}/editor/claims/new`);
    await waitForHydration(page);
    await page.getByLabel(/^Statement/).fill('A new Tanagerford claim, typed and not yet created.');
    await page.getByRole('navigation', { name: 'Editors' }).getByRole('link', { name: 'Claims' }).click();
    await page
      .getByRole('dialog', { name: 'Leave this page?' })
      .getByRole('button', { name: 'Stay on this page' })
      .click();
    await expect(page.getByLabel(/^Statement/).inputValue()).resolves.toBe(
      'A new Tanagerford claim, typed and not yet created.',
    );
    await page.getByRole('button', { name: 'Create claim' }).click();
    await page.getByRole('heading', { level: 1, name: /typed and not yet created/ }).waitFor();
    await page.getByRole('navigation', { name: 'Editors' }).getByRole('link', { name: 'Claims' }).click();
    await page.waitForURL(/\/editor\/claims$/);
  });

  it('does not ask once the typing is saved', async () => {
    await page.goto(url);
    await waitForHydration(page);
    await analysis().fill('Typed and saved.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await page.getByRole('navigation', { name: 'Editors' }).getByRole('link', { name: 'Sources' }).click();
    await page.waitForURL(/\/editor\/sources$/);
  });

  it('logged no console errors (other than the refused citation’s expected 400)', () => {
    expect(consoleErrors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });
});

describe.skipIf(!canRun)('without JavaScript', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await browser.newContext({ javaScriptEnabled: false });
    await context.addCookies([{ name: '__session', value: cookie.split('=').slice(1).join('='), url: server.url }]);
    context.setDefaultTimeout(8_000);
    page = await context.newPage();
  });
  afterAll(() => context?.close());

  it('keeps the typed analysis when a citation is added, and when the same one is refused', async () => {
    const url = draftClaim('unsaved-without-js');
    await page.goto(url);
    const cite = async () => {
      await page.getByLabel('Analysis').fill('An analysis typed without JavaScript.');
      await page.getByLabel('Source', { exact: true }).fill(SOURCE);
      await page.getByLabel('What the source does').selectOption('reports');
      await page.getByLabel('Exact quote').fill('our employees are not subject to the Communist government');
      await page.getByRole('button', { name: 'Add citation' }).click();
    };
    await cite();
    await page.getByRole('heading', { level: 2, name: 'Sources cited (1)' }).waitFor();
    await expect(page.getByLabel('Analysis').inputValue()).resolves.toBe('An analysis typed without JavaScript.');
    await expect(page.getByLabel('Source', { exact: true }).inputValue()).resolves.toBe('');
    await expect(page.getByLabel('Exact quote').inputValue()).resolves.toBe('');

    await cite();
    await page.getByText(/This claim already cites .+ with the same quote\./).waitFor();
    await expect(page.getByLabel('Analysis').inputValue()).resolves.toBe('An analysis typed without JavaScript.');
    await expect(page.getByLabel('Exact quote').inputValue()).resolves.toBe(
      'our employees are not subject to the Communist government',
    );
    expect(citationCount(url)).toBe(1);
  });
});
