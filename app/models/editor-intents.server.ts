/**
 * The small forms on a claim's or a case's editing page (add a citation, remove a charge,
 * publish...), each named by a hidden `intent`. Returns what to show again on failure, or null
 * when the change was saved. Conflicts and missing entries are thrown for the route to answer.
 */
import type { z } from 'zod';
import {
  addCharge,
  addDefendant,
  addEvent,
  CasePartError,
  chargeSchema,
  defendantSchema,
  eventSchema,
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

export interface IntentFailure {
  panel: string;
  errors: Record<string, string>;
}

function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[String(issue.path[0])] ??= issue.message;
  return errors;
}

const idOf = (form: FormData, name: string) => Number(form.get(name));

export function runClaimIntent(
  intent: string,
  claimId: number,
  version: number,
  form: FormData,
  userId: number,
): IntentFailure | null {
  const fields = Object.fromEntries(form);
  try {
    switch (intent) {
      case 'add-citation': {
        const parsed = citationSchema.safeParse(fields);
        if (!parsed.success) return { panel: 'citation', errors: fieldErrors(parsed.error) };
        addCitation(claimId, version, parsed.data, userId);
        return null;
      }
      case 'remove-citation':
        removeCitation(claimId, version, idOf(form, 'citationId'), userId);
        return null;
      case 'add-relation': {
        const parsed = relationSchema.safeParse(fields);
        if (!parsed.success) return { panel: 'relation', errors: fieldErrors(parsed.error) };
        addRelation(claimId, version, parsed.data, userId);
        return null;
      }
      case 'remove-relation':
        removeRelation(claimId, version, idOf(form, 'relationId'), userId);
        return null;
      case 'status': {
        const change = String(form.get('change'));
        const note = String(form.get('note') ?? '').slice(0, 1000);
        if (change === 'correction' || change === 'update') {
          addPublicNote(claimId, version, change, note, userId);
        } else if (change === 'publish' || change === 'unpublish' || change === 'retract') {
          changeClaimStatus(claimId, version, change, note, userId);
        } else return { panel: 'status', errors: { note: 'Unknown change.' } };
        return null;
      }
      default:
        return { panel: 'form', errors: { form: 'Unknown action.' } };
    }
  } catch (error) {
    if (error instanceof PublishingRuleError) return { panel: 'status', errors: { note: error.message } };
    if (error instanceof RelationError) return { panel: 'relation', errors: { otherClaimId: error.message } };
    throw error;
  }
}

export function runCaseIntent(
  intent: string,
  caseId: number,
  version: number,
  form: FormData,
  userId: number,
): IntentFailure | null {
  const fields = Object.fromEntries(form);
  try {
    switch (intent) {
      case 'add-charge': {
        const parsed = chargeSchema.safeParse(fields);
        if (!parsed.success) return { panel: 'charge', errors: fieldErrors(parsed.error) };
        addCharge(caseId, version, parsed.data, userId);
        return null;
      }
      case 'remove-charge':
        removeCharge(caseId, version, idOf(form, 'chargeId'), userId);
        return null;
      case 'add-defendant': {
        const parsed = defendantSchema.safeParse(fields);
        if (!parsed.success) return { panel: 'defendant', errors: fieldErrors(parsed.error) };
        addDefendant(caseId, version, parsed.data, userId);
        return null;
      }
      case 'remove-defendant':
        removeDefendant(caseId, version, idOf(form, 'entityId'), userId);
        return null;
      case 'add-event': {
        const parsed = eventSchema.safeParse(fields);
        if (!parsed.success) return { panel: 'event', errors: fieldErrors(parsed.error) };
        addEvent(caseId, version, parsed.data, userId);
        return null;
      }
      case 'remove-event':
        removeEvent(caseId, version, idOf(form, 'eventId'), userId);
        return null;
      default:
        return { panel: 'form', errors: { form: 'Unknown action.' } };
    }
  } catch (error) {
    if (error instanceof CasePartError) {
      const panel = error.field === 'entityId' ? 'defendant' : 'event';
      return { panel, errors: { [error.field]: error.message } };
    }
    throw error;
  }
}
