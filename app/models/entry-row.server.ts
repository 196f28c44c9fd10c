/**
 * The tables of the six kinds of entry, and how an entry's field values become a row: written
 * by Drizzle property name (a FieldSpec's `name` is its column's property in db/schema.ts), with
 * an empty value left to the schema. Nothing here restates a column name or a default.
 */
import { eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { cases, claims, entities, sources, topics } from '../../db/schema';
import { KINDS, type EntryKind, type EntryTable } from '~/domain';

export const ENTRY_TABLES = { claims, sources, entities, cases, topics } satisfies Record<EntryTable, unknown>;
export type AnyEntryTable = (typeof ENTRY_TABLES)[EntryTable];

export function tableOf(kind: EntryKind): AnyEntryTable {
  return ENTRY_TABLES[KINDS[kind].table];
}

/** People and organisations share a table: the condition that a row is of this kind, if any. */
export function ofKind(kind: EntryKind): SQL | undefined {
  const entityKind = KINDS[kind].entityKind;
  return entityKind ? eq(entities.kind, entityKind) : undefined;
}

/** What an entry's columns hold before they are written: text, an id, a list, or nothing. */
export type FieldValue = string | number | string[] | number[] | null | undefined;
export type FieldValues = Record<string, FieldValue>;

/** The columns of a kind's table, by property name. */
export function columnsOf(kind: EntryKind): Record<string, SQLiteColumn> {
  return getTableColumns(tableOf(kind)) as Record<string, SQLiteColumn>;
}

const isEmpty = (value: FieldValue) => value === undefined || value === null || value === '';

/** An emptied column: the schema's default where it has one, else null (or '' where null is refused). */
function emptied(column: SQLiteColumn): unknown {
  if (column.hasDefault) return column.default;
  return column.notNull ? '' : null;
}

function eachColumn(kind: EntryKind, fields: FieldValues, write: (name: string, column: SQLiteColumn) => void) {
  const columns = columnsOf(kind);
  for (const name of Object.keys(fields)) {
    const column = columns[name];
    if (column) write(name, column);
  }
}

/**
 * Values for an insert: an empty field is left out, so the row gets the schema's default (or
 * null). Fields that are not columns of the table (a claim's topics) are ignored.
 */
export function insertValues(kind: EntryKind, fields: FieldValues): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  eachColumn(kind, fields, (name, column) => {
    const value = fields[name];
    if (!isEmpty(value)) row[name] = value;
    else if (column.notNull && !column.hasDefault) row[name] = '';
  });
  return row;
}

/** Values for an update: an emptied field gets the schema's default, or null where it has none. */
export function updateValues(kind: EntryKind, fields: FieldValues): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  eachColumn(kind, fields, (name, column) => {
    const value = fields[name];
    row[name] = isEmpty(value) ? emptied(column) : value;
  });
  return row;
}

/** In an upsert's update: the value the insert would have written (`excluded.<column>`). */
export function excluded(column: SQLiteColumn): SQL {
  return sql`excluded.${sql.identifier(column.name)}`;
}

/** An upsert's update of these columns to the inserted values. */
export function setExcluded(kind: EntryKind, names: string[]): Record<string, SQL> {
  const columns = columnsOf(kind);
  return Object.fromEntries(names.map((name) => [name, excluded(columns[name])]));
}
