/** Editing a court case's charges, defendants and dated events; each change is a save. */
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '../../db/client';
import { caseDefendants, caseEvents, charges } from '../../db/schema';
import { changeEntry } from './entry.server';
import { chargeSchema, defendantSchema, eventSchema } from '~/domain/case-fields';

// The forms' schemas live in app/domain (the forms read their limits from them too).
export { chargeSchema, defendantSchema, eventSchema };

export function getCaseParts(caseId: number) {
  const db = getDb();
  return {
    charges: db.all<{
      id: number;
      count: string | null;
      statute: string | null;
      description: string;
      disposition: string | null;
    }>(
      sql`select id, count, statute, description, disposition from charges where case_id = ${caseId} order by position, id`,
    ),
    defendants: db.all<{ entityId: number; name: string; note: string | null }>(
      sql`select e.id as entityId, e.name, d.note from case_defendants d join entities e on e.id = d.entity_id
          where d.case_id = ${caseId} order by d.position`,
    ),
    events: db.all<{ id: number; occurredOn: string; description: string; sourceTitle: string | null }>(
      sql`select ev.id, ev.occurred_on as occurredOn, ev.description, s.title as sourceTitle
          from case_events ev left join sources s on s.id = ev.source_id where ev.case_id = ${caseId}
          order by ev.occurred_on, ev.id`,
    ),
  };
}

export class CasePartError extends Error {
  constructor(
    public field: string,
    message: string,
  ) {
    super(message);
    this.name = 'CasePartError';
  }
}

/** After the case's other rows of this table. */
const nextPosition = (table: typeof charges | typeof caseDefendants, caseId: number) =>
  sql`(select coalesce(max(${table.position}), -1) + 1 from ${table} where ${table.caseId} = ${caseId})`;

export function addCharge(
  caseId: number,
  version: number,
  charge: z.infer<typeof chargeSchema>,
  userId: number | null,
) {
  return changeEntry('cases', caseId, version, userId, `Added charge: ${charge.description}`, (tx) => {
    tx.insert(charges)
      .values({
        caseId,
        count: charge.count || null,
        statute: charge.statute || null,
        description: charge.description,
        disposition: charge.disposition || null,
        position: nextPosition(charges, caseId),
      })
      .run();
  });
}

export function removeCharge(caseId: number, version: number, chargeId: number, userId: number | null) {
  return changeEntry('cases', caseId, version, userId, 'Removed a charge', (tx) => {
    tx.delete(charges)
      .where(and(eq(charges.id, chargeId), eq(charges.caseId, caseId)))
      .run();
  });
}

export function addDefendant(
  caseId: number,
  version: number,
  defendant: z.infer<typeof defendantSchema>,
  userId: number | null,
) {
  const db = getDb();
  const entity = db.get<{ name: string } | undefined>(sql`select name from entities where id = ${defendant.entityId}`);
  if (!entity) throw new CasePartError('entityId', 'Choose a defendant from the list.');
  if (db.get(sql`select 1 from case_defendants where case_id = ${caseId} and entity_id = ${defendant.entityId}`)) {
    throw new CasePartError('entityId', `${entity.name} is already a defendant.`);
  }
  return changeEntry('cases', caseId, version, userId, `Added defendant ${entity.name}`, (tx) => {
    tx.insert(caseDefendants)
      .values({
        caseId,
        entityId: defendant.entityId,
        note: defendant.note || null,
        position: nextPosition(caseDefendants, caseId),
      })
      .run();
  });
}

export function removeDefendant(caseId: number, version: number, entityId: number, userId: number | null) {
  return changeEntry('cases', caseId, version, userId, 'Removed a defendant', (tx) => {
    tx.delete(caseDefendants)
      .where(and(eq(caseDefendants.caseId, caseId), eq(caseDefendants.entityId, entityId)))
      .run();
  });
}

export function addEvent(caseId: number, version: number, event: z.infer<typeof eventSchema>, userId: number | null) {
  const db = getDb();
  if (event.sourceId !== '' && !db.get(sql`select 1 from sources where id = ${event.sourceId}`)) {
    throw new CasePartError('sourceId', 'Choose a source from the list.');
  }
  return changeEntry('cases', caseId, version, userId, `Added event: ${event.description}`, (tx) => {
    tx.insert(caseEvents)
      .values({
        caseId,
        occurredOn: event.occurredOn,
        description: event.description,
        sourceId: event.sourceId === '' ? null : event.sourceId,
      })
      .run();
  });
}

export function removeEvent(caseId: number, version: number, eventId: number, userId: number | null) {
  return changeEntry('cases', caseId, version, userId, 'Removed an event', (tx) => {
    tx.delete(caseEvents)
      .where(and(eq(caseEvents.id, eventId), eq(caseEvents.caseId, caseId)))
      .run();
  });
}
