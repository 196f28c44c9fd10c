/**
 * The intents of each kind of entry's editing page, one table per kind: for each, the panel
 * whose fields it reads and that shows its errors, its schema, the change it makes, its reference
 * fields and the question it asks first when it undoes something. The runner is
 * editor-intents.server.ts.
 */
import { z } from 'zod';
import type { PickCreateKind, PickKind, PickMatch } from '~/domain';
import { chargeSchema, defendantSchema, eventSchema } from '~/domain/case-fields';
import type { FieldErrors } from '~/forms/errors';
import {
  addCharge,
  addDefendant,
  addEvent,
  CasePartError,
  removeCharge,
  removeDefendant,
  removeEvent,
} from './case-editor.server';
import { addCaseLink, caseLinkKey, caseLinkSchema, removeCaseLink } from './claim-cases.server';
import {
  addCitation,
  addPublicNote,
  addRelation,
  changeClaimStatus,
  citationSchema,
  ClaimLinkError,
  PublishingRuleError,
  relationSchema,
  RelationError,
  removeCitation,
  removeRelation,
} from './claim-editor.server';
import {
  assignClaim,
  deskAssignSchema,
  deskDueSchema,
  DeskError,
  deskMoveSchema,
  moveClaim,
  setDueDate,
} from './desk.server';
import { CaptureRequestError, requestCaptureNow } from './captures.server';
import { ReviewError } from './proposal.server';
import { approveProposal, returnProposal, withdrawProposal } from './review.server';

export interface IntentFailure {
  /** The panel that shows the errors; `form` means the top of the page. */
  panel: string;
  errors: FieldErrors;
  /** A reference field's entries that might be meant, after its lookup found several or none. */
  candidates?: Record<string, PickMatch[]>;
  /** Inputs to show instead of what was posted (`panel.field`): an entry created on the way. */
  resolved?: Record<string, string>;
  /** The HTTP status to answer with (400 unless the refusal says otherwise: 403 for one's own approval). */
  status?: number;
}

export interface EntryIntent {
  panel: string;
  /** The panel's fields this intent reads (all of them when not given). */
  fields?: string[];
  /** The field a row action's `:row` fills. */
  row?: string;
  /**
   * Reference fields (a Combobox: the id, and `field__text` typed) and what they pick; `create`:
   * what a page without JavaScript may create from the typed name (its "Create a new …" box).
   */
  references?: Record<string, { kind: PickKind; create?: PickCreateKind }>;
  /** Asked before an action that undoes something (null: ask nothing for this input). */
  confirm?: (input: Record<string, string>) => string | null;
  /** Parses the fields and makes the change; the zod error when they are not valid. */
  apply: (entryId: number, version: number, fields: Record<string, string>, userId: number) => z.ZodError | null;
}

/** One intent: its panel, its schema and its change, typed against each other. */
function intent<Schema extends z.ZodTypeAny>(
  panel: string,
  schema: Schema,
  run: (entryId: number, version: number, input: z.infer<Schema>, userId: number) => unknown,
  more: Omit<EntryIntent, 'panel' | 'apply'> = {},
): EntryIntent {
  return {
    panel,
    ...more,
    apply: (entryId, version, fields, userId) => {
      const parsed = schema.safeParse(fields);
      if (!parsed.success) return parsed.error;
      run(entryId, version, parsed.data, userId);
      return null;
    },
  };
}

export interface IntentTable {
  intents: Record<string, EntryIntent>;
  /** A model's refusal, as the panel and field that show it; null for errors to throw on. */
  refusal: (error: unknown, intent: EntryIntent) => IntentFailure | null;
}

/** The id of a row the page listed (a stale or tampered form has none). */
const rowId = z.coerce
  .number({ invalid_type_error: 'That item is not on this page any more. Reload the page.' })
  .int()
  .positive('That item is not on this page any more. Reload the page.');

const statusForm = z.object({
  change: z.enum(['publish', 'unpublish', 'retract', 'correction', 'update'], {
    errorMap: () => ({ message: 'Unknown change.' }),
  }),
  note: z
    .string()
    .default('')
    .transform((note) => note.slice(0, 1000)),
});

const reviewForm = z.object({
  proposalId: rowId,
  reviewNote: z
    .string()
    .default('')
    .transform((note) => note.slice(0, 2000)),
});

/** A row action that removes something: asks first. */
const removes = (row: string, question: string) => ({ row, confirm: () => question });

