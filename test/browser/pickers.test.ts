/**
 * Picking by typing in a real browser against the built server, with the keyboard only: a
 * speaker and a topic chosen from the combobox with ArrowDown and Enter; a new person created
 * from the picker without leaving or losing the claim form; axe on the open combobox. And the
 * same fields without JavaScript: a unique name is looked up on save, an ambiguous one comes back
 * with the candidates as radios, and picking one saves it, with nothing typed lost.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env } from '../../config/env';
import { chromiumAvailable, launchChromium } from '../../scripts/lib/chromium';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { createEditor, signIn } from '../fixtures';
import { newContext, waitForHydration } from '../quality/pages';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const canRun = chromiumAvailable() || env().CI;
let server: StartedServer;
let browser: Browser;
let cookie = '';

function query<T>(sql: string, ...params: unknown[]): T {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}
const claimIdOf = (page: Page) => Number(/\/editor\/claims\/(\d+)/.exec(page.url())![1]);
const speakerOf = (claimId: number) =>
  query<{ name: string | null }>(
    'select e.name from claims c left join entities e on e.id = c.speaker_id where c.id = ?',
    claimId,
  ).name;

beforeAll(async () => {
  server = await startServer({ REVIEW_RULE: 'off' });
  cookie = await signIn(server, await createEditor(server, { name: 'Picker Editor' }));
  browser = await launchChromium();
  const db = new Database(server.databasePath);
  const add = db.prepare(`insert into entities (kind, slug, name, role) values ('person', ?, 'Robin Twofold', ?)`);
  add.run('robin-twofold-1', 'Mayor');
  add.run('robin-twofold-2', 'Harbour master');
  db.close();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.skipIf(!canRun)('picking with the keyboard (JavaScript on)', { sequential: true }, () => {
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    context = await newContext(browser, server, cookie);
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
  });
  afterAll(() => context?.close());

  it('picks a speaker and a topic by typing, ArrowDown and Enter, and saves them', async () => {
    await page.goto(`${server.url}/editor/claims/new`);
    await waitForHydration(page);
    await page.locator('#field-statement').focus();
    await page.keyboard.type('Keyboard pickers choose a speaker without a mouse.');

    const speaker = page.locator('#field-speakerId');
    await expect(speaker.getAttribute('role')).resolves.toBe('combobox');
    await expect(speaker.getAttribute('aria-expanded')).resolves.toBe('false');
    // The no-JS hint goes once the field is a combobox.
    await expect(page.locator('#speakerId-lookup-hint').count()).resolves.toBe(0);
    await speaker.focus();
    await page.keyboard.type('andy pur');
    const option = page.locator('#field-speakerId-listbox [role="option"]', { hasText: 'Andy Purdy' });
    await option.waitFor();
    await expect(speaker.getAttribute('aria-expanded')).resolves.toBe('true');
    await expect(speaker.getAttribute('aria-controls')).resolves.toBe('field-speakerId-listbox');
    await expect(page.locator('#field-speakerId-status').textContent()).resolves.toMatch(/\d+ match/);
    await page.keyboard.press('ArrowDown');
    await expect(speaker.getAttribute('aria-activedescendant')).resolves.toBe('field-speakerId-option-0');
    await expect(page.locator('#field-speakerId-option-0').getAttribute('aria-selected')).resolves.toBe('true');
    await page.keyboard.press('Enter');
    await expect.poll(() => speaker.inputValue()).toBe('Andy Purdy');
    await expect(speaker.getAttribute('aria-expanded')).resolves.toBe('false');
    const purdy = query<{ id: number }>(`select id from entities where slug = 'andy-purdy'`).id;
    await expect(page.locator('input[type="hidden"][name="speakerId"]').inputValue()).resolves.toBe(String(purdy));

    await page.locator('#field-topics').focus();
    await page.keyboard.type('5g');
    await page.locator('#field-topics-listbox [role="option"]', { hasText: '5G networks' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const chip = page.locator('.combobox__chip', { hasText: '5G networks' });
    await chip.waitFor();
    await expect(chip.locator('input[type="checkbox"]').isChecked()).resolves.toBe(true);
    await expect(page.locator('#field-topics').inputValue()).resolves.toBe('');

    await page.getByRole('button', { name: 'Create claim' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Keyboard pickers choose a speaker' }).waitFor();
    const id = claimIdOf(page);
    expect(speakerOf(id)).toBe('Andy Purdy');
    const topic = query<{ name: string }>(
      'select t.name from claim_topics ct join topics t on t.id = ct.topic_id where ct.claim_id = ?',
      id,
    );
    expect(topic.name).toBe('5G networks');
    // The edit page shows the chosen speaker by name.
    await expect(page.locator('#field-speakerId').inputValue()).resolves.toBe('Andy Purdy');
  });

  it('has no axe violations with the combobox open', async () => {
    const speaker = page.locator('#field-speakerId');
    await speaker.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('huawei');
    await page.locator('#field-speakerId-listbox [role="option"]').first().waitFor();
    await page.keyboard.press('ArrowDown');
    const results = await new AxeBuilder({ page, axeSource: AXE_SOURCE })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(speaker.getAttribute('aria-expanded')).resolves.toBe('false');
  });

  it('creates a new person from the picker and comes back to the form as it was', async () => {
    await page.goto(`${server.url}/editor/claims/new`);
    await waitForHydration(page);
    await page.locator('#field-statement').focus();
    await page.keyboard.type('A newcomer nobody has recorded yet said this.');
    await page.locator('#field-venue').focus();
    await page.keyboard.type('Town hall meeting');
    await page.locator('#field-speakerId').focus();
    await page.keyboard.type('Quentin Newcomer');
    const offer = page.locator('#field-speakerId-listbox [role="option"]', { hasText: 'Create “Quentin Newcomer”…' });
    await offer.waitFor();
    // The offer is the last option: ArrowUp from the top wraps to it.
    await page.keyboard.press('ArrowUp');
    await expect(offer.getAttribute('aria-selected')).resolves.toBe('true');
    await page.keyboard.press('Enter');

    const name = page.locator('#field-speakerId-create-name');
    await name.waitFor();
    await expect(name.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(name.inputValue()).resolves.toBe('Quentin Newcomer');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Resident');
    await page.keyboard.press('Enter'); // creates the person; never submits the claim form
    await name.waitFor({ state: 'detached' });
    await expect(page.locator('#field-speakerId').inputValue()).resolves.toBe('Quentin Newcomer');
    await expect(page.locator('#field-speakerId').evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(page.locator('#field-speakerId-status').textContent()).resolves.toMatch(/created and chosen/);
    expect(new URL(page.url()).pathname).toBe('/editor/claims/new');
    await expect(page.locator('#field-statement').inputValue()).resolves.toBe(
      'A newcomer nobody has recorded yet said this.',
    );
    await expect(page.locator('#field-venue').inputValue()).resolves.toBe('Town hall meeting');
    const created = query<{ id: number; role: string }>(
      `select id, role from entities where name = 'Quentin Newcomer' and kind = 'person'`,
    );
    expect(created.role).toBe('Resident');
    await expect(page.locator('input[type="hidden"][name="speakerId"]').inputValue()).resolves.toBe(String(created.id));

    await page.locator('#field-venue').focus();
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'A newcomer nobody has recorded' }).waitFor();
    expect(speakerOf(claimIdOf(page))).toBe('Quentin Newcomer');
    expect(consoleErrors).toEqual([]);
  });
});

describe.skipIf(!canRun)('picking without JavaScript', { sequential: true }, () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext({ javaScriptEnabled: false });
    await context.addCookies(
      cookie.split('; ').map((pair) => {
        const eq = pair.indexOf('=');
        return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: server.url };
      }),
    );
    page = await context.newPage();
  });
  afterAll(() => context?.close());

  it('looks a unique typed name up on save', async () => {
    await page.goto(`${server.url}/editor/claims/new`);
    const speaker = page.locator('#field-speakerId');
    await expect(speaker.getAttribute('role')).resolves.toBeNull();
    await expect(speaker.getAttribute('name')).resolves.toBe('speakerId__text');
    await expect(page.locator('#speakerId-lookup-hint').textContent()).resolves.toBe(
      'Type a name; it is looked up when you save.',
    );
    await page.fill('#field-statement', 'Typed without scripts, found on save.');
    await page.fill('#field-speakerId', 'wilbur ross');
    await page.click('button:has-text("Create claim")');
    await page.locator('h1', { hasText: 'Typed without scripts' }).waitFor();
    expect(speakerOf(claimIdOf(page))).toBe('Wilbur Ross');
  });

  it('offers the candidates of an ambiguous name as radios, keeps what was typed, and saves the one picked', async () => {
    await page.goto(`${server.url}/editor/claims/new`);
    await page.fill('#field-statement', 'One of two people of one name said this.');
    await page.fill('#field-venue', 'Harbour office');
    await page.fill('#field-speakerId', 'Robin Twofold');
    await page.click('button:has-text("Create claim")');
    await page.locator('#speakerId-error', { hasText: 'are called “Robin Twofold”' }).waitFor();
    await expect(page.locator('#field-statement').inputValue()).resolves.toBe(
      'One of two people of one name said this.',
    );
    await expect(page.locator('#field-venue').inputValue()).resolves.toBe('Harbour office');
    await expect(page.locator('#field-speakerId').inputValue()).resolves.toBe('Robin Twofold');
    const radios = page.locator('input[type="radio"][name="speakerId__pick"]');
    await expect(radios.count()).resolves.toBe(2);
    await page.locator('label', { hasText: 'Harbour master' }).click();
    await page.click('button:has-text("Create claim")');
    await page.locator('h1', { hasText: 'One of two people of one name' }).waitFor();
    const stored = query<{ slug: string }>(
      'select e.slug from claims c join entities e on e.id = c.speaker_id where c.id = ?',
      claimIdOf(page),
    );
    expect(stored.slug).toBe('robin-twofold-2');
  });

  it('creates a person the name of nobody, when asked to, with the claim', async () => {
    await page.goto(`${server.url}/editor/claims/new`);
    await page.fill('#field-statement', 'Someone new said it, with scripts off.');
    await page.fill('#field-speakerId', 'Ursula Offline');
    await page.click('button:has-text("Create claim")');
    await page.locator('#speakerId-error', { hasText: 'matches “Ursula Offline”' }).waitFor();
    await page.locator('label', { hasText: 'Create a new person named “Ursula Offline”' }).click();
    await page.click('button:has-text("Create claim")');
    await page.locator('h1', { hasText: 'Someone new said it' }).waitFor();
    expect(speakerOf(claimIdOf(page))).toBe('Ursula Offline');
  });
});
