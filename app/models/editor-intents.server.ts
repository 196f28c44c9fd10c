/**
 * The actions of a claim's or a case's editing page (add a citation, remove a charge, publish...).
 * The page is one form (see entry-page.server.ts); each action is a submit button
 * `name="intent"`, its value the intent's name, or `name:row` for an action on one row of a list
 * (`remove-citation:3`). An intent reads the fields of its panel, named `panel.field`
 * (`citation.quote`), so panels never share a name on the one form. One table per kind of entry
 * says, for each intent, its panel, its schema, the change it makes and the question it asks
 * first when it undoes something; one runner parses and runs them. It returns what to show
 * again on failure, or null when the change was saved. Conflicts and missing entries are thrown
 * for the route to answer.
 */
import { z } from 'zod';
import { PICK_CREATE_FIELDS, type PickCreateKind, type PickKind, type PickMatch } from '~/domain';
import { resolveReference } from '~/forms/reference.server';
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
import { createFromPicker } from './pick-create.server';
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

interface EntryIntent {
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

interface IntentTable {
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

const TABLES: Partial<Record<string, IntentTable>> = { claims: CLAIM_INTENTS, cases: CASE_INTENTS };

/** An intent as the button sent it: `remove-citation:3` is the intent `remove-citation` on row 3. */
export function parseIntent(value: string): { name: string; row: string | null } {
  const colon = value.indexOf(':');
  return colon === -1 ? { name: value, row: null } : { name: value.slice(0, colon), row: value.slice(colon + 1) };
}

function lookUp(kind: string, value: string) {
  const table = TABLES[kind];
  const { name, row } = parseIntent(value);
  const chosen = table && Object.hasOwn(table.intents, name) ? table.intents[name] : null;
  return table && chosen ? { table, chosen, row } : null;
}

/** Whether the entry's page has this action (`save` aside, which every page has). */
export function isEntryIntent(kind: string, value: string): boolean {
  return lookUp(kind, value) !== null;
}

/** The fields an intent reads, unprefixed (`citation.quote` → `quote`), with its row. */
function intentInput(chosen: EntryIntent, row: string | null, form: FormData): Record<string, string> {
  const input: Record<string, string> = {};
  const prefix = `${chosen.panel}.`;
  for (const [key, value] of form) {
    if (!key.startsWith(prefix) || typeof value !== 'string') continue;
    const field = key.slice(prefix.length);
    if (!chosen.fields || chosen.fields.includes(field)) input[field] = value;
  }
  if (chosen.row && row !== null) input[chosen.row] = row;
  return input;
}

/** The form fields an intent reads, as the page names them: they start empty again once it is done. */
export function intentFields(kind: string, value: string, form: FormData): string[] {
  const found = lookUp(kind, value);
  if (!found) return [];
  const prefix = `${found.chosen.panel}.`;
  return [...form.keys()].filter(
    (key) => key.startsWith(prefix) && (!found.chosen.fields || found.chosen.fields.includes(key.slice(prefix.length))),
  );
}

/** The question to ask before this intent, or null when it needs none. */
export function intentQuestion(kind: string, value: string, form: FormData): string | null {
  const found = lookUp(kind, value);
  if (!found?.chosen.confirm) return null;
  return found.chosen.confirm(intentInput(found.chosen, found.row, form));
}

/**
 * The intent's reference fields read as its Combobox sent them (`resolveReference`): each
 * becomes the id it names. A name looked up in vain is the field's error, with the candidates;
 * a name the editor asked to create (without JavaScript) is created first, as from the picker.
 */
function resolveReferences(
  chosen: EntryIntent,
  form: FormData,
  input: Record<string, string>,
  userId: number,
): IntentFailure | Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const [field, ref] of Object.entries(chosen.references ?? {})) {
    const name = `${chosen.panel}.${field}`;
    const found = resolveReference(form, name, ref.kind, { create: ref.create });
    if ('error' in found) {
      return { panel: chosen.panel, errors: { [field]: found.error }, candidates: { [field]: found.candidates } };
    }
    let id = found.ids[0];
    if (found.create && ref.create) {
      const named = new FormData();
      named.set(PICK_CREATE_FIELDS[ref.create][0], found.create);
      const made = createFromPicker(ref.create, named, userId);
      if (!made.ok) return { panel: chosen.panel, errors: { [field]: Object.values(made.errors)[0] } };
      id = made.item.id;
      // Shown as chosen if the rest is refused, so sending the form again does not create it twice.
      Object.assign(resolved, { [name]: String(id), [`${name}__text`]: made.item.title, [`${name}__create`]: '' });
    }
    input[field] = id === undefined ? '' : String(id);
  }
  return resolved;
}

/** Runs one of the actions of an entry's editing page (see the tables above). */
export function runEntryIntent(
  kind: string,
  value: string,
  entryId: number,
  version: number,
  form: FormData,
  userId: number,
): IntentFailure | null {
  const found = lookUp(kind, value);
  if (!found) return { panel: 'form', errors: { form: 'Unknown action.' } };
  const { table, chosen, row } = found;
  const input = intentInput(chosen, row, form);
  const resolved = resolveReferences(chosen, form, input, userId);
  if ('panel' in resolved) return resolved as IntentFailure;
  const failure = (refusal: IntentFailure): IntentFailure =>
    Object.keys(resolved).length > 0 ? { ...refusal, resolved } : refusal;
  try {
    const invalid = chosen.apply(entryId, version, input, userId);
    if (!invalid) return null;
    const errors = fieldErrors(invalid);
    // A row action (a Remove button) has no field of its own: its message heads its panel.
    return failure({
      panel: chosen.panel,
      errors: chosen.fields?.length === 0 ? { form: Object.values(errors)[0] } : errors,
    });
  } catch (error) {
    const refusal = table.refusal(error, chosen);
    if (refusal) return failure(refusal);
    throw error;
  }
}
