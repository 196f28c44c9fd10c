/**
 * Importing the shipped dataset in content/ into this file's own SQLite database: what lands
 * where, that a second run changes nothing, and that a broken file is refused with its path and
 * field while the database keeps exactly what it had.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, migrateDatabase, openDatabase } from '../../db/client';
import { ContentError, importContent } from '~/content/import.server';
import { contentCopy, expectRefusal, importError } from '../content-copies';
import { getDataVersion } from '../../db/data-version';

const CONTENT = path.resolve('content');

/** Tables the import writes, and how to order them for a stable snapshot. */
const TABLES: Record<string, string> = {
  topics: 'id',
  entities: 'id',
  sources: 'id',
  cases: 'id',
  charges: 'case_id, position',
  case_defendants: 'case_id, position',
  case_events: 'case_id, occurred_on, description',
  case_sources: 'case_id, position',
  claims: 'id',
  claim_topics: 'claim_id, topic_id',
  claim_subjects: 'claim_id, entity_id',
  claim_relations: 'from_claim_id, to_claim_id, kind',
  citations: 'claim_id, position',
  claim_cases: 'claim_id, case_id, role',
  claim_corrections: 'claim_id, created_at, kind, note',
};
/** Child rows the import replaces wholesale: their own ids are not stable, their contents are. */
const REPLACED_IDS = new Set(['charges', 'case_events', 'claim_relations', 'citations', 'claim_corrections']);

