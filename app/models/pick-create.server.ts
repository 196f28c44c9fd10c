/**
 * Creating a minimal entry from a picker (POST /editor/pick/:kind): a person or organisation by
 * name (and role), a source by title (and address). It goes through the editor's own pipeline,
 * the kind's field rules (`validateEntry`) and writer (`saveEntry`), so the new entry gets its
 * slug, first revision and search entry exactly as if it had been made in its own form.
 */
import { KIND_SPECS, PICK_CREATE_ENTRY_KIND, PICK_CREATE_FIELDS, type PickCreateKind, type PickMatch } from '~/domain';
import { saveEntry, validateEntry, type FormValues } from './entry.server';
import { pickedEntries } from './pick.server';

export type PickCreation = { ok: true; item: PickMatch } | { ok: false; errors: Record<string, string> };

/** The picker kinds that may create, by the entry kind the endpoint is called with. */
export function createKindOf(entryKind: string): PickCreateKind | null {
  const found = Object.entries(PICK_CREATE_ENTRY_KIND).find(([, kind]) => kind === entryKind);
  return found ? (found[0] as PickCreateKind) : null;
}

export function createFromPicker(create: PickCreateKind, form: FormData, userId: number): PickCreation {
  const kind = PICK_CREATE_ENTRY_KIND[create];
  const values: FormValues = {};
  // Every field of the kind, empty unless the picker's form gives it: the rules of the full form apply.
  for (const field of KIND_SPECS[kind].fields) {
    values[field.name] = field.type === 'references' || field.type === 'multiselect' ? [] : '';
  }
  for (const name of PICK_CREATE_FIELDS[create]) {
    const value = form.get(name);
    values[name] = typeof value === 'string' ? value : '';
  }
  if (kind === 'sources') values.kind = 'other';
  const checked = validateEntry(kind, values);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  const saved = saveEntry(kind, {
    id: null,
    expectedVersion: null,
    values: checked.values,
    userId,
    summary: 'Created from a picker',
  });
  const [item] = pickedEntries(kind, [saved.id]);
  return { ok: true, item };
}
