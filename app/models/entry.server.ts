/**
 * Editing entries of every kind (claims, sources, people, organisations, cases, topics) through
 * one path: validate the form against the kind's field specs, save with an optimistic version
 * check (a stale form is refused, never silently overwrites), keep old slugs as redirects, record
 * a revision of the whole entry, and tell search what changed. Every write is one immediate
 * transaction through Drizzle's builder on the schema's tables, and everything inside it uses the
 * transaction it is given (the writes themselves are in `entry-write.server.ts`).
 *
 * A claim readers can see (published or retracted) is never changed here: its row holds what
 * readers see, the last approved version. Any change to it goes into its working copy, the open
 * proposal a second editor approves (`proposal.server.ts`, decision 6).
 *
 * The form (`entry-form.server.ts`), reading (`entry-read.server.ts`) and rename redirects
 * (`entry-redirects.server.ts`) live beside this file; it re-exports what routes use, so a route
 * imports the entry model from one place.
 */
import { eq, sql } from 'drizzle-orm';
import { getDb, type TrackerHandle } from '../../db/client';
import { claims } from '../../db/schema';
import { isPublicStatus, KINDS, type EntryKind, type PublicStatus } from '~/domain';
import { fieldsFromForm, type FormValues } from './entry-form.server';
import { getEntryForEdit } from './entry-read.server';
import { tableOf } from './entry-row.server';
import {
  afterWrite,
  ConflictError,
  createRequestedReferences,
  EntryNotFoundError,
  fieldsOfSnapshot,
  restoreClaimLinks,
  writeEntry,
  type SaveResult,
} from './entry-write.server';
import { proposeClaimChange } from './proposal.server';
import { getRevision } from './revision.server';

export { getEntryOptions, readEntryForm, validateEntry } from './entry-form.server';
export type { EntryOption, EntryOptions, EntryValidation, FormValues } from './entry-form.server';
export { entryParams, getEntryForEdit, type EditableEntry } from './entry-read.server';
export { findRenamedSlug, redirectIfRenamed } from './entry-redirects.server';
export { ConflictError, EntryNotFoundError, type SaveResult } from './entry-write.server';

/** The public status of a claim readers can see, or null (a draft, or not a claim). */
function publicClaimStatus(tx: TrackerHandle, kind: EntryKind, id: number | null): PublicStatus | null {
  if (kind !== 'claims' || id === null) return null;
  const row = tx.select({ status: claims.status }).from(claims).where(eq(claims.id, id)).get();
  return row && isPublicStatus(row.status) ? row.status : null;
}

/** The version check of a change to a public claim, which leaves the row as it is. */
function checkVersion(
  tx: TrackerHandle,
  kind: EntryKind,
  id: number,
  expectedVersion: number | null,
  yours: FormValues,
) {
  const current = getEntryForEdit(kind, id, tx);
  if (!current) throw new EntryNotFoundError();
  if (expectedVersion !== null && current.version !== expectedVersion) throw new ConflictError(current, yours);
  return current;
}

/**
 * Creates or updates an entry in one transaction. Throws ConflictError on a stale version. An
 * edit of a public claim is saved into its working copy (the row, and so its version, stay).
 */
export function saveEntry(
  kind: EntryKind,
  input: {
    id: number | null;
    expectedVersion: number | null;
    values: FormValues;
    userId: number | null;
    summary?: string | null;
  },
): SaveResult {
  return getDb().transaction(
    (tx) => {
      const values = createRequestedReferences(tx, kind, input.values, input.userId);
      const entry = { slug: String(values.slug || ''), fields: fieldsFromForm(kind, values) };
      if (input.id !== null && publicClaimStatus(tx, kind, input.id)) {
        const current = checkVersion(tx, kind, input.id, input.expectedVersion, input.values);
        proposeClaimChange(tx, input.id, input.userId, input.summary || 'Edited', 'edit', (sandbox) => {
          writeEntry(sandbox, kind, input.id, entry, null, input.values);
        });
        return { id: current.id, slug: current.slug, version: current.version };
      }
      const saved = writeEntry(tx, kind, input.id, entry, input.expectedVersion, input.values);
      afterWrite(tx, kind, saved, input.userId, input.summary ?? null);
      return saved;
    },
    { behavior: 'immediate' },
  );
}

/**
 * Makes an old revision current again, as a new revision (history is never rewritten). For a
 * public claim the old revision becomes its working copy, to be approved like any change.
 */
export function restoreRevision(
  kind: EntryKind,
  input: { id: number; version: number; expectedVersion: number; userId: number | null },
): SaveResult {
  return getDb().transaction(
    (tx) => {
      const revision = getRevision(KINDS[kind].revisionKind, input.id, input.version, tx);
      if (!revision) throw new EntryNotFoundError();
      const { snapshot } = revision;
      const entry = { slug: String(snapshot.slug ?? ''), fields: fieldsOfSnapshot(tx, kind, snapshot) };
      const status = publicClaimStatus(tx, kind, input.id);
      const summary = `Restored version ${input.version}`;
      if (status) {
        const current = checkVersion(tx, kind, input.id, input.expectedVersion, {});
        proposeClaimChange(tx, input.id, input.userId, summary, 'restore', (sandbox) => {
          writeEntry(sandbox, kind, input.id, entry, null, {});
          restoreClaimLinks(sandbox, input.id, snapshot);
          // A restore brings back content, not a status: retracting and republishing are their own changes.
          sandbox.update(claims).set({ status }).where(eq(claims.id, input.id)).run();
        });
        return { id: current.id, slug: current.slug, version: current.version };
      }
      const saved = writeEntry(tx, kind, input.id, entry, input.expectedVersion, {});
      if (kind === 'claims') restoreClaimLinks(tx, saved.id, snapshot);
      afterWrite(tx, kind, saved, input.userId, summary);
      return saved;
    },
    { behavior: 'immediate' },
  );
}

/**
 * A change to an entry's links (citations, relations, charges...) or status, run as one save:
 * version check, the change, version bump, a revision of the whole entry, and a search refresh.
 * The change gets the transaction; it may return more search refs whose pages it changed too.
 * On a public claim the change is made to its working copy instead, and the version stays.
 */
export function changeEntry(
  kind: EntryKind,
  id: number,
  expectedVersion: number,
  userId: number | null,
  summary: string,
  change: (tx: TrackerHandle) => string[] | void,
): number {
  const table = tableOf(kind);
  return getDb().transaction(
    (tx) => {
      const current = getEntryForEdit(kind, id, tx);
      if (!current) throw new EntryNotFoundError();
      if (current.version !== expectedVersion) throw new ConflictError(current, current.values);
      if (publicClaimStatus(tx, kind, id)) {
        proposeClaimChange(tx, id, userId, summary, 'edit', change);
        return current.version;
      }
      const alsoChanged = change(tx) ?? [];
      tx.update(table)
        .set({ version: sql`${table.version} + 1`, updatedAt: sql`(unixepoch())` })
        .where(eq(table.id, id))
        .run();
      const version = current.version + 1;
      afterWrite(tx, kind, { id, slug: current.slug, version }, userId, summary, alsoChanged);
      return version;
    },
    { behavior: 'immediate' },
  );
}
