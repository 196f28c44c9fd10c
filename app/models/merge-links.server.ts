/**
 * What a merge moves, per kind: every link that points at the removed entry is pointed at the
 * entry kept, and what would then be there twice (an identical citation, a relation the kept
 * claim already has, a claim's relation to itself) is dropped. `countMoves` says beforehand what
 * each kind of link will do, for the preview; `moveLinks` does it, on the transaction it is
 * given, and names the other entries whose pages (and search documents) change with it.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { TrackerHandle } from '../../db/client';
import { refOf, type EntryKind } from '~/domain';

export type MergeKind = 'claims' | 'sources' | 'people' | 'organisations';

export interface MoveCount {
  /** What moves, in a phrase: "citations", "claims said by it". */
  label: string;
  /** How many links the removed entry has of this kind. */
  count: number;
  /** Of those, how many are dropped as already there (or, for relations, pointing at itself). */
  dropped: number;
}

/** Same claim, source, role, quote and locator: two of these say the same thing, so one goes. */
const IDENTICAL_CITATION = (a: string, b: string) =>
  sql.raw(`${a}.claim_id = ${b}.claim_id and ${a}.source_id = ${b}.source_id and ${a}.role = ${b}.role
    and coalesce(${a}.quote, '') = coalesce(${b}.quote, '') and coalesce(${a}.locator, '') = coalesce(${b}.locator, '')`);

const n = (db: TrackerHandle, query: SQL) => db.get<{ n: number }>(query).n;

function ids(db: TrackerHandle, query: SQL): number[] {
  return db.all<{ id: number }>(query).map((r) => r.id);
}

export function countMoves(db: TrackerHandle, kind: MergeKind, keep: number, remove: number): MoveCount[] {
  if (kind === 'sources') {
    return [
      {
        label: 'citations',
        count: n(db, sql`select count(*) as n from citations where source_id = ${remove}`),
        dropped: n(
          db,
          sql`select count(*) as n from citations r where r.source_id = ${remove} and exists
              (select 1 from citations k where k.source_id = ${keep} and k.claim_id = r.claim_id and k.role = r.role
                and coalesce(k.quote, '') = coalesce(r.quote, '') and coalesce(k.locator, '') = coalesce(r.locator, ''))`,
        ),
      },
      {
        label: 'court cases listing it as a source',
        count: n(db, sql`select count(*) as n from case_sources where source_id = ${remove}`),
        dropped: n(
          db,
          sql`select count(*) as n from case_sources r where r.source_id = ${remove}
              and exists (select 1 from case_sources k where k.source_id = ${keep} and k.case_id = r.case_id)`,
        ),
      },
      {
        label: 'court case events citing it',
        count: n(db, sql`select count(*) as n from case_events where source_id = ${remove}`),
        dropped: 0,
      },
    ];
  }
  if (kind === 'people' || kind === 'organisations') {
    return [
      {
        label: 'claims said by it',
        count: n(db, sql`select count(*) as n from claims where speaker_id = ${remove}`),
        dropped: 0,
      },
      {
        label: 'claims about it',
        count: n(db, sql`select count(*) as n from claim_subjects where entity_id = ${remove}`),
        dropped: n(
          db,
          sql`select count(*) as n from claim_subjects r where r.entity_id = ${remove}
              and exists (select 1 from claim_subjects k where k.entity_id = ${keep} and k.claim_id = r.claim_id)`,
        ),
      },
      {
        label: 'sources it published',
        count: n(db, sql`select count(*) as n from sources where publisher_id = ${remove}`),
        dropped: 0,
      },
      {
        label: 'people and organisations affiliated with it',
        count: n(db, sql`select count(*) as n from entities where affiliation_id = ${remove}`),
        dropped: n(db, sql`select count(*) as n from entities where affiliation_id = ${remove} and id = ${keep}`),
      },
      {
        label: 'court cases naming it as a defendant',
        count: n(db, sql`select count(*) as n from case_defendants where entity_id = ${remove}`),
        dropped: n(
          db,
          sql`select count(*) as n from case_defendants r where r.entity_id = ${remove}
              and exists (select 1 from case_defendants k where k.entity_id = ${keep} and k.case_id = r.case_id)`,
        ),
      },
    ];
  }
  const alreadyOnKept = (table: string, column: string) => {
    const [t, c] = [sql.identifier(table), sql.identifier(column)];
    return n(
      db,
      sql`select count(*) as n from ${t} r where r.claim_id = ${remove}
          and exists (select 1 from ${t} k where k.claim_id = ${keep} and k.${c} = r.${c})`,
    );
  };
  return [
    {
      label: 'citations',
      count: n(db, sql`select count(*) as n from citations where claim_id = ${remove}`),
      dropped: n(
        db,
        sql`select count(*) as n from citations r where r.claim_id = ${remove} and exists
            (select 1 from citations k where k.claim_id = ${keep} and k.source_id = r.source_id and k.role = r.role
              and coalesce(k.quote, '') = coalesce(r.quote, '') and coalesce(k.locator, '') = coalesce(r.locator, ''))`,
      ),
    },
    {
      label: 'links to other claims',
      count: n(db, sql`select count(*) as n from claim_relations where from_claim_id = ${remove}`),
      dropped: n(
        db,
        sql`select count(*) as n from claim_relations r where r.from_claim_id = ${remove} and (r.to_claim_id = ${keep}
            or exists (select 1 from claim_relations k where k.from_claim_id = ${keep} and k.to_claim_id = r.to_claim_id and k.kind = r.kind))`,
      ),
    },
    {
      label: 'links from other claims',
      count: n(db, sql`select count(*) as n from claim_relations where to_claim_id = ${remove}`),
      dropped: n(
        db,
        sql`select count(*) as n from claim_relations r where r.to_claim_id = ${remove} and (r.from_claim_id = ${keep}
            or exists (select 1 from claim_relations k where k.to_claim_id = ${keep} and k.from_claim_id = r.from_claim_id and k.kind = r.kind))`,
      ),
    },
    {
      label: 'topics',
      count: n(db, sql`select count(*) as n from claim_topics where claim_id = ${remove}`),
      dropped: alreadyOnKept('claim_topics', 'topic_id'),
    },
    {
      label: 'people and organisations it is about',
      count: n(db, sql`select count(*) as n from claim_subjects where claim_id = ${remove}`),
      dropped: alreadyOnKept('claim_subjects', 'entity_id'),
    },
    {
      label: 'court cases',
      count: n(db, sql`select count(*) as n from claim_cases where claim_id = ${remove}`),
      dropped: n(
        db,
        sql`select count(*) as n from claim_cases r where r.claim_id = ${remove} and exists
            (select 1 from claim_cases k where k.claim_id = ${keep} and k.case_id = r.case_id and k.role = r.role)`,
      ),
    },
    {
      label: 'reader tips',
      count: n(db, sql`select count(*) as n from tips where claim_id = ${remove} or result_claim_id = ${remove}`),
      dropped: 0,
    },
  ];
}

