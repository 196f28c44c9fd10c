/**
 * Readers' tips: storing what `/suggest` receives (a claim to check, or a correction requested
 * on one of ours), erasing tipsters' e-mail addresses once they are older than the retention
 * period, and the desk's triage: turn a tip into a draft claim (through the entry writer, so it
 * has a revision like any other), link it to a claim that already checks it, or decline it with
 * a reason. Each triage records who handled the tip and when; a tip is handled once.
 */
import { and, count, desc, eq, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { env } from '../../config/env';
import { getDb, type TrackerHandle } from '../../db/client';
import { claims, entities, tips, users } from '../../db/schema';
import { isHttpUrl, TIP_STATUSES, type TipKind, type TipStatus } from '~/domain';
import type { TipInput } from '~/domain/tip-fields';
import { pageOfList, type PageOf } from '~/http/pagination.server';
import { saveEntry } from './entry.server';
import { publicClaim } from './public-claims.server';
import type { TipRow } from '~/domain/tip-fields';

/** A triage that cannot be done, with the field to show it beside (`form`: the tip as a whole). */
export class TipError extends Error {
  constructor(
    message: string,
    public field: 'form' | 'claim' | 'reason' = 'form',
    public status = 400,
  ) {
    super(message);
    this.name = 'TipError';
  }
}

const DAY = 24 * 60 * 60;
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** A published (or retracted) claim a reader may ask us to correct, by its slug; null for drafts and unknown slugs. */
export function findCorrectableClaim(slug: string): { id: number; slug: string; statement: string } | null {
  return (
    getDb()
      .select({ id: claims.id, slug: claims.slug, statement: claims.statement })
      .from(claims)
      .where(and(eq(claims.slug, slug), publicClaim()))
      .get() ?? null
  );
}

/**
 * Erases the e-mail addresses of tips older than `days` (the tips stay, without a way to reply).
 * Run at start and with every tip stored. Returns how many were erased.
 */
export function eraseExpiredTipEmails(
  days: number = env().TIP_EMAIL_RETENTION_DAYS,
  now: Date = new Date(),
  db: TrackerHandle = getDb(),
): number {
  return db
    .update(tips)
    .set({ email: null })
    .where(and(isNotNull(tips.email), lte(tips.createdAt, new Date((seconds(now) - days * DAY) * 1000))))
    .run().changes;
}

/** Stores a tip (a correction request when `claimId` is given); returns its id. */
export function submitTip(input: TipInput & { claimId?: number | null }, now: Date = new Date()): number {
  const kind: TipKind = input.claimId ? 'correction' : 'claim';
  return getDb().transaction(
    (tx) => {
      eraseExpiredTipEmails(undefined, now, tx);
      return tx
        .insert(tips)
        .values({
          kind,
          statement: input.statement,
          speaker: input.speaker,
          seenAt: input.seenAt,
          email: input.email,
          claimId: input.claimId ?? null,
          createdAt: new Date(seconds(now) * 1000),
        })
        .returning({ id: tips.id })
        .get().id;
    },
    { behavior: 'immediate' },
  );
}

export interface TipFilter {
  status?: TipStatus;
  kind?: TipKind;
}

export type { TipRow };

const about = alias(claims, 'about');
const result = alias(claims, 'result');

function filterOf(filter: TipFilter): SQL | undefined {
  return and(
    filter.status ? eq(tips.status, filter.status) : undefined,
    filter.kind ? eq(tips.kind, filter.kind) : undefined,
  );
}

/** How many tips there are in each status (of the kind asked for), every status listed. */
export function countTipsByStatus(kind?: TipKind): Record<TipStatus, number> {
  const rows = getDb()
    .select({ status: tips.status, n: count() })
    .from(tips)
    .where(filterOf({ kind }))
    .groupBy(tips.status)
    .all();
  const counts = Object.fromEntries(TIP_STATUSES.map((s) => [s, 0])) as Record<TipStatus, number>;
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

/** One page of tips, new ones first, then newest first. */
export function listTips(filter: TipFilter, page: number): PageOf<TipRow> {
  const db = getDb();
  const where = filterOf(filter);
  return pageOfList(
    page,
    () => db.select({ n: count() }).from(tips).where(where).get()?.n ?? 0,
    ({ limit, offset }) =>
      db
        .select({
          tip: tips,
          aboutSlug: about.slug,
          aboutStatement: about.statement,
          resultSlug: result.slug,
          resultStatement: result.statement,
          resultStatus: result.status,
          handledBy: users.name,
        })
        .from(tips)
        .leftJoin(about, eq(about.id, tips.claimId))
        .leftJoin(result, eq(result.id, tips.resultClaimId))
        .leftJoin(users, eq(users.id, tips.handledBy))
        .where(where)
        .orderBy(sql`${tips.status} = 'new' desc`, desc(tips.createdAt), desc(tips.id))
        .limit(limit)
        .offset(offset)
        .all()
        .map(({ tip, ...joined }) => ({
          id: tip.id,
          kind: tip.kind,
          statement: tip.statement,
          speaker: tip.speaker,
          seenAt: tip.seenAt,
          seenAtUrl: tip.seenAt && isHttpUrl(tip.seenAt) ? tip.seenAt : null,
          email: tip.email,
          status: tip.status,
          createdAt: seconds(tip.createdAt),
          about:
            tip.claimId && joined.aboutSlug
              ? { id: tip.claimId, slug: joined.aboutSlug, statement: joined.aboutStatement! }
              : null,
          result:
            tip.resultClaimId && joined.resultSlug
              ? {
                  id: tip.resultClaimId,
                  slug: joined.resultSlug,
                  statement: joined.resultStatement!,
                  status: joined.resultStatus!,
                }
              : null,
          resolutionNote: tip.resolutionNote,
          handledBy: joined.handledBy,
          handledAt: tip.handledAt ? seconds(tip.handledAt) : null,
        })),
  );
}

/** The tip, still new, or a TipError saying why it cannot be triaged. */
function newTip(tx: TrackerHandle, tipId: number) {
  const tip = tx.select().from(tips).where(eq(tips.id, tipId)).get();
  if (!tip) throw new TipError('There is no such tip.', 'form', 404);
  if (tip.status !== 'new') throw new TipError('This tip has already been handled. Reload the page to see how.');
  return tip;
}

function markHandled(
  tx: TrackerHandle,
  tipId: number,
  userId: number,
  change: { status: Exclude<TipStatus, 'new'>; resultClaimId?: number; resolutionNote?: string },
  now: Date,
) {
  tx.update(tips)
    .set({ ...change, handledBy: userId, handledAt: now })
    .where(and(eq(tips.id, tipId), eq(tips.status, 'new')))
    .run();
}

/**
 * Turns a tip into a draft claim: the reader's words as its statement (marked as our summary
 * until an editor finds the exact words), the speaker when exactly one person or organisation has
 * that name, where it was seen as the venue when that is a short description, on the desk as a
 * suggestion. Returns the draft's id.
 */
export function convertTipToDraft(tipId: number, userId: number, now: Date = new Date()): { claimId: number } {
  return getDb().transaction(
    (tx) => {
      const tip = newTip(tx, tipId);
      if (tip.kind === 'correction') {
        throw new TipError('A correction request is handled on its claim: mark it as checked there, or decline it.');
      }
      const named = tip.speaker
        ? tx
            .select({ id: entities.id })
            .from(entities)
            .where(sql`${entities.name} = ${tip.speaker} collate nocase`)
            .limit(2)
            .all()
        : [];
      const venue = tip.seenAt && !isHttpUrl(tip.seenAt) && tip.seenAt.length <= 300 ? tip.seenAt : '';
      // saveEntry opens its own transaction: inside this one it is a savepoint, so the draft, its
      // desk state and the tip's link are written together or not at all.
      const saved = saveEntry('claims', {
        id: null,
        expectedVersion: null,
        values: {
          statement: tip.statement,
          // The reader's words as they remember them: our summary until an editor finds the exact words.
          statementKind: 'summary',
          speakerId: named.length === 1 ? String(named[0].id) : '',
          venue,
          language: 'en',
        },
        userId,
        summary: `Draft from reader tip ${tip.id}`,
      });
      // The desk state is not a field of the entry form: set beside the draft, in this transaction.
      tx.update(claims).set({ deskState: 'suggested' }).where(eq(claims.id, saved.id)).run();
      markHandled(tx, tip.id, userId, { status: 'converted', resultClaimId: saved.id }, now);
      return { claimId: saved.id };
    },
    { behavior: 'immediate' },
  );
}

/** Links a tip to the claim (by slug) that already checks it. */
export function markTipAlreadyChecked(tipId: number, claimSlug: string, userId: number, now: Date = new Date()): void {
  getDb().transaction(
    (tx) => {
      newTip(tx, tipId);
      const claim = tx.select({ id: claims.id }).from(claims).where(eq(claims.slug, claimSlug)).get();
      if (!claim) throw new TipError(`There is no claim at /claims/${claimSlug}.`, 'claim');
      markHandled(tx, tipId, userId, { status: 'already_checked', resultClaimId: claim.id }, now);
    },
    { behavior: 'immediate' },
  );
}

/** Declines a tip; the reason stays with it. */
export function declineTip(tipId: number, reason: string, userId: number, now: Date = new Date()): void {
  getDb().transaction(
    (tx) => {
      newTip(tx, tipId);
      markHandled(tx, tipId, userId, { status: 'declined', resolutionNote: reason }, now);
    },
    { behavior: 'immediate' },
  );
}
