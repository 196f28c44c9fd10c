/**
 * Reading a reference field from a posted form, as the Combobox (app/editor/combobox.tsx) sends
 * it with or without JavaScript: the chosen id(s) under `name`, the typed text under
 * `name__text`, a candidate picked after a failed lookup under `name__pick`, and a request to
 * create a new entry of the typed name under `name__create`.
 *
 * An id whose title still equals the text wins (the editor chose it and left it alone);
 * otherwise the text is looked up: one entry of exactly that title (ignoring case) is the one
 * meant; several, or none, is an error with the candidates, offered on the form as radios so an
 * editor without JavaScript picks one and saves again without losing anything.
 *
 * Unlike the rest of the form pipeline this reads the database (the lookups of
 * `~/models/pick.server`): resolving a name to an entry is what reading this field means.
 */
import { KINDS, PICK_LIMIT, pickEntryKinds, type PickCreateKind, type PickKind, type PickMatch } from '~/domain';
import { pickedEntries, pickMatches } from '~/models/pick.server';

/**
 * The ids the field names, and, when the editor asked for it, the title of a new entry to
 * create and add (`create`: the writer makes it in the same transaction as the save). Or an
 * error to show beside the field with the entries that might be meant.
 */
export type ReferenceResolution = { ids: number[]; create?: string } | { error: string; candidates: PickMatch[] };

export interface ReferenceOptions {
  /** Several ids (checkboxes named `name`); the text adds one. */
  multiple?: boolean;
  /** What `name__create` may create (the field's `create`); without it, the box is ignored. */
  create?: PickCreateKind;
}

/** The longest text read as a name to look up. */
const MAX_TEXT = 300;

// eslint-disable-next-line no-control-regex -- control characters are never part of a name
const CONTROL = /[\u0000-\u001f\u007f]/g;
const cleanText = (value: string) => value.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
const sameTitle = (a: string, b: string) => cleanText(a).toLocaleLowerCase() === cleanText(b).toLocaleLowerCase();

function positiveId(value: FormDataEntryValue | null): number | null {
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value.trim())) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** How the field's entries are called in a sentence: "person or organisation", "topic". */
function nounOf(kind: PickKind): { one: string; many: string } {
  if (kind === 'entities') return { one: 'person or organisation', many: 'people or organisations' };
  const info = KINDS[pickEntryKinds(kind)[0]];
  return { one: info.singular, many: info.plural };
}

function exists(kind: PickKind, id: number | null): id is number {
  return id !== null && pickedEntries(kind, [id]).length === 1;
}

/** The typed text looked up: one exact title, or an error with the candidates. */
function lookUp(kind: PickKind, text: string, createRequested: boolean): ReferenceResolution {
  if (createRequested) return { ids: [], create: text };
  const matches = pickMatches(kind, text, PICK_LIMIT);
  const exact = matches.filter((m) => sameTitle(m.title, text));
  if (exact.length === 1) return { ids: [exact[0].id] };
  const noun = nounOf(kind);
  if (exact.length > 1) {
    return {
      error: `${exact.length} ${noun.many} are called “${text}”: choose the one you mean.`,
      candidates: matches,
    };
  }
  if (matches.length > 0) {
    return { error: `No ${noun.one} is called “${text}”: choose the one you mean.`, candidates: matches };
  }
  return { error: `No ${noun.one} matches “${text}”: check the spelling, or leave the field empty.`, candidates: [] };
}

/**
 * Resolves the reference field `name` of a form to entry ids of `kind`. Single by default:
 * `name` is a hidden id and `name__text` its title (a post without `name__text` is read as
 * the id alone). With `multiple`, `name` is every checked id and the text adds one more.
 */
export function resolveReference(
  form: FormData,
  name: string,
  kind: PickKind,
  options: ReferenceOptions = {},
): ReferenceResolution {
  const rawText = form.get(`${name}__text`);
  const text = typeof rawText === 'string' ? cleanText(rawText).slice(0, MAX_TEXT) : null;
  const pick = positiveId(form.get(`${name}__pick`));
  const createRequested = Boolean(options.create) && form.get(`${name}__create`) !== null && Boolean(text);

  if (options.multiple) {
    const chosen = pickedEntries(
      kind,
      form.getAll(name).map((v) => positiveId(v) ?? 0),
    ).map((e) => e.id);
    if (exists(kind, pick)) return { ids: [...new Set([...chosen, pick])] };
    if (!text) return { ids: chosen };
    const found = lookUp(kind, text, createRequested);
    if ('error' in found) return found;
    return { ids: [...new Set([...chosen, ...found.ids])], create: found.create };
  }

  if (exists(kind, pick)) return { ids: [pick] };
  const id = positiveId(form.get(name));
  if (text === null) {
    // A plain post of the id alone (a script, an old form): the id, if it names an entry of the kind.
    if (id === null) return { ids: [] };
    if (exists(kind, id)) return { ids: [id] };
    return { error: `That ${nounOf(kind).one} no longer exists: choose another.`, candidates: [] };
  }
  if (text === '') return { ids: [] };
  if (id !== null) {
    const [entry] = pickedEntries(kind, [id]);
    if (entry && sameTitle(entry.title, text)) return { ids: [id] };
  }
  return lookUp(kind, text, createRequested);
}
