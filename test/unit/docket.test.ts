/**
 * A court case's docket link (`docketUrl`, migration 0007's cases.docket_url): edited in the case
 * form with the URL rules of every link, kept in revisions and content files as `docket_url`,
 * read back by the importer, and given to the public case page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { cases } from '../../db/schema';
import { loader as caseLoader } from '../../app/routes/cases.$slug';
import { entryDocument } from '~/content/document.server';
import { exportContent, renderEntry } from '~/content/export.server';
import { importContent } from '~/content/import.server';
import { getEntryForEdit, saveEntry, validateEntry } from '~/models/entry.server';
import { insertEditor } from '../review-helpers';

const DOCKET = 'https://www.courtlistener.com/docket/123456/united-states-v-example/';
let caseId = 0;
let editor = 0;

beforeAll(() => {
  importContent(getDb(), path.resolve('content'));
  editor = insertEditor('Docket Editor');
  caseId = getDb().select({ id: cases.id }).from(cases).where(eq(cases.slug, 'us-v-huawei-edny')).get()!.id;
});

describe('the docket link of a court case', () => {
  it('is refused unless it is an http(s) address, like every link', () => {
    const entry = getEntryForEdit('cases', caseId)!;
    const checked = validateEntry('cases', { ...entry.values, docketUrl: 'javascript:alert(1)' });
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.errors.docketUrl).toMatch(/http/);
  });

  it('is saved, kept in the document and the file, and given to the public page', async () => {
    const entry = getEntryForEdit('cases', caseId)!;
    const checked = validateEntry('cases', { ...entry.values, docketUrl: DOCKET });
    expect(checked.ok).toBe(true);
    saveEntry('cases', {
      id: caseId,
      expectedVersion: entry.version,
      values: checked.ok ? checked.values : {},
      userId: editor,
    });
    expect(getEntryForEdit('cases', caseId)!.values.docketUrl).toBe(DOCKET);
    const doc = entryDocument(getDb(), 'cases', caseId)!;
    expect(doc.front.docket_url).toBe(DOCKET);
    expect(renderEntry(doc)).toContain(`\ndocket_url: ${DOCKET}\n`);

    const response = (await caseLoader({
      request: new Request('http://localhost/cases/us-v-huawei-edny'),
      params: { slug: 'us-v-huawei-edny' },
      context: {},
    } as LoaderFunctionArgs)) as Response;
    expect((await response.json()).page.courtCase.docketUrl).toBe(DOCKET);
  });

  it('survives an export and a fresh import', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docket-'));
    try {
      exportContent(getDb(), dir);
      expect(fs.readFileSync(path.join(dir, 'cases', 'us-v-huawei-edny.md'), 'utf8')).toContain(
        `docket_url: ${DOCKET}`,
      );
      getDb().update(cases).set({ docketUrl: null }).where(eq(cases.id, caseId)).run();
      importContent(getDb(), dir);
      expect(
        getDb().select({ docketUrl: cases.docketUrl }).from(cases).where(eq(cases.id, caseId)).get()!.docketUrl,
      ).toBe(DOCKET);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
