/**
 * The one Drizzle schema for the tracker. Migrations in db/migrations are generated from this
 * file with `npm run db:generate`; reference data (the verdict scale) is inserted by a custom
 * migration so every database, empty or not, has it. The enums come from the domain vocabulary
 * (app/domain/enums.ts), and the public-claim partial indexes use its one public rule.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import {
  CAPTURE_JOB_REASONS,
  CAPTURE_JOB_STATES,
  CAPTURE_OUTCOMES,
  CASE_LINK_ROLES,
  CITATION_ROLES,
  CLAIM_STATUSES,
  CORRECTION_KINDS,
  DESK_STATES,
  ENTITY_KINDS,
  PROPOSAL_KINDS,
  PROPOSAL_STATUSES,
  QUOTE_CHECK_RESULTS,
  RELATION_KINDS,
  REMOVAL_REASONS,
  REVISION_ENTITY_KINDS,
  SOURCE_CHECK_OUTCOMES,
  SOURCE_KINDS,
  STATEMENT_KINDS,
  TIP_KINDS,
  TIP_STATUSES,
  USER_ROLES,
} from '../app/domain/enums';
import { ENTRY_KINDS } from '../app/domain/kinds';
import { publicClaimPredicate } from '../app/domain/statuses';

const createdAt = () =>
  integer('created_at', { mode: 'timestamp' })
    .notNull()
    .default(sql`(unixepoch())`);
const updatedAt = () =>
  integer('updated_at', { mode: 'timestamp' })
    .notNull()
    .default(sql`(unixepoch())`);

const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

/** Reference data: the verdict scale shown to readers (rows inserted by migration). */
export const verdicts = sqliteTable('verdicts', {
  id: text('id').primaryKey(),
  label: text('label').notNull(),
  meaning: text('meaning').notNull(),
  /** Order on the page and in filters: the ordered ratings first, worst to best, then the rest. */
  rating: integer('rating').notNull(),
  /**
   * Position on the ordered truth scale (1 = false ... best), the ClaimReview `ratingValue`;
   * null for what the scale does not rank (not yet checked, not rateable), which carry only
   * an `alternateName`.
   */
  ordinal: integer('ordinal'),
});

/** People and organisations: speakers, publishers, defendants, subjects of claims. */
export const entities = sqliteTable(
  'entities',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    kind: text('kind', { enum: ENTITY_KINDS }).notNull(),
    name: text('name').notNull(),
    role: text('role'),
    affiliationId: integer('affiliation_id').references((): any => entities.id, {
      onDelete: 'set null',
    }),
    description: text('description').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('entities_slug_unique').on(t.slug),
    index('entities_kind_name').on(t.kind, t.name),
    check('entities_kind_check', inList('kind', ENTITY_KINDS)),
  ],
);

export const topics = sqliteTable(
  'topics',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('topics_slug_unique').on(t.slug)],
);

