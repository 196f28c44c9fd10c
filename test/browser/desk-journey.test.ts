/**
 * The fact-checking desk end to end in a real browser, with two editors (issue 10, "Tests"): a
 * reader's tip arrives; editor A makes it a draft, takes it, writes, cites and submits it; A
 * cannot approve their own change; B sends it back, A fixes it, B approves and it is public with
 * both bylines; A changes the verdict and the public page is unchanged until B approves the
 * correction, then page and log show it; A retracts, B approves; A un-retracts with a note, B
 * approves; and the public log tells the whole story in order.
 *
 * Three browser contexts (A, B, and an anonymous reader), each with its own cookies, against one
 * server with the default review rule (two editors). The steps are one journey, so they run in
 * order (`sequential`) and once one fails the later ones are skipped.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { env } from '../../config/env';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { chromiumAvailable, launchChromium } from '../../scripts/lib/chromium';
import { createEditor, type Editor } from '../fixtures';

const canRun = chromiumAvailable() || env().CI;
const TIP = 'The mayor said the new bridge over the Vessel river cost twice its budget.';
const SOURCE = 'Huawei exec denies US intelligence on China backdoor access';
const RETURN_NOTE = 'Say which budget figure the council published.';
const CORRECTION_NOTE = 'The council’s final accounts show the overrun was smaller than reported.';
const RETRACTION_NOTE = 'The accounts we relied on were a draft the council later withdrew.';
const REPUBLICATION_NOTE = 'The council republished the final accounts; our check stands on them.';

let server: StartedServer;
let browser: Browser;
let editorA: Editor;
let editorB: Editor;
const contexts: BrowserContext[] = [];
let a: Page;
let b: Page;
let reader: Page;
let claimId: string;
let publicPath: string;

async function signIn(page: Page, editor: Editor) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Email').fill(editor.email);
  await page.getByLabel('Password').fill(editor.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
}

const editPage = () => `${server.url}/editor/claims/${claimId}`;
const reviewHeading = (page: Page, name: string) => page.getByRole('heading', { level: 2, name }).waitFor();
const verdictOnPage = (page: Page) => page.locator('.verdict-panel__rating .verdict').textContent();
const logEntries = (page: Page) =>
  page.getByRole('region', { name: 'Corrections and updates' }).getByRole('listitem').allTextContents();

/** B opens the claim's editing page and approves the change waiting there. */
async function bApproves() {
  await b.goto(editPage());
  await reviewHeading(b, 'Pending review');
  await b.getByRole('button', { name: 'Approve', exact: true }).click();
  await b.getByRole('heading', { level: 2, name: 'Pending review' }).waitFor({ state: 'detached' });
}

/** A writes the public log note and presses one of the Publishing panel's buttons (answering its question, if it asks). */
async function aSubmits(note: string, button: string, confirm?: string) {
  await a.goto(editPage());
  await a.getByLabel('Note for the public log').fill(note);
  await a.getByRole('button', { name: button }).click();
  if (confirm) await a.getByRole('dialog').getByRole('button', { name: confirm }).click();
  await reviewHeading(a, 'Pending review');
}

