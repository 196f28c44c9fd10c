/**
 * SQL statements prepared once per database connection and reused. A reader's claim page runs
 * about ten small indexed queries; parsing and planning each one again (and drizzle building its
 * SQL again) took longer than running it: most of the page's loader time at 100,000 claims.
 */
import type { Statement } from 'better-sqlite3';
import { getDb } from '../../db/client';

// Per connection: tests close and reopen the client, and a statement belongs to the one it was
// prepared on. The texts are constants in the code, so each map stays small.
const byConnection = new WeakMap<object, Map<string, Statement>>();

export function prepared(text: string): Statement {
  const client = getDb().$client;
  let statements = byConnection.get(client);
  if (!statements) byConnection.set(client, (statements = new Map()));
  let statement = statements.get(text);
  if (!statement) statements.set(text, (statement = client.prepare(text)));
  return statement;
}