export const claims = sqliteTable(
  'claims',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    statement: text('statement').notNull(),
    speakerId: integer('speaker_id').references(() => entities.id, { onDelete: 'restrict' }),
    /** ISO date at the precision known: YYYY, YYYY-MM or YYYY-MM-DD. */
    claimedOn: text('claimed_on'),
    venue: text('venue'),
    medium: text('medium'),
    verdictId: text('verdict_id').references(() => verdicts.id),
    verdictExplanation: text('verdict_explanation').notNull().default(''),
    analysis: text('analysis').notNull().default(''),
    language: text('language').notNull().default('en'),
    status: text('status', { enum: CLAIM_STATUSES }).notNull().default('draft'),
    /** The speaker's exact words, or our summary (never printed in quotation marks). */
    statementKind: text('statement_kind', { enum: STATEMENT_KINDS }).notNull().default('quote'),
    // The desk: where the claim is in the work, who has it, by when. The new columns carry no
    // CHECK constraint: SQLite cannot add one without rebuilding the claims table, which other
    // tables reference; the models write only DESK_STATES values.
    deskState: text('desk_state', { enum: DESK_STATES }).notNull().default('in_research'),
    declinedReason: text('declined_reason'),
    assigneeId: integer('assignee_id').references((): any => users.id, { onDelete: 'set null' }),
    /** YYYY-MM-DD. */
    dueOn: text('due_on'),
    /** Bylines: who wrote the fact-check and who reviewed it (approved its publication). */
    authorId: integer('author_id').references((): any => users.id, { onDelete: 'set null' }),
    reviewerId: integer('reviewer_id').references((): any => users.id, { onDelete: 'set null' }),
    reviewedAt: integer('reviewed_at', { mode: 'timestamp' }),
    publishedAt: integer('published_at', { mode: 'timestamp' }),
    retractedAt: integer('retracted_at', { mode: 'timestamp' }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('claims_slug_unique').on(t.slug),
    // Newest first within a speaker or a verdict: a page of a person's claims or of a verdict
    // filter reads its rows in order instead of sorting all of them.
    index('claims_speaker_date').on(t.speakerId, t.claimedOn),
    index('claims_verdict_date').on(t.verdictId, t.claimedOn),
    // The editor's claim list filtered by verdict and status, counted and paged from the index alone.
    index('claims_verdict_status_updated').on(t.verdictId, t.status, t.updatedAt),
    // Partial indexes over what readers see, in the orders the public lists use, so a page of
    // the newest claims reads its 20 rows instead of sorting the archive: /claims and the topic
    // pages (claimed_on), the home page's latest (published_at), the feeds and the sitemap's
    // lastmod (updated_at). An index led by status (there was one) wins the planner's choice for
    // `status in (...)` and then sorts every public claim, so there is none; the editor's drafts
    // have their own.
    index('claims_drafts')
      .on(t.updatedAt)
      .where(sql`status = 'draft'`),
    // The desk's queues: by state and assignee, and what is due.
    index('claims_desk').on(t.deskState, t.assigneeId),
    index('claims_due')
      .on(t.dueOn)
      .where(sql`due_on is not null`),
    index('claims_public_claimed_on').on(t.claimedOn).where(sql.raw(publicClaimPredicate())),
    index('claims_public_published').on(t.publishedAt, t.claimedOn).where(sql.raw(publicClaimPredicate())),
    index('claims_public_updated').on(t.updatedAt).where(sql.raw(publicClaimPredicate())),
    // A person's or organisation's public claims: counted from the index alone (no claim rows
    // read, which cost ~90 ms for a speaker with 20,000 claims), and paged newest first.
    index('claims_public_speaker_date').on(t.speakerId, t.claimedOn).where(sql.raw(publicClaimPredicate())),
    // A speaker's scorecard (verdict counts of their public claims) from the index alone: the
    // busiest speaker of a 100k archive goes from 335 ms to about 11 ms.
    index('claims_public_speaker_verdict').on(t.speakerId, t.verdictId).where(sql.raw(publicClaimPredicate())),
    check('claims_status_check', inList('status', CLAIM_STATUSES)),
    check(
      'claims_claimed_on_check',
      sql`claimed_on is null or claimed_on glob '[0-9][0-9][0-9][0-9]' or claimed_on glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]' or claimed_on glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`,
    ),
  ],
);

export const claimTopics = sqliteTable(
  'claim_topics',
  {
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.topicId] }), index('claim_topics_topic').on(t.topicId)],
);

