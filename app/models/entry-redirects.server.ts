/**
 * Old addresses keep working. A rename records the old slug, and a merge points the removed
 * entry's slug (and the old slugs it had) at the entry kept: a page or API request for any of
 * them answers with a permanent redirect to where the entry now is. A public address of an entry
 * that was deleted answers 410 Gone (decision 8).
 */
import { redirect } from '@remix-run/node';
import { and, eq } from 'drizzle-orm';
import { getDb, type TrackerHandle } from '../../db/client';
import { slugRedirects } from '../../db/schema';
import { KIND_SPECS, type EntryKind, type EntryTable, type KindInfo, type RevisionEntityKind } from '~/domain';
import { goneMessage } from './entry-removals.server';
import { ENTRY_TABLES } from './entry-row.server';

/** The live row an old slug now leads to (renamed, or merged into another), by id and slug. */
function redirectTarget(
  db: TrackerHandle,
  spec: { revisionKind: RevisionEntityKind; table: EntryTable },
  oldSlug: string,
): { id: number; slug: string } | null {
  const table = ENTRY_TABLES[spec.table];
  return (
    db
      .select({ id: table.id, slug: table.slug })
      .from(slugRedirects)
      .innerJoin(table, eq(table.id, slugRedirects.entityId))
      .where(and(eq(slugRedirects.entityKind, spec.revisionKind), eq(slugRedirects.oldSlug, oldSlug)))
      .get() ?? null
  );
}

/** Where an old slug now lives, if the entry was renamed or merged into another. */
export function findRenamedSlug(spec: Pick<KindInfo, 'revisionKind' | 'table'>, oldSlug: string): string | null {
  return redirectTarget(getDb(), spec, oldSlug)?.slug ?? null;
}

/**
 * The id of the entry an old slug leads to, or null: how a revision or a working copy that names
 * a renamed or merged entry by its old slug still finds it.
 */
export function redirectedId(
  db: TrackerHandle,
  spec: { revisionKind: RevisionEntityKind; table: EntryTable },
  oldSlug: string,
): number | null {
  return redirectTarget(db, spec, oldSlug)?.id ?? null;
}

/**
 * A renamed or merged entry's old address answers with a permanent redirect to where it now is;
 * a deleted entry's public address, 410 Gone. Otherwise nothing happens (the route answers 404).
 */
export function redirectIfRenamed(kind: EntryKind, slug: string): void {
  const spec = KIND_SPECS[kind];
  const current = findRenamedSlug(spec, slug);
  if (current && current !== slug) throw redirect(`${spec.path}/${current}`, 301);
  const gone = goneMessage(kind, slug);
  if (gone) throw new Response(gone, { status: 410 });
}

/** After a save: the old slug (if it changed) redirects to the entry; the slug in use redirects nowhere. */
export function recordRename(
  tx: TrackerHandle,
  kind: EntryKind,
  entry: { id: number; oldSlug: string | null; slug: string },
): void {
  const { revisionKind } = KIND_SPECS[kind];
  if (entry.oldSlug !== null && entry.oldSlug !== entry.slug) {
    tx.insert(slugRedirects)
      .values({ entityKind: revisionKind, oldSlug: entry.oldSlug, entityId: entry.id })
      .onConflictDoUpdate({
        target: [slugRedirects.entityKind, slugRedirects.oldSlug],
        set: { entityId: entry.id },
      })
      .run();
  }
  // A slug now in use must not also redirect elsewhere.
  tx.delete(slugRedirects)
    .where(and(eq(slugRedirects.entityKind, revisionKind), eq(slugRedirects.oldSlug, entry.slug)))
    .run();
}

/**
 * A merge: the removed entry's slug, and every old slug that led to it, now lead to the entry
 * kept. (The kept entry's own slug never redirects: it is in use.)
 */
export function redirectToKept(
  tx: TrackerHandle,
  kind: EntryKind,
  removed: { id: number; slug: string },
  keptId: number,
): void {
  const { revisionKind } = KIND_SPECS[kind];
  tx.update(slugRedirects)
    .set({ entityId: keptId })
    .where(and(eq(slugRedirects.entityKind, revisionKind), eq(slugRedirects.entityId, removed.id)))
    .run();
  tx.insert(slugRedirects)
    .values({ entityKind: revisionKind, oldSlug: removed.slug, entityId: keptId })
    .onConflictDoUpdate({ target: [slugRedirects.entityKind, slugRedirects.oldSlug], set: { entityId: keptId } })
    .run();
}
