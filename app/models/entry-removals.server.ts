/**
 * What is known of an entry that is gone (merged into another, or deleted): its last slug and
 * title, why, when and by whom. The revisions keep the entry itself; this record lets its history
 * page say what happened and where it went, and a public address readers once saw answer 410
 * Gone rather than "never existed" (decision 8).
 */
import { and, eq, sql } from 'drizzle-orm';
import { getDb, type TrackerHandle } from '../../db/client';
import { claimProposals, removedEntries, users } from '../../db/schema';
import { KIND_SPECS, KINDS, type EntryKind, type RemovalReason } from '~/domain';
import { columnsOf, tableOf } from './entry-row.server';
import { recordRevision, type Snapshot } from './revision.server';

export interface Removal {
  kind: EntryKind;
  id: number;
  slug: string;
  title: string;
  reason: RemovalReason;
  mergedIntoId: number | null;
  wasPublic: boolean;
  userId: number | null;
}

/**
 * Removes an entry's row after its last revision (`summary`, with `snapshot`, the entry as it
 * last was) and the record of why. Its revisions and review history stay; a claim's pending
 * proposals are closed as withdrawn. The caller has moved or refused whatever referred to it.
 */
export function removeEntry(
  tx: TrackerHandle,
  removal: Removal & { version: number; snapshot: Snapshot; summary: string },
): void {
  const { kind, id } = removal;
  recordRevision(
    tx,
    { kind: KINDS[kind].revisionKind, id, version: removal.version + 1 },
    removal.snapshot,
    removal.userId,
    removal.summary,
  );
  recordRemoval(tx, removal);
  if (kind === 'claims') {
    tx.update(claimProposals)
      .set({
        status: 'withdrawn',
        reviewedBy: removal.userId,
        reviewedAt: sql`(unixepoch())`,
        reviewNote: removal.summary,
      })
      .where(and(eq(claimProposals.claimId, id), eq(claimProposals.status, 'pending')))
      .run();
  }
  const table = tableOf(kind);
  tx.delete(table).where(eq(table.id, id)).run();
}

function recordRemoval(tx: TrackerHandle, removal: Removal): void {
  tx.insert(removedEntries)
    .values({
      entryKind: removal.kind,
      entityId: removal.id,
      slug: removal.slug,
      title: removal.title.slice(0, 500),
      reason: removal.reason,
      mergedIntoId: removal.mergedIntoId,
      wasPublic: removal.wasPublic,
      removedBy: removal.userId,
    })
    .run();
}

export interface RemovedEntry {
  kind: EntryKind;
  id: number;
  slug: string;
  title: string;
  reason: RemovalReason;
  /** Unix seconds. */
  removedAt: number;
  removedByName: string | null;
  /** For a merge: the entry it went into, and whether that one still exists (it may be gone too). */
  mergedInto: { id: number; slug: string; title: string; exists: boolean } | null;
}

/** The entry `id` of this kind if it is gone, else null (it exists, or never did). */
export function getRemovedEntry(kind: EntryKind, id: number, db: TrackerHandle = getDb()): RemovedEntry | null {
  const row = db
    .select({
      slug: removedEntries.slug,
      title: removedEntries.title,
      reason: removedEntries.reason,
      mergedIntoId: removedEntries.mergedIntoId,
      removedAt: removedEntries.removedAt,
      removedByName: users.name,
    })
    .from(removedEntries)
    .leftJoin(users, eq(users.id, removedEntries.removedBy))
    .where(and(eq(removedEntries.entryKind, kind), eq(removedEntries.entityId, id)))
    .get();
  if (!row) return null;
  let mergedInto: RemovedEntry['mergedInto'] = null;
  if (row.mergedIntoId !== null) {
    const table = tableOf(kind);
    const title = columnsOf(kind)[KIND_SPECS[kind].titleField];
    const live = db
      .select({ slug: table.slug, title: sql<string>`${title}` })
      .from(table)
      .where(eq(table.id, row.mergedIntoId))
      .get();
    const gone = live ? null : getRemovedEntry(kind, row.mergedIntoId, db);
    mergedInto = {
      id: row.mergedIntoId,
      slug: live?.slug ?? gone?.slug ?? '',
      title: live?.title ?? gone?.title ?? '',
      exists: Boolean(live),
    };
  }
  return {
    kind,
    id,
    slug: row.slug,
    title: row.title,
    reason: row.reason,
    removedAt: Math.floor(row.removedAt.getTime() / 1000),
    removedByName: row.removedByName,
    mergedInto,
  };
}

/**
 * What a public address of a deleted entry answers (410 Gone), or null when nothing readers saw
 * was deleted there: the entry's last slug, or an old slug that led to it (or to an entry it was
 * merged into that was deleted since). A deleted draft was never public: its address is a 404.
 */
export function goneMessage(kind: EntryKind, slug: string): string | null {
  const { revisionKind, singular } = KINDS[kind];
  const row = getDb().get<{ removedAt: number } | undefined>(
    sql`select r.removed_at as removedAt from removed_entries r
        where r.entry_kind = ${kind} and r.was_public = 1 and r.reason = 'deleted'
          and (r.slug = ${slug} or r.entity_id in
            (select entity_id from slug_redirects where entity_kind = ${revisionKind} and old_slug = ${slug}))
        limit 1`,
  );
  if (!row) return null;
  const day = new Date(row.removedAt * 1000).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return `This ${singular} was removed from the site on ${day}.`;
}
