/**
 * The editor's form for an entry of any kind: the choices its selects offer, reading what was
 * typed, validating it against the kind's field specs (`~/domain` entry-fields), and turning it
 * into the entry's field values (ids for the selects, a list for a comma-separated field).
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '../../db/client';
import {
  isRealPartialDate,
  KIND_SPECS,
  SLUG_PATTERN,
  SOURCE_KINDS,
  STATEMENT_KINDS,
  statementKindLabel,
  type EntryKind,
  type FieldSpec,
  type OptionSource,
} from '~/domain';
import { fieldErrors } from '~/forms/errors';
import { duplicateSourceMessage, findSourceByUrl, type ExistingSource } from './duplicates.server';
import type { FieldValues } from './entry-row.server';
import { referenceSchema, readReferenceField, referenceErrors } from './entry-references.server';

export type FormValues = Record<string, string | string[]>;

export interface EntryOption {
  value: string;
  label: string;
}
/**
 * The closed lists the selects offer. References (speaker, publisher, topics, defendants...) are
 * picked by typing and list nothing here, so no form grows with the archive.
 */
export type EntryOptions = Record<OptionSource, EntryOption[]>;

/** What the selects offer: short closed lists (verdicts, kinds of source and of statement). */
function selectOptions(): Record<OptionSource, EntryOption[]> {
  return {
    verdicts: getDb().all<EntryOption>(sql`select id as value, label from verdicts order by rating`),
    sourceKinds: SOURCE_KINDS.map((k) => ({
      value: k,
      label: k.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()),
    })),
    statementKinds: STATEMENT_KINDS.map((k) => ({ value: k, label: statementKindLabel[k] })),
  };
}

export function getEntryOptions(): EntryOptions {
  return selectOptions();
}

/** Drops characters that have no business in stored text (NUL and other C0 controls but tab/newline). */
function clean(value: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/\r\n?/g, '\n');
}

function fieldSchema(field: FieldSpec, options: Record<OptionSource, EntryOption[]>): z.ZodTypeAny {
  const max = field.maxLength ?? 10000;
  const tooLong = `Keep the ${field.label.toLowerCase()} under ${max} characters.`;
  switch (field.type) {
    case 'reference':
    case 'references':
      return referenceSchema(field);
    case 'multiselect': {
      const allowed = new Set((options[field.options!] ?? []).map((o) => o.value));
      return z.array(z.string()).refine((values) => values.every((v) => allowed.has(v)), 'Choose from the list.');
    }
    case 'select': {
      const allowed = new Set((options[field.options!] ?? []).map((o) => o.value));
      // A select with a default (the kind of statement) may be left out: it means the default.
      const value = field.default === undefined ? z.string() : z.string().default(field.default);
      const base = value.refine((v) => v === '' || allowed.has(v), 'Choose from the list.');
      return field.required ? base.refine((v) => v !== '', `Choose the ${field.label.toLowerCase()}.`) : base;
    }
    case 'date':
      return z
        .string()
        .trim()
        .refine((v) => v === '' || isRealPartialDate(v), 'Use a real date: YYYY-MM-DD, YYYY-MM or YYYY.');
    case 'url':
      return z
        .string()
        .trim()
        .max(max, tooLong)
        .refine((v) => {
          if (v === '') return true;
          try {
            const url = new URL(v);
            return url.protocol === 'http:' || url.protocol === 'https:';
          } catch {
            return false;
          }
        }, 'Enter a full address starting with http:// or https://.');
    default: {
      let base = z.string().trim().max(max, tooLong);
      if (field.name === 'slug') {
        return base.refine((v) => v === '' || SLUG_PATTERN.test(v), 'Use lower-case letters, digits and hyphens only.');
      }
      if (field.name === 'language') {
        return base.refine((v) => v === '' || /^[a-z]{2,3}(-[A-Za-z0-9]+)?$/.test(v), 'Use a language code like en.');
      }
      if (field.required) base = base.min(1, `Enter the ${field.label.toLowerCase()}.`);
      return base;
    }
  }
}

