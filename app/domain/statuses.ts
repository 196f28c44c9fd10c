/**
 * Which claims readers see: the one rule, written once. Every public query uses
 * `PUBLIC_CLAIM_PREDICATE` (through `publicClaim()` in the models), and the partial indexes in
 * `db/schema.ts` are declared with the same text: SQLite's planner uses a partial index only when
 * a query's WHERE contains the index's WHERE term for term, so one spelling protects them.
 */
import type { ClaimStatus } from './enums';

/** Published claims, and retracted ones (their page stays, with the retraction notice). */
export const PUBLIC_STATUSES = ['published', 'retracted'] as const satisfies readonly ClaimStatus[];
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];

export function isPublicStatus(status: string): status is PublicStatus {
  return (PUBLIC_STATUSES as readonly string[]).includes(status);
}

/**
 * The SQL of the rule for a claims table reached as `alias` (or unqualified), e.g.
 * `c.status in ('published', 'retracted')`. The values are our own constants, never input.
 */
export function publicClaimPredicate(alias?: string): string {
  const column = alias ? `${alias}.status` : 'status';
  return `${column} in (${PUBLIC_STATUSES.map((s) => `'${s}'`).join(', ')})`;
}

export const STATUS_LABELS: Record<ClaimStatus, string> = {
  draft: 'Draft',
  published: 'Published',
  retracted: 'Retracted',
};
