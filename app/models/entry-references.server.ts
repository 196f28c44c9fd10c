/**
 * The reference fields of an entry form (speaker, publisher, affiliation, topics, "about"): read
 * from a posted form through `resolveReference`, checked, and shown again with their titles.
 *
 * A reference's form values carry what its Combobox needs beside the id(s): `name__text` (the
 * chosen title, or what was typed), `name__titles` (the titles of several ids, in order),
 * `name__error` with `name__candidates` (each a JSON `{id,title,detail}`) after a failed lookup,
 * and `name__create` (the title of an entry to create on save). Validation keeps only the ids
 * and `name__create`; the rest is for showing the form again.
 */
import { z } from 'zod';
import type { TrackerHandle } from '../../db/client';
import { KIND_SPECS, type EntryKind, type FieldSpec } from '~/domain';
import { resolveReference } from '~/forms/reference.server';
import type { FormValues } from './entry-form.server';
import { pickedEntries } from './pick.server';

const key = (field: string, part: 'text' | 'titles' | 'error' | 'candidates' | 'create') => `${field}__${part}`;
const isReference = (field: FieldSpec) => field.type === 'reference' || field.type === 'references';

/** One reference field of a posted form, resolved, as form values. */
export function readReferenceField(form: FormData, field: FieldSpec): FormValues {
  const multiple = field.type === 'references';
  const kind = field.refers!;
  const resolved = resolveReference(form, field.name, kind, { multiple, create: field.create });
  const typed = String(form.get(key(field.name, 'text')) ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
  if ('error' in resolved) {
    const chosen = multiple ? pickedEntries(kind, form.getAll(field.name).map(Number)) : [];
    return {
      [field.name]: multiple ? chosen.map((e) => String(e.id)) : '',
      [key(field.name, 'titles')]: chosen.map((e) => e.title),
      [key(field.name, 'text')]: typed,
      [key(field.name, 'error')]: resolved.error,
      [key(field.name, 'candidates')]: resolved.candidates.map((c) => JSON.stringify(c)),
    };
  }
  const entries = pickedEntries(kind, resolved.ids);
  const values: FormValues = multiple
    ? { [field.name]: entries.map((e) => String(e.id)), [key(field.name, 'titles')]: entries.map((e) => e.title) }
    : { [field.name]: entries[0] ? String(entries[0].id) : '', [key(field.name, 'text')]: entries[0]?.title ?? '' };
  if (resolved.create) {
    values[key(field.name, 'create')] = resolved.create;
    values[key(field.name, 'text')] = resolved.create;
  }
  return values;
}

const idText = /^\d{1,15}$/;

/** A reference's value: an id (or ids) of an existing entry of its kind, or nothing. */
export function referenceSchema(field: FieldSpec): z.ZodTypeAny {
  const kind = field.refers!;
  const known = (ids: string[]) => pickedEntries(kind, ids.map(Number)).length === new Set(ids).size;
  const gone = `Choose the ${field.label.toLowerCase()} again: that entry no longer exists.`;
  if (field.type === 'references') {
    return z
      .array(z.string().regex(idText, 'Choose from the list.'))
      .default([])
      .refine((ids) => ids.length === 0 || known(ids), gone);
  }
  const base = z
    .string()
    .default('')
    .refine((v) => v === '' || idText.test(v), 'Choose from the list.')
    .refine((v) => v === '' || !idText.test(v) || known([v]), gone);
  return field.required ? base.refine((v) => v !== '', `Choose the ${field.label.toLowerCase()}.`) : base;
}

/** The errors of reference lookups that failed, by field, and of names too long to create. */
export function referenceErrors(kind: EntryKind, values: FormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of KIND_SPECS[kind].fields.filter(isReference)) {
    const error = values[key(field.name, 'error')];
    if (typeof error === 'string' && error) errors[field.name] = error;
    const create = values[key(field.name, 'create')];
    if (field.create && typeof create === 'string' && create.length > 300) {
      errors[field.name] = 'Keep the new name under 300 characters.';
    }
  }
  return errors;
}

/**
 * The titles an entry's form shows for its references, added to its values: `name__text` for a
 * single reference, `name__titles` for several. One small query per field, for the ids named.
 */
export function withReferenceTitles(kind: EntryKind, values: FormValues, db: TrackerHandle): FormValues {
  const out: FormValues = { ...values };
  for (const field of KIND_SPECS[kind].fields.filter(isReference)) {
    const value = values[field.name];
    const ids = (Array.isArray(value) ? value : value ? [value] : []).map(Number);
    const entries = pickedEntries(field.refers!, ids, db);
    if (field.type === 'references') {
      out[field.name] = entries.map((e) => String(e.id));
      out[key(field.name, 'titles')] = entries.map((e) => e.title);
    } else out[key(field.name, 'text')] = entries[0]?.title ?? '';
  }
  return out;
}
