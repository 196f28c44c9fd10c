import { asc } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { verdicts } from '../../db/schema';

export type Verdict = typeof verdicts.$inferSelect;

/** The verdict scale, worst first. */
export function listVerdicts(): Verdict[] {
  return getDb().select().from(verdicts).orderBy(asc(verdicts.rating)).all();
}