function count(table: string): number {
  return (getDb().$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}

function counts(): Record<string, number> {
  return Object.fromEntries(Object.keys(TABLES).map((t) => [t, count(t)]));
}

function snapshot(): Record<string, unknown[]> {
  const sqlite = getDb().$client;
  return Object.fromEntries(
    Object.entries(TABLES).map(([table, order]) => {
      const rows = sqlite.prepare(`select * from ${table} order by ${order}`).all() as Record<string, unknown>[];
      return [table, REPLACED_IDS.has(table) ? rows.map(({ id: _id, ...rest }) => rest) : rows];
    }),
  );
}

const slugIds = (table: string) =>
  getDb().$client.prepare(`select slug, id from ${table} order by slug`).all() as { slug: string; id: number }[];

/** A copy of content/ with one file rewritten. */
const brokenCopy = (file: string, edit: (text: string) => string) => contentCopy({ [file]: edit });

describe('importing content/', () => {
  let summary: ReturnType<typeof importContent>;

  beforeAll(() => {
    summary = importContent(getDb(), CONTENT);
  });

  it('reports what it imported', () => {
    expect(summary).toEqual({ topics: 8, entities: 26, sources: 8, cases: 1, claims: 8 });
  });

  it('writes every entry and link in the dataset', () => {
    expect(counts()).toEqual({
      topics: 8,
      entities: 26,
      sources: 8,
      cases: 1,
      charges: 6,
      case_defendants: 6,
      case_events: 3,
      case_sources: 3,
      claims: 8,
      claim_topics: 25,
      claim_subjects: 10,
      claim_relations: 3,
      citations: 21,
      claim_cases: 3,
      claim_corrections: 4,
    });
    const sqlite = getDb().$client;
    const kinds = sqlite.prepare('select kind, count(*) as n from entities group by kind order by kind').all();
    expect(kinds).toEqual([
      { kind: 'organisation', n: 19 },
      { kind: 'person', n: 7 },
    ]);
    expect(sqlite.prepare("select count(*) as n from claims where status = 'published'").get()).toEqual({ n: 8 });
    // Published when the files say, not when this import ran; last updated at the latest
    // editorial date a file gives (its publication, or a correction in its log).
    expect(sqlite.prepare('select distinct published_at from claims').all()).toEqual([
      { published_at: Date.UTC(2026, 10, 28) / 1000 },
    ]);
    expect(
      sqlite
        .prepare(
          `select updated_at, count(*) as n, max(exists (select 1 from claim_corrections k where k.claim_id = c.id)) as logged
           from claims c group by updated_at order by updated_at`,
        )
        .all(),
    ).toEqual([
      { updated_at: Date.UTC(2026, 10, 28) / 1000, n: 4, logged: 0 },
      { updated_at: Date.UTC(2026, 11, 1) / 1000, n: 4, logged: 1 },
    ]);
  });

  it('puts published claims on the desk as published, and reads whose words a statement is', () => {
    const sqlite = getDb().$client;
    expect(sqlite.prepare('select distinct status, desk_state from claims').all()).toEqual([
      { status: 'published', desk_state: 'published' },
    ]);
    expect(sqlite.prepare("select slug from claims where statement_kind = 'summary' order by slug").all()).toEqual([
      { slug: 'doj-huawei-ip-theft-scheme' },
      { slug: 'huawei-pleads-not-guilty' },
      { slug: 'us-officials-huawei-backdoor-access' },
    ]);
    expect(sqlite.prepare("select count(*) as n from claims where statement_kind = 'quote'").get()).toEqual({ n: 5 });
  });

  it('stores the case as written: number, judge, six defendants in order, charges', () => {
    const sqlite = getDb().$client;
    const courtCase = sqlite
      .prepare('select id, caption, case_number, judge, filed_on, status from cases where slug = ?')
      .get('us-v-huawei-edny') as Record<string, unknown>;
    expect(courtCase).toMatchObject({
      caption: 'United States v. Huawei Technologies Co., Ltd., et al.',
      case_number: 'Cr. No. 18-457 (S-3) (AMD)',
      judge: 'Ann M. Donnelly',
      filed_on: '2020-02-13',
      status: 'pending',
    });
    const defendants = sqlite
      .prepare(
        `select e.slug, d.note from case_defendants d join entities e on e.id = d.entity_id
         where d.case_id = ? order by d.position`,
      )
      .all(courtCase.id);
    expect(defendants).toEqual([
      { slug: 'huawei-technologies', note: null },
      { slug: 'huawei-device', note: null },
      { slug: 'huawei-device-usa', note: null },
      { slug: 'futurewei-technologies', note: null },
      { slug: 'skycom-tech', note: null },
      { slug: 'wanzhou-meng', note: "Huawei's Chief Financial Officer" },
    ]);
    const firstCharge = sqlite
      .prepare('select statute, description from charges where case_id = ? order by position limit 1')
      .get(courtCase.id);
    expect(firstCharge).toEqual({ statute: '18 U.S.C. § 1962(d)', description: 'Racketeering (RICO) conspiracy' });
  });

  it('links people to organisations, sources to publishers and claims to each other', () => {
    const sqlite = getDb().$client;
    expect(
      sqlite
        .prepare(`select a.slug from entities e join entities a on a.id = e.affiliation_id where e.slug = 'andy-purdy'`)
        .get(),
    ).toEqual({ slug: 'huawei-technologies-usa' });
    expect(
      sqlite
        .prepare(`select p.slug from sources s join entities p on p.id = s.publisher_id where s.slug = ?`)
        .get('foxbiz-purdy-denial'),
    ).toEqual({ slug: 'fox-business' });
    expect(
      sqlite
        .prepare(
          `select f.slug as "from", r.kind, t.slug as "to" from claim_relations r
           join claims f on f.id = r.from_claim_id join claims t on t.id = r.to_claim_id order by f.slug`,
        )
        .all(),
    ).toEqual([
      {
        from: 'andy-purdy-denies-backdoor-access',
        kind: 'rebuts',
        to: 'us-officials-huawei-backdoor-access',
      },
      {
        from: 'commerce-license-review-process',
        kind: 'responds_to',
        to: 'wsj-commerce-drafting-direct-product-rule-change',
      },
      { from: 'huawei-pleads-not-guilty', kind: 'rebuts', to: 'doj-huawei-ip-theft-scheme' },
    ]);
  });

  it('gives the same rows and the same ids when run a second time', () => {
    const before = snapshot();
    const ids = Object.fromEntries(['topics', 'entities', 'sources', 'cases', 'claims'].map((t) => [t, slugIds(t)]));
    const version = getDataVersion(getDb());

    expect(importContent(getDb(), CONTENT)).toEqual(summary);

    expect(counts()).toEqual(Object.fromEntries(Object.entries(before).map(([t, rows]) => [t, rows.length])));
    for (const table of Object.keys(ids)) expect(slugIds(table), table).toEqual(ids[table]);
    expect(snapshot()).toEqual(before);
    // Search indexes learn about the rewrite from the data version.
    expect(getDataVersion(getDb())).toBe(version + 1);
  });
});

describe('importing a broken content/ folder', () => {
  beforeAll(() => {
    if (count('claims') === 0) importContent(getDb(), CONTENT);
  });

  const cases: {
    name: string;
    file: string;
    edit: (text: string) => string;
    field: string;
    message: RegExp;
  }[] = [
    {
      name: 'invalid YAML',
      file: 'claims/andy-purdy-denies-backdoor-access.md',
      edit: (t) => t.replace('speaker: andy-purdy', 'speaker: [andy-purdy'),
      field: 'front matter',
      message: /invalid YAML/,
    },
    {
      name: 'a missing required field',
      file: 'sources/foxbiz-purdy-denial.md',
      edit: (t) => t.replace(/^title: .*\n/m, ''),
      field: 'title',
      message: /Required/,
    },
    {
      name: 'an unknown speaker slug',
      file: 'claims/andy-purdy-denies-backdoor-access.md',
      edit: (t) => t.replace('speaker: andy-purdy', 'speaker: andy-purdie'),
      field: 'speaker',
      message: /no person or organisation with slug "andy-purdie"/,
    },
    {
      name: 'an unknown case slug',
      file: 'claims/huawei-pleads-not-guilty.md',
      edit: (t) => t.replace('case: us-v-huawei-edny', 'case: us-v-huawei-wdwa'),
      field: 'cases.0.case',
      message: /no case with slug "us-v-huawei-wdwa"/,
    },
    {
      name: 'a published claim with no citations',
      file: 'claims/huawei-pleads-not-guilty.md',
      edit: (t) => t.replace(/^citations:\n(?: {2}.*\n)+/m, ''),
      field: 'citations',
      message: /needs at least one citation/,
    },
    {
      name: 'a month that does not exist',
      file: 'claims/us-officials-huawei-backdoor-access.md',
      edit: (t) => t.replace('date: "2020-02-11"', 'date: "2020-13-11"'),
      field: 'date',
      message: /must be a date like/,
    },
    {
      name: 'a day that does not exist (30 February)',
      file: 'claims/us-officials-huawei-backdoor-access.md',
      edit: (t) => t.replace('date: "2020-02-11"', 'date: "2020-02-30"'),
      field: 'date',
      message: /date/,
    },
    {
      name: 'a date written the wrong way round',
      file: 'sources/foxbiz-purdy-denial.md',
      edit: (t) => t.replace('published: "2020-02-13"', 'published: "13/02/2020"'),
      field: 'published',
      message: /must be a date like/,
    },
    {
      name: 'an unknown kind of statement',
      file: 'claims/andy-purdy-denies-backdoor-access.md',
      edit: (t) => t.replace('speaker: andy-purdy', 'statement_kind: paraphrase\nspeaker: andy-purdy'),
      field: 'statement_kind',
      message: /quote|summary/,
    },
    {
      name: 'an unknown verdict',
      file: 'claims/andy-purdy-denies-backdoor-access.md',
      edit: (t) => t.replace('verdict: unproven', 'verdict: mostly-true'),
      field: 'verdict',
      message: /unknown verdict "mostly-true"/,
    },
  ];

  it.each(cases)('refuses $name, naming the file and field, and writes nothing', ({ file, edit, field, message }) => {
    const dir = brokenCopy(file, edit);
    const before = snapshot();
    const version = getDataVersion(getDb());

    const error = expectRefusal(dir, file, field, message);
    expect(error.message).toContain('nothing was imported');
    expect(getDataVersion(getDb())).toBe(version);
    expect(snapshot()).toEqual(before);
  });

  // Each passes the field checks but would break a unique key half-way through the write: the
  // author must get a ContentError naming the file and field, not a raw SQLite constraint error.
  it.each([
    {
      name: 'a case that lists the same defendant twice',
      file: 'cases/us-v-huawei-edny.md',
      edit: (t: string) => t.replace('  - entity: huawei-device\n', '  - entity: huawei-technologies\n'),
      field: 'defendants',
    },
    {
      name: 'a claim that lists the same relation twice',
      file: 'claims/andy-purdy-denies-backdoor-access.md',
      edit: (t: string) =>
        t.replace('relations:\n', 'relations:\n  - kind: rebuts\n    claim: us-officials-huawei-backdoor-access\n'),
      field: 'relations',
    },
    {
      name: 'a claim that links the same case twice in the same role',
      file: 'claims/huawei-pleads-not-guilty.md',
      edit: (t: string) => t.replace(/^cases:\n((?: {2}.*\n)+)/m, (block, entries) => `${block}${entries}`),
      field: 'cases',
    },
  ])('refuses $name, naming the file, and writes nothing', ({ file, edit, field }) => {
    const dir = brokenCopy(file, edit);
    const before = snapshot();
    const version = getDataVersion(getDb());

    const error = importError(dir);

    expect(getDataVersion(getDb())).toBe(version);
    expect(snapshot()).toEqual(before);
    expect(error).toBeInstanceOf(ContentError);
    expect(error.message).toContain(`${file}: ${field}.`);
  });

  it('reports every broken file at once, not just the first', () => {
    const dir = brokenCopy('claims/andy-purdy-denies-backdoor-access.md', (t) =>
      t.replace('speaker: andy-purdy', 'speaker: nobody-at-all'),
    );
    // A claim nothing else refers to, so its rejection does not cascade into other files' problems.
    const second = path.join(dir, 'claims/huawei-pleads-not-guilty.md');
    fs.writeFileSync(second, fs.readFileSync(second, 'utf8').replace('status: published', 'status: publishd'));
    const before = counts();

    const error = importError(dir);

    expect(error).toBeInstanceOf(ContentError);
    expect(error.message).toContain('claims/andy-purdy-denies-backdoor-access.md: speaker:');
    expect(error.message).toContain('claims/huawei-pleads-not-guilty.md: status:');
    expect(error.message).toMatch(/has 2 problems/);
    expect(counts()).toEqual(before);
  });

  it('refuses a folder that does not exist', () => {
    const missing = path.join(os.tmpdir(), 'tracker-no-such-content-folder');
    const error = importError(missing);
    expect(error).toBeInstanceOf(ContentError);
    expect(error.message).toContain('folder not found');
  });
});

describe('importing into a database other than the process’s own', () => {
  it('writes rows and first revisions to the database it is given, and only to it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'second-db-'));
    const second = openDatabase(path.join(dir, 'second.db'));
    try {
      migrateDatabase(second);
      importContent(getDb(), path.resolve('content'));
      // The second database gets a different statement for one claim.
      const copy = path.join(dir, 'content');
      fs.cpSync(path.resolve('content'), copy, { recursive: true });
      const file = path.join(copy, 'claims', 'andy-purdy-denies-backdoor-access.md');
      fs.writeFileSync(
        file,
        fs.readFileSync(file, 'utf8').replace(/^statement: .*$/m, 'statement: Only in the second database.'),
      );
      const before = (getDb().$client.prepare('select count(*) as n from revisions').get() as { n: number }).n;
      const summary = importContent(second, copy);
      const snapshot = second.$client
        .prepare(
          `select r.snapshot from revisions r join claims c on c.id = r.entity_id
           where r.entity_kind = 'claim' and c.slug = 'andy-purdy-denies-backdoor-access'`,
        )
        .get() as { snapshot: string };
      expect(JSON.parse(snapshot.snapshot).statement).toBe('Only in the second database.');
      const revisions = second.$client.prepare('select count(*) as n from revisions').get() as { n: number };
      expect(revisions.n).toBe(summary.claims + summary.sources + summary.cases + summary.entities + summary.topics);
      const after = (getDb().$client.prepare('select count(*) as n from revisions').get() as { n: number }).n;
      expect(after).toBe(before);
    } finally {
      second.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the desk state of an imported claim', () => {
  it('follows the status: a draft is in research, published again is published', () => {
    const slug = 'commerce-indictments-reaffirm-caution';
    const file = `claims/${slug}.md`;
    const state = () => getDb().$client.prepare('select status, desk_state from claims where slug = ?').get(slug);
    importContent(getDb(), CONTENT);
    expect(state()).toEqual({ status: 'published', desk_state: 'published' });
    importContent(
      getDb(),
      contentCopy({ [file]: (t) => t.replace('status: published\npublished: "2026-11-28"\n', 'status: draft\n') }),
    );
    expect(state()).toEqual({ status: 'draft', desk_state: 'in_research' });
    importContent(getDb(), CONTENT);
    expect(state()).toEqual({ status: 'published', desk_state: 'published' });
  });
});
