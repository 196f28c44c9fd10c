import { sql } from 'drizzle-orm';
import { getDb } from '../../db/client';

/** 200 once the database is open and migrated (the verdict scale comes from a migration). */
export function loader() {
  try {
    const row = getDb().get<{ n: number }>(sql`select count(*) as n from verdicts`);
    if (row.n === 0) throw new Error('not migrated');
    return new Response('ok', { headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' } });
  } catch {
    return new Response('database not ready', { status: 503, headers: { 'Content-Type': 'text/plain' } });
  }
}