/**
 * Reads a form into plain values (what the editor typed, to show again on error). A reference
 * field is resolved to ids here (`resolveReference`); beside its value it leaves what the form
 * needs to show it again: `name__text` (the title, or what was typed), `name__titles` (several),
 * `name__error` and `name__candidates` when the lookup failed, `name__create` when the editor
 * asked for a new entry of that name.
 */
export function readEntryForm(kind: EntryKind, form: FormData): FormValues {
  const values: FormValues = {};
  for (const field of KIND_SPECS[kind].fields) {
    if (field.type === 'reference' || field.type === 'references')
      Object.assign(values, readReferenceField(form, field));
    else if (field.type === 'multiselect') values[field.name] = form.getAll(field.name).map((v) => clean(String(v)));
    else values[field.name] = clean(String(form.get(field.name) ?? ''));
  }
  return values;
}

export type EntryValidation =
  | { ok: true; values: FormValues }
  | { ok: false; errors: Record<string, string>; duplicateOf?: ExistingSource };

/**
 * Checks a form against its kind's fields. A source whose address is another source's (after
 * normalising, `~/domain/url-key`) is refused with an error on `url` naming that source
 * (`duplicateOf`), so the new and edit forms and the picker's "Create" all refuse it. `entry`
 * says which entry the form saves (`{ id: null }` for a new one) so that an edit is not its own
 * duplicate; a caller that does not say is taken to edit the source whose slug the form carries.
 */
export function validateEntry(
  kind: EntryKind,
  values: FormValues,
  options: Record<OptionSource, EntryOption[]> = selectOptions(),
  entry?: { id: number | null },
): EntryValidation {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const field of KIND_SPECS[kind].fields) {
    shape[field.name] = fieldSchema(field, options);
    if (field.create) shape[`${field.name}__create`] = z.string().optional();
  }
  const parsed = z.object(shape).safeParse(values);
  // A failed lookup is the field's error, whatever else the field's value is.
  const lookups = referenceErrors(kind, values);
  const errors = { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...lookups };
  const duplicateOf = kind === 'sources' && !errors.url ? sameAddress(values, entry) : null;
  if (duplicateOf) return { ok: false, errors: { ...errors, url: duplicateSourceMessage(duplicateOf) }, duplicateOf };
  if (parsed.success && Object.keys(lookups).length === 0) return { ok: true, values: parsed.data as FormValues };
  return { ok: false, errors };
}

function sameAddress(values: FormValues, entry?: { id: number | null }): ExistingSource | null {
  const existing = findSourceByUrl(values.url, entry?.id ?? null);
  const slug = typeof values.slug === 'string' ? values.slug.trim() : '';
  return existing && !(entry === undefined && slug !== '' && existing.slug === slug) ? existing : null;
}

/**
 * The entry's field values from its form (the slug aside): a reference gives an id, several
 * references or a multiselect ids, a list field its comma-separated items; empty stays empty.
 */
export function fieldsFromForm(kind: EntryKind, values: Partial<FormValues>): FieldValues {
  const fields: FieldValues = {};
  for (const field of KIND_SPECS[kind].fields) {
    if (field.name === 'slug') continue;
    const value = values[field.name] ?? '';
    const text = typeof value === 'string' ? value : '';
    if (field.type === 'references') {
      // Absent (an old revision's form values): left out, so the links stay as they are.
      if (Array.isArray(values[field.name])) fields[field.name] = (value as string[]).map(Number);
    } else if (field.type === 'multiselect') {
      fields[field.name] = (Array.isArray(value) ? value : []).map(Number);
    } else if (field.type === 'list') {
      fields[field.name] = text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    } else if (field.type === 'reference') {
      fields[field.name] = text === '' ? null : Number(text);
    } else {
      fields[field.name] = text;
    }
  }
  return fields;
}