/** Who or what a claim is about (distinct from who made it). */
export const claimSubjects = sqliteTable(
  'claim_subjects',
  {
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    entityId: integer('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.entityId] }), index('claim_subjects_entity').on(t.entityId)],
);

/** Typed, directional: `from` rebuts / disputes / supports ... `to`. */
export const claimRelations = sqliteTable(
  'claim_relations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    fromClaimId: integer('from_claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    toClaimId: integer('to_claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: RELATION_KINDS }).notNull(),
    note: text('note'),
  },
  (t) => [
    uniqueIndex('claim_relations_unique').on(t.fromClaimId, t.toClaimId, t.kind),
    index('claim_relations_to').on(t.toClaimId),
    check('claim_relations_kind_check', inList('kind', RELATION_KINDS)),
    check('claim_relations_not_self', sql`from_claim_id <> to_claim_id`),
  ],
);

export const sources = sqliteTable(
  'sources',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    kind: text('kind', { enum: SOURCE_KINDS }).notNull().default('news_report'),
    publisherId: integer('publisher_id').references(() => entities.id, { onDelete: 'restrict' }),
    /** JSON array of author names as printed. */
    authors: text('authors', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    url: text('url'),
    /**
     * The URL normalised (scheme, `www.`, trailing slash, fragment and tracking parameters
     * removed) so that one page cited twice is found: written by the models, never typed.
     */
    urlKey: text('url_key'),
    publishedOn: text('published_on'),
    accessedOn: text('accessed_on'),
    archiveUrl: text('archive_url'),
    note: text('note').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('sources_slug_unique').on(t.slug),
    index('sources_publisher').on(t.publisherId),
    index('sources_url_key').on(t.urlKey),
    check('sources_kind_check', inList('kind', SOURCE_KINDS)),
  ],
);

/** A claim's link to a source, with the exact words and where to find them. */
export const citations = sqliteTable(
  'citations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'restrict' }),
    role: text('role', { enum: CITATION_ROLES }).notNull(),
    quote: text('quote'),
    locator: text('locator'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    index('citations_claim').on(t.claimId, t.position),
    index('citations_source').on(t.sourceId),
    check('citations_role_check', inList('role', CITATION_ROLES)),
  ],
);

export const cases = sqliteTable(
  'cases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    caption: text('caption').notNull(),
    court: text('court').notNull(),
    caseNumber: text('case_number'),
    jurisdiction: text('jurisdiction'),
    judge: text('judge'),
    filedOn: text('filed_on'),
    status: text('status').notNull().default('pending'),
    documentUrl: text('document_url'),
    /** The court's docket (or a public mirror of it, such as CourtListener). */
    docketUrl: text('docket_url'),
    summary: text('summary').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('cases_slug_unique').on(t.slug)],
);

export const charges = sqliteTable(
  'charges',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    count: text('count'),
    statute: text('statute'),
    description: text('description').notNull(),
    disposition: text('disposition'),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('charges_case').on(t.caseId, t.position)],
);

export const caseDefendants = sqliteTable(
  'case_defendants',
  {
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    entityId: integer('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'restrict' }),
    note: text('note'),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.entityId] }), index('case_defendants_entity').on(t.entityId)],
);

export const caseEvents = sqliteTable(
  'case_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    occurredOn: text('occurred_on').notNull(),
    description: text('description').notNull(),
    sourceId: integer('source_id').references(() => sources.id, { onDelete: 'restrict' }),
  },
  (t) => [index('case_events_case').on(t.caseId, t.occurredOn)],
);

export const caseSources = sqliteTable(
  'case_sources',
  {
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'restrict' }),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.sourceId] }), index('case_sources_source').on(t.sourceId)],
);

export const claimCases = sqliteTable(
  'claim_cases',
  {
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    role: text('role', { enum: CASE_LINK_ROLES }).notNull(),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.claimId, t.caseId, t.role] }),
    index('claim_cases_case').on(t.caseId),
    check('claim_cases_role_check', inList('role', CASE_LINK_ROLES)),
  ],
);

/**
 * Key/value facts about the database itself. `data_version` is bumped on every content write so
 * the search index (and other processes) can tell when they are stale.
 */
export const siteMeta = sqliteTable('site_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * What changed at each data version, so search indexes (in this and other processes) can update
 * just those entries. `ref` is a search reference (`c12`, `s3`...) or `*` for "everything".
 */
export const contentChanges = sqliteTable(
  'content_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dataVersion: integer('data_version').notNull(),
    ref: text('ref').notNull(),
  },
  (t) => [index('content_changes_version').on(t.dataVersion)],
);