const CLAIM_INTENTS: IntentTable = {
  intents: {
    'add-citation': intent('citation', citationSchema, addCitation, {
      references: { sourceId: { kind: 'sources', create: 'source' } },
    }),
    'remove-citation': intent(
      'citation',
      z.object({ citationId: rowId }),
      (claimId, version, { citationId }, userId) => removeCitation(claimId, version, citationId, userId),
      { fields: [], ...removes('citationId', 'Remove this citation from the claim?') },
    ),
    'add-relation': intent('relation', relationSchema, addRelation, {
      references: { otherClaimId: { kind: 'claims' } },
    }),
    'remove-relation': intent(
      'relation',
      z.object({ relationId: rowId }),
      (claimId, version, { relationId }, userId) => removeRelation(claimId, version, relationId, userId),
      { fields: [], ...removes('relationId', 'Remove this link to the other claim?') },
    ),
    'add-case-link': intent('cases', caseLinkSchema, addCaseLink, { references: { caseId: { kind: 'cases' } } }),
    'remove-case-link': intent(
      'cases',
      z.object({ link: caseLinkKey }),
      (claimId, version, { link }, userId) => removeCaseLink(claimId, version, link, userId),
      { fields: [], ...removes('link', 'Remove this link to the court case?') },
    ),
    status: intent(
      'status',
      statusForm,
      (claimId, version, { change, note }, userId) =>
        change === 'correction' || change === 'update'
          ? addPublicNote(claimId, version, change, note, userId)
          : changeClaimStatus(claimId, version, change, note, userId),
      {
        row: 'change',
        confirm: ({ change }) =>
          change === 'retract' ? 'Propose retracting this claim? Once approved, its page carries the notice.' : null,
      },
    ),
    // The review of a proposed change (decision 6); the button names the proposal (`approve:12`).
    approve: intent(
      'review',
      z.object({ proposalId: rowId }),
      (claimId, _version, { proposalId }, userId) => approveProposal(proposalId, userId, claimId),
      { fields: [], row: 'proposalId' },
    ),
    return: intent(
      'review',
      reviewForm,
      (claimId, _version, { proposalId, reviewNote }, userId) =>
        returnProposal(proposalId, userId, reviewNote, claimId),
      { fields: ['reviewNote'], row: 'proposalId' },
    ),
    withdraw: intent(
      'review',
      z.object({ proposalId: rowId }),
      (claimId, _version, { proposalId }, userId) => withdrawProposal(proposalId, userId, claimId),
      { fields: [], row: 'proposalId', confirm: () => 'Withdraw this change? Its working copy is discarded.' },
    ),
    // The desk (desk.server.ts): the same changes its own page posts to /editor/claims/:id/desk.
    'desk-assign': intent(
      'desk',
      deskAssignSchema,
      (claimId, version, { assigneeId }, userId) => assignClaim(claimId, version, assigneeId, userId),
      { fields: ['assigneeId'] },
    ),
    'desk-due': intent(
      'desk',
      deskDueSchema,
      (claimId, version, { dueOn }, userId) => setDueDate(claimId, version, dueOn, userId),
      { fields: ['dueOn'] },
    ),
    'desk-due-clear': intent(
      'desk',
      z.object({}),
      (claimId, version, _input, userId) => setDueDate(claimId, version, null, userId),
      { fields: [] },
    ),
    'desk-move': intent(
      'desk',
      deskMoveSchema,
      (claimId, version, move, userId) => moveClaim(claimId, version, move, userId),
      {
        fields: ['state'],
      },
    ),
    'desk-decline': intent(
      'desk',
      deskMoveSchema.pick({ reason: true }),
      (claimId, version, { reason }, userId) => moveClaim(claimId, version, { state: 'declined', reason }, userId),
      { fields: ['reason'] },
    ),
  },
  refusal: (error, chosen) => {
    if (error instanceof ReviewError)
      return { panel: 'review', errors: { review: error.message }, status: error.status };
    if (error instanceof PublishingRuleError) {
      // Removing a published claim's last citation is refused in the citations panel.
      return chosen.panel === 'status'
        ? { panel: 'status', errors: { note: error.message } }
        : { panel: chosen.panel, errors: { form: error.message } };
    }
    if (error instanceof RelationError) return { panel: 'relation', errors: { otherClaimId: error.message } };
    if (error instanceof ClaimLinkError) return { panel: chosen.panel, errors: { [error.field]: error.message } };
    if (error instanceof DeskError) return { panel: 'desk', errors: { [error.field]: error.message } };
    return null;
  },
};

const CASE_INTENTS: IntentTable = {
  intents: {
    'add-charge': intent('charge', chargeSchema, addCharge),
    'remove-charge': intent(
      'charge',
      z.object({ chargeId: rowId }),
      (caseId, version, { chargeId }, userId) => removeCharge(caseId, version, chargeId, userId),
      { fields: [], ...removes('chargeId', 'Remove this charge from the case?') },
    ),
    'add-defendant': intent('defendant', defendantSchema, addDefendant, {
      references: { entityId: { kind: 'entities', create: 'person' } },
    }),
    'remove-defendant': intent(
      'defendant',
      z.object({ entityId: rowId }),
      (caseId, version, { entityId }, userId) => removeDefendant(caseId, version, entityId, userId),
      { fields: [], ...removes('entityId', 'Remove this defendant from the case?') },
    ),
    'add-event': intent('event', eventSchema, addEvent, {
      references: { sourceId: { kind: 'sources', create: 'source' } },
    }),
    'remove-event': intent(
      'event',
      z.object({ eventId: rowId }),
      (caseId, version, { eventId }, userId) => removeEvent(caseId, version, eventId, userId),
      { fields: [], ...removes('eventId', 'Remove this event from the case?') },
    ),
  },
  refusal: (error) => {
    if (!(error instanceof CasePartError)) return null;
    return { panel: error.field === 'entityId' ? 'defendant' : 'event', errors: { [error.field]: error.message } };
  },
};

/** A source's page: "Capture now" queues a capture of its (just saved) address. */
const SOURCE_INTENTS: IntentTable = {
  intents: {
    'capture-now': intent('capture', z.object({}), (sourceId) => requestCaptureNow(sourceId), { fields: [] }),
  },
  refusal: (error) =>
    error instanceof CaptureRequestError ? { panel: 'capture', errors: { form: error.message } } : null,
};

export const TABLES: Partial<Record<string, IntentTable>> = {
  claims: CLAIM_INTENTS,
  cases: CASE_INTENTS,
  sources: SOURCE_INTENTS,
};
