/**
 * The closed vocabularies of the tracker. `db/schema.ts` builds its column enums and CHECK
 * constraints from these lists, the content format validates against them, and the forms offer
 * them, so a value added here is added everywhere (after `npm run db:generate`).
 */

export const ENTITY_KINDS = ['person', 'organisation'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** The public status of a claim; `statuses.ts` says which of them readers see. */
export const CLAIM_STATUSES = ['draft', 'published', 'retracted'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** How one claim answers another, read as "this claim ___ that claim". */
export const RELATION_KINDS = ['rebuts', 'disputes', 'supports', 'responds_to', 'cites', 'supersedes'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export const SOURCE_KINDS = [
  'news_report',
  'interview',
  'official_statement',
  'press_release',
  'court_filing',
  'government_document',
  'analysis',
  'other',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** What a cited source does for a claim. */
export const CITATION_ROLES = ['made_in', 'reports', 'evidence_for', 'evidence_against', 'context'] as const;
export type CitationRole = (typeof CITATION_ROLES)[number];

/** How a claim relates to a court case. */
export const CASE_LINK_ROLES = ['cites', 'basis_of', 'about'] as const;
export type CaseLinkRole = (typeof CASE_LINK_ROLES)[number];

/**
 * Entries of the public "Corrections and updates" log. A republication is the undoing of a
 * retraction: logged, so the retraction notice stays explained.
 */
export const CORRECTION_KINDS = ['correction', 'update', 'retraction', 'republication'] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];
/** The two an editor writes by hand; a retraction is written by retracting. */
export const PUBLIC_NOTE_KINDS = ['correction', 'update'] as const satisfies readonly CorrectionKind[];
export type PublicNoteKind = (typeof PUBLIC_NOTE_KINDS)[number];

export const USER_ROLES = ['editor', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * What a revision or a slug redirect belongs to. People and organisations share one table, so
 * they share one value, `entity`; `kinds.ts` maps entry kinds to these.
 */
export const REVISION_ENTITY_KINDS = ['claim', 'source', 'entity', 'case', 'topic'] as const;
export type RevisionEntityKind = (typeof REVISION_ENTITY_KINDS)[number];

/**
 * Where a claim is on the desk, besides its public status: a reader's or editor's suggestion,
 * being researched, submitted for review, approved and ready, published, or declined (with a
 * reason).
 */
export const DESK_STATES = ['suggested', 'in_research', 'in_review', 'ready', 'published', 'declined'] as const;
export type DeskState = (typeof DESK_STATES)[number];

/** Whether a claim's statement is the speaker's exact words or our summary of what they claimed. */
export const STATEMENT_KINDS = ['quote', 'summary'] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

/**
 * What a proposed change to a claim does once a second editor approves it. A `merge` folds
 * another claim into this one (decision 8): readers saw one of them, so it is reviewed.
 */
export const PROPOSAL_KINDS = ['publish', 'edit', 'retract', 'unretract', 'restore', 'merge'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

export const PROPOSAL_STATUSES = ['pending', 'approved', 'returned', 'withdrawn'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** Why an entry is gone: merged into another (its address redirects there), or deleted. */
export const REMOVAL_REASONS = ['merged', 'deleted'] as const;
export type RemovalReason = (typeof REMOVAL_REASONS)[number];

/** A reader's tip: a claim to check, or a correction requested on one of ours. */
export const TIP_KINDS = ['claim', 'correction'] as const;
export type TipKind = (typeof TIP_KINDS)[number];

/** What the desk did with a tip. */
export const TIP_STATUSES = ['new', 'converted', 'already_checked', 'declined'] as const;
export type TipStatus = (typeof TIP_STATUSES)[number];

/** How a fetch of a source ended: a kept capture, or a failure stated in `error`. */
export const CAPTURE_OUTCOMES = ['ok', 'failed'] as const;
export type CaptureOutcome = (typeof CAPTURE_OUTCOMES)[number];

/** Why a capture was asked for: an editor saved the source's URL, pressed "Capture now", or a link check saw a change. */
export const CAPTURE_JOB_REASONS = ['saved', 'manual', 'check'] as const;
export type CaptureJobReason = (typeof CAPTURE_JOB_REASONS)[number];

/** A capture job waits (`queued`, possibly for a retry), runs, and ends done or, after its last attempt, failed. */
export const CAPTURE_JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type CaptureJobState = (typeof CAPTURE_JOB_STATES)[number];

/** A citation's quote looked for in the captured text of its source. */
export const QUOTE_CHECK_RESULTS = ['found', 'near', 'not_found'] as const;
export type QuoteCheckResult = (typeof QUOTE_CHECK_RESULTS)[number];

/** What re-requesting a source's URL found (link rot). */
export const SOURCE_CHECK_OUTCOMES = ['ok', 'moved', 'gone', 'unreachable', 'changed'] as const;
export type SourceCheckOutcome = (typeof SOURCE_CHECK_OUTCOMES)[number];