// ---------------------------------------------------------------------------------------------
// Editors: accounts, sessions, history

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: USER_ROLES }).notNull().default('editor'),
    disabledAt: integer('disabled_at', { mode: 'timestamp' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email), check('users_role_check', inList('role', USER_ROLES))],
);

/** Kept apart from users so a password hash is never selected with a user row by accident. */
export const passwords = sqliteTable('passwords', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  hash: text('hash').notNull(),
  updatedAt: updatedAt(),
});

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the random token in the cookie; the token itself is never stored. */
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: integer('expires_at', { mode: 'timestamp' }).notNull(),
    userAgent: text('user_agent'),
    ip: text('ip'),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/** Failed sign-ins, per account and per address, for rate limiting. */
export const loginAttempts = sqliteTable(
  'login_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    attemptedAt: integer('attempted_at').notNull(),
  },
  (t) => [index('login_attempts_email').on(t.email, t.attemptedAt), index('login_attempts_ip').on(t.ip, t.attemptedAt)],
);

/** Every save of every entry: who, when, why, and the whole entry as it then was. */
export const revisions = sqliteTable(
  'revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    entityKind: text('entity_kind', { enum: REVISION_ENTITY_KINDS }).notNull(),
    entityId: integer('entity_id').notNull(),
    version: integer('version').notNull(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    summary: text('summary'),
    /** JSON snapshot of the entry and its links. */
    snapshot: text('snapshot').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('revisions_entity_version').on(t.entityKind, t.entityId, t.version),
    check('revisions_kind_check', inList('entity_kind', REVISION_ENTITY_KINDS)),
  ],
);

/** Old slugs keep answering with a redirect after a rename. */
export const slugRedirects = sqliteTable(
  'slug_redirects',
  {
    entityKind: text('entity_kind', { enum: REVISION_ENTITY_KINDS }).notNull(),
    oldSlug: text('old_slug').notNull(),
    entityId: integer('entity_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.entityKind, t.oldSlug] })],
);

/**
 * Entries that are gone: merged into another (their slugs now redirect to it) or deleted. Their
 * revisions stay; this row lets the history page say what happened, and a public address that
 * readers once saw answer 410 Gone instead of 404 (decision 8). Ids are never reused
 * (AUTOINCREMENT), so an id here never names a live row.
 */
export const removedEntries = sqliteTable(
  'removed_entries',
  {
    entryKind: text('entry_kind', { enum: ENTRY_KINDS }).notNull(),
    entityId: integer('entity_id').notNull(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    reason: text('reason', { enum: REMOVAL_REASONS }).notNull(),
    /** For a merge: the entry it was merged into (of the same kind). */
    mergedIntoId: integer('merged_into_id'),
    /** Whether readers could see it (every kind but a draft claim). */
    wasPublic: integer('was_public', { mode: 'boolean' }).notNull(),
    removedBy: integer('removed_by').references(() => users.id, { onDelete: 'set null' }),
    removedAt: integer('removed_at', { mode: 'timestamp' })
      .notNull()
      .default(sql`(unixepoch())`),
  },
  (t) => [
    primaryKey({ columns: [t.entryKind, t.entityId] }),
    index('removed_entries_slug').on(t.entryKind, t.slug),
    check('removed_entries_reason_check', inList('reason', REMOVAL_REASONS)),
  ],
);

/** The public "Corrections and updates" log of a published claim. */
export const claimCorrections = sqliteTable(
  'claim_corrections',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: CORRECTION_KINDS }).notNull(),
    note: text('note').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('claim_corrections_claim').on(t.claimId, t.createdAt)],
);

/**
 * A change to a claim that waits for a second editor: publishing a draft, an edit, a retraction,
 * an un-retraction, a restore or a merge of a published or retracted claim. The claim's row keeps
 * what readers see until the change is approved; `document` holds the proposed entry (the entry
 * document, slugs throughout) for edits, restores and merges. Approved and returned proposals are
 * kept: they are the review history, so, like revisions, they name their claim by id without a
 * foreign key and outlive a claim that is merged away or deleted (decision 8).
 */
