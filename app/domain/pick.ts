/**
 * Picking an entry by typing: the kinds a reference field can point at (the pick endpoint's
 * `/editor/pick/:kind`), the kinds of entry a picker may create, and the shape of a match. Shared
 * by the Combobox (browser), the endpoint and `resolveReference` (server), so both ends agree.
 */
import { ENTRY_KINDS, type EntryKind } from './kinds';

/** An entry kind, or `entities`: people and organisations together (a speaker may be either). */
export const PICK_KINDS = [...ENTRY_KINDS, 'entities'] as const;
export type PickKind = (typeof PICK_KINDS)[number];

export function isPickKind(value: string | undefined): value is PickKind {
  return (PICK_KINDS as readonly string[]).includes(value ?? '');
}

/** What a picker may create on the spot: a minimal person, organisation or source. */
export const PICK_CREATE_KINDS = ['person', 'organisation', 'source'] as const;
export type PickCreateKind = (typeof PICK_CREATE_KINDS)[number];

/** The entry kind a picker creates, which is also the endpoint it posts to. */
export const PICK_CREATE_ENTRY_KIND: Record<PickCreateKind, 'people' | 'organisations' | 'sources'> = {
  person: 'people',
  organisation: 'organisations',
  source: 'sources',
};

/** The entry kinds whose rows a pick of this kind may name (entities: people and organisations). */
export function pickEntryKinds(kind: PickKind): EntryKind[] {
  return kind === 'entities' ? ['people', 'organisations'] : [kind];
}

/** The most matches a picker shows; it never lists every row. */
export const PICK_LIMIT = 10;

/** The pick endpoint of a kind. */
export function pickPath(kind: PickKind | EntryKind): string {
  return `/editor/pick/${kind}`;
}

/** A chosen entry as a reference field holds it. */
export interface PickedEntry {
  id: number;
  title: string;
}

/** One match of a pick search: `detail` says briefly what it is ("Person · Huawei"). */
export interface PickMatch extends PickedEntry {
  slug?: string;
  detail?: string;
}

/** What the no-JavaScript form says beside a reference field's text input. */
export const PICK_LOOKUP_HINT = 'Type a name; it is looked up when you save.';

/** The fields of the picker's small creation form (the title field first), from the kind's spec. */
export const PICK_CREATE_FIELDS: Record<PickCreateKind, string[]> = {
  person: ['name', 'role'],
  organisation: ['name', 'role'],
  source: ['title', 'url'],
};
