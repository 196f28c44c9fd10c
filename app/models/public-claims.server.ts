/**
 * The domain's "publicly visible" rule as a SQL fragment for Drizzle queries, so every public
 * query spells it exactly as the partial indexes do (see app/domain/statuses.ts).
 */
import { sql, type SQL } from 'drizzle-orm';
import { publicClaimPredicate } from '~/domain';

/** `publicClaim('c')`: the rule for a claims table aliased `c`. */
export function publicClaim(alias?: string): SQL {
  return sql.raw(publicClaimPredicate(alias));
}