export const claimProposals = sqliteTable(
  'claim_proposals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    claimId: integer('claim_id').notNull(),
    kind: text('kind', { enum: PROPOSAL_KINDS }).notNull(),
    /** For a merge: the claim folded into this one (gone once approved, so no foreign key). */
    mergedClaimId: integer('merged_claim_id'),
    /** The claim's version the change was made against: approval is refused if it moved on. */
    baseVersion: integer('base_version').notNull(),
    document: text('document'),
    /** The dated public log entry the change carries (required for changes readers can see). */
    publicNoteKind: text('public_note_kind', { enum: CORRECTION_KINDS }),
    publicNote: text('public_note'),
    summary: text('summary'),
    status: text('status', { enum: PROPOSAL_STATUSES }).notNull().default('pending'),
    proposedBy: integer('proposed_by').references(() => users.id, { onDelete: 'set null' }),
    proposedAt: createdAt(),
    reviewedBy: integer('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: integer('reviewed_at', { mode: 'timestamp' }),
    reviewNote: text('review_note'),
  },
  (t) => [
    index('claim_proposals_claim').on(t.claimId, t.status),
    index('claim_proposals_pending')
      .on(t.proposedAt)
      .where(sql`status = 'pending'`),
    check('claim_proposals_kind_check', inList('kind', PROPOSAL_KINDS)),
    check('claim_proposals_status_check', inList('status', PROPOSAL_STATUSES)),
  ],
);

/**
 * Readers' tips: a claim to check (`/suggest`) or a correction requested on one of ours. The
 * e-mail address is for replying only: never shown publicly, and removed after a set time.
 */
export const tips = sqliteTable(
  'tips',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: TIP_KINDS }).notNull(),
    /** What was said (a claim tip), or what is wrong (a correction request). */
    statement: text('statement').notNull(),
    speaker: text('speaker'),
    /** Where it was seen: an address or a description. */
    seenAt: text('seen_at'),
    email: text('email'),
    /** For a correction request: the claim it is about. */
    claimId: integer('claim_id').references(() => claims.id, { onDelete: 'set null' }),
    status: text('status', { enum: TIP_STATUSES }).notNull().default('new'),
    /** The draft it became, or the claim that already checks it. */
    resultClaimId: integer('result_claim_id').references(() => claims.id, { onDelete: 'set null' }),
    resolutionNote: text('resolution_note'),
    handledBy: integer('handled_by').references(() => users.id, { onDelete: 'set null' }),
    handledAt: integer('handled_at', { mode: 'timestamp' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('tips_status').on(t.status, t.createdAt),
    check('tips_kind_check', inList('kind', TIP_KINDS)),
    check('tips_status_check', inList('status', TIP_STATUSES)),
  ],
);

/** Requests counted per address for the limits on expensive public endpoints (tips, search). */
export const rateEvents = sqliteTable(
  'rate_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    bucket: text('bucket').notNull(),
    key: text('key').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('rate_events_bucket_key').on(t.bucket, t.key, t.at)],
);

// ---------------------------------------------------------------------------------------------
// Source capture (issue 14): copies of sources as fetched, the queue that fetches them, quotes
// checked against them, and the link-rot history. Captures and checks are facts about the outside
// world at a moment, so their times are ISO text as recorded (`fetched_at`, `checked_at`); the
// queue's times are unix seconds because the queue compares them.

/**
 * One fetch of a source's URL. The bytes themselves live in a WARC file under the captures
 * folder (`warc_path` relative to it; the record at `warc_offset`, `warc_length` bytes long), so
 * the database stays small and the files can be handed to web-archiving tools as they are.
 */
