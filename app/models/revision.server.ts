/**
 * Revisions: every save of every entry stores the whole entry as it then was, with who, when
 * and why. The snapshot is the entry's content/ document (`app/content/document.server.ts`),
 * flattened: slugs throughout, never database ids, the same document the exporter writes. History
 * pages (`revision-history.server.ts`) show what each revision changed and compare any two;
 * restoring one saves its snapshot as a new version.
 *
 * Revisions recorded before snapshots were documents hold the editor's form values instead
 * (`speakerId: 12`, topic ids, authors as one comma-separated string); they are still listed,
 * shown (read as documents) and restored (see `restoreRevision`), never rewritten.
 */
import { and, desc, eq } from 'drizzle-orm';
import { getDb, type TrackerHandle } from '../../db/client';
import { revisions, users } from '../../db/schema';
import { entryDocument, flatDocument } from '~/content/document.server';
import { KINDS, type EntryKind, type RevisionEntityKind } from '~/domain';

export type Snapshot = Record<string, unknown>;

export interface Revision {
  id: number;
  version: number;
  summary: string | null;
  createdAt: number;
  userName: string | null;
  snapshot: Snapshot;
}

/** The entry as a revision stores it: its flattened content/ document. */
export function entrySnapshot(db: TrackerHandle, kind: EntryKind, id: number): Snapshot | null {
  const doc = entryDocument(db, kind, id);
  return doc ? flatDocument(doc) : null;
}

export function recordRevision(
  db: TrackerHandle,
  entry: { kind: RevisionEntityKind; id: number; version: number },
  snapshot: Snapshot,
  userId: number | null,
  summary: string | null,
): void {
  db.insert(revisions)
    .values({
      entityKind: entry.kind,
      entityId: entry.id,
      version: entry.version,
      userId,
      summary: summary || null,
      snapshot: JSON.stringify(snapshot),
    })
    .run();
}

/** Records the entry as it now is, at this version. */
export function recordEntryRevision(
  db: TrackerHandle,
  kind: EntryKind,
  entry: { id: number; version: number },
  userId: number | null,
  summary: string | null,
): void {
  const snapshot = entrySnapshot(db, kind, entry.id);
  if (!snapshot) throw new Error(`No ${KINDS[kind].singular} ${entry.id} to record.`);
  recordRevision(db, { kind: KINDS[kind].revisionKind, ...entry }, snapshot, userId, summary);
}

function selectRevisions(db: TrackerHandle, kind: RevisionEntityKind, entityId: number, version?: number) {
  return db
    .select({
      id: revisions.id,
      version: revisions.version,
      summary: revisions.summary,
      createdAt: revisions.createdAt,
      userName: users.name,
      snapshot: revisions.snapshot,
    })
    .from(revisions)
    .leftJoin(users, eq(users.id, revisions.userId))
    .where(
      and(
        eq(revisions.entityKind, kind),
        eq(revisions.entityId, entityId),
        version === undefined ? undefined : eq(revisions.version, version),
      ),
    )
    .orderBy(desc(revisions.version))
    .all()
    .map(
      (r): Revision => ({
        ...r,
        createdAt: Math.floor(r.createdAt.getTime() / 1000),
        snapshot: JSON.parse(r.snapshot) as Snapshot,
      }),
    );
}

export function listRevisions(kind: RevisionEntityKind, entityId: number): Revision[] {
  return selectRevisions(getDb(), kind, entityId);
}

export function getRevision(
  kind: RevisionEntityKind,
  entityId: number,
  version: number,
  db: TrackerHandle = getDb(),
): Revision | null {
  return selectRevisions(db, kind, entityId, version)[0] ?? null;
}

/** A record of a list (a citation, a relation) as one line, "source: fox-report · role: reports", not JSON. */
function recordText(item: unknown): string {
  if (typeof item !== 'object' || item === null) return String(item);
  return Object.entries(item)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
}

/**
 * A snapshot as readable lines ("field: value"; long text split into its own lines), for the
 * review panel's line diff. The history shows changes field by field instead (revision-changes).
 */
export function snapshotLines(snapshot: Snapshot): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(snapshot)) {
    if (value === null || value === undefined || value === '') {
      lines.push(`${key}: —`);
    } else if (typeof value === 'string' && value.includes('\n')) {
      lines.push(`${key}:`);
      for (const line of value.split('\n')) lines.push(`  ${line}`);
    } else if (Array.isArray(value)) {
      lines.push(`${key}:`);
      for (const item of value) lines.push(`  - ${recordText(item)}`);
    } else {
      lines.push(`${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
    }
  }
  return lines;
}
