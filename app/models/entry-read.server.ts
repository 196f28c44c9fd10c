/** Reading an entry of any kind for its editing page, and finding one by its editor URL or slug. */
import { and, asc, eq } from 'drizzle-orm';
import { getDb, type TrackerHandle } from '../../db/client';
import { claimSubjects, claimTopics } from '../../db/schema';
import { isEntryKind, KIND_SPECS, type EntryKind } from '~/domain';
import type { FormValues } from './entry-form.server';
import { withReferenceTitles } from './entry-references.server';
import { ofKind, tableOf } from './entry-row.server';

export interface EditableEntry {
  id: number;
  slug: string;
  version: number;
  status: string | null;
  values: FormValues;
  title: string;
}

/**
 * The entry as its form shows it (ids for the references, with their titles beside them under
 * `name__text` or `name__titles`), or null when there is no such entry of this kind.
 */
export function getEntryForEdit(kind: EntryKind, id: number, db: TrackerHandle = getDb()): EditableEntry | null {
  const spec = KIND_SPECS[kind];
  const table = tableOf(kind);
  const row = db
    .select()
    .from(table)
    .where(and(eq(table.id, id), ofKind(kind)))
    .get() as Record<string, unknown> | undefined;
  if (!row) return null;
  const values: FormValues = {};
  for (const field of spec.fields) {
    if (field.type === 'multiselect' || field.type === 'references') continue;
    const value = row[field.name];
    if (field.type === 'list') values[field.name] = (Array.isArray(value) ? value.map(String) : []).join(', ');
    else values[field.name] = value === null || value === undefined ? '' : String(value);
  }
  if (kind === 'claims') {
    values.topics = db
      .select({ topicId: claimTopics.topicId })
      .from(claimTopics)
      .where(eq(claimTopics.claimId, id))
      .orderBy(asc(claimTopics.topicId))
      .all()
      .map((r) => String(r.topicId));
    values.subjects = db
      .select({ entityId: claimSubjects.entityId })
      .from(claimSubjects)
      .where(eq(claimSubjects.claimId, id))
      .orderBy(asc(claimSubjects.entityId))
      .all()
      .map((r) => String(r.entityId));
  }
  return {
    id,
    slug: String(row.slug),
    version: Number(row.version),
    status: kind === 'claims' ? String(row.status) : null,
    values: withReferenceTitles(kind, values, db),
    title: String(values[spec.titleField] ?? ''),
  };
}

/** The `:kind/:id` of an editor URL, or a 404 for anything that is not a real kind and id. */
export function entryParams(params: { kind?: string; id?: string }): { kind: EntryKind; id: number } {
  const id = Number(params.id);
  if (!isEntryKind(params.kind) || !Number.isSafeInteger(id) || id <= 0) {
    throw new Response('There is no such entry.', { status: 404 });
  }
  return { kind: params.kind, id };
}
