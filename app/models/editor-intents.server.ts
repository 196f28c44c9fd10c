/**
 * The actions of a claim's or a case's editing page (add a citation, remove a charge, publish...).
 * The page is one form (see entry-page.server.ts); each action is a submit button
 * `name="intent"`, its value the intent's name, or `name:row` for an action on one row of a list
 * (`remove-citation:3`). An intent reads the fields of its panel, named `panel.field`
 * (`citation.quote`), so panels never share a name on the one form. One table per kind of entry
 * (editor-intent-tables.server.ts) says, for each intent, its panel, its schema, the change it
 * makes and the question it asks first when it undoes something; this runner parses and runs
 * them. It returns what to show again on failure, or null when the change was saved. Conflicts
 * and missing entries are thrown for the route to answer.
 */
import { PICK_CREATE_FIELDS } from '~/domain';
import { fieldErrors } from '~/forms/errors';
import { resolveReference } from '~/forms/reference.server';
import { TABLES, type EntryIntent, type IntentFailure } from './editor-intent-tables.server';
import { createFromPicker } from './pick-create.server';

export type { IntentFailure } from './editor-intent-tables.server';

/** An intent as the button sent it: `remove-citation:3` is the intent `remove-citation` on row 3. */
export function parseIntent(value: string): { name: string; row: string | null } {
  const colon = value.indexOf(':');
  return colon === -1 ? { name: value, row: null } : { name: value.slice(0, colon), row: value.slice(colon + 1) };
}

function lookUp(kind: string, value: string) {
  const table = TABLES[kind];
  const { name, row } = parseIntent(value);
  const chosen = table && Object.hasOwn(table.intents, name) ? table.intents[name] : null;
  return table && chosen ? { table, chosen, row } : null;
}

/** Whether the entry's page has this action (`save` aside, which every page has). */
export function isEntryIntent(kind: string, value: string): boolean {
  return lookUp(kind, value) !== null;
}

/** The fields an intent reads, unprefixed (`citation.quote` → `quote`), with its row. */
function intentInput(chosen: EntryIntent, row: string | null, form: FormData): Record<string, string> {
  const input: Record<string, string> = {};
  const prefix = `${chosen.panel}.`;
  for (const [key, value] of form) {
    if (!key.startsWith(prefix) || typeof value !== 'string') continue;
    const field = key.slice(prefix.length);
    if (!chosen.fields || chosen.fields.includes(field)) input[field] = value;
  }
  if (chosen.row && row !== null) input[chosen.row] = row;
  return input;
}

/** The form fields an intent reads, as the page names them: they start empty again once it is done. */
export function intentFields(kind: string, value: string, form: FormData): string[] {
  const found = lookUp(kind, value);
  if (!found) return [];
  const prefix = `${found.chosen.panel}.`;
  return [...form.keys()].filter(
    (key) => key.startsWith(prefix) && (!found.chosen.fields || found.chosen.fields.includes(key.slice(prefix.length))),
  );
}

/** The question to ask before this intent, or null when it needs none. */
export function intentQuestion(kind: string, value: string, form: FormData): string | null {
  const found = lookUp(kind, value);
  if (!found?.chosen.confirm) return null;
  return found.chosen.confirm(intentInput(found.chosen, found.row, form));
}

/**
 * The intent's reference fields read as its Combobox sent them (`resolveReference`): each
 * becomes the id it names. A name looked up in vain is the field's error, with the candidates;
 * a name the editor asked to create (without JavaScript) is created first, as from the picker.
 */
function resolveReferences(
  chosen: EntryIntent,
  form: FormData,
  input: Record<string, string>,
  userId: number,
): IntentFailure | Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const [field, ref] of Object.entries(chosen.references ?? {})) {
    const name = `${chosen.panel}.${field}`;
    const found = resolveReference(form, name, ref.kind, { create: ref.create });
    if ('error' in found) {
      return { panel: chosen.panel, errors: { [field]: found.error }, candidates: { [field]: found.candidates } };
    }
    let id = found.ids[0];
    if (found.create && ref.create) {
      const named = new FormData();
      named.set(PICK_CREATE_FIELDS[ref.create][0], found.create);
      const made = createFromPicker(ref.create, named, userId);
      if (!made.ok) return { panel: chosen.panel, errors: { [field]: Object.values(made.errors)[0] } };
      id = made.item.id;
      // Shown as chosen if the rest is refused, so sending the form again does not create it twice.
      Object.assign(resolved, { [name]: String(id), [`${name}__text`]: made.item.title, [`${name}__create`]: '' });
    }
    input[field] = id === undefined ? '' : String(id);
  }
  return resolved;
}

/** Runs one of the actions of an entry's editing page (see the tables). */
export function runEntryIntent(
  kind: string,
  value: string,
  entryId: number,
  version: number,
  form: FormData,
  userId: number,
): IntentFailure | null {
  const found = lookUp(kind, value);
  if (!found) return { panel: 'form', errors: { form: 'Unknown action.' } };
  const { table, chosen, row } = found;
  const input = intentInput(chosen, row, form);
  const resolved = resolveReferences(chosen, form, input, userId);
  if ('panel' in resolved) return resolved as IntentFailure;
  const failure = (refusal: IntentFailure): IntentFailure =>
    Object.keys(resolved).length > 0 ? { ...refusal, resolved } : refusal;
  try {
    const invalid = chosen.apply(entryId, version, input, userId);
    if (!invalid) return null;
    const errors = fieldErrors(invalid);
    // A row action (a Remove button) has no field of its own: its message heads its panel.
    return failure({
      panel: chosen.panel,
      errors: chosen.fields?.length === 0 ? { form: Object.values(errors)[0] } : errors,
    });
  } catch (error) {
    const refusal = table.refusal(error, chosen);
    if (refusal) return failure(refusal);
    throw error;
  }
}
