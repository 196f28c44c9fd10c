/**
 * An editor merges a duplicate source in a real browser (the newsroom trial's P1): on the kept
 * source's merge page they type a few words, choose the copy from the matches, read what will
 * move (a page with no axe violations), confirm and merge; the copy's old address then leads a
 * reader to the kept source.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env } from '../../config/env';
import { chromiumAvailable, launchChromium } from '../../scripts/lib/chromium';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { createEditor, type Editor } from '../fixtures';

const canRun = chromiumAvailable() || env().CI;
let server: StartedServer;
let editor: Editor;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
// The pinned axe-core, as the accessibility gate injects it.
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const violations = async () =>
  (
    await new AxeBuilder({ page, axeSource: AXE_SOURCE })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze()
  ).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
const TITLE = 'Trump administration wants to crack down on Huawei access to US chip-making tech';

describe.skipIf(!canRun)('merging two sources in the browser', () => {
  beforeAll(async () => {
    server = await startServer();
    editor = await createEditor(server, { name: 'Browser Merger' });
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('merges the copy into the original and follows the copy’s old address to the original', async () => {
    // As in the trial: an editor typed the source again, without its publisher and date.
    const db = new Database(server.databasePath);
    const fox = (db.prepare("select id from entities where slug = 'fox-business'").get() as { id: number }).id;
    const insert = db.prepare(
      "insert into sources (slug, title, publisher_id, published_on, url) values (?, ?, ?, ?, 'https://www.foxbusiness.com/technology/huawei-chip-tech')",
    );
    const keep = Number(insert.run('chip-tech-original', `${TITLE}: report`, fox, '2020-02').lastInsertRowid);
    const copy = Number(insert.run('chip-tech-copy', TITLE, null, null).lastInsertRowid);
    const claim = Number(
      db.prepare("insert into claims (slug, statement) values ('cites-the-copy', 'Cites the copy')").run()
        .lastInsertRowid,
    );
    db.prepare("insert into citations (claim_id, source_id, role) values (?, ?, 'reports')").run(claim, copy);
    db.close();

    await page.goto(`${server.url}/login?redirectTo=/editor/sources/${keep}/merge`);
    await page.fill('input[name="email"]', editor.email);
    await page.fill('input[name="password"]', editor.password);
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Merge:' }).waitFor();

    // The picker: type, and choose the copy (the one without a publisher) from the list.
    const picker = page.getByRole('combobox', { name: 'The other source' });
    await picker.fill('crack down huawei chip');
    const option = page
      .locator('#field-other-listbox [role="option"]', { hasText: TITLE })
      .filter({ hasNotText: 'FOX Business' });
    await option.waitFor();
    await option.click();
    // The picker fills its input and hidden id as the choice settles, not within the click.
    await expect.poll(() => picker.inputValue()).toBe(TITLE);
    await expect.poll(() => page.locator('input[type="hidden"][name="other"]').inputValue()).toBe(String(copy));
    await page.getByRole('button', { name: 'Show what the merge will do' }).click();

    const moves = page.getByRole('table', { name: /Moves from/ });
    await moves.waitFor();
    expect(await moves.getByRole('row', { name: /Citations/ }).textContent()).toBe('Citations10');
    expect(await violations()).toEqual([]);
    await page.getByRole('button', { name: 'Merge the two sources' }).click();
    // Unticked, the browser keeps the form (the checkbox is required) and nothing is merged.
    expect(await page.getByRole('status').filter({ hasText: 'was merged' }).count()).toBe(0);
    expect(
      await page
        .getByRole('checkbox', { name: /will be removed/ })
        .evaluate((box) => (box as HTMLInputElement).validity.valueMissing),
    ).toBe(true);
    await page.getByRole('checkbox', { name: /will be removed/ }).check();
    await page.getByRole('button', { name: 'Merge the two sources' }).click();
    await page.getByRole('status').filter({ hasText: 'was merged into this source' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'was merged' }).textContent()).toContain(
      '/sources/chip-tech-copy, now leads here',
    );

    const response = await page.goto(`${server.url}/sources/chip-tech-copy`);
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/sources/chip-tech-original');
    expect(await page.locator('h1').textContent()).toBe(`${TITLE}: report`);
    expect(consoleErrors).toEqual([]);
  });
});
