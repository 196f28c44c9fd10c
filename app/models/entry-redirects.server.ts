/**
 * Renamed entries keep their old addresses: a rename records the old slug, and a page or API
 * request for it answers with a permanent redirect to the new one.
 */
import { redirect } from '@remix-run/node';
import { and, eq } from 'drizzle-orm';
import { getDb, type TrackerHandle } from '../../db/client';
import { slugRedirects } from '../../db/schema';
import { KIND_SPECS, type EntryKind, type KindInfo } from '~/domain';
import { ENTRY_TABLES } from './entry-row.server';

/** Where an old slug now lives, if the entry was renamed. */
export function findRenamedSlug(spec: Pick<KindInfo, 'revisionKind' | 'table'>, oldSlug: string): string | null {
  const table = ENTRY_TABLES[spec.table];
  const row = getDb()
    .select({ slug: table.slug })
    .from(slugRedirects)
    .innerJoin(table, eq(table.id, slugRedirects.entityId))
    .where(and(eq(slugRedirects.entityKind, spec.revisionKind), eq(slugRedirects.oldSlug, oldSlug)))
    .get();
  return row?.slug ?? null;
}

/** A renamed entry's old address answers with a permanent redirect to the new one. */
export function redirectIfRenamed(kind: EntryKind, slug: string): void {
  const spec = KIND_SPECS[kind];
  const current = findRenamedSlug(spec, slug);
  if (current && current !== slug) throw redirect(`${spec.path}/${current}`, 301);
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
