/**
 * Deleting an entry (decision 8): only what nothing else refers to, and never a claim readers
 * have seen (a published or retracted claim is retracted instead; its page and log stay). A
 * refusal names every entry that refers to it, so the editor can change those (or merge instead).
 * The entry's last revision is "Deleted" with its snapshot, so its history still opens; its
 * public address answers 410 Gone when readers could once see it.
 */
import { sql, type SQL } from 'drizzle-orm';
import { getDb, type TrackerHandle } from '../../db/client';
import { bumpDataVersion } from '../../db/data-version';
import {
  entityEntryKind,
  isPublicStatus,
  KIND_SPECS,
  refOf,
  relationOutgoing,
  type EntityKind,
  type EntryKind,
  type RelationKind,
} from '~/domain';
import { ConflictError } from './entry-write.server';
import { getEntryForEdit } from './entry-read.server';
import { removeEntry } from './entry-removals.server';
import { entrySnapshot } from './revision.server';

/** Another entry that refers to the one to delete: a link to its editing page, and how it refers. */
export interface Reference {
  kind: EntryKind;
  id: number;
  title: string;
  /** "cites it", "said by it", "Rebuts it"... */
  how: string;
}

export interface DeletionPlan {
  kind: EntryKind;
  entry: { id: number; slug: string; title: string; version: number; status: string | null };
  /** The first of them (at most REFERENCES_SHOWN); `referenceCount` says how many there are. */
  references: Reference[];
  referenceCount: number;
  /** Why it cannot be deleted, or null when it can. */
  refusal: string | null;
}

const REFERENCES_SHOWN = 50;

interface ReferenceQuery {
  /** Rows `{ id, title, how }` (and `entityKind` for people and organisations). */
  rows: SQL;
  count: SQL;
  kind: EntryKind | 'entities';
}

function referenceQueries(kind: EntryKind, id: number): ReferenceQuery[] {
  const claimRows = (join: SQL, how: SQL | string, where: SQL): ReferenceQuery => ({
    kind: 'claims',
    rows: sql`select distinct c.id, c.statement as title, ${how} as how from claims c ${join} where ${where}`,
    count: sql`select count(distinct c.id) as n from claims c ${join} where ${where}`,
  });
  const caseRows = (table: string, how: string, column: string): ReferenceQuery => ({
    kind: 'cases',
    rows: sql`select distinct k.id, k.caption as title, ${how} as how from cases k
              join ${sql.identifier(table)} x on x.case_id = k.id where x.${sql.identifier(column)} = ${id}`,
    count: sql`select count(distinct k.id) as n from cases k
               join ${sql.identifier(table)} x on x.case_id = k.id where x.${sql.identifier(column)} = ${id}`,
  });
  switch (kind) {
    case 'claims':
      return [
        claimRows(sql`join claim_relations r on r.from_claim_id = c.id`, sql`r.kind`, sql`r.to_claim_id = ${id}`),
        claimRows(
          sql`join claim_proposals p on p.claim_id = c.id`,
          'a merge of it into this claim is waiting for review',
          sql`p.merged_claim_id = ${id} and p.status = 'pending'`,
        ),
      ];
    case 'sources':
      return [
        claimRows(sql`join citations ci on ci.claim_id = c.id`, 'cites it', sql`ci.source_id = ${id}`),
        caseRows('case_sources', 'lists it as a source', 'source_id'),
        caseRows('case_events', 'an event cites it', 'source_id'),
      ];
    case 'people':
    case 'organisations':
      return [
        claimRows(sql``, 'said by it', sql`c.speaker_id = ${id}`),
        claimRows(sql`join claim_subjects s on s.claim_id = c.id`, 'is about it', sql`s.entity_id = ${id}`),
        {
          kind: 'sources',
          rows: sql`select id, title, 'published by it' as how from sources where publisher_id = ${id}`,
          count: sql`select count(*) as n from sources where publisher_id = ${id}`,
        },
        {
          kind: 'entities',
          rows: sql`select id, name as title, 'affiliated with it' as how, kind as entityKind from entities where affiliation_id = ${id}`,
          count: sql`select count(*) as n from entities where affiliation_id = ${id}`,
        },
        caseRows('case_defendants', 'names it as a defendant', 'entity_id'),
      ];
    case 'cases':
      return [claimRows(sql`join claim_cases x on x.claim_id = c.id`, 'linked to it', sql`x.case_id = ${id}`)];
    case 'topics':
      return [claimRows(sql`join claim_topics x on x.claim_id = c.id`, 'filed under it', sql`x.topic_id = ${id}`)];
  }
}

