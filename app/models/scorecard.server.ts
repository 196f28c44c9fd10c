/**
 * Scorecards: how many of a speaker's (or a topic's) public claims carry each verdict, for the
 * chart on person, organisation and topic pages. One query per page: the public claims are
 * grouped by verdict inside a CTE, then laid over the whole scale, so a verdict nobody got still
 * shows as 0 and the scale on the chart is always the site's own (the `verdicts` table).
 */
import { sql, type SQL } from 'drizzle-orm';
import { getDb } from '../../db/client';
import type { VerdictRef } from '~/domain';
import { publicClaim } from './public-claims.server';

const PUBLIC = publicClaim('c');

export interface Scorecard {
  /** Every verdict of the scale in its order, with how many of the claims have it (0 included). */
  verdicts: (VerdictRef & { count: number })[];
  /** The claims that have a verdict: the sum of the bars. */
  rated: number;
  /** Public claims recorded without any verdict: no bar, since no filter lists them. */
  withoutVerdict: number;
}

/** The claims a scorecard counts: whose they are, as the claim list's filter names them. */
export type ScorecardScope = { speakerId: number } | { topicId: number };

function scopeCondition(scope: ScorecardScope): SQL {
  return 'speakerId' in scope
    ? sql`c.speaker_id = ${scope.speakerId}`
    : sql`c.id in (select ct.claim_id from claim_topics ct where ct.topic_id = ${scope.topicId})`;
}

export function getScorecard(scope: ScorecardScope): Scorecard {
  // The CTE is read twice (once joined to the scale, once for the claims with no verdict);
  // SQLite materialises it once, so the claims are counted once.
  const rows = getDb().all<{
    id: string | null;
    label: string | null;
    meaning: string | null;
    rating: number | null;
    ordinal: number | null;
    count: number;
  }>(
    sql`with counts as materialized (
          select c.verdict_id as verdict, count(*) as n from claims c
          where ${PUBLIC} and ${scopeCondition(scope)} group by c.verdict_id
        )
        select v.id, v.label, v.meaning, v.rating, v.ordinal, coalesce(counts.n, 0) as count
          from verdicts v left join counts on counts.verdict = v.id
        union all
        select null, null, null, null, null, n from counts where verdict is null`,
  );
  const verdicts: Scorecard['verdicts'] = [];
  let withoutVerdict = 0;
  for (const row of rows) {
    if (row.id === null) withoutVerdict = row.count;
    else verdicts.push({ ...row, id: row.id, label: row.label!, meaning: row.meaning!, rating: row.rating! });
  }
  verdicts.sort((a, b) => a.rating - b.rating);
  return { verdicts, rated: verdicts.reduce((sum, v) => sum + v.count, 0), withoutVerdict };
}

export interface ArchiveNumbers {
  /** Public claims: published and retracted (a retracted one keeps its page and its notice). */
  claims: number;
  sources: number;
  /** Entries in the public corrections log. */
  corrections: number;
  people: number;
  organisations: number;
  cases: number;
}

/** The home page's "archive in numbers", in one statement: each a count /claims, /sources... would show. */
export function getArchiveNumbers(): ArchiveNumbers {
  return getDb().get<ArchiveNumbers>(
    sql`select
          (select count(*) from claims c where ${PUBLIC}) as claims,
          (select count(*) from sources) as sources,
          (select count(*) from claim_corrections k join claims c on c.id = k.claim_id where ${PUBLIC}) as corrections,
          (select count(*) from entities where kind = 'person') as people,
          (select count(*) from entities where kind = 'organisation') as organisations,
          (select count(*) from cases) as cases`,
  );
}
