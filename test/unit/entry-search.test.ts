/** Editor search on a real database: drafts found, prefixes match, hostile input is inert, triggers keep step. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { claims, entities } from '../../db/schema';
import { importContent } from '~/content/import.server';
import { findEntries, ftsQuery, matchCondition } from '~/models/entry-search.server';

beforeAll(() => {
  importContent(getDb(), path.resolve('content'));
});

describe('ftsQuery', () => {
  it('quotes every word as a prefix and drops FTS5 syntax', () => {
    expect(ftsQuery('Andy  Purdy')).toBe('"andy"* "purdy"*');
    expect(ftsQuery('NEAR(a b) OR "x" -y col:z *')).toBe('"near"* "a"* "b"* "or"* "x"* "y"* "col"* "z"*');
    expect(ftsQuery('   ')).toBeNull();
    expect(ftsQuery(['a'])).toBeNull();
    expect(ftsQuery('华为 Ünïcode')).toBe('"华为"* "ünïcode"*');
  });
});

describe('findEntries', () => {
  it('finds a person by the start of a name, exact title first', () => {
    const hits = findEntries('people', 'andy pur');
    expect(hits[0]?.slug).toBe('andy-purdy');
    expect(findEntries('organisations', 'andy pur')).toEqual([]);
  });

  it('finds drafts and follows every write at once (insert, update, delete)', () => {
    const db = getDb();
    const row = db
      .insert(claims)
      .values({ slug: 'entry-search-draft', statement: 'Zebras negotiate quarterly tariffs' })
      .returning({ id: claims.id })
      .get();
    expect(findEntries('claims', 'zebra negot').map((h) => h.id)).toEqual([row.id]);
    db.update(claims).set({ statement: 'Okapis negotiate' }).where(eq(claims.id, row.id)).run();
    expect(findEntries('claims', 'zebras')).toEqual([]);
    expect(findEntries('claims', 'okapi').map((h) => h.id)).toEqual([row.id]);
    db.delete(claims).where(eq(claims.id, row.id)).run();
    expect(findEntries('claims', 'okapi')).toEqual([]);
  });

  it('answers hostile and huge input without error', () => {
    for (const input of ['"', '*', 'AND', ')(', '\u0000', 'x'.repeat(100_000), '%_', "'; drop table claims; --"]) {
      expect(() => findEntries('sources', input)).not.toThrow();
    }
    expect(matchCondition('claims', '')).toBeNull();
    expect(getDb().select().from(entities).all().length).toBeGreaterThan(0);
  });
});
