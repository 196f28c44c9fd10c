/**
 * The six kinds of entry, each described once: its URL section (which is also the editor's and
 * the content folder's name), the table it lives in, the names search and the history use for
 * it, its search reference prefix, and how to call it in a sentence. Every mapping between these
 * vocabularies goes through this file.
 */
import type { EntityKind, RevisionEntityKind } from './enums';

/** Entry kinds by their URL section: `/claims/:slug`, `/editor/claims/:id`, `content/claims/`. */
export const ENTRY_KINDS = ['claims', 'sources', 'people', 'organisations', 'cases', 'topics'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** The same six, singular, as search results and `kind:` in the query box name them. */
export const SEARCH_KINDS = ['claim', 'person', 'organisation', 'source', 'case', 'topic'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export type EntryTable = 'claims' | 'sources' | 'entities' | 'cases' | 'topics';
/** Search refs are a prefix and the row id: `c12` (claim), `e3` (person or organisation)... */
export type RefPrefix = 'c' | 's' | 'e' | 'k' | 't';

export interface KindInfo {
  kind: EntryKind;
  searchKind: SearchKind;
  /** For people and organisations, the `entities.kind` value. */
  entityKind?: EntityKind;
  table: EntryTable;
  revisionKind: RevisionEntityKind;
  refPrefix: RefPrefix;
  /** Public section, e.g. `/people`. */
  path: `/${EntryKind}`;
  /** In a sentence: "a court case", "3 court cases". */
  singular: string;
  plural: string;
  /** As a label on its own: "Court case". */
  label: string;
}

const info = (kind: EntryKind, rest: Omit<KindInfo, 'kind' | 'path' | 'label'>): KindInfo => ({
  kind,
  path: `/${kind}`,
  label: rest.singular.charAt(0).toUpperCase() + rest.singular.slice(1),
  ...rest,
});

export const KINDS: Record<EntryKind, KindInfo> = {
  claims: info('claims', {
    searchKind: 'claim',
    table: 'claims',
    revisionKind: 'claim',
    refPrefix: 'c',
    singular: 'claim',
    plural: 'claims',
  }),
  sources: info('sources', {
    searchKind: 'source',
    table: 'sources',
    revisionKind: 'source',
    refPrefix: 's',
    singular: 'source',
    plural: 'sources',
  }),
  people: info('people', {
    searchKind: 'person',
    entityKind: 'person',
    table: 'entities',
    revisionKind: 'entity',
    refPrefix: 'e',
    singular: 'person',
    plural: 'people',
  }),
  organisations: info('organisations', {
    searchKind: 'organisation',
    entityKind: 'organisation',
    table: 'entities',
    revisionKind: 'entity',
    refPrefix: 'e',
    singular: 'organisation',
    plural: 'organisations',
  }),
  cases: info('cases', {
    searchKind: 'case',
    table: 'cases',
    revisionKind: 'case',
    refPrefix: 'k',
    singular: 'court case',
    plural: 'court cases',
  }),
  topics: info('topics', {
    searchKind: 'topic',
    table: 'topics',
    revisionKind: 'topic',
    refPrefix: 't',
    singular: 'topic',
    plural: 'topics',
  }),
};

export function isEntryKind(value: string | undefined): value is EntryKind {
  return (ENTRY_KINDS as readonly string[]).includes(value ?? '');
}

export function isSearchKind(value: string | undefined): value is SearchKind {
  return (SEARCH_KINDS as readonly string[]).includes(value ?? '');
}

/** `people` or `organisations` for an `entities.kind` value. */
export function entityEntryKind(entityKind: EntityKind): 'people' | 'organisations' {
  return entityKind === 'person' ? 'people' : 'organisations';
}

export function kindOfSearchKind(searchKind: SearchKind): EntryKind {
  return ENTRY_KINDS.find((k) => KINDS[k].searchKind === searchKind)!;
}

/** A public address: `pathOf('claims', 'x')` is `/claims/x`; without a slug, the section. */
export function pathOf(kind: EntryKind, slug?: string): string {
  return slug === undefined ? KINDS[kind].path : `${KINDS[kind].path}/${slug}`;
}

/** The public address of a person or organisation. */
export function entityPath(entity: { kind: EntityKind; slug: string }): string {
  return pathOf(entityEntryKind(entity.kind), entity.slug);
}

/** The public address of a search result. */
export function searchKindPath(searchKind: SearchKind, slug: string): string {
  return pathOf(kindOfSearchKind(searchKind), slug);
}

/** The search reference of a row: `refOf('claims', 12)` is `c12`. */
export function refOf(kind: EntryKind, id: number): string {
  return `${KINDS[kind].refPrefix}${id}`;
}

const REF_PATTERN = /^([cestk])(\d+)$/;
/** `c12` → `{ prefix: 'c', id: 12 }`; anything else → null. */
export function parseRef(ref: string): { prefix: RefPrefix; id: number } | null {
  const m = REF_PATTERN.exec(ref);
  return m ? { prefix: m[1] as RefPrefix, id: Number(m[2]) } : null;
}
