/**
 * The desk's queues: mine (assigned to me, still open), needs review (a change someone else
 * proposed, waiting for a second editor), unassigned suggestions, overdue (due before today, still
 * open), and everything. Each has its count, the same filters (desk state, assignee, due before)
 * and pages of 20. "Today" is a parameter, so a test can fix it.
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '../../db/client';
import { DESK_STATES, type DeskState, type PageOf } from '~/domain';
import { CLOSED_DESK_STATES, DESK_QUEUES, dueDateField, type DeskQueue } from '~/domain/desk';
import { fieldErrors } from '~/forms/errors';
import { pageOfList, parsePageParam, PER_PAGE } from '~/http/pagination.server';

export interface DeskFilters {
  state?: DeskState;
  /** An editor's id, or 'none' for unassigned claims. */
  assignee?: number | 'none';
  /** Due strictly before this day (YYYY-MM-DD). */
  dueBefore?: string;
}

export interface DeskListItem {
  id: number;
  slug: string;
  statement: string;
  status: string;
  deskState: DeskState;
  speakerName: string | null;
  assigneeId: number | null;
  assigneeName: string | null;
  dueOn: string | null;
  overdue: boolean;
}

const STATEMENT_WORDS = 24;

function truncateStatement(text: string): string {
  const words = text.trim().split(/\s+/);
  return words.length <= STATEMENT_WORDS ? text.trim() : `${words.slice(0, STATEMENT_WORDS).join(' ')}…`;
}

const closedStates = sql.join(
  CLOSED_DESK_STATES.map((s) => sql`${s}`),
  sql`, `,
);
const OPEN = sql`c.desk_state not in (${closedStates})`;

/** The rows of one queue, for the editor `me` on the day `today`. */
function queueCondition(queue: DeskQueue, me: number, today: string): SQL {
  switch (queue) {
    case 'mine':
      return sql`c.assignee_id = ${me} and ${OPEN}`;
    case 'review':
      // A change waiting for a second editor, proposed by someone else (a proposer whose account
      // was removed is someone else too). Edits to published claims wait here as well as drafts.
      return sql`exists (select 1 from claim_proposals p where p.claim_id = c.id and p.status = 'pending'
                 and (p.proposed_by is null or p.proposed_by <> ${me}))`;
    case 'suggestions':
      return sql`c.desk_state = 'suggested' and c.assignee_id is null`;
    case 'overdue':
      return sql`c.due_on < ${today} and ${OPEN}`;
    case 'all':
      return sql`1`;
  }
}

function filterConditions(filters: DeskFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.state) conditions.push(sql`c.desk_state = ${filters.state}`);
  if (filters.assignee === 'none') conditions.push(sql`c.assignee_id is null`);
  else if (filters.assignee !== undefined) conditions.push(sql`c.assignee_id = ${filters.assignee}`);
  if (filters.dueBefore) conditions.push(sql`c.due_on < ${filters.dueBefore}`);
  return conditions;
}

/** Oldest waiting first for review; newest first for suggestions; soonest due first otherwise. */
function queueOrder(queue: DeskQueue): SQL {
  if (queue === 'review') {
    return sql`(select min(p.created_at) from claim_proposals p where p.claim_id = c.id and p.status = 'pending'), c.id`;
  }
  if (queue === 'suggestions') return sql`c.created_at desc, c.id desc`;
  return sql`c.due_on is null, c.due_on, c.updated_at desc, c.id desc`;
}

/** How many claims each queue holds (before filters), for the tabs. */
export function deskQueueCounts(me: number, today: string): Record<DeskQueue, number> {
  const db = getDb();
  const counts = {} as Record<DeskQueue, number>;
  for (const queue of DESK_QUEUES) {
    counts[queue] = db.get<{ n: number }>(
      sql`select count(*) as n from claims c where ${queueCondition(queue, me, today)}`,
    ).n;
  }
  return counts;
}

/** One page of a queue, filtered. */
export function listDeskQueue(
  queue: DeskQueue,
  me: number,
  filters: DeskFilters,
  page: number,
  today: string,
  perPage = PER_PAGE,
): PageOf<DeskListItem> {
  const db = getDb();
  const where = sql.join([queueCondition(queue, me, today), ...filterConditions(filters)], sql` and `);
  return pageOfList(
    page,
    () => db.get<{ n: number }>(sql`select count(*) as n from claims c where ${where}`).n,
    ({ limit, offset }) =>
      db
        .all<Omit<DeskListItem, 'overdue'>>(
          sql`select c.id, c.slug, c.statement, c.status, c.desk_state as deskState, e.name as speakerName,
              c.assignee_id as assigneeId, u.name as assigneeName, c.due_on as dueOn
              from claims c left join entities e on e.id = c.speaker_id left join users u on u.id = c.assignee_id
              where ${where} order by ${queueOrder(queue)} limit ${limit} offset ${offset}`,
        )
        .map((row) => ({
          ...row,
          statement: truncateStatement(row.statement),
          overdue:
            row.dueOn !== null &&
            row.dueOn < today &&
            !(CLOSED_DESK_STATES as readonly string[]).includes(row.deskState),
        })),
    perPage,
  );
}

const deskQuerySchema = z.object({
  queue: z.enum(DESK_QUEUES, { errorMap: () => ({ message: 'There is no such queue.' }) }).default('mine'),
  state: z.enum(DESK_STATES, { errorMap: () => ({ message: 'There is no such desk state.' }) }).optional(),
  assignee: z
    .union([z.literal('none'), z.coerce.number().int().positive()], {
      errorMap: () => ({ message: 'Choose an editor.' }),
    })
    .optional(),
  dueBefore: dueDateField.optional(),
});

export type DeskQuery =
  | { ok: true; queue: DeskQueue; filters: DeskFilters; page: number }
  | { ok: false; errors: Record<string, string> };

/** The desk page's URL: the queue, its filters (empty means any) and the page. */
export function parseDeskQuery(params: URLSearchParams): DeskQuery {
  const raw: Record<string, string> = {};
  for (const key of ['queue', 'state', 'assignee', 'dueBefore']) {
    const value = params.get(key)?.trim();
    if (value) raw[key] = value;
  }
  const parsed = deskQuerySchema.safeParse(raw);
  const paging = parsePageParam(params);
  if (!parsed.success || !paging.ok) {
    return {
      ok: false,
      errors: { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...(paging.ok ? {} : { page: paging.error }) },
    };
  }
  const { queue, ...filters } = parsed.data;
  return { ok: true, queue, filters, page: paging.page };
}
