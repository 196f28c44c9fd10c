/**
 * The kind of statement as an editor field: a select "Exact words / Our summary" on the claim
 * form that starts at exact words (the column's default), is validated against the two kinds,
 * and is stored, shown again and restored like any other field.
 */
import path from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { importContent } from '~/content/import.server';
import { KIND_SPECS } from '~/domain';
import { EntryField } from '~/editor/entry-form';
import { getEntryForEdit, getEntryOptions, saveEntry, validateEntry, type FormValues } from '~/models/entry.server';
import { getClaimBySlug } from '~/models/claim-detail.server';

const field = KIND_SPECS.claims.fields.find((f) => f.name === 'statementKind')!;
const values = (over: Partial<FormValues> = {}): FormValues => ({
  statement: 'Our own account of what was said at the briefing.',
  slug: '',
  speakerId: '',
  claimedOn: '2020-02-14',
  venue: '',
  medium: '',
  verdictId: '',
  verdictExplanation: '',
  analysis: '',
  topics: [],
  language: 'en',
  ...over,
});

beforeAll(() => {
  importContent(getDb(), path.resolve('content'));
});

describe('the statement kind field', () => {
  it('is a select of exact words and our summary, starting at exact words, with a hint', () => {
    const html = renderToStaticMarkup(<EntryField field={field} value={undefined} options={getEntryOptions()} />);
    expect(html).toContain('The statement is');
    expect(html).toMatch(
      /<option value="quote" selected="">Exact words<\/option><option value="summary">Our summary<\/option>/,
    );
    expect(html).not.toContain('— None —');
    expect(html).toContain('never is');
    const chosen = renderToStaticMarkup(<EntryField field={field} value="summary" options={getEntryOptions()} />);
    expect(chosen).toContain('<option value="summary" selected="">Our summary</option>');
  });

  it('stores a summary, shows it again, and refuses any other kind', () => {
    const checked = validateEntry('claims', values({ statementKind: 'summary' }));
    expect(checked.ok).toBe(true);
    const saved = saveEntry('claims', {
      id: null,
      expectedVersion: null,
      values: values({ statementKind: 'summary' }),
      userId: null,
    });
    expect(getEntryForEdit('claims', saved.id)!.values.statementKind).toBe('summary');
    const refused = validateEntry('claims', values({ statementKind: 'paraphrase' }));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors.statementKind).toBe('Choose from the list.');
  });

  it('means exact words when left out or empty', () => {
    for (const over of [{}, { statementKind: '' }]) {
      const checked = validateEntry('claims', values({ ...over, statement: `Left out ${JSON.stringify(over)}` }));
      expect(checked.ok).toBe(true);
      const saved = saveEntry('claims', {
        id: null,
        expectedVersion: null,
        values: checked.ok ? checked.values : {},
        userId: null,
      });
      expect(getEntryForEdit('claims', saved.id)!.values.statementKind).toBe('quote');
    }
    expect(getClaimBySlug('andy-purdy-denies-backdoor-access')!.claim.statementKind).toBe('quote');
  });
});
