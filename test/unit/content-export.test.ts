/**
 * Exporting the database in the content/ format and as CSV, on real SQLite files: content/ is
 * the exporter's canonical output byte for byte, export → import → export loses nothing, awkward
 * text survives the trip, and the CSV quotes correctly and defuses spreadsheet formulas.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, getDb, migrateDatabase, openDatabase, type TrackerDb } from '../../db/client';
import { importContent } from '~/content/import.server';
import { CLAIM_CSV_HEADER, claimsCsv } from '~/content/csv.server';
import { exportContent, renderEntry } from '~/content/export.server';

const CONTENT = path.resolve('content');
const KINDS = ['topics', 'people', 'organisations', 'sources', 'cases', 'claims'];

const tempDirs: string[] = [];
const extraDbs: TrackerDb[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'content-export-'));
  tempDirs.push(dir);
  return dir;
}

/**
 * Makes the process's database a new, empty, migrated file and returns it, so what the test
 * imports next is also what the process's own reads see.
 */
function switchToFreshDb(): { db: TrackerDb; file: string } {
  closeDb();
  const file = path.join(tempDir(), 'tracker.db');
  process.env.DATABASE_PATH = file;
  const db = getDb();
  migrateDatabase(db);
  return { db, file };
}

/** A second handle on an earlier database file, for reading after the switch. */
function reopen(file: string): TrackerDb {
  const db = openDatabase(file);
  extraDbs.push(db);
  return db;
}

/**
 * Every `<kind>/<file>` under a content folder, with its bytes. Only the entry kinds: content/about/
 * holds the transparency pages, which are text for the site, not entries of the database.
 */
function readTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const kind of fs.readdirSync(dir).sort()) {
    if (!KINDS.includes(kind)) continue;
    const kindDir = path.join(dir, kind);
    if (!fs.statSync(kindDir).isDirectory()) continue;
    for (const name of fs.readdirSync(kindDir).sort()) {
      files.set(`${kind}/${name}`, fs.readFileSync(path.join(kindDir, name)));
    }
  }
  return files;
}

function expectSameTree(actualDir: string, expectedDir: string) {
  const actual = readTree(actualDir);
  const expected = readTree(expectedDir);
  expect([...actual.keys()]).toEqual([...expected.keys()]);
  for (const [file, bytes] of expected) {
    expect(actual.get(file)?.toString('utf8'), file).toBe(bytes.toString('utf8'));
    expect(actual.get(file)!.equals(bytes), file).toBe(true);
  }
}

const LINKED_TABLES = [
  'topics',
  'entities',
  'sources',
  'cases',
  'charges',
  'case_defendants',
  'case_events',
  'case_sources',
  'claims',
  'claim_topics',
  'claim_subjects',
  'claim_relations',
  'citations',
  'claim_cases',
  'claim_corrections',
];