/** What refers to the entry: the first REFERENCES_SHOWN, and how many in all. */
export function referencesTo(kind: EntryKind, id: number, db: TrackerHandle = getDb()) {
  const references: Reference[] = [];
  let count = 0;
  for (const query of referenceQueries(kind, id)) {
    const n = db.get<{ n: number }>(query.count).n;
    count += n;
    if (n === 0 || references.length >= REFERENCES_SHOWN) continue;
    const rows = db.all<{ id: number; title: string; how: string; entityKind?: EntityKind }>(
      sql`${query.rows} order by 1 limit ${REFERENCES_SHOWN - references.length}`,
    );
    for (const row of rows) {
      references.push({
        kind: query.kind === 'entities' ? entityEntryKind(row.entityKind!) : query.kind,
        id: row.id,
        title: row.title,
        how: row.how in relationOutgoing ? `${relationOutgoing[row.how as RelationKind]} it` : row.how,
      });
    }
  }
  return { references, count };
}

function planIn(db: TrackerHandle, kind: EntryKind, id: number): DeletionPlan | null {
  const entry = getEntryForEdit(kind, id, db);
  if (!entry) return null;
  const { references, count } = referencesTo(kind, id, db);
  const { singular } = KIND_SPECS[kind];
  let refusal: string | null = null;
  if (kind === 'claims' && isPublicStatus(entry.status ?? 'draft')) {
    refusal =
      entry.status === 'retracted'
        ? 'A retracted claim cannot be deleted: readers have seen it, and its page with the retraction notice is part of the public record.'
        : 'A published claim cannot be deleted: readers have seen it. Retract it instead; its page stays, with the notice and your reason.';
  } else if (count > 0) {
    refusal = `This ${singular} cannot be deleted while ${count === 1 ? 'another entry refers' : `${count} other entries refer`} to it. Change ${count === 1 ? 'it' : 'them'} first, or merge this ${singular} into another.`;
  }
  return {
    kind,
    entry: { id, slug: entry.slug, title: entry.title, version: entry.version, status: entry.status },
    references,
    referenceCount: count,
    refusal,
  };
}

/** What deleting the entry would do, or why it cannot; null when there is no such entry. */
export function planDeletion(kind: EntryKind, id: number): DeletionPlan | null {
  return planIn(getDb(), kind, id);
}

export class DeleteRefusedError extends Error {
  constructor(public plan: DeletionPlan) {
    super(plan.refusal ?? 'This entry cannot be deleted.');
    this.name = 'DeleteRefusedError';
  }
}

/**
 * Deletes the entry as the editor saw it (`expectedVersion`; a ConflictError if it changed), in
 * one immediate transaction. Returns false when there is no such entry; throws
 * DeleteRefusedError, changing nothing, when it may not be deleted.
 */
export function deleteEntry(kind: EntryKind, id: number, expectedVersion: number, userId: number | null): boolean {
  return getDb().transaction(
    (tx) => {
      const plan = planIn(tx, kind, id);
      if (!plan) return false;
      if (plan.entry.version !== expectedVersion) {
        const current = getEntryForEdit(kind, id, tx)!;
        throw new ConflictError(current, current.values);
      }
      if (plan.refusal) throw new DeleteRefusedError(plan);
      if (kind === 'claims') {
        // A tip that became this draft is the desk's again: it has not been dealt with.
        tx.run(
          sql`update tips set status = 'new', result_claim_id = null, handled_by = null, handled_at = null,
              resolution_note = 'The draft made from this tip was deleted.' where result_claim_id = ${id}`,
        );
      }
      removeEntry(tx, {
        kind,
        id,
        slug: plan.entry.slug,
        title: plan.entry.title,
        reason: 'deleted',
        mergedIntoId: null,
        // Everything but a draft claim is public from the moment it is saved.
        wasPublic: kind !== 'claims',
        userId,
        version: plan.entry.version,
        snapshot: entrySnapshot(tx, kind, id)!,
        summary: 'Deleted',
      });
      bumpDataVersion(tx, [refOf(kind, id)]);
      return true;
    },
    { behavior: 'immediate' },
  );
}
