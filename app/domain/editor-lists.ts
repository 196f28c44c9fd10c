/**
 * The editor's lists of entries (`/editor/:kind`): how each kind can be sorted and filtered, and
 * how those choices read. The model checks a URL against this, and the filter form offers it.
 */
import type { EntryKind } from './kinds';

/** Rows on a page of an editor list: more than a reader's 20, still a small page at any size. */
export const EDITOR_PER_PAGE = 50;

export const EDITOR_SORTS = ['changed', 'title', 'date', 'cited'] as const;
export type EditorSort = (typeof EDITOR_SORTS)[number];

/** The orders each list offers, the default first. "Most cited" applies to sources only. */
export const SORTS_OF: Record<EntryKind, readonly EditorSort[]> = {
  claims: ['changed', 'title', 'date'],
  sources: ['changed', 'title', 'date', 'cited'],
  people: ['changed', 'title'],
  organisations: ['changed', 'title'],
  cases: ['changed', 'title', 'date'],
  topics: ['changed', 'title'],
};

const TITLE_SORT: Record<EntryKind, string> = {
  claims: 'Statement A–Z',
  sources: 'Title A–Z',
  people: 'Name A–Z',
  organisations: 'Name A–Z',
  cases: 'Caption A–Z',
  topics: 'Name A–Z',
};
const DATE_SORT: Partial<Record<EntryKind, string>> = {
  claims: 'Date said',
  sources: 'Date published',
  cases: 'Date filed',
};

export function sortLabel(kind: EntryKind, sort: EditorSort): string {
  if (sort === 'changed') return 'Recently changed';
  if (sort === 'title') return TITLE_SORT[kind];
  if (sort === 'date') return DATE_SORT[kind] ?? 'Date';
  return 'Most cited';
}

/** The filters of each list, by URL parameter, besides the search text `q`. */
export const FILTERS_OF = {
  claims: ['status', 'desk', 'assignee', 'verdict', 'speaker', 'topic', 'from', 'to'],
  sources: ['publisher', 'kind', 'archived', 'cited'],
  people: ['affiliation'],
  organisations: ['affiliation'],
  cases: ['court', 'status'],
  topics: [],
} as const satisfies Record<EntryKind, readonly string[]>;
export type EditorFilterKey = (typeof FILTERS_OF)[EntryKind][number];

/** Labels of the filters, as the form and the "filtered by" list name them. */
export const filterLabel: Record<EditorFilterKey, string> = {
  status: 'Status',
  desk: 'Desk state',
  assignee: 'Assigned to',
  verdict: 'Verdict',
  speaker: 'Said by',
  topic: 'Topic',
  from: 'Said from',
  to: 'Said until',
  publisher: 'Publisher',
  kind: 'Kind',
  archived: 'Archived copy',
  cited: 'Cited',
  affiliation: 'Affiliation',
  court: 'Court',
};

/** Yes/no filters (archived copy, cited): their values and how they read. */
export const YES_NO = ['yes', 'no'] as const;
export type YesNo = (typeof YES_NO)[number];

/** "1–50 of 58,835" (en dash, grouped thousands), the same on the server and in the browser. */
const number = new Intl.NumberFormat('en-GB');

export function rangeText(page: number, perPage: number, shown: number, total: number): string {
  if (total === 0) return '0 of 0';
  const first = (page - 1) * perPage + 1;
  return `${number.format(first)}–${number.format(first + shown - 1)} of ${number.format(total)}`;
}
