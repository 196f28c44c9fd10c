/**
 * The editable fields of each kind of entry, in form order, with their labels, hints and limits.
 * Shared by the editor's form (browser) and the models (validation, storage), so a field is
 * described once; the kind's table, paths and names come from `kinds.ts`.
 */
import { KINDS, type EntryKind, type KindInfo } from './kinds';
import type { PickCreateKind, PickKind } from './pick';

/**
 * `reference` and `references` point at other entries (one, or several), picked by typing
 * (app/editor/combobox.tsx) and read with `resolveReference`; a select offers a short closed list.
 */
export type FieldType =
  | 'text'
  | 'textarea'
  | 'markdown'
  | 'date'
  | 'url'
  | 'select'
  | 'multiselect'
  | 'list'
  | 'reference'
  | 'references';
/** The short closed lists a select offers (never a list of entries: those are references). */
export type OptionSource = 'verdicts' | 'sourceKinds' | 'statementKinds';

export interface FieldSpec {
  /**
   * The form field's name, which is also the Drizzle property of its column in db/schema.ts (the
   * writer stores it by that name); a claim's `topics` and `subjects` alone are stored elsewhere
   * (claim_topics, claim_subjects).
   */
  name: string;
  label: string;
  type: FieldType;
  required?: boolean;
  hint?: string;
  maxLength?: number;
  options?: OptionSource;
  /** For a reference: the kind of entry it points at (the pick endpoint's kind). */
  refers?: PickKind;
  /** For a reference: what its picker may create when nothing matches. */
  create?: PickCreateKind;
  /**
   * A select's value while the entry has none (a new entry): the form starts there and offers no
   * empty choice. It must be the column's default, which an empty value stores.
   */
  default?: string;
}

export interface KindSpec extends KindInfo {
  /** The field a new slug is made from and the entry is named by. */
  titleField: string;
  fields: FieldSpec[];
}

const slugField: FieldSpec = {
  name: 'slug',
  label: 'Address (slug)',
  type: 'text',
  maxLength: 120,
  hint: 'Lower-case words joined by hyphens. Leave empty to make one from the title. Renaming keeps the old address working.',
};