export const sourceCaptures = sqliteTable(
  'source_captures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    requestedUrl: text('requested_url').notNull(),
    /** After redirects; null when nothing answered. */
    finalUrl: text('final_url'),
    httpStatus: integer('http_status'),
    contentType: text('content_type'),
    fetchedAt: text('fetched_at').notNull(),
    /** Hex SHA-256 of the body as received (before any content decoding). */
    sha256: text('sha256'),
    byteLength: integer('byte_length'),
    warcPath: text('warc_path'),
    warcOffset: integer('warc_offset'),
    warcLength: integer('warc_length'),
    title: text('title'),
    /** The readable text (HTML through Readability, plain text as is); null when none could be had. */
    text: text('text'),
    /** The Internet Archive's copy, when Save Page Now is configured and answered. */
    archiveUrl: text('archive_url'),
    outcome: text('outcome', { enum: CAPTURE_OUTCOMES }).notNull(),
    /** For a failure: a sentence an editor understands ("Not found (404)"). */
    error: text('error'),
  },
  (t) => [
    index('source_captures_source').on(t.sourceId, t.fetchedAt),
    check('source_captures_outcome_check', inList('outcome', CAPTURE_OUTCOMES)),
  ],
);

/**
 * The background queue of captures. A job is claimed by one server process with an UPDATE that
 * only succeeds while it is still `queued`; failures go back to `queued` with a later
 * `next_attempt_at` until the attempts run out. At most one open (queued or running) job per source.
 */
export const captureJobs = sqliteTable(
  'capture_jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    reason: text('reason', { enum: CAPTURE_JOB_REASONS }).notNull(),
    state: text('state', { enum: CAPTURE_JOB_STATES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at')
      .notNull()
      .default(sql`(unixepoch())`),
    lastError: text('last_error'),
    createdAt: integer('created_at')
      .notNull()
      .default(sql`(unixepoch())`),
    updatedAt: integer('updated_at')
      .notNull()
      .default(sql`(unixepoch())`),
  },
  (t) => [
    uniqueIndex('capture_jobs_one_open')
      .on(t.sourceId)
      .where(sql`state in ('queued', 'running')`),
    index('capture_jobs_due').on(t.state, t.nextAttemptAt),
    index('capture_jobs_source').on(t.sourceId, t.updatedAt),
    check('capture_jobs_reason_check', inList('reason', CAPTURE_JOB_REASONS)),
    check('capture_jobs_state_check', inList('state', CAPTURE_JOB_STATES)),
  ],
);

/** The latest check of a citation's quote against a capture of its source (the history is the captures). */
export const quoteChecks = sqliteTable(
  'quote_checks',
  {
    citationId: integer('citation_id')
      .primaryKey()
      .references(() => citations.id, { onDelete: 'cascade' }),
    captureId: integer('capture_id')
      .notNull()
      .references(() => sourceCaptures.id, { onDelete: 'cascade' }),
    result: text('result', { enum: QUOTE_CHECK_RESULTS }).notNull(),
    /** 0..1, how near the best match came (1 for found). */
    score: real('score').notNull(),
    matchedText: text('matched_text'),
    checkedAt: text('checked_at').notNull(),
  },
  (t) => [
    index('quote_checks_capture').on(t.captureId),
    check('quote_checks_result_check', inList('result', QUOTE_CHECK_RESULTS)),
  ],
);

/** Each re-request of a source's URL (link rot): what answered, and whether the page had changed. */
export const sourceChecks = sqliteTable(
  'source_checks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    checkedAt: text('checked_at').notNull(),
    outcome: text('outcome', { enum: SOURCE_CHECK_OUTCOMES }).notNull(),
    httpStatus: integer('http_status'),
    /** Where a moved page went. */
    location: text('location'),
    sha256: text('sha256'),
    etag: text('etag'),
    lastModified: text('last_modified'),
    error: text('error'),
  },
  (t) => [
    index('source_checks_source').on(t.sourceId, t.checkedAt),
    check('source_checks_outcome_check', inList('outcome', SOURCE_CHECK_OUTCOMES)),
  ],
);
