/**
 * Revisions: every save of every entry stores the whole entry (a snapshot in the content/
 * vocabulary: slugs, not ids) with who, when and why. History pages list them and diff any two.
 */
import { sql } from 'drizzle-orm';
import { getDb, type TrackerDb } from '../../db/client';
import type { RevisionEntityKind } from '~/domain';

export type Snapshot = Record<string, unknown>;

export interface Revision {
  id: number;
  version: number;
  summary: string | null;
  createdAt: number;
  userName: string | null;
  snapshot: Snapshot;
}

export function recordRevision(
  db: TrackerDb,
  entry: { kind: RevisionEntityKind; id: number; version: number },
  snapshot: Snapshot,
  userId: number | null,
  summary: string | null,
): void {
  db.run(sql`insert into revisions (entity_kind, entity_id, version, user_id, summary, snapshot)
    values (${entry.kind}, ${entry.id}, ${entry.version}, ${userId}, ${summary || null}, ${JSON.stringify(snapshot)})`);
}

export function listRevisions(kind: RevisionEntityKind, entityId: number): Revision[] {
  return getDb()
    .all<Omit<Revision, 'snapshot'> & { snapshot: string }>(
      sql`select r.id, r.version, r.summary, r.created_at as createdAt, u.name as userName, r.snapshot
          from revisions r left join users u on u.id = r.user_id
          where r.entity_kind = ${kind} and r.entity_id = ${entityId} order by r.version desc`,
    )
    .map((r) => ({ ...r, snapshot: JSON.parse(r.snapshot) as Snapshot }));
}

export function getRevision(kind: RevisionEntityKind, entityId: number, version: number): Revision | null {
  const row = getDb().get<(Omit<Revision, 'snapshot'> & { snapshot: string }) | undefined>(
    sql`select r.id, r.version, r.summary, r.created_at as createdAt, u.name as userName, r.snapshot
        from revisions r left join users u on u.id = r.user_id
        where r.entity_kind = ${kind} and r.entity_id = ${entityId} and r.version = ${version}`,
  );
  return row ? { ...row, snapshot: JSON.parse(row.snapshot) as Snapshot } : null;
}

/** A snapshot as readable lines ("field: value"; long text split into its own lines). */
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
      for (const item of value) lines.push(`  - ${typeof item === 'object' ? JSON.stringify(item) : String(item)}`);
    } else {
      lines.push(`${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
    }
  }
  return lines;
}