/** Drops the later of two identical citations among those matching `where` (a condition on `c`). */
function dropIdenticalCitations(tx: TrackerHandle, where: SQL) {
  tx.run(
    sql`delete from citations where id in (select c.id from citations c where ${where} and exists
        (select 1 from citations o where ${IDENTICAL_CITATION('o', 'c')}
          and (o.position < c.position or (o.position = c.position and o.id < c.id))))`,
  );
}

function moveSourceLinks(tx: TrackerHandle, keep: number, remove: number): string[] {
  const refs = [
    ...ids(tx, sql`select distinct claim_id as id from citations where source_id = ${remove}`).map((id) =>
      refOf('claims', id),
    ),
    ...ids(
      tx,
      sql`select case_id as id from case_sources where source_id = ${remove}
          union select case_id from case_events where source_id = ${remove}`,
    ).map((id) => refOf('cases', id)),
  ];
  tx.run(sql`update citations set source_id = ${keep} where source_id = ${remove}`);
  dropIdenticalCitations(tx, sql`c.source_id = ${keep}`);
  tx.run(
    sql`insert or ignore into case_sources (case_id, source_id, position)
        select case_id, ${keep}, position from case_sources where source_id = ${remove}`,
  );
  tx.run(sql`delete from case_sources where source_id = ${remove}`);
  tx.run(sql`update case_events set source_id = ${keep} where source_id = ${remove}`);
  return refs;
}

