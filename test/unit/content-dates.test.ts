/**
 * A claim's editorial dates and public log in content/: `published`, `retracted` and
 * `corrections` land in the database as written, come back out byte for byte, survive a second
 * import unchanged, and are refused with the file and field when they are wrong.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { getClaimBySlug } from '~/models/claim-detail.server';
import { importContent } from '~/content/import.server';
import { contentCopy, expectRefusal, tempDir } from '../content-copies';
import { exportContent } from '~/content/export.server';
import { getDataVersion } from '../../db/data-version';
import { ENTRY_KINDS } from '~/domain/kinds';

const CONTENT = path.resolve('content');
const RETRACTED = 'claims/huawei-pleads-not-guilty.md';
const seconds = (iso: string) => Date.parse(iso) / 1000;

/** The retracted claim exactly as the exporter writes it: new keys after `status` and at the end. */
const RETRACTED_FRONT = `status: retracted
published: "2026-11-28T14:05:09Z"
retracted: "2026-12-03"
language: en`;
const CORRECTIONS = `corrections:
  - date: "2026-11-30T08:15:00Z"
    kind: correction
    note: The plea was entered on 4 March, not 5 March.
  - date: "2026-12-01"
    kind: update
    note: Added the docket entry for the arraignment.
  - date: "2026-12-03"
    kind: retraction
    note: Retracted while we check whether every defendant entered the plea.
`;

/** Corrections the shipped content/ logs on its other claims. */
const OTHER_LOG_ENTRIES = 3;

const withLog = (t: string) =>
  t
    // The file's own log (the shipped corrections) gives way to the test's.
    .replace(/\ncorrections:\n(?: {2}.*\n)+(?=---\n)/, '\n')
    .replace('status: published\npublished: "2026-11-28"\nlanguage: en', RETRACTED_FRONT)
    .replace(/\n---\n/, `\n${CORRECTIONS}---\n`);

/** Every `<kind>/<file>` under a content folder, with its text (entries only: not about/'s pages). */
function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const kind of fs.readdirSync(dir).sort()) {
    if (!(ENTRY_KINDS as readonly string[]).includes(kind)) continue;
    for (const name of fs.readdirSync(path.join(dir, kind)).sort()) {
      files.set(`${kind}/${name}`, fs.readFileSync(path.join(dir, kind, name), 'utf8'));
    }
  }
  return files;
}

const sqlite = () => getDb().$client;
const claimRow = (slug: string) =>
  sqlite()
    .prepare('select status, published_at, retracted_at, updated_at, version from claims where slug = ?')
    .get(slug) as Record<string, number | string | null>;
const corrections = (slug: string) =>
  sqlite()
    .prepare(
      `select k.kind, k.note, k.created_at from claim_corrections k join claims c on c.id = k.claim_id
       where c.slug = ? order by k.created_at, k.id`,
    )
    .all(slug);
