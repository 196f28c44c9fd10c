/**
 * An entry's editing page is one form (issue 11, newsroom trial P5): the entry's fields, and on a
 * claim's or a case's page every panel (publishing, review, desk, citations, links, charges...),
 * each action a submit button `name="intent"` (editor-intents.server.ts). So whichever button
 * the editor presses, everything typed anywhere on the page is sent, and nothing is lost:
 *
 * 1. the entry's fields are saved first, through `saveEntry` with its version check, when they
 *    differ from the stored version (a claim readers see: from its working copy). When they are
 *    not valid nothing else happens, and every value comes back with the errors;
 * 2. then the intent runs, against the version that save left. A refused intent brings back
 *    everything typed too (the fields, saved or not, and every panel's input);
 * 3. an intent that undoes something (a removal, a retraction, a withdrawal) first asks, unless the
 *    form says `confirmed` = that intent: the page asks with a dialog, or without JavaScript
 *    answers with the question and a button that sends it again confirmed.
 *
 * A form without the entry's title field (a script, or a test posting one panel) leaves the
 * fields alone. A press of "Save changes" sends no intent: no intent means save.
 */
import { sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { KIND_SPECS, KINDS, type EntryKind } from '~/domain';
import { getClaimForEdit } from './claim-editor.server';
import { getClaimDesk } from './desk.server';
import {
  isEntryIntent,
  intentFields,
  intentQuestion,
  runEntryIntent,
  type IntentFailure,
} from './editor-intents.server';
import {
  ConflictError,
  EntryNotFoundError,
  getEntryForEdit,
  readEntryForm,
  saveEntry,
  validateEntry,
  type EditableEntry,
  type FormValues,
} from './entry.server';
import { ReviewError } from './proposal.server';

export type PageSubmission =
  /**
   * Done. `edited`: the entry's fields were saved. `leftovers`: what was typed in other panels
   * than the intent's, to show again (a page without JavaScript would lose it on a redirect).
   */
  | { outcome: 'done'; intent: string; edited: boolean; leftovers: Record<string, string> }
  /** The entry's fields are not valid: nothing was done. */
  | { outcome: 'invalid'; values: FormValues; errors: Record<string, string> }
  /** The intent undoes something and was not confirmed yet (the fields were saved, when changed). */
  | { outcome: 'confirm'; intent: string; question: string; edited: boolean }
  | { outcome: 'refused'; failure: IntentFailure; values: FormValues | null; edited: boolean }
  /** Someone saved the entry after the page was opened; `changedBy` names them (newest first). */
  | { outcome: 'conflict'; current: EditableEntry; yours: FormValues | null; changedBy: string[] };

/**
 * A field's value as it is stored: trimmed text (a select's default when empty), ids sorted. A
 * reference whose lookup failed, or that asks for a new entry, is a change (to validate, or to make).
 */
function comparable(kind: EntryKind, values: FormValues): string {
  return JSON.stringify(
    KIND_SPECS[kind].fields.map((field) => {
      const value = values[field.name];
      const pending = [values[`${field.name}__error`], values[`${field.name}__create`]].filter(Boolean);
      if (Array.isArray(value)) return [[...new Set(value)].sort(), pending];
      const text = (typeof value === 'string' ? value : '').trim();
      return [text === '' ? (field.default ?? '') : text, pending];
    }),
  );
}

/** The values the page showed, as stored: a claim readers see shows its working copy. */
function storedValues(kind: EntryKind, id: number, userId: number): FormValues {
  const stored = kind === 'claims' ? getClaimForEdit(id, userId)?.entry : getEntryForEdit(kind, id);
  if (!stored) throw new EntryNotFoundError();
  return stored.values;
}

/** Who saved the entry after this version, newest first, each once. */
export function changedSince(kind: EntryKind, id: number, version: number): string[] {
  const rows = getDb().all<{ name: string | null }>(
    sql`select u.name from revisions r left join users u on u.id = r.user_id
        where r.entity_kind = ${KINDS[kind].revisionKind} and r.entity_id = ${id} and r.version > ${version}
        order by r.version desc limit 20`,
  );
  return [...new Set(rows.map((r) => r.name ?? 'an editor whose account is gone'))];
}

/**
 * What each panel's inputs start with (`panel.field`; an input not named is empty): the page draws
 * its panels with these, and an input still holding its start value is not something typed.
 */
export function pageDefaults(kind: EntryKind, id: number): Record<string, string> {
  if (kind !== 'claims') return {};
  const desk = getClaimDesk(id);
  return {
    'citation.role': 'made_in',
    'relation.kind': 'rebuts',
    'cases.role': 'about',
    ...(desk
      ? {
          'desk.assigneeId': desk.assignee ? String(desk.assignee.id) : '',
          'desk.dueOn': desk.dueOn ?? '',
          'desk.state': desk.deskState === 'suggested' ? 'in_research' : 'suggested',
          'desk.reason': desk.declinedReason ?? '',
        }
      : {}),
  };
}

/** Every panel's input as posted (`panel.field`), to show again. */
export function panelValues(form: FormData): Record<string, string> {
  const typed: Record<string, string> = {};
  for (const [key, value] of form) if (key.includes('.') && typeof value === 'string') typed[key] = value;
  return typed;
}

/** What was typed in panels other than the intent's: inputs that no longer hold their start value. */
function leftoversOf(form: FormData, consumed: string[], defaults: Record<string, string>) {
  const used = new Set(consumed);
  return Object.fromEntries(
    Object.entries(panelValues(form)).filter(([key, value]) => !used.has(key) && value !== (defaults[key] ?? '')),
  );
}

export function submitEntryPage(kind: EntryKind, id: number, form: FormData, userId: number): PageSubmission {
  const intent = String(form.get('intent') ?? '') || 'save';
  const posted = form.has(KIND_SPECS[kind].titleField) ? readEntryForm(kind, form) : null;
  const refuse = (errors: Record<string, string>, status = 400, edited = false): PageSubmission => ({
    outcome: 'refused',
    failure: { panel: 'form', errors, status },
    values: posted,
    edited,
  });
  if (intent !== 'save' && !isEntryIntent(kind, intent)) return refuse({ form: 'Unknown action.' });
  const expected = Number(form.get('version'));
  if (!Number.isSafeInteger(expected)) return refuse({ form: 'The form is missing its version; reload the page.' });

  // The panels as the editor saw them, before this submission changes anything.
  const defaults = pageDefaults(kind, id);
  const summary = String(form.get('editSummary') ?? '').slice(0, 300);
  let version = expected;
  let edited = false;
  try {
    if (posted && comparable(kind, posted) !== comparable(kind, storedValues(kind, id, userId))) {
      const checked = validateEntry(kind, posted, undefined, { id });
      if (!checked.ok) return { outcome: 'invalid', values: posted, errors: checked.errors };
      const values = checked.values;
      version = saveEntry(kind, { id, expectedVersion: expected, values, userId, summary: summary || null }).version;
      edited = true;
    }
    // An edit summary typed without a change to save is kept for the save it was meant for.
    const kept: Record<string, string> = edited || !summary ? {} : { editSummary: summary };
    if (intent === 'save')
      return { outcome: 'done', intent, edited, leftovers: { ...leftoversOf(form, [], defaults), ...kept } };
    const question = intentQuestion(kind, intent, form);
    if (question && form.get('confirmed') !== intent) return { outcome: 'confirm', intent, question, edited };
    const failure = runEntryIntent(kind, intent, id, version, form, userId);
    if (failure) return { outcome: 'refused', failure, values: posted, edited };
    const leftovers = { ...leftoversOf(form, intentFields(kind, intent, form), defaults), ...kept };
    return { outcome: 'done', intent, edited, leftovers };
  } catch (error) {
    if (error instanceof ConflictError) {
      return {
        outcome: 'conflict',
        current: error.current,
        yours: posted,
        changedBy: changedSince(kind, id, expected),
      };
    }
    // Someone else's change to a public claim waits for review: the fields cannot be saved now.
    if (error instanceof ReviewError) return refuse({ form: error.message }, error.status, edited);
    throw error;
  }
}
