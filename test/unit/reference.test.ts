/**
 * Reference fields on a real database: how `resolveReference` reads what the Combobox posts (with
 * and without JavaScript), how the entry form keeps everything typed when a lookup fails, and how
 * a save creates a new person the editor asked for, in the same transaction as the claim.
 */
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { claimSubjects, entities, revisions } from '../../db/schema';
import { entryDocument } from '~/content/document.server';
import { importContent } from '~/content/import.server';
import { resolveReference } from '~/forms/reference.server';
import { getEntryForEdit, getEntryOptions, readEntryForm, saveEntry, validateEntry } from '~/models/entry.server';
import { pickedEntries, pickMatches } from '~/models/pick.server';
import { claimFormValues, insertEditor } from '../review-helpers';

let editor = 0;
const idOf = (slug: string) =>
  getDb().select({ id: entities.id }).from(entities).where(eq(entities.slug, slug)).get()!.id;
const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(key, v);
  return data;
};
/** A person, inserted directly (the triggers index it for search at once). */
const person = (name: string, slug: string, role: string | null = null) =>
  getDb().insert(entities).values({ kind: 'person', name, slug, role }).returning({ id: entities.id }).get().id;

beforeAll(() => {
  importContent(getDb(), path.resolve('content'));
  editor = insertEditor('Reference Editor');
  person('Jordan Twin', 'jordan-twin-1', 'Mayor');
  person('Jordan Twin', 'jordan-twin-2', 'Councillor');
});

describe('resolveReference, one entry', () => {
  it('keeps a chosen id whose title the text still shows', () => {
    const purdy = idOf('andy-purdy');
    expect(
      resolveReference(form({ speakerId: String(purdy), speakerId__text: 'Andy Purdy' }), 'speakerId', 'entities'),
    ).toEqual({ ids: [purdy] });
  });

  it('looks the text up when it no longer is the chosen title: one exact name (any case) wins', () => {
    const purdy = idOf('andy-purdy');
    const ross = idOf('wilbur-ross');
    const typed = form({ speakerId: String(purdy), speakerId__text: '  wilbur   ROSS ' });
    expect(resolveReference(typed, 'speakerId', 'entities')).toEqual({ ids: [ross] });
  });

  it('reads a post of the id alone (no text input) as that id, and an empty text as no reference', () => {
    const purdy = idOf('andy-purdy');
    expect(resolveReference(form({ speakerId: String(purdy) }), 'speakerId', 'entities')).toEqual({ ids: [purdy] });
    expect(resolveReference(form({ speakerId: String(purdy), speakerId__text: ' ' }), 'speakerId', 'entities')).toEqual(
      {
        ids: [],
      },
    );
    expect(resolveReference(form({}), 'speakerId', 'entities')).toEqual({ ids: [] });
    const gone = resolveReference(form({ speakerId: '999999' }), 'speakerId', 'entities');
    expect(gone).toMatchObject({ error: expect.stringContaining('no longer exists') });
  });

  it('answers several people of one name with an error and both as candidates, told apart by role', () => {
    const result = resolveReference(form({ speakerId: '', speakerId__text: 'Jordan Twin' }), 'speakerId', 'entities');
    expect('error' in result && result.error).toMatch(/2 people or organisations are called “Jordan Twin”/);
    const candidates = 'candidates' in result ? result.candidates : [];
    expect(candidates.map((c) => c.detail).sort()).toEqual(['Person · Councillor', 'Person · Mayor']);
  });

  it('offers near matches when nothing has exactly that name, and says so when nothing matches at all', () => {
    const near = resolveReference(form({ speakerId__text: 'andy' }), 'speakerId', 'entities');
    expect(near).toMatchObject({ error: expect.stringContaining('No person or organisation is called “andy”') });
    expect('candidates' in near && near.candidates.map((c) => c.title)).toContain('Andy Purdy');
    const none = resolveReference(form({ speakerId__text: 'Zzyzx Qwerty' }), 'speakerId', 'entities');
    expect(none).toEqual({ error: expect.stringContaining('No person or organisation matches'), candidates: [] });
  });

  it('takes the candidate picked after a failed lookup, and only of the right kind', () => {
    const twin = idOf('jordan-twin-2');
    const picked = form({ speakerId: '', speakerId__text: 'Jordan Twin', speakerId__pick: String(twin) });
    expect(resolveReference(picked, 'speakerId', 'entities')).toEqual({ ids: [twin] });
    // A person's id is no organisation: the pick is ignored and the text looked up among organisations.
    const wrongKind = form({ publisherId__text: 'Jordan Twin', publisherId__pick: String(twin) });
    expect(resolveReference(wrongKind, 'publisherId', 'organisations')).toMatchObject({ error: expect.any(String) });
  });

  it('asks for a new entry only when the field may create one and text was typed', () => {
    const ask = form({ speakerId__text: 'Nova Newperson', speakerId__create: '1' });
    expect(resolveReference(ask, 'speakerId', 'entities', { create: 'person' })).toEqual({
      ids: [],
      create: 'Nova Newperson',
    });
    expect(resolveReference(ask, 'speakerId', 'entities')).toMatchObject({ error: expect.any(String) });
  });

  it('treats hostile and huge text as a name that matches nothing, never as a query', () => {
    const results = ['"; DROP TABLE entities;--', 'NEAR(a b) OR *', 'x'.repeat(100_000), '\u0000\u0007'].map((text) =>
      resolveReference(form({ speakerId__text: text }), 'speakerId', 'entities'),
    );
    expect(results.slice(0, 3).every((r) => 'error' in r)).toBe(true);
    expect(results[3]).toEqual({ ids: [] });
    expect(pickMatches('entities', 'x'.repeat(100_000))).toEqual([]);
  });
});