const count = (table: string) => (sqlite().prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

describe("a claim's published and retracted dates and corrections log", () => {
  let dir: string;

  beforeAll(() => {
    dir = contentCopy({ [RETRACTED]: withLog });
    importContent(getDb(), dir);
  });

  it('imports the dates and the log as written', () => {
    expect(claimRow('huawei-pleads-not-guilty')).toMatchObject({
      status: 'retracted',
      published_at: seconds('2026-11-28T14:05:09Z'),
      retracted_at: seconds('2026-12-03T00:00:00Z'),
      // A new row is as recent as its latest editorial date, not the moment of import.
      updated_at: seconds('2026-12-03T00:00:00Z'),
    });
    expect(corrections('huawei-pleads-not-guilty')).toEqual([
      {
        kind: 'correction',
        note: 'The plea was entered on 4 March, not 5 March.',
        created_at: seconds('2026-11-30T08:15:00Z'),
      },
      { kind: 'update', note: 'Added the docket entry for the arraignment.', created_at: seconds('2026-12-01') },
      {
        kind: 'retraction',
        note: 'Retracted while we check whether every defendant entered the plea.',
        created_at: seconds('2026-12-03'),
      },
    ]);
    const seed = seconds('2026-11-28T00:00:00Z');
    expect(claimRow('andy-purdy-denies-backdoor-access')).toMatchObject({
      published_at: seed,
      retracted_at: null,
      updated_at: seed,
    });
    expect(count('claim_corrections')).toBe(3 + OTHER_LOG_ENTRIES);
  });

  it('shows the reader the dates and log from the file', () => {
    const detail = getClaimBySlug('huawei-pleads-not-guilty')!;
    expect(detail.claim.publishedAt).toBe(seconds('2026-11-28T14:05:09Z'));
    expect(detail.claim.retractedAt).toBe(seconds('2026-12-03'));
    expect(detail.corrections.map((k) => k.kind)).toEqual(['correction', 'update', 'retraction']);
  });

  it('exports them byte for byte: a full time, a day at midnight UTC, the log in date order', () => {
    const out = tempDir('tracker-content-dates-out-');
    exportContent(getDb(), out);
    const exported = readTree(out);
    expect(exported.get(RETRACTED)).toBe(fs.readFileSync(path.join(dir, RETRACTED), 'utf8'));
    expect(exported.get(RETRACTED)).toContain(RETRACTED_FRONT);
    expect(exported).toEqual(readTree(dir));
  });

  it('changes nothing when the same files are imported again', () => {
    const claims = sqlite().prepare('select * from claims order by id').all();
    const log = sqlite().prepare('select claim_id, kind, note, created_at from claim_corrections order by id').all();
    const revisions = count('revisions');
    const version = getDataVersion(getDb());

    importContent(getDb(), dir);

    expect(sqlite().prepare('select * from claims order by id').all()).toEqual(claims);
    expect(
      sqlite().prepare('select claim_id, kind, note, created_at from claim_corrections order by id').all(),
    ).toEqual(log);
    expect(count('revisions')).toBe(revisions);
    expect(getDataVersion(getDb())).toBe(version + 1);
  });

  it('takes the dates and log from the file on re-import, and keeps stored dates the file leaves out', () => {
    const slug = 'huawei-pleads-not-guilty';
    const before = claimRow(slug);
    const moved = contentCopy({
      [RETRACTED]: (t) =>
        withLog(t)
          .replace('published: "2026-11-28T14:05:09Z"', 'published: "2026-11-27T23:59:59Z"')
          .replace('retracted: "2026-12-03"\n', '')
          .replace(/ {2}- date: "2026-12-01"\n.*\n.*\n/, ''),
    });

    importContent(getDb(), moved);

    expect(claimRow(slug)).toEqual({
      ...before,
      published_at: seconds('2026-11-27T23:59:59Z'),
      retracted_at: seconds('2026-12-03'),
    });
    expect(corrections(slug).map((k) => (k as { kind: string }).kind)).toEqual(['correction', 'retraction']);

    // Back as it was: the file is the truth again.
    importContent(getDb(), dir);
    expect(claimRow(slug)).toEqual(before);
    expect(corrections(slug)).toHaveLength(3);
  });
});

describe('refusing wrong editorial dates and log entries', () => {
  beforeAll(() => {
    if (count('claims') === 0) importContent(getDb(), CONTENT);
  });

  it.each([
    {
      name: 'a draft with a publication date',
      edit: (t: string) => t.replace('status: published', 'status: draft'),
      field: 'published',
      message: /only a published or retracted claim/,
    },
    {
      name: 'a published claim with a retraction date',
      edit: (t: string) => t.replace('published: "2026-11-28"', 'published: "2026-11-28"\nretracted: "2026-12-01"'),
      field: 'retracted',
      message: /only a retracted claim/,
    },
    {
      name: 'a publication time that is not UTC to the second',
      edit: (t: string) => t.replace('published: "2026-11-28"', 'published: "2026-11-28 14:05"'),
      field: 'published',
      message: /must be a date like 2026-11-28 or a UTC time/,
    },
    {
      name: 'a publication date of only a month',
      edit: (t: string) => t.replace('published: "2026-11-28"', 'published: "2026-11"'),
      field: 'published',
      message: /must be a date like 2026-11-28/,
    },
    {
      name: 'a publication date that does not exist',
      edit: (t: string) => t.replace('published: "2026-11-28"', 'published: "2026-02-30"'),
      field: 'published',
      message: /is not a real date/,
    },
    {
      name: 'a correction with an empty note',
      edit: (t: string) =>
        t.replace(/\n---\n/, '\ncorrections:\n  - date: "2026-12-01"\n    kind: correction\n    note: " "\n---\n'),
      field: 'corrections.0.note',
      message: /must not be empty/,
    },
    {
      name: 'a correction with no note',
      edit: (t: string) => t.replace(/\n---\n/, '\ncorrections:\n  - date: "2026-12-01"\n    kind: update\n---\n'),
      field: 'corrections.0.note',
      message: /Required/,
    },
    {
      name: 'a correction of an unknown kind',
      edit: (t: string) =>
        t.replace(/\n---\n/, '\ncorrections:\n  - date: "2026-12-01"\n    kind: erratum\n    note: Fixed.\n---\n'),
      field: 'corrections.0.kind',
      message: /correction/,
    },
    {
      name: 'a correction with a date that is not one',
      edit: (t: string) =>
        t.replace(/\n---\n/, '\ncorrections:\n  - date: "1 December"\n    kind: update\n    note: Fixed.\n---\n'),
      field: 'corrections.0.date',
      message: /must be a date like/,
    },
    {
      name: 'a correction with a field the format does not have',
      edit: (t: string) =>
        t.replace(
          /\n---\n/,
          '\ncorrections:\n  - date: "2026-12-01"\n    kind: update\n    note: Fixed.\n    by: someone\n---\n',
        ),
      field: 'corrections.0',
      message: /unknown field\(s\) by/,
    },
  ])('refuses $name, naming the file and field, and writes nothing', ({ edit, field, message }) => {
    const file = 'claims/andy-purdy-denies-backdoor-access.md';
    const dir = contentCopy({ [file]: edit });
    const claims = sqlite().prepare('select * from claims order by id').all();
    const log = sqlite().prepare('select * from claim_corrections order by id').all();
    const version = getDataVersion(getDb());

    expectRefusal(dir, file, field, message);
    expect(getDataVersion(getDb())).toBe(version);
    expect(sqlite().prepare('select * from claims order by id').all()).toEqual(claims);
    expect(sqlite().prepare('select * from claim_corrections order by id').all()).toEqual(log);
  });
});

describe('claims without editorial dates in their files', () => {
  it('stamps a newly imported published claim with the time of import, as before', () => {
    const slug = 'a-claim-without-dates';
    const dir = contentCopy({});
    fs.writeFileSync(
      path.join(dir, 'claims', `${slug}.md`),
      '---\nstatement: A claim with no dates.\nstatus: published\ncitations:\n  - source: law360-not-guilty\n    role: reports\n---\n',
    );
    const before = Math.floor(Date.now() / 1000);
    importContent(getDb(), dir);
    const after = Math.ceil(Date.now() / 1000);
    const row = claimRow(slug);
    for (const key of ['published_at', 'updated_at']) {
      expect(row[key]).toBeGreaterThanOrEqual(before);
      expect(row[key]).toBeLessThanOrEqual(after);
    }
    expect(row.retracted_at).toBeNull();
  });

  it('exports a claim unpublished in the editor as a draft without its old publication date', () => {
    const slug = 'a-claim-without-dates';
    sqlite().prepare(`update claims set status = 'draft' where slug = ?`).run(slug);
    expect(claimRow(slug).published_at).not.toBeNull();
    const out = tempDir('tracker-content-dates-out-');
    exportContent(getDb(), out);
    const text = fs.readFileSync(path.join(out, 'claims', `${slug}.md`), 'utf8');
    expect(text).toContain('status: draft\n');
    expect(text).not.toContain('published:');
    // And the export imports cleanly.
    expect(() => importContent(getDb(), out)).not.toThrow();
  });
});
