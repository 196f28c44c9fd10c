/**
 * The content/ format (docs/content-format.md) as zod schemas: what a file's front matter may
 * hold, per kind of entry. Isomorphic (no file or database access). The importer validates with
 * these schemas, and the exporter writes its keys in their order, so the order is stated once:
 * the order of the keys in each schema below is the canonical order of a file.
 */
import { z } from 'zod';
import {
  CASE_LINK_ROLES,
  CITATION_ROLES,
  CLAIM_STATUSES,
  CORRECTION_KINDS,
  isRealPartialDate,
  RELATION_KINDS,
  SLUG_PATTERN,
  SOURCE_KINDS,
  STATEMENT_KINDS,
} from '~/domain';

/** The kinds in import order: an entry only refers to kinds before it (claims to everything). */
export const CONTENT_KINDS = ['topics', 'people', 'organisations', 'sources', 'cases', 'claims'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

const slug = z.string().regex(SLUG_PATTERN, 'must be a slug: lower-case letters, digits and hyphens');
const isoDate = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .pipe(
    z
      .string()
      .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'must be a date like 2020-02-13, 2020-02 or 2020')
      .refine(isRealPartialDate, 'is not a real date'),
  );
/**
 * An editorial moment (when a fact-check was published, retracted, corrected): a day, read as
 * midnight UTC, or a full UTC time to the second. Parsed to unix seconds, as the database keeps it.
 */
const editorialTime = z
  .string({ invalid_type_error: 'must be a quoted date like "2026-11-28" or time like "2026-11-28T14:05:00Z"' })
  .regex(
    /^\d{4}-\d{2}-\d{2}(T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ)?$/,
    'must be a date like 2026-11-28 or a UTC time like 2026-11-28T14:05:00Z',
  )
  .refine((v) => isRealPartialDate(v.slice(0, 10)), 'is not a real date')
  .transform((v) => Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v) / 1000);
const httpUrl = z
  .string()
  .url('must be a full URL')
  .refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https://');
const text = z.string().trim().min(1, 'must not be empty');
const optionalText = z.string().trim().optional();
const numberOrText = z.union([z.string(), z.number()]).transform(String);

// The records inside lists, each in its canonical key order.
const defendant = z.object({ entity: slug, note: optionalText }).strict();
const charge = z
  .object({ count: numberOrText.optional(), statute: optionalText, description: text, disposition: optionalText })
  .strict();
const caseEvent = z.object({ date: isoDate, description: text, source: slug.optional() }).strict();
const relation = z.object({ kind: z.enum(RELATION_KINDS), claim: slug, note: optionalText }).strict();
const citation = z
  .object({ source: slug, role: z.enum(CITATION_ROLES), quote: optionalText, locator: optionalText })
  .strict();
const caseLink = z.object({ case: slug, role: z.enum(CASE_LINK_ROLES), note: optionalText }).strict();
const correction = z.object({ date: editorialTime, kind: z.enum(CORRECTION_KINDS), note: text }).strict();

const topicFront = z.object({ name: text }).strict();
const entityFront = z.object({ name: text, role: optionalText, affiliation: slug.optional() }).strict();
const sourceFront = z
  .object({
    title: text,
    kind: z.enum(SOURCE_KINDS),
    publisher: slug.optional(),
    authors: z.array(text).optional(),
    url: httpUrl.optional(),
    published: isoDate.optional(),
    accessed: isoDate.optional(),
    archive_url: httpUrl.optional(),
  })
  .strict();
const caseFront = z
  .object({
    caption: text,
    court: text,
    case_number: numberOrText.optional(),
    jurisdiction: optionalText,
    judge: optionalText,
    filed: isoDate.optional(),
    status: text.default('pending'),
    document_url: httpUrl.optional(),
    docket_url: httpUrl.optional(),
    defendants: z.array(defendant).default([]),
    charges: z.array(charge).default([]),
    events: z.array(caseEvent).default([]),
    sources: z.array(slug).default([]),
  })
  .strict();
const claimFields = z
  .object({
    statement: text,
    // Absent means the speaker's exact words; `summary` marks our own summary of the claim.
    statement_kind: z.enum(STATEMENT_KINDS).optional(),
    speaker: slug.optional(),
    date: isoDate.optional(),
    venue: optionalText,
    medium: optionalText,
    verdict: slug.optional(),
    verdict_explanation: optionalText,
    status: z.enum(CLAIM_STATUSES).default('draft'),
    published: editorialTime.optional(),
    retracted: editorialTime.optional(),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)?$/, 'must be a language code like en')
      .default('en'),
    topics: z.array(slug).default([]),
    about: z.array(slug).default([]),
    relations: z.array(relation).default([]),
    citations: z.array(citation).default([]),
    cases: z.array(caseLink).default([]),
    corrections: z.array(correction).default([]),
  })
  .strict();