describe.skipIf(!canRun)(
  'two editors take a reader’s tip to a reviewed, corrected, retracted and republished fact-check',
  { sequential: true },
  () => {
    let failedStep: string | undefined;
    beforeEach(({ onTestFailed, skip, task }) => {
      if (failedStep) skip(`an earlier step failed: ${failedStep}`);
      onTestFailed(() => {
        failedStep ??= task.name;
      });
    });

    beforeAll(async () => {
      server = await startServer(); // the default REVIEW_RULE: a different editor approves
      editorA = await createEditor(server, { name: 'Ada Author' });
      editorB = await createEditor(server, { name: 'Bea Reviewer' });
      browser = await launchChromium();
      for (let i = 0; i < 3; i++) contexts.push(await browser.newContext());
      // A missing control fails its own step quickly, naming the locator, rather than the test's timeout.
      for (const context of contexts) context.setDefaultTimeout(8_000);
      [a, b, reader] = await Promise.all(contexts.map((c) => c.newPage()));
      await signIn(a, editorA);
      await signIn(b, editorB);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('a reader sends a tip and is thanked', async () => {
      await reader.goto(`${server.url}/suggest`);
      await reader.getByLabel('What was said').fill(TIP);
      await reader.getByLabel('Who said it').fill('The mayor of Vesselton');
      await reader.getByLabel('Where you saw or heard it').fill('Council meeting, 3 March');
      await reader.getByRole('button', { name: 'Send the tip' }).click();
      await reader.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
      expect(new URL(reader.url()).pathname).toBe('/suggest/thanks');
    });

    it('A makes the tip a draft, takes it, writes, cites and submits it for publication', async () => {
      await a.goto(`${server.url}/editor/tips`);
      const tip = a.getByRole('article').filter({ hasText: TIP });
      await tip.getByRole('button', { name: 'Make a draft claim' }).click();
      await a.waitForURL(/\/editor\/claims\/\d+\?saved=1$/);
      claimId = new URL(a.url()).pathname.split('/').at(-1)!;
      await expect(a.getByRole('textbox', { name: /^Statement/ }).inputValue()).resolves.toContain('twice its budget');

      // The desk panel is part of the editing page's one form: what A types first is kept.
      await a.getByLabel('Why this verdict').fill('Typed before taking the claim.');
      await a.getByLabel('Assigned to').selectOption({ label: editorA.name });
      await a.getByRole('button', { name: 'Assign' }).click();
      await a.getByText(`assigned to ${editorA.name}`).waitFor();
      await expect(a.getByLabel('Why this verdict').inputValue()).resolves.toBe('Typed before taking the claim.');

      await a.getByLabel('Verdict', { exact: true }).selectOption('misleading');
      await a.getByLabel('Why this verdict').fill('The overrun was 40 per cent, not 100.');
      await a.getByRole('button', { name: 'Save changes' }).click();
      await a.getByRole('status').filter({ hasText: 'Saved' }).waitFor();

      // The source is picked by typing.
      await a.getByRole('combobox', { name: 'Source', exact: true }).fill('backdoor access');
      await a.getByRole('option', { name: new RegExp(SOURCE) }).click();
      await a.getByRole('button', { name: 'Add citation' }).click();
      await a.getByRole('region', { name: /Sources cited \(1\)/ }).waitFor();

      await a.getByRole('button', { name: 'Submit for publication' }).click();
      await reviewHeading(a, 'Pending review');
    });

    it('A cannot approve their own submission', async () => {
      await a.reload();
      await reviewHeading(a, 'Pending review');
      await expect(a.getByRole('button', { name: /approve/i }).count()).resolves.toBe(0);
      await a.getByText('Another editor must approve it.').waitFor();
    });

    it('B returns it with a note; A sees the note, fixes and resubmits; B approves; it is public with both bylines', async () => {
      await b.goto(editPage());
      await reviewHeading(b, 'Pending review');
      await b.getByLabel('What needs to change').fill(RETURN_NOTE);
      await b.getByRole('button', { name: 'Return to the author' }).click();
      await reviewHeading(b, 'Returned for changes');

      await a.goto(editPage());
      await reviewHeading(a, 'Returned for changes');
      await a.getByText(RETURN_NOTE).waitFor();
      await expect(a.getByRole('region', { name: 'Returned for changes' }).textContent()).resolves.toContain(
        `${editorB.name} wrote:`,
      );
      await a.getByLabel('Why this verdict').fill('The council’s budget was £10m; the bridge cost £14m, not £20m.');
      await a.getByRole('button', { name: 'Save changes' }).click();
      await a.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
      await a.getByRole('button', { name: 'Submit for publication' }).click();
      await reviewHeading(a, 'Pending review');

      await bApproves();
      await b.getByText('Status: published').waitFor();
      publicPath = (await b.getByRole('link', { name: 'View the public page' }).getAttribute('href'))!;

      await reader.goto(`${server.url}${publicPath}`);
      await reader.getByRole('heading', { level: 1, name: /twice its budget/ }).waitFor();
      await expect(reader.locator('.byline').textContent()).resolves.toBe(
        `Fact-check by ${editorA.name} · Reviewed by ${editorB.name}`,
      );
      await expect(verdictOnPage(reader)).resolves.toBe('Misleading');
      await expect(reader.locator('.verdict-panel__explanation').textContent()).resolves.toContain('£14m');
    });

    it('A’s verdict change waits for B; once approved the page and its log show the correction', async () => {
      await a.goto(editPage());
      await a.getByLabel('Verdict', { exact: true }).selectOption('false');
      await a.getByRole('button', { name: 'Save changes' }).click();
      await a.getByRole('status').filter({ hasText: 'Saved to the change waiting for review' }).waitFor();
      await aSubmits(CORRECTION_NOTE, 'Submit as a correction');

      await reader.reload();
      await expect(verdictOnPage(reader)).resolves.toBe('Misleading');
      await expect(reader.getByText(CORRECTION_NOTE).count()).resolves.toBe(0);

      await bApproves();
      await reader.reload();
      await expect(verdictOnPage(reader)).resolves.toBe('False');
      const log = await logEntries(reader);
      expect(log.at(-1)).toContain(`Correction: ${CORRECTION_NOTE}`);
    });

    it('A proposes a retraction; once B approves, the page carries the retraction notice', async () => {
      await aSubmits(RETRACTION_NOTE, 'Propose retraction', 'Yes, propose the retraction');
      await reader.reload();
      await expect(reader.getByRole('note').count()).resolves.toBe(0);

      await bApproves();
      await reader.reload();
      const notice = reader.getByRole('note').filter({ hasText: 'Retracted' });
      await expect(notice.textContent()).resolves.toContain(`Reason: ${RETRACTION_NOTE}`);
    });

    it('A un-retracts with a note; once B approves, the page is live and the log tells the whole story', async () => {
      await aSubmits(REPUBLICATION_NOTE, 'Propose un-retraction');
      await reader.reload();
      await reader.getByRole('note').filter({ hasText: 'Retracted' }).waitFor();

      await bApproves();
      await b.getByText('Status: published').waitFor();
      await reader.reload();
      await reader.getByRole('heading', { level: 1, name: /twice its budget/ }).waitFor();
      await expect(reader.getByRole('note').filter({ hasText: 'Retracted' }).count()).resolves.toBe(0);
      await expect(verdictOnPage(reader)).resolves.toBe('False');
      const log = await logEntries(reader);
      expect(log.map((entry) => entry.replace(/^.*? · /, ''))).toEqual([
        `Correction: ${CORRECTION_NOTE}`,
        `Retraction: ${RETRACTION_NOTE}`,
        `Republication: ${REPUBLICATION_NOTE}`,
      ]);
    });
  },
);
