/**
 * An editor merges a duplicate source in a real browser (the newsroom trial's P1): on the kept
 * source's merge page they type a few words, choose the copy from the matches, read what will
 * move, confirm and merge; the copy's old address then leads a reader to the kept source.
 */
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
const TITLE = 'Trump administration wants to crack down on Huawei access to US chip-making tech';

describe.skipIf(!canRun)('merging two sources in the browser', () => {
  beforeAll(async () => {
    server = await startServer();
    editor = await createEditor(server, { name: 'Browser Merger' });
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

  it('merges the copy into the original and follows the copy’s old address to the original', async () => {
    const db = new Database(server.databasePath);
    const insert = db.prepare(
      "insert into sources (slug, title, url) values (?, ?, 'https://www.foxbusiness.com/technology/huawei-chip-tech')",
    );
    const keep = Number(insert.run('chip-tech-original', TITLE).lastInsertRowid);
    const copy = Number(insert.run('chip-tech-copy', TITLE).lastInsertRowid);
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

    await page.getByLabel('Words from its title or name').fill('crack down huawei chip');
    await page.keyboard.press('Enter');
    // The two have the same title: the address beside each tells them apart.
    const choice = page.getByRole('radio', { name: /chip-tech-copy/ });
    await choice.waitFor();
    expect(await page.getByRole('radio', { name: /chip-tech-original/ }).count()).toBe(0);
    await choice.check();
    await page.getByRole('button', { name: 'Show what the merge will do' }).click();

    const moves = page.getByRole('table', { name: /Moves from/ });
    await moves.waitFor();
    expect(await moves.getByRole('row', { name: /Citations/ }).textContent()).toBe('Citations10');
    await page.getByRole('button', { name: 'Merge the two sources' }).click();
    // Unticked, the browser keeps the form (the checkbox is required) and nothing is merged.
    expect(await page.getByRole('status').count()).toBe(0);
    await page.getByRole('checkbox', { name: /will be removed/ }).check();
    await page.getByRole('button', { name: 'Merge the two sources' }).click();
    await page.getByRole('status').filter({ hasText: 'was merged into this source' }).waitFor();
    expect(await page.getByRole('status').textContent()).toContain('/sources/chip-tech-copy, now leads here');

    const response = await page.goto(`${server.url}/sources/chip-tech-copy`);
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/sources/chip-tech-original');
    expect(await page.locator('h1').textContent()).toBe(TITLE);
    expect(consoleErrors).toEqual([]);
  });
});