describe('resolveReference, several entries', () => {
  it('keeps the checked ids, adds the typed one, and drops ids of nothing', () => {
    const purdy = idOf('andy-purdy');
    const ross = idOf('wilbur-ross');
    const typed = form({ subjects: [String(purdy), '999999', 'x'], subjects__text: 'Wilbur Ross' });
    expect(resolveReference(typed, 'subjects', 'entities', { multiple: true })).toEqual({ ids: [purdy, ross] });
    const unchecked = form({ subjects__text: '' });
    expect(resolveReference(unchecked, 'subjects', 'entities', { multiple: true })).toEqual({ ids: [] });
  });
});

describe('reference fields of the entry form', () => {
  it('keeps every typed value and offers candidates when a lookup fails, then saves the one picked', () => {
    const fields = {
      ...claimFormValues({ statement: 'Twins cannot both be mayor.' }),
      speakerId: '',
      speakerId__text: 'Jordan Twin',
      subjects: [String(idOf('andy-purdy'))],
    } as Record<string, string | string[]>;
    const values = readEntryForm('claims', form(fields));
    expect(values.statement).toBe('Twins cannot both be mayor.');
    expect(values.speakerId__text).toBe('Jordan Twin');
    expect(values.subjects__titles).toEqual(['Andy Purdy']);
    expect(values.speakerId__candidates).toHaveLength(2);
    const checked = validateEntry('claims', values);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && Object.keys(checked.errors)).toEqual(['speakerId']);

    const again = readEntryForm('claims', form({ ...fields, speakerId__pick: String(idOf('jordan-twin-1')) }));
    const valid = validateEntry('claims', again);
    expect(valid.ok).toBe(true);
    const saved = saveEntry('claims', {
      id: null,
      expectedVersion: null,
      values: valid.ok ? valid.values : {},
      userId: editor,
    });
    const entry = getEntryForEdit('claims', saved.id)!;
    expect(entry.values.speakerId).toBe(String(idOf('jordan-twin-1')));
    expect(entry.values.speakerId__text).toBe('Jordan Twin');
    expect(entry.values.subjects).toEqual([String(idOf('andy-purdy'))]);
    expect(entry.values.subjects__titles).toEqual(['Andy Purdy']);
    // The revision and the content file say who the claim is about, by slug.
    expect(entryDocument(getDb(), 'claims', saved.id)!.front.about).toEqual(['andy-purdy']);
  });

  it('creates the person asked for with the claim, in one save with a revision of its own', () => {
    const values = readEntryForm(
      'claims',
      form({
        ...(claimFormValues({ statement: 'A newcomer said it.' }) as Record<string, string | string[]>),
        speakerId__text: 'Nova Newperson',
        speakerId__create: '1',
      }),
    );
    const checked = validateEntry('claims', values);
    expect(checked.ok).toBe(true);
    // Reading the form twice (a conflict does) creates nothing: only the save does.
    readEntryForm('claims', form({ speakerId__text: 'Nova Newperson', speakerId__create: '1' }));
    expect(
      pickedEntries(
        'people',
        pickMatches('people', 'Nova Newperson').map((m) => m.id),
      ),
    ).toEqual([]);
    const saved = saveEntry('claims', {
      id: null,
      expectedVersion: null,
      values: checked.ok ? checked.values : {},
      userId: editor,
    });
    const speakerId = Number(getEntryForEdit('claims', saved.id)!.values.speakerId);
    const created = getDb().select().from(entities).where(eq(entities.id, speakerId)).get()!;
    expect(created).toMatchObject({ name: 'Nova Newperson', kind: 'person', slug: 'nova-newperson' });
    const history = getDb().select().from(revisions).where(eq(revisions.entityId, speakerId)).all();
    expect(history.filter((r) => r.entityKind === 'entity')).toHaveLength(1);
  });

  it('refuses an id of nothing posted straight to the writer’s rules, and never lists entries as options', () => {
    const checked = validateEntry('claims', claimFormValues({ speakerId: '999999', topics: ['999998'] }));
    expect(checked.ok).toBe(false);
    expect(!checked.ok && Object.keys(checked.errors).sort()).toEqual(['speakerId', 'topics']);
    expect(Object.keys(getEntryOptions()).sort()).toEqual(['sourceKinds', 'statementKinds', 'verdicts']);
  });

  it('leaves a claim’s subjects alone when a save does not carry them, and replaces them when it does', () => {
    const purdy = idOf('andy-purdy');
    const first = saveEntry('claims', {
      id: null,
      expectedVersion: null,
      values: claimFormValues({ statement: 'About Purdy.', subjects: [String(purdy)] }),
      userId: editor,
    });
    const rows = () => getDb().select().from(claimSubjects).where(eq(claimSubjects.claimId, first.id)).all();
    expect(rows().map((r) => r.entityId)).toEqual([purdy]);
    const second = saveEntry('claims', {
      id: first.id,
      expectedVersion: first.version,
      values: claimFormValues({ statement: 'About Purdy, edited.' }),
      userId: editor,
    });
    expect(rows().map((r) => r.entityId)).toEqual([purdy]);
    saveEntry('claims', {
      id: first.id,
      expectedVersion: second.version,
      values: claimFormValues({ statement: 'About nobody.', subjects: [] }),
      userId: editor,
    });
    expect(rows()).toEqual([]);
  });
});
