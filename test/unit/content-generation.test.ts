/**
 * The content generation (migration 0010, ADR 0010) that the page cache keys on: every table a
 * public page is drawn from moves it on insert, update and delete, whoever writes; tables no
 * reader sees (accounts, sessions, limits, tips) do not, so signing in does not empty
 * the cache. A table added later must be put on one side or the other here.
 */
import { describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { getContentGeneration } from '../../db/data-version';

/** Tables readers never see: writes to them keep every kept page. */
const NOT_CONTENT = new Set([
  '__drizzle_migrations',
  'site_meta',
  'content_changes',
  'users',
  'passwords',
  'sessions',
  'login_attempts',
  'rate_events',
  'tips',
  // The capture queue: only the editor's pages show it (never kept); its captures are content.
  'capture_jobs',
]);

const sqlite = () => getDb().$client;

describe('the content generation', () => {
  it('has triggers for insert, update and delete on every table but the ones readers never see', () => {
    const tables = (
      sqlite()
        .prepare(
          `select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%_fts%'`,
        )
        .all() as { name: string }[]
    ).map((t) => t.name);
    const triggers = sqlite()
      .prepare(
        `select tbl_name as tableName, sql from sqlite_master where type = 'trigger' and sql like '%content_generation%'`,
      )
      .all() as { tableName: string; sql: string }[];
    const missing: string[] = [];
    for (const table of tables.filter((t) => !NOT_CONTENT.has(t))) {
      for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
        if (!triggers.some((t) => t.tableName === table && t.sql.includes(`AFTER ${event}`)))
          missing.push(`${table} ${event}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('moves on a plain write to a content table, in any connection, and not on a sign-in', () => {
    const before = getContentGeneration(getDb());
    sqlite()
      .prepare(`insert into topics (slug, name, description) values ('generation-test', 'Generation test', '')`)
      .run();
    const afterInsert = getContentGeneration(getDb());
    expect(afterInsert).toBeGreaterThan(before);
    sqlite().prepare(`update topics set description = 'changed' where slug = 'generation-test'`).run();
    expect(getContentGeneration(getDb())).toBeGreaterThan(afterInsert);

    const steady = getContentGeneration(getDb());
    sqlite()
      .prepare(`insert into users (email, name, role) values ('generation@example.org', 'Gen Test', 'editor')`)
      .run();
    sqlite().prepare(`update users set role = 'admin' where email = 'generation@example.org'`).run();
    expect(getContentGeneration(getDb())).toBe(steady);
    // An editor's name is printed in bylines: renaming one counts.
    sqlite().prepare(`update users set name = 'Gen Renamed' where email = 'generation@example.org'`).run();
    expect(getContentGeneration(getDb())).toBe(steady + 1);
  });
});

describe('link checks', () => {
  it('a healthy source found healthy again the same day moves nothing; anything else does', () => {
    const db = sqlite();
    const source = db
      .prepare(
        `insert into sources (slug, title, kind, url) values ('gen-check', 'Gen check', 'news_report', 'https://example.org/a') returning id`,
      )
      .get() as { id: number };
    const check = (outcome: string, at: string) =>
      db
        .prepare(`insert into source_checks (source_id, checked_at, outcome) values (?, ?, ?)`)
        .run(source.id, at, outcome);
    const generation = () => getContentGeneration(getDb());
    let before = generation();
    check('ok', '2026-12-02T08:00:00.000Z');
    expect(generation()).toBeGreaterThan(before);
    before = generation();
    check('ok', '2026-12-02T09:00:00.000Z');
    expect(generation()).toBe(before);
    check('ok', '2026-12-03T09:00:00.000Z');
    expect(generation()).toBeGreaterThan(before);
    before = generation();
    check('unreachable', '2026-12-03T10:00:00.000Z');
    expect(generation()).toBeGreaterThan(before);
    before = generation();
    check('unreachable', '2026-12-03T11:00:00.000Z');
    expect(generation()).toBeGreaterThan(before);
  });
});