const claimFront = claimFields.superRefine((claim, ctx) => {
  const problem = (path: string, message: string) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
  if (claim.published !== undefined && claim.status === 'draft') {
    problem('published', 'only a published or retracted claim has a publication date');
  }
  if (claim.retracted !== undefined && claim.status !== 'retracted') {
    problem('retracted', 'only a retracted claim has a retraction date');
  }
  if (claim.status !== 'draft' && claim.citations.length === 0) {
    problem('citations', 'a published or retracted claim needs at least one citation to a source');
  }
});

/** The front-matter schema of each kind's files. */
export const FRONT_SCHEMAS = {
  topics: topicFront,
  people: entityFront,
  organisations: entityFront,
  sources: sourceFront,
  cases: caseFront,
  claims: claimFront,
} as const;

const FRONT_SHAPES = {
  topics: topicFront,
  people: entityFront,
  organisations: entityFront,
  sources: sourceFront,
  cases: caseFront,
  claims: claimFields,
} as const;

/** Canonical front-matter key order per kind: the order of the schema's keys. */
export const KEY_ORDER = Object.fromEntries(
  CONTENT_KINDS.map((kind) => [kind, FRONT_SHAPES[kind].keyof().options as string[]]),
) as Record<ContentKind, string[]>;

/** Key order inside the records of a list, by the list's key. */
export const RECORD_KEY_ORDER: Record<string, string[]> = {
  defendants: defendant.keyof().options,
  charges: charge.keyof().options,
  events: caseEvent.keyof().options,
  relations: relation.keyof().options,
  citations: citation.keyof().options,
  cases: caseLink.keyof().options,
  corrections: correction.keyof().options,
};

export type FrontOf<K extends ContentKind> = z.infer<(typeof FRONT_SCHEMAS)[K]>;

/** A file of content/ as read and validated: its front matter parsed (dates as unix seconds...). */
export interface ContentEntry<K extends ContentKind = ContentKind> {
  kind: K;
  slug: string;
  file: string;
  front: FrontOf<K>;
  body: string;
}
export type ContentSet = { [K in ContentKind]: ContentEntry<K>[] };

/** Front-matter values as they appear in a file: strings, lists of strings, lists of small records. */
export type FrontValue = string | null | undefined | string[] | Record<string, string | null | undefined>[];
export type FrontMatter = Record<string, FrontValue>;

/**
 * One entry in the vocabulary of content/: references are slugs, never database ids, and
 * editorial times are written as in a file. The exporter renders it; revisions store it.
 */
export interface EntryDocument {
  kind: ContentKind;
  slug: string;
  front: FrontMatter;
  body: string;
}

/**
 * Where each editable field (a FieldSpec name, which is also the Drizzle property of its column)
 * sits in an entry's file: a front-matter key, or the Markdown body. `ref` marks a reference
 * written as the slug of a row of that table. The serializer, the importer and restoring a
 * revision all read this one table.
 */
export interface DocumentField {
  key: string;
  ref?: 'entities' | 'topics';
  body?: true;
  /** The value a file leaves out (the column's default): written as no key, read back as it. */
  absent?: string;
}
const same = (key: string): DocumentField => ({ key });
const body = (key: string): DocumentField => ({ key, body: true });
const entityFields: Record<string, DocumentField> = {
  name: same('name'),
  role: same('role'),
  affiliationId: { key: 'affiliation', ref: 'entities' },
  description: body('description'),
};
export const DOCUMENT_FIELDS: Record<ContentKind, Record<string, DocumentField>> = {
  topics: { name: same('name'), description: body('description') },
  people: entityFields,
  organisations: entityFields,
  sources: {
    title: same('title'),
    kind: same('kind'),
    publisherId: { key: 'publisher', ref: 'entities' },
    authors: same('authors'),
    url: same('url'),
    publishedOn: same('published'),
    accessedOn: same('accessed'),
    archiveUrl: same('archive_url'),
    note: body('note'),
  },
  cases: {
    caption: same('caption'),
    court: same('court'),
    caseNumber: same('case_number'),
    jurisdiction: same('jurisdiction'),
    judge: same('judge'),
    filedOn: same('filed'),
    status: same('status'),
    documentUrl: same('document_url'),
    docketUrl: same('docket_url'),
    summary: body('summary'),
  },
  claims: {
    statement: same('statement'),
    statementKind: { key: 'statement_kind', absent: 'quote' },
    speakerId: { key: 'speaker', ref: 'entities' },
    claimedOn: same('date'),
    venue: same('venue'),
    medium: same('medium'),
    verdictId: same('verdict'),
    verdictExplanation: same('verdict_explanation'),
    analysis: body('analysis'),
    topics: { key: 'topics', ref: 'topics' },
    subjects: { key: 'about', ref: 'entities' },
    language: same('language'),
  },
};

/** The field the Markdown body of a kind's file holds (`analysis` for a claim...). */
export function bodyField(kind: ContentKind): string {
  return Object.entries(DOCUMENT_FIELDS[kind]).find(([, f]) => f.body)![0];
}

/** Unix seconds as a file writes them: `2026-11-28` at midnight UTC, else `2026-11-28T14:05:00Z`. */
export function editorialTimeText(seconds: number): string {
  const iso = new Date(seconds * 1000).toISOString();
  return seconds % 86400 === 0 ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`;
}