function counts(db: TrackerDb): Record<string, number> {
  return Object.fromEntries(
    LINKED_TABLES.map((t) => [t, (db.$client.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n]),
  );
}

/** What the database says, with ids replaced by slugs so two databases can be compared. */
function facts(db: TrackerDb): Record<string, unknown[]> {
  const q = (query: string) => db.$client.prepare(query).all();
  return {
    topics: q('select slug, name, description from topics order by slug'),
    entities: q(
      `select e.slug, e.kind, e.name, e.role, a.slug as affiliation, e.description
       from entities e left join entities a on a.id = e.affiliation_id order by e.slug`,
    ),
    sources: q(
      `select s.slug, s.title, s.kind, p.slug as publisher, s.authors, s.url, s.published_on, s.accessed_on,
         s.archive_url, s.note
       from sources s left join entities p on p.id = s.publisher_id order by s.slug`,
    ),
    cases: q(
      `select slug, caption, court, case_number, jurisdiction, judge, filed_on, status, document_url, summary
       from cases order by slug`,
    ),
    charges: q(
      `select k.slug, ch.position, ch.count, ch.statute, ch.description, ch.disposition
       from charges ch join cases k on k.id = ch.case_id order by k.slug, ch.position`,
    ),
    case_defendants: q(
      `select k.slug, d.position, e.slug as entity, d.note from case_defendants d
       join cases k on k.id = d.case_id join entities e on e.id = d.entity_id order by k.slug, d.position`,
    ),
    case_events: q(
      `select k.slug, ev.occurred_on, ev.description, s.slug as source from case_events ev
       join cases k on k.id = ev.case_id left join sources s on s.id = ev.source_id
       order by k.slug, ev.occurred_on, ev.description`,
    ),
    case_sources: q(
      `select k.slug, cs.position, s.slug as source from case_sources cs
       join cases k on k.id = cs.case_id join sources s on s.id = cs.source_id order by k.slug, cs.position`,
    ),
    claims: q(
      `select c.slug, c.statement, c.statement_kind, e.slug as speaker, c.claimed_on, c.venue, c.medium, c.verdict_id,
         c.verdict_explanation, c.analysis, c.language, c.status, c.published_at, c.retracted_at, c.desk_state
       from claims c left join entities e on e.id = c.speaker_id order by c.slug`,
    ),
    claim_topics: q(
      `select c.slug, t.slug as topic from claim_topics ct join claims c on c.id = ct.claim_id
       join topics t on t.id = ct.topic_id order by c.slug, t.slug`,
    ),
    claim_subjects: q(
      `select c.slug, e.slug as entity from claim_subjects cs join claims c on c.id = cs.claim_id
       join entities e on e.id = cs.entity_id order by c.slug, e.slug`,
    ),
    claim_relations: q(
      `select f.slug, r.kind, t.slug as target, r.note from claim_relations r join claims f on f.id = r.from_claim_id
       join claims t on t.id = r.to_claim_id order by f.slug, t.slug, r.kind`,
    ),
    citations: q(
      `select c.slug, ci.position, s.slug as source, ci.role, ci.quote, ci.locator from citations ci
       join claims c on c.id = ci.claim_id join sources s on s.id = ci.source_id order by c.slug, ci.position`,
    ),
    claim_cases: q(
      `select c.slug, k.slug as "case", cc.role, cc.note from claim_cases cc join claims c on c.id = cc.claim_id
       join cases k on k.id = cc.case_id order by c.slug, k.slug, cc.role`,
    ),
    claim_corrections: q(
      `select c.slug, k.created_at, k.kind, k.note from claim_corrections k join claims c on c.id = k.claim_id
       order by c.slug, k.created_at, k.id`,
    ),
  };
}

beforeAll(() => {
  importContent(getDb(), CONTENT);
});

afterAll(() => {
  closeDb();
  for (const db of extraDbs) db.$client.close();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('content export', () => {
  it('reproduces content/ byte for byte from a database imported from it', () => {
    const out = tempDir();
    const summary = exportContent(getDb(), out);
    expect(readTree(out).size).toBeGreaterThan(40);
    expect(Object.values(summary).reduce((a, b) => a + b, 0)).toBe(readTree(CONTENT).size);
    expectSameTree(out, CONTENT);
    expect(fs.readdirSync(out).sort()).toEqual([...KINDS].sort());
  });

  it('export → import into a new database → export gives the same files and the same rows', () => {
    const original = process.env.DATABASE_PATH!;
    const first = tempDir();
    exportContent(getDb(), first);
    const { db: other } = switchToFreshDb();
    importContent(other, first);
    const second = tempDir();
    exportContent(other, second);
    expectSameTree(second, first);

    const before = reopen(original);
    expect(counts(other)).toEqual(counts(before));
    expect(counts(other).claims).toBe(8);
    expect(counts(other).citations).toBeGreaterThan(8);
    expect(facts(other)).toEqual(facts(before));
  });

  it('keeps awkward text, drafts and YAML look-alikes unchanged through export and import', () => {
    const { db, file } = switchToFreshDb();
    importContent(db, CONTENT);
    const sqlite = db.$client;
    const statement = `He said: "it's #1" — 'really' ünïcødé 中文, & {braces} [brackets] > more`;
    const analysis =
      '# A heading, not a comment\n\n---\n\nA line with "quotes": and a colon.\n\n```yaml\nkey: value\n```';
    const verdictExplanation = 'First line.\nSecond line: with a colon.';
    sqlite
      .prepare(
        `update claims set statement = ?, venue = ?, medium = ?, verdict_explanation = ?, analysis = ?
         where slug = 'huawei-pleads-not-guilty'`,
      )
      .run(statement, '# not a comment', '- looks like a list', verdictExplanation, analysis);
    sqlite
      .prepare(`update sources set authors = ?, title = ? where slug = 'law360-not-guilty'`)
      .run(JSON.stringify(['Doe, Jane', `O'Brien "Bob"`, 'null']), 'yes');
    sqlite.prepare(`update topics set name = '2020' where slug = 'huawei'`).run();
    sqlite
      .prepare(
        `insert into claim_corrections (claim_id, kind, note, created_at)
         select id, 'correction', ?, ? from claims where slug = 'huawei-pleads-not-guilty'`,
      )
      .run('Fixed: the "plea" date # was wrong', Date.UTC(2026, 11, 1, 9, 30, 5) / 1000);
    sqlite.prepare(`update charges set count = '01' where position = 0`).run();
    sqlite
      .prepare(
        `insert into claims (slug, statement, status, language, claimed_on) values ('a-draft', 'Not checked yet: "draft"', 'draft', 'en', '2021')`,
      )
      .run();

    const out = tempDir();
    exportContent(db, out);
    const draftFile = fs.readFileSync(path.join(out, 'claims', 'a-draft.md'), 'utf8');
    expect(draftFile).toContain('status: draft\n');
    expect(draftFile).toContain('date: "2021"\n');
    expect(draftFile).not.toContain('citations');
    expect(draftFile.endsWith('---\n')).toBe(true);
    // After the file's own entry of that day (midnight UTC), written with its time.
    expect(fs.readFileSync(path.join(out, 'claims', 'huawei-pleads-not-guilty.md'), 'utf8')).toMatch(
      /corrections:\n {2}- date: "2026-12-01"\n(?: {4}.*\n)+ {2}- date: "2026-12-01T09:30:05Z"\n {4}kind: correction\n/,
    );

    const { db: copy } = switchToFreshDb();
    importContent(copy, out);
    expect(facts(copy)).toEqual(facts(reopen(file)));
    const claim = copy.$client
      .prepare(`select statement, venue, medium, verdict_explanation, analysis from claims where slug = ?`)
      .get('huawei-pleads-not-guilty');
    expect(claim).toEqual({
      statement,
      venue: '# not a comment',
      medium: '- looks like a list',
      verdict_explanation: verdictExplanation,
      analysis,
    });
    expect(copy.$client.prepare(`select authors, title from sources where slug = 'law360-not-guilty'`).get()).toEqual({
      authors: JSON.stringify(['Doe, Jane', `O'Brien "Bob"`, 'null']),
      title: 'yes',
    });
    expect(copy.$client.prepare(`select name from topics where slug = 'huawei'`).get()).toEqual({ name: '2020' });
    expect(copy.$client.prepare(`select status from claims where slug = 'a-draft'`).get()).toEqual({
      status: 'draft',
    });
    // And the edited files are themselves canonical.
    const again = tempDir();
    exportContent(copy, again);
    expectSameTree(again, out);
  });

  it('writes statement_kind only for a summary, right after the statement, and reads it back', () => {
    const { db, file } = switchToFreshDb();
    importContent(db, CONTENT);
    db.$client
      .prepare(`update claims set statement_kind = 'summary' where slug = 'andy-purdy-denies-backdoor-access'`)
      .run();
    const out = tempDir();
    exportContent(db, out);
    const read = (slug: string) => fs.readFileSync(path.join(out, 'claims', `${slug}.md`), 'utf8');
    expect(read('andy-purdy-denies-backdoor-access')).toMatch(
      /^---\nstatement: .*\nstatement_kind: summary\nspeaker: /,
    );
    // Exact words are the default: no key at all.
    expect(read('commerce-indictments-reaffirm-caution')).not.toContain('statement_kind');

    const { db: copy } = switchToFreshDb();
    importContent(copy, out);
    const kinds = (d: TrackerDb) =>
      d.$client.prepare('select slug, statement_kind from claims order by slug').all() as {
        slug: string;
        statement_kind: string;
      }[];
    expect(kinds(copy)).toEqual(kinds(reopen(file)));
    expect(
      kinds(copy)
        .filter((k) => k.statement_kind === 'summary')
        .map((k) => k.slug),
    ).toEqual([
      'andy-purdy-denies-backdoor-access',
      'doj-huawei-ip-theft-scheme',
      'huawei-pleads-not-guilty',
      'us-officials-huawei-backdoor-access',
    ]);
    const again = tempDir();
    exportContent(copy, again);
    expectSameTree(again, out);
  });

  it('renders one entry in the documented key order, leaving out empty keys', () => {
    const text = renderEntry({
      kind: 'sources',
      slug: 'x',
      front: {
        url: 'https://example.com/a',
        published: '2020',
        title: 'A: title',
        kind: 'news_report',
        authors: [],
        publisher: undefined,
        archive_url: '',
      },
      body: '\nNote.\n\n',
    });
    expect(text).toBe(
      '---\ntitle: "A: title"\nkind: news_report\nurl: https://example.com/a\npublished: "2020"\n---\nNote.\n',
    );
  });

  it('removes stale files from the kind folders it writes, and nothing else', () => {
    const out = tempDir();
    fs.mkdirSync(path.join(out, 'claims'), { recursive: true });
    fs.writeFileSync(path.join(out, 'claims', 'deleted-claim.md'), '---\nstatement: gone\n---\n');
    fs.writeFileSync(path.join(out, 'README.txt'), 'keep me');
    exportContent(getDb(), out);
    expect(fs.existsSync(path.join(out, 'claims', 'deleted-claim.md'))).toBe(false);
    expect(fs.readFileSync(path.join(out, 'README.txt'), 'utf8')).toBe('keep me');
  });
});

/** A small RFC 4180 reader: quoted fields, doubled quotes, CRLF record ends. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i += 1;
      } else {
        field += ch;
        i += 1;
      }
    } else if (ch === '"') {
      if (field !== '') throw new Error(`stray quote at ${i}`);
      quoted = true;
      i += 1;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (ch === '\n' || ch === '\r') {
      throw new Error(`bare line break outside quotes at ${i}`);
    } else {
      field += ch;
      i += 1;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) throw new Error('last record not ended with CRLF');
  return rows;
}

describe('claims CSV', () => {
  it('has one row per claim, quotes correctly and neutralises formulas', () => {
    const { db } = switchToFreshDb();
    importContent(db, CONTENT);
    const formula = '=HYPERLINK("https://evil.example","click")';
    const awkward = 'A "quoted", comma\nand a second line';
    db.$client.prepare(`update claims set statement = ? where slug = 'huawei-pleads-not-guilty'`).run(formula);
    db.$client
      .prepare(
        `insert into claims (slug, statement, status, venue, medium) values ('a-draft', ?, 'draft', '+1 venue', '@SUM(A1)')`,
      )
      .run(awkward);

    const rows = parseCsv(claimsCsv(db));
    const claimSlugs = (db.$client.prepare('select slug from claims order by slug').all() as { slug: string }[]).map(
      (r) => r.slug,
    );
    expect(rows[0]).toEqual([...CLAIM_CSV_HEADER]);
    expect(rows).toHaveLength(claimSlugs.length + 1);
    expect(rows.slice(1).map((r) => r[0])).toEqual(claimSlugs);
    for (const row of rows) expect(row).toHaveLength(CLAIM_CSV_HEADER.length);

    const bySlug = new Map(
      rows.slice(1).map((r) => [r[0], Object.fromEntries(CLAIM_CSV_HEADER.map((h, i) => [h, r[i]]))]),
    );
    expect(bySlug.get('huawei-pleads-not-guilty')!.statement).toBe(`'${formula}`);
    const draft = bySlug.get('a-draft')!;
    expect(draft.statement).toBe(awkward);
    expect(draft.venue).toBe(`'+1 venue`);
    expect(draft.medium).toBe(`'@SUM(A1)`);
    expect(draft.status).toBe('draft');
    expect(draft.sources).toBe('');

    const purdy = bySlug.get('andy-purdy-denies-backdoor-access')!;
    expect(purdy).toMatchObject({
      speaker: 'andy-purdy',
      date: '2020-02-13',
      verdict: 'unproven',
      status: 'published',
      topics: 'cybersecurity;huawei;us-china-relations',
      sources: 'foxbiz-chip-rule;foxbiz-purdy-denial',
      url: '/claims/andy-purdy-denies-backdoor-access',
    });
    expect(purdy.statement).toMatch(/^We can prove that our equipment/);
    // No cell anywhere starts a formula.
    for (const row of rows.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);
  });
});