function moveEntityLinks(tx: TrackerHandle, keep: number, remove: number): string[] {
  const refs = [
    ...ids(
      tx,
      sql`select id from claims where speaker_id = ${remove}
          union select claim_id from claim_subjects where entity_id = ${remove}`,
    ).map((id) => refOf('claims', id)),
    ...ids(tx, sql`select id from sources where publisher_id = ${remove}`).map((id) => refOf('sources', id)),
    ...ids(tx, sql`select id from entities where affiliation_id = ${remove}`).map((id) => refOf('people', id)),
    ...ids(tx, sql`select case_id as id from case_defendants where entity_id = ${remove}`).map((id) =>
      refOf('cases', id),
    ),
  ];
  tx.run(sql`update claims set speaker_id = ${keep} where speaker_id = ${remove}`);
  tx.run(
    sql`insert or ignore into claim_subjects (claim_id, entity_id)
        select claim_id, ${keep} from claim_subjects where entity_id = ${remove}`,
  );
  tx.run(sql`delete from claim_subjects where entity_id = ${remove}`);
  tx.run(sql`update sources set publisher_id = ${keep} where publisher_id = ${remove}`);
  // The kept entry affiliated with the one removed would now be affiliated with itself: it is not.
  tx.run(
    sql`update entities set affiliation_id = case when id = ${keep} then null else ${keep} end
        where affiliation_id = ${remove}`,
  );
  tx.run(
    sql`insert or ignore into case_defendants (case_id, entity_id, note, position)
        select case_id, ${keep}, note, position from case_defendants where entity_id = ${remove}`,
  );
  tx.run(sql`delete from case_defendants where entity_id = ${remove}`);
  return refs;
}

function moveClaimLinks(tx: TrackerHandle, keep: number, remove: number): string[] {
  const refs = ids(
    tx,
    sql`select to_claim_id as id from claim_relations where from_claim_id = ${remove} and to_claim_id <> ${keep}
        union select from_claim_id from claim_relations where to_claim_id = ${remove} and from_claim_id <> ${keep}`,
  ).map((id) => refOf('claims', id));
  // The removed claim's citations come after the kept one's, in their own order.
  const after = tx.get<{ next: number }>(
    sql`select coalesce(max(position) + 1, 0) as next from citations where claim_id = ${keep}`,
  ).next;
  tx.run(sql`update citations set claim_id = ${keep}, position = position + ${after} where claim_id = ${remove}`);
  dropIdenticalCitations(tx, sql`c.claim_id = ${keep}`);
  // Relations move in both directions, except to the kept claim itself or where it has the same
  // one already; what stays behind goes with the removed claim (its foreign keys cascade).
  tx.run(
    sql`update claim_relations set from_claim_id = ${keep} where from_claim_id = ${remove} and to_claim_id <> ${keep}
        and not exists (select 1 from claim_relations o where o.from_claim_id = ${keep}
          and o.to_claim_id = claim_relations.to_claim_id and o.kind = claim_relations.kind)`,
  );
  tx.run(
    sql`update claim_relations set to_claim_id = ${keep} where to_claim_id = ${remove} and from_claim_id <> ${keep}
        and not exists (select 1 from claim_relations o where o.to_claim_id = ${keep}
          and o.from_claim_id = claim_relations.from_claim_id and o.kind = claim_relations.kind)`,
  );
  tx.run(
    sql`insert or ignore into claim_topics (claim_id, topic_id) select ${keep}, topic_id from claim_topics where claim_id = ${remove}`,
  );
  tx.run(
    sql`insert or ignore into claim_subjects (claim_id, entity_id) select ${keep}, entity_id from claim_subjects where claim_id = ${remove}`,
  );
  tx.run(
    sql`insert or ignore into claim_cases (claim_id, case_id, role, note)
        select ${keep}, case_id, role, note from claim_cases where claim_id = ${remove}`,
  );
  tx.run(sql`update tips set claim_id = ${keep} where claim_id = ${remove}`);
  tx.run(sql`update tips set result_claim_id = ${keep} where result_claim_id = ${remove}`);
  return refs;
}

/** Points every link at `remove` to `keep` instead; returns the search refs of other entries it changed. */
export function moveLinks(tx: TrackerHandle, kind: EntryKind, keep: number, remove: number): string[] {
  if (kind === 'sources') return moveSourceLinks(tx, keep, remove);
  if (kind === 'people' || kind === 'organisations') return moveEntityLinks(tx, keep, remove);
  if (kind === 'claims') return moveClaimLinks(tx, keep, remove);
  throw new Error(`moveLinks: ${kind} are not merged`);
}
