/**
 * The site-wide public record: every correction, update, retraction and republication logged on
 * a claim readers can see (published or retracted), newest first. The /corrections page reads it
 * a page at a time; its Atom feed reads the newest.
 */
import { sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import type { ClaimStatus, CorrectionKind, PageOf, StatementKind } from '~/domain';
import { pageOfList, PER_PAGE } from '~/http/pagination.server';
import { publicClaim } from './public-claims.server';

export interface PublicLogEntry {
  id: number;
  kind: CorrectionKind;
  note: string;
  /** Unix seconds. */
  createdAt: number;
  claim: {
    slug: string;
    statement: string;
    statementKind: StatementKind;
    status: ClaimStatus;
    speakerName: string | null;
  };
}

type Row = Omit<PublicLogEntry, 'claim'> & {
  slug: string;
  statement: string;
  statementKind: StatementKind;
  status: ClaimStatus;
  speakerName: string | null;
};

const PUBLIC = publicClaim('c');

function selectEntries(limit: number, offset: number): PublicLogEntry[] {
  return getDb()
    .all<Row>(
      sql`select k.id, k.kind, k.note, k.created_at as createdAt, c.slug, c.statement, c.statement_kind as statementKind, c.status,
          e.name as speakerName
          from claim_corrections k join claims c on c.id = k.claim_id left join entities e on e.id = c.speaker_id
          where ${PUBLIC} order by k.created_at desc, k.id desc limit ${limit} offset ${offset}`,
    )
    .map(({ slug, statement, statementKind, status, speakerName, ...entry }) => ({
      ...entry,
      claim: { slug, statement, statementKind, status, speakerName },
    }));
}

/** One page of the log, newest first. */
export function pageOfPublicLog(page: number, perPage = PER_PAGE): PageOf<PublicLogEntry> {
  return pageOfList(
    page,
    () =>
      getDb().get<{ n: number }>(
        sql`select count(*) as n from claim_corrections k join claims c on c.id = k.claim_id where ${PUBLIC}`,
      ).n,
    ({ limit, offset }) => selectEntries(limit, offset),
    perPage,
  );
}

/** The newest entries of the log, for its feed. */
export function latestPublicLog(limit: number): PublicLogEntry[] {
  return selectEntries(limit, 0);
}