export const KIND_SPECS: Record<EntryKind, KindSpec> = {
  claims: {
    ...KINDS.claims,
    titleField: 'statement',
    fields: [
      {
        name: 'statement',
        label: 'Statement',
        type: 'textarea',
        required: true,
        maxLength: 2000,
        hint: 'The words as said, or, when no source gives them, our own neutral summary of what was claimed.',
      },
      {
        name: 'statementKind',
        label: 'The statement is',
        type: 'select',
        options: 'statementKinds',
        default: 'quote',
        hint: 'Exact words are shown in quotation marks. Our summary never is: it is labelled as ours, and the page shows the words the sources quote.',
      },
      slugField,
      { name: 'speakerId', label: 'Said by', type: 'reference', refers: 'entities', create: 'person' },
      {
        name: 'claimedOn',
        label: 'Date said',
        type: 'date',
        hint: 'YYYY-MM-DD, or YYYY-MM or YYYY when only the month or year is known.',
      },
      {
        name: 'venue',
        label: 'Where',
        type: 'text',
        maxLength: 300,
        hint: 'Programme, event or document, e.g. Mornings with Maria.',
      },
      {
        name: 'medium',
        label: 'Medium',
        type: 'text',
        maxLength: 300,
        hint: 'e.g. FOX Business (television interview).',
      },
      { name: 'verdictId', label: 'Verdict', type: 'select', options: 'verdicts' },
      {
        name: 'verdictExplanation',
        label: 'Why this verdict',
        type: 'textarea',
        maxLength: 2000,
        hint: 'One or two sentences a reader sees beside the verdict.',
      },
      {
        name: 'analysis',
        label: 'Analysis',
        type: 'markdown',
        maxLength: 50000,
        hint: 'Markdown. Links must be http(s).',
      },
      { name: 'topics', label: 'Topics', type: 'references', refers: 'topics' },
      {
        name: 'subjects',
        label: 'This claim is about',
        type: 'references',
        refers: 'entities',
        hint: 'People and organisations the claim is about, when they are not (only) the speaker.',
      },
      {
        name: 'language',
        label: 'Language',
        type: 'text',
        maxLength: 12,
        hint: 'Language code of the statement, e.g. en.',
      },
    ],
  },
  sources: {
    ...KINDS.sources,
    titleField: 'title',
    fields: [
      { name: 'title', label: 'Title', type: 'text', required: true, maxLength: 500 },
      slugField,
      { name: 'kind', label: 'Kind of source', type: 'select', options: 'sourceKinds', required: true },
      {
        name: 'publisherId',
        label: 'Publisher',
        type: 'reference',
        refers: 'organisations',
        create: 'organisation',
      },
      {
        name: 'authors',
        label: 'Authors',
        type: 'list',
        maxLength: 1000,
        hint: 'Names as printed, separated by commas.',
      },
      { name: 'url', label: 'Address of the original', type: 'url', maxLength: 2000 },
      { name: 'publishedOn', label: 'Published', type: 'date' },
      { name: 'accessedOn', label: 'Accessed', type: 'date' },
      {
        name: 'archiveUrl',
        label: 'Archived copy',
        type: 'url',
        maxLength: 2000,
        hint: 'e.g. a web.archive.org snapshot.',
      },
      { name: 'note', label: 'Note', type: 'markdown', maxLength: 20000 },
    ],
  },
  people: {
    ...KINDS.people,
    titleField: 'name',
    fields: [
      { name: 'name', label: 'Name', type: 'text', required: true, maxLength: 300 },
      slugField,
      { name: 'role', label: 'Role or title', type: 'text', maxLength: 300 },
      {
        name: 'affiliationId',
        label: 'Affiliation',
        type: 'reference',
        refers: 'organisations',
      },
      { name: 'description', label: 'Short description', type: 'markdown', maxLength: 5000 },
    ],
  },
  organisations: {
    ...KINDS.organisations,
    titleField: 'name',
    fields: [
      { name: 'name', label: 'Name', type: 'text', required: true, maxLength: 300 },
      slugField,
      { name: 'role', label: 'What it is', type: 'text', maxLength: 300 },
      {
        name: 'affiliationId',
        label: 'Part of',
        type: 'reference',
        refers: 'organisations',
      },
      { name: 'description', label: 'Short description', type: 'markdown', maxLength: 5000 },
    ],
  },
  cases: {
    ...KINDS.cases,
    titleField: 'caption',
    fields: [
      { name: 'caption', label: 'Caption', type: 'text', required: true, maxLength: 500 },
      slugField,
      { name: 'court', label: 'Court', type: 'text', required: true, maxLength: 300 },
      { name: 'caseNumber', label: 'Case number', type: 'text', maxLength: 100 },
      { name: 'jurisdiction', label: 'Jurisdiction', type: 'text', maxLength: 200 },
      { name: 'judge', label: 'Judge', type: 'text', maxLength: 200 },
      { name: 'filedOn', label: 'Filed', type: 'date' },
      {
        name: 'status',
        label: 'Status',
        type: 'text',
        required: true,
        maxLength: 100,
        hint: 'e.g. pending, dismissed, convicted.',
      },
      { name: 'documentUrl', label: 'Charging document', type: 'url', maxLength: 2000 },
      {
        name: 'docketUrl',
        label: 'Docket',
        type: 'url',
        maxLength: 2000,
        hint: 'The case’s docket page, e.g. on CourtListener (https://www.courtlistener.com/docket/…).',
      },
      { name: 'summary', label: 'Summary', type: 'markdown', maxLength: 20000 },
    ],
  },
  topics: {
    ...KINDS.topics,
    titleField: 'name',
    fields: [
      { name: 'name', label: 'Name', type: 'text', required: true, maxLength: 200 },
      slugField,
      { name: 'description', label: 'Description', type: 'markdown', maxLength: 5000 },
    ],
  },
};
