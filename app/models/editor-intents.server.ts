/**
 * The small forms on a claim's or a case's editing page (add a citation, remove a charge,
 * publish...), each named by a hidden `intent`. One table per kind of entry says, for each intent,
 * its schema, the panel that shows its errors and the change it makes; one runner parses and runs
 * them. It returns what to show again on failure, or null when the change was saved. Conflicts and
 * missing entries are thrown for the route to answer.
 */
import { z } from 'zod';
import { chargeSchema, defendantSchema, eventSchema } from '~/domain/case-fields';
import { fieldErrors, type FieldErrors } from '~/forms/errors';
import {
  addCharge,
  addDefendant,
  addEvent,
  CasePartError,
  removeCharge,
  removeDefendant,
  removeEvent,
} from './case-editor.server';
import {
  addCitation,
  addPublicNote,
  addRelation,
  changeClaimStatus,
  citationSchema,
  PublishingRuleError,
  relationSchema,
  RelationError,
  removeCitation,
  removeRelation,
} from './claim-editor.server';
import { ReviewError } from './proposal.server';
import { approveProposal, returnProposal, withdrawProposal } from './review.server';

export interface IntentFailure {
  /** The panel that shows the errors; `form` means the top of the page. */
  panel: string;
  errors: FieldErrors;
  /** The HTTP status to answer with (400 unless the refusal says otherwise: 403 for one's own approval). */
  status?: number;
}

interface EntryIntent {
  panel: string;
  /** Parses the form and makes the change; the zod error when the form is not valid. */
  apply: (entryId: number, version: number, fields: unknown, userId: number) => z.ZodError | null;
}

/** One intent: the panel that shows its errors, its schema and its change, typed against each other. */
function intent<Schema extends z.ZodTypeAny>(
  panel: string,
  schema: Schema,
  run: (entryId: number, version: number, input: z.infer<Schema>, userId: number) => unknown,
): EntryIntent {
  return {
    panel,
    apply: (entryId, version, fields, userId) => {
      const parsed = schema.safeParse(fields);
      if (!parsed.success) return parsed.error;
      run(entryId, version, parsed.data, userId);
      return null;
    },
  };
}

interface IntentTable {
  intents: Record<string, EntryIntent>;
  /** A model's refusal, as the panel and field that show it; null for errors to throw on. */
  refusal: (error: unknown) => IntentFailure | null;
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

const CLAIM_INTENTS: IntentTable = {
  intents: {
    'add-citation': intent('citation', citationSchema, addCitation),
    'remove-citation': intent('form', z.object({ citationId: rowId }), (claimId, version, { citationId }, userId) =>
      removeCitation(claimId, version, citationId, userId),
    ),
    'add-relation': intent('relation', relationSchema, addRelation),
    'remove-relation': intent('form', z.object({ relationId: rowId }), (claimId, version, { relationId }, userId) =>
      removeRelation(claimId, version, relationId, userId),
    ),
    status: intent('status', statusForm, (claimId, version, { change, note }, userId) =>
      change === 'correction' || change === 'update'
        ? addPublicNote(claimId, version, change, note, userId)
        : changeClaimStatus(claimId, version, change, note, userId),
    ),
    // The review of a proposed change (decision 6); the proposal is named by its id.
    approve: intent('review', z.object({ proposalId: rowId }), (claimId, _version, { proposalId }, userId) =>
      approveProposal(proposalId, userId, claimId),
    ),
    return: intent('review', reviewForm, (claimId, _version, { proposalId, reviewNote }, userId) =>
      returnProposal(proposalId, userId, reviewNote, claimId),
    ),
    withdraw: intent('review', z.object({ proposalId: rowId }), (claimId, _version, { proposalId }, userId) =>
      withdrawProposal(proposalId, userId, claimId),
    ),
  },
  refusal: (error) => {
    if (error instanceof ReviewError)
      return { panel: 'review', errors: { review: error.message }, status: error.status };
    if (error instanceof PublishingRuleError) return { panel: 'status', errors: { note: error.message } };
    if (error instanceof RelationError) return { panel: 'relation', errors: { otherClaimId: error.message } };
    return null;
  },
};

const CASE_INTENTS: IntentTable = {
  intents: {
    'add-charge': intent('charge', chargeSchema, addCharge),
    'remove-charge': intent('form', z.object({ chargeId: rowId }), (caseId, version, { chargeId }, userId) =>
      removeCharge(caseId, version, chargeId, userId),
    ),
    'add-defendant': intent('defendant', defendantSchema, addDefendant),
    'remove-defendant': intent('form', z.object({ entityId: rowId }), (caseId, version, { entityId }, userId) =>
      removeDefendant(caseId, version, entityId, userId),
    ),
    'add-event': intent('event', eventSchema, addEvent),
    'remove-event': intent('form', z.object({ eventId: rowId }), (caseId, version, { eventId }, userId) =>
      removeEvent(caseId, version, eventId, userId),
    ),
  },
  refusal: (error) => {
    if (!(error instanceof CasePartError)) return null;
    return { panel: error.field === 'entityId' ? 'defendant' : 'event', errors: { [error.field]: error.message } };
  },
};

const TABLES: Partial<Record<string, IntentTable>> = { claims: CLAIM_INTENTS, cases: CASE_INTENTS };

/** Runs one of the small forms of an entry's editing page (see the tables above). */
export function runEntryIntent(
  kind: string,
  intentName: string,
  entryId: number,
  version: number,
  form: FormData,
  userId: number,
): IntentFailure | null {
  const table = TABLES[kind];
  const chosen = table && Object.hasOwn(table.intents, intentName) ? table.intents[intentName] : null;
  if (!table || !chosen) return { panel: 'form', errors: { form: 'Unknown action.' } };
  try {
    const invalid = chosen.apply(entryId, version, Object.fromEntries(form), userId);
    if (!invalid) return null;
    const errors = fieldErrors(invalid);
    // A form without a panel of its own (a Remove button) has its message at the top of the page.
    return { panel: chosen.panel, errors: chosen.panel === 'form' ? { form: Object.values(errors)[0] } : errors };
  } catch (error) {
    const refusal = table.refusal(error);
    if (refusal) return refusal;
    throw error;
  }
}
