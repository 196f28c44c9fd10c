/**
 * Loads the human-readable dataset in content/ (Markdown with YAML front matter, one entry per
 * file, referencing each other by slug) into the database. Everything is validated first; a
 * broken file fails with its path, the field and what is wrong, and nothing is written. The
 * write is one transaction of upserts keyed by slug, so running it twice gives the same rows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import YAML from 'yaml';
import { z } from 'zod';
import type { TrackerDb } from '../../db/client';
import { CASE_LINK_ROLES, CITATION_ROLES, CLAIM_STATUSES, RELATION_KINDS, SOURCE_KINDS, type EntityKind } from '~/domain';
import { KIND_SPECS, type EntryKind } from '~/domain';
import { snapshotEntry } from '~/models/entry.server';
import { bumpDataVersion } from '../../db/data-version';
import { recordRevision } from '~/models/revision.server';
import { isRealPartialDate } from '~/domain';

export const CONTENT_KINDS = ['topics', 'people', 'organisations', 'sources', 'cases', 'claims'] as const;
type ContentKind = (typeof CONTENT_KINDS)[number];

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = z.string().regex(slugPattern, 'must be a slug: lower-case letters, digits and hyphens');
const isoDate = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .pipe(
    z
      .string()
      .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'must be a date like 2020-02-13, 2020-02 or 2020')
      .refine(isRealPartialDate, 'is not a real date'),
  );
/**
 * An editorial moment (when a fact-check was published, retracted, corrected): a day, read as
 * midnight UTC, or a full UTC time to the second. Parsed to unix seconds, as the database keeps it.
 */
const editorialTime = z
  .string({ invalid_type_error: 'must be a quoted date like "2026-11-28" or time like "2026-11-28T14:05:00Z"' })
  .regex(
    /^\d{4}-\d{2}-\d{2}(T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ)?$/,
    'must be a date like 2026-11-28 or a UTC time like 2026-11-28T14:05:00Z',
  )
  .refine((v) => isRealPartialDate(v.slice(0, 10)), 'is not a real date')
  .transform((v) => Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v) / 1000);
const CORRECTION_KINDS = ['correction', 'update', 'retraction'] as const;
const httpUrl = z
  .string()
  .url('must be a full URL')
  .refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https://');
const text = z.string().trim().min(1, 'must not be empty');
const optionalText = z.string().trim().optional();

const topicFront = z.object({ name: text }).strict();
const entityFront = z.object({ name: text, role: optionalText, affiliation: slug.optional() }).strict();
const sourceFront = z
  .object({
    title: text,
    kind: z.enum(SOURCE_KINDS),
    publisher: slug.optional(),
    authors: z.array(text).optional(),
    url: httpUrl.optional(),
    published: isoDate.optional(),
    accessed: isoDate.optional(),
    archive_url: httpUrl.optional(),
  })
  .strict();
const caseFront = z
  .object({
    caption: text,
    court: text,
    case_number: z.union([z.string(), z.number()]).transform(String).optional(),
    jurisdiction: optionalText,
    judge: optionalText,
    filed: isoDate.optional(),
    status: text.default('pending'),
    document_url: httpUrl.optional(),
    defendants: z.array(z.object({ entity: slug, note: optionalText }).strict()).default([]),
    charges: z
      .array(
        z
          .object({
            count: z.union([z.string(), z.number()]).transform(String).optional(),
            statute: optionalText,
            description: text,
            disposition: optionalText,
          })
          .strict(),
      )
      .default([]),
    events: z.array(z.object({ date: isoDate, description: text, source: slug.optional() }).strict()).default([]),
    sources: z.array(slug).default([]),
  })
  .strict();
const claimFront = z
  .object({
    statement: text,
    speaker: slug.optional(),
    date: isoDate.optional(),
    venue: optionalText,
    medium: optionalText,
    verdict: slug.optional(),
    verdict_explanation: optionalText,
    status: z.enum(CLAIM_STATUSES).default('draft'),
    published: editorialTime.optional(),
    retracted: editorialTime.optional(),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)?$/, 'must be a language code like en')
      .default('en'),
    topics: z.array(slug).default([]),
    about: z.array(slug).default([]),
    relations: z
      .array(z.object({ kind: z.enum(RELATION_KINDS), claim: slug, note: optionalText }).strict())
      .default([]),
    citations: z
      .array(
        z
          .object({
            source: slug,
            role: z.enum(CITATION_ROLES),
            quote: optionalText,
            locator: optionalText,
          })
          .strict(),
      )
      .default([]),
    cases: z.array(z.object({ case: slug, role: z.enum(CASE_LINK_ROLES), note: optionalText }).strict()).default([]),
    corrections: z
      .array(z.object({ date: editorialTime, kind: z.enum(CORRECTION_KINDS), note: text }).strict())
      .default([]),
  })
  .strict()
  .superRefine((claim, ctx) => {
    if (claim.published !== undefined && claim.status === 'draft') {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['published'],
        message: 'only a published or retracted claim has a publication date',
      });
    }
    if (claim.retracted !== undefined && claim.status !== 'retracted') {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['retracted'],
        message: 'only a retracted claim has a retraction date',
      });
    }
    if (claim.status !== 'draft' && claim.citations.length === 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['citations'],
        message: 'a published or retracted claim needs at least one citation to a source',
      });
    }
  });

const frontSchemas = {
  topics: topicFront,
  people: entityFront,
  organisations: entityFront,
  sources: sourceFront,
  cases: caseFront,
  claims: claimFront,
} as const;

type FrontOf<K extends ContentKind> = z.infer<(typeof frontSchemas)[K]>;
export interface ContentEntry<K extends ContentKind = ContentKind> {
  kind: K;
  slug: string;
  file: string;
  front: FrontOf<K>;
  body: string;
}
export interface ContentSet {
  topics: ContentEntry<'topics'>[];
  people: ContentEntry<'people'>[];
  organisations: ContentEntry<'organisations'>[];
  sources: ContentEntry<'sources'>[];
  cases: ContentEntry<'cases'>[];
  claims: ContentEntry<'claims'>[];
}

export interface ContentProblem {
  file: string;
  field: string;
  message: string;
}

export class ContentError extends Error {
  constructor(public problems: ContentProblem[]) {
    super(
      `content/ has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was imported:\n` +
        problems.map((p) => `  ${p.file}: ${p.field}: ${p.message}`).join('\n'),
    );
    this.name = 'ContentError';
  }
}

export function splitFrontMatter(source: string): { front: string; body: string } | null {
  const normalised = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(normalised);
  if (!match) return null;
  return { front: match[1], body: match[2].trim() };
}

/** Reads and validates content/ without touching the database. */
export function readContent(dir: string): ContentSet {
  const problems: ContentProblem[] = [];
  const set: ContentSet = {
    topics: [],
    people: [],
    organisations: [],
    sources: [],
    cases: [],
    claims: [],
  };
  if (!fs.existsSync(dir)) throw new ContentError([{ file: dir, field: '-', message: 'folder not found' }]);
  const present = Object.fromEntries(CONTENT_KINDS.map((k) => [k, new Set<string>()])) as Record<
    ContentKind,
    Set<string>
  >;

  for (const kind of CONTENT_KINDS) {
    const kindDir = path.join(dir, kind);
    if (!fs.existsSync(kindDir)) continue;
    for (const name of fs.readdirSync(kindDir).sort()) {
      if (!name.endsWith('.md')) continue;
      const file = path.join(kind, name);
      const entrySlug = name.slice(0, -3);
      if (!slugPattern.test(entrySlug)) {
        problems.push({ file, field: 'file name', message: 'must be a slug: lower-case letters, digits and hyphens' });
        continue;
      }
      present[kind].add(entrySlug);
      const parts = splitFrontMatter(fs.readFileSync(path.join(kindDir, name), 'utf8'));
      if (!parts) {
        problems.push({ file, field: 'front matter', message: 'file must start with a --- YAML block closed by ---' });
        continue;
      }
      let raw: unknown;
      try {
        raw = YAML.parse(parts.front) ?? {};
      } catch (error) {
        problems.push({
          file,
          field: 'front matter',
          message: `invalid YAML: ${(error as Error).message.split('\n')[0]}`,
        });
        continue;
      }
      const parsed = frontSchemas[kind].safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          problems.push({
            file,
            field: issue.path.join('.') || '(front matter)',
            message: issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message,
          });
        }
        continue;
      }
      (set[kind] as ContentEntry[]).push({ kind, slug: entrySlug, file, front: parsed.data, body: parts.body });
    }
  }

  checkReferences(set, problems, present);
  if (problems.length > 0) throw new ContentError(problems);
  return set;
}

/**
 * Every reference must name a file that exists. Files that exist but failed validation count as
 * present, so one broken source is reported once, not again by every claim that cites it.
 */
function checkReferences(set: ContentSet, problems: ContentProblem[], present: Record<ContentKind, Set<string>>) {
  const slugs = (kind: ContentKind) => new Set<string>([...set[kind].map((e) => e.slug), ...present[kind]]);
  const topicSlugs = slugs('topics');
  const entitySlugs = new Set([...slugs('people'), ...slugs('organisations')]);
  const organisationSlugs = slugs('organisations');
  const sourceSlugs = slugs('sources');
  const caseSlugs = slugs('cases');
  const claimSlugs = slugs('claims');

  for (const p of set.people) {
    if (organisationSlugs.has(p.slug)) {
      problems.push({ file: p.file, field: 'file name', message: `slug "${p.slug}" is also an organisation` });
    }
  }
  const need = (file: string, field: string, value: string | undefined, known: Set<string>, what: string) => {
    if (value !== undefined && !known.has(value)) {
      problems.push({ file, field, message: `no ${what} with slug "${value}"` });
    }
  };
  for (const e of [...set.people, ...set.organisations]) {
    need(e.file, 'affiliation', e.front.affiliation, organisationSlugs, 'organisation');
  }
  for (const s of set.sources) need(s.file, 'publisher', s.front.publisher, organisationSlugs, 'organisation');
  for (const c of set.cases) {
    c.front.defendants.forEach((d, i) =>
      need(c.file, `defendants.${i}.entity`, d.entity, entitySlugs, 'person or organisation'),
    );
    const seenDefendants = new Set<string>();
    c.front.defendants.forEach((d, i) => {
      if (seenDefendants.has(d.entity)) {
        problems.push({ file: c.file, field: `defendants.${i}.entity`, message: `"${d.entity}" is listed twice` });
      }
      seenDefendants.add(d.entity);
    });
    c.front.events.forEach((e, i) => need(c.file, `events.${i}.source`, e.source, sourceSlugs, 'source'));
    c.front.sources.forEach((s, i) => need(c.file, `sources.${i}`, s, sourceSlugs, 'source'));
  }
  for (const c of set.claims) {
    need(c.file, 'speaker', c.front.speaker, entitySlugs, 'person or organisation');
    c.front.topics.forEach((t, i) => need(c.file, `topics.${i}`, t, topicSlugs, 'topic'));
    c.front.about.forEach((a, i) => need(c.file, `about.${i}`, a, entitySlugs, 'person or organisation'));
    const seenRelations = new Set<string>();
    c.front.relations.forEach((r, i) => {
      need(c.file, `relations.${i}.claim`, r.claim, claimSlugs, 'claim');
      if (r.claim === c.slug)
        problems.push({ file: c.file, field: `relations.${i}.claim`, message: 'a claim cannot relate to itself' });
      const key = `${r.kind} ${r.claim}`;
      if (seenRelations.has(key)) {
        problems.push({
          file: c.file,
          field: `relations.${i}.claim`,
          message: `"${r.kind} ${r.claim}" is listed twice`,
        });
      }
      seenRelations.add(key);
    });
    c.front.citations.forEach((r, i) => need(c.file, `citations.${i}.source`, r.source, sourceSlugs, 'source'));
    const seenCases = new Set<string>();
    c.front.cases.forEach((r, i) => {
      need(c.file, `cases.${i}.case`, r.case, caseSlugs, 'case');
      const key = `${r.case} ${r.role}`;
      if (seenCases.has(key)) {
        problems.push({ file: c.file, field: `cases.${i}.case`, message: `"${r.case}" as ${r.role} is listed twice` });
      }
      seenCases.add(key);
    });
  }
}

export interface ImportSummary {
  topics: number;
  entities: number;
  sources: number;
  cases: number;
  claims: number;
}

/** Validates content/ and writes it in one transaction. Throws ContentError on any problem. */
export function importContent(db: TrackerDb, dir: string): ImportSummary {
  const set = readContent(dir);
  const sqlite = db.$client;
  const verdictIds = new Set((sqlite.prepare('select id from verdicts').all() as { id: string }[]).map((v) => v.id));
  const verdictProblems: ContentProblem[] = set.claims
    .filter((c) => c.front.verdict && !verdictIds.has(c.front.verdict))
    .map((c) => ({
      file: c.file,
      field: 'verdict',
      message: `unknown verdict "${c.front.verdict}"; use one of ${[...verdictIds].join(', ')}`,
    }));
  if (verdictProblems.length > 0) throw new ContentError(verdictProblems);

  const blank = (v: string | undefined | null) => (v === undefined || v === null || v === '' ? null : v);
  const idOf = (table: string) => {
    const stmt = sqlite.prepare(`select id from ${table} where slug = ?`);
    return (slugValue: string) => (stmt.get(slugValue) as { id: number }).id;
  };

  const run = sqlite.transaction(() => {
    const upsertTopic = sqlite.prepare(
      `insert into topics (slug, name, description) values (@slug, @name, @description)
       on conflict(slug) do update set name = excluded.name, description = excluded.description,
         updated_at = case when topics.name is excluded.name and topics.description is excluded.description then topics.updated_at else unixepoch() end`,
    );
    for (const t of set.topics) upsertTopic.run({ slug: t.slug, name: t.front.name, description: t.body });

    const upsertEntity = sqlite.prepare(
      `insert into entities (slug, kind, name, role, description) values (@slug, @kind, @name, @role, @description)
       on conflict(slug) do update set kind = excluded.kind, name = excluded.name, role = excluded.role,
         description = excluded.description`,
    );
    const entityEntries = [
      ...set.people.map((e) => ({ entry: e, kind: 'person' as EntityKind })),
      ...set.organisations.map((e) => ({ entry: e, kind: 'organisation' as EntityKind })),
    ];
    for (const { entry, kind } of entityEntries) {
      upsertEntity.run({
        slug: entry.slug,
        kind,
        name: entry.front.name,
        role: blank(entry.front.role),
        description: entry.body,
      });
    }
    const entityId = idOf('entities');
    const setAffiliation = sqlite.prepare('update entities set affiliation_id = ? where slug = ?');
    for (const { entry } of entityEntries) {
      setAffiliation.run(entry.front.affiliation ? entityId(entry.front.affiliation) : null, entry.slug);
    }

    const upsertSource = sqlite.prepare(
      `insert into sources (slug, title, kind, publisher_id, authors, url, published_on, accessed_on, archive_url, note)
       values (@slug, @title, @kind, @publisherId, @authors, @url, @publishedOn, @accessedOn, @archiveUrl, @note)
       on conflict(slug) do update set title = excluded.title, kind = excluded.kind,
         publisher_id = excluded.publisher_id, authors = excluded.authors, url = excluded.url,
         published_on = excluded.published_on, accessed_on = excluded.accessed_on,
         archive_url = excluded.archive_url, note = excluded.note`,
    );
    for (const s of set.sources) {
      upsertSource.run({
        slug: s.slug,
        title: s.front.title,
        kind: s.front.kind,
        publisherId: s.front.publisher ? entityId(s.front.publisher) : null,
        authors: JSON.stringify(s.front.authors ?? []),
        url: blank(s.front.url),
        publishedOn: blank(s.front.published),
        accessedOn: blank(s.front.accessed),
        archiveUrl: blank(s.front.archive_url),
        note: s.body,
      });
    }
    const sourceId = idOf('sources');

    const upsertCase = sqlite.prepare(
      `insert into cases (slug, caption, court, case_number, jurisdiction, judge, filed_on, status, document_url, summary)
       values (@slug, @caption, @court, @caseNumber, @jurisdiction, @judge, @filedOn, @status, @documentUrl, @summary)
       on conflict(slug) do update set caption = excluded.caption, court = excluded.court,
         case_number = excluded.case_number, jurisdiction = excluded.jurisdiction, judge = excluded.judge,
         filed_on = excluded.filed_on, status = excluded.status, document_url = excluded.document_url,
         summary = excluded.summary`,
    );
    const caseId = idOf('cases');
    const insertCharge = sqlite.prepare(
      'insert into charges (case_id, count, statute, description, disposition, position) values (?, ?, ?, ?, ?, ?)',
    );
    const insertDefendant = sqlite.prepare(
      'insert into case_defendants (case_id, entity_id, note, position) values (?, ?, ?, ?)',
    );
    const insertEvent = sqlite.prepare(
      'insert into case_events (case_id, occurred_on, description, source_id) values (?, ?, ?, ?)',
    );
    const insertCaseSource = sqlite.prepare('insert into case_sources (case_id, source_id, position) values (?, ?, ?)');
    for (const c of set.cases) {
      upsertCase.run({
        slug: c.slug,
        caption: c.front.caption,
        court: c.front.court,
        caseNumber: blank(c.front.case_number),
        jurisdiction: blank(c.front.jurisdiction),
        judge: blank(c.front.judge),
        filedOn: blank(c.front.filed),
        status: c.front.status,
        documentUrl: blank(c.front.document_url),
        summary: c.body,
      });
      const id = caseId(c.slug);
      for (const table of ['charges', 'case_defendants', 'case_events', 'case_sources']) {
        sqlite.prepare(`delete from ${table} where case_id = ?`).run(id);
      }
      c.front.charges.forEach((ch, i) =>
        insertCharge.run(id, blank(ch.count), blank(ch.statute), ch.description, blank(ch.disposition), i),
      );
      c.front.defendants.forEach((d, i) => insertDefendant.run(id, entityId(d.entity), blank(d.note), i));
      for (const e of c.front.events) {
        insertEvent.run(id, e.date, e.description, e.source ? sourceId(e.source) : null);
      }
      [...new Set(c.front.sources)].forEach((s, i) => insertCaseSource.run(id, sourceId(s), i));
    }

    const upsertClaim = sqlite.prepare(
      `insert into claims (slug, statement, speaker_id, claimed_on, venue, medium, verdict_id, verdict_explanation,
         analysis, language, status, published_at, retracted_at, updated_at)
       values (@slug, @statement, @speakerId, @claimedOn, @venue, @medium, @verdictId, @verdictExplanation,
         @analysis, @language, @status,
         case when @status <> 'draft' then coalesce(@publishedAt, unixepoch()) end,
         case when @status = 'retracted' then coalesce(@retractedAt, unixepoch()) end,
         coalesce(@latestAt, unixepoch()))
       on conflict(slug) do update set statement = excluded.statement, speaker_id = excluded.speaker_id,
         claimed_on = excluded.claimed_on, venue = excluded.venue, medium = excluded.medium,
         verdict_id = excluded.verdict_id, verdict_explanation = excluded.verdict_explanation,
         analysis = excluded.analysis, language = excluded.language, status = excluded.status,
         published_at = coalesce(@publishedAt, claims.published_at, excluded.published_at),
         retracted_at = case when excluded.status = 'retracted'
           then coalesce(@retractedAt, claims.retracted_at, excluded.retracted_at) end`,
    );
    for (const c of set.claims) {
      upsertClaim.run({
        slug: c.slug,
        statement: c.front.statement,
        speakerId: c.front.speaker ? entityId(c.front.speaker) : null,
        claimedOn: blank(c.front.date),
        venue: blank(c.front.venue),
        medium: blank(c.front.medium),
        verdictId: blank(c.front.verdict),
        verdictExplanation: c.front.verdict_explanation ?? '',
        analysis: c.body,
        language: c.front.language,
        status: c.front.status,
        publishedAt: c.front.published ?? null,
        retractedAt: c.front.retracted ?? null,
        // A new row is as fresh as its last editorial event; re-imports leave updated_at alone.
        latestAt: latestOf([c.front.published, c.front.retracted, ...c.front.corrections.map((k) => k.date)]),
      });
    }
    const claimId = idOf('claims');
    const topicId = idOf('topics');
    const insertTopic = sqlite.prepare('insert into claim_topics (claim_id, topic_id) values (?, ?)');
    const insertSubject = sqlite.prepare('insert into claim_subjects (claim_id, entity_id) values (?, ?)');
    const insertRelation = sqlite.prepare(
      'insert into claim_relations (from_claim_id, to_claim_id, kind, note) values (?, ?, ?, ?)',
    );
    const insertCitation = sqlite.prepare(
      'insert into citations (claim_id, source_id, role, quote, locator, position) values (?, ?, ?, ?, ?, ?)',
    );
    const insertClaimCase = sqlite.prepare(
      'insert into claim_cases (claim_id, case_id, role, note) values (?, ?, ?, ?)',
    );
    const insertCorrection = sqlite.prepare(
      'insert into claim_corrections (claim_id, kind, note, created_at) values (?, ?, ?, ?)',
    );
    for (const c of set.claims) {
      const id = claimId(c.slug);
      for (const [table, column] of [
        ['claim_topics', 'claim_id'],
        ['claim_subjects', 'claim_id'],
        ['claim_relations', 'from_claim_id'],
        ['citations', 'claim_id'],
        ['claim_cases', 'claim_id'],
        ['claim_corrections', 'claim_id'],
      ]) {
        sqlite.prepare(`delete from ${table} where ${column} = ?`).run(id);
      }
      for (const t of new Set(c.front.topics)) insertTopic.run(id, topicId(t));
      for (const a of new Set(c.front.about)) insertSubject.run(id, entityId(a));
      for (const r of c.front.relations) insertRelation.run(id, claimId(r.claim), r.kind, blank(r.note));
      c.front.citations.forEach((r, i) =>
        insertCitation.run(id, sourceId(r.source), r.role, blank(r.quote), blank(r.locator), i),
      );
      for (const r of c.front.cases) insertClaimCase.run(id, caseId(r.case), r.role, blank(r.note));
      for (const k of c.front.corrections) insertCorrection.run(id, k.kind, k.note, k.date);
    }
    recordImportedRevisions(db);
    bumpDataVersion(db);
  });
  run.immediate();

  return {
    topics: set.topics.length,
    entities: set.people.length + set.organisations.length,
    sources: set.sources.length,
    cases: set.cases.length,
    claims: set.claims.length,
  };
}

function latestOf(times: (number | undefined)[]): number | null {
  const given = times.filter((t): t is number => t !== undefined);
  return given.length > 0 ? Math.max(...given) : null;
}

export function contentDir(): string {
  return path.resolve(process.cwd(), process.env.CONTENT_PATH || 'content');
}

export function isDatabaseEmpty(db: TrackerDb): boolean {
  const row = db.get<{ n: number }>(sql`select count(*) as n from claims`);
  return row.n === 0;
}

/**
 * Entries that arrive from content/ get a first revision ("Imported from content/"), so their
 * history starts at the imported text rather than at the first edit.
 */
function recordImportedRevisions(db: TrackerDb): void {
  const kinds: EntryKind[] = ['topics', 'people', 'organisations', 'sources', 'cases', 'claims'];
  for (const kind of kinds) {
    const spec = KIND_SPECS[kind];
    const entityKind = kind === 'people' ? 'person' : kind === 'organisations' ? 'organisation' : null;
    const rows = db.$client
      .prepare(
        `select t.id, t.version from ${spec.table} t
         where ${entityKind ? `t.kind = '${entityKind}' and ` : ''}not exists
           (select 1 from revisions r where r.entity_kind = ? and r.entity_id = t.id)`,
      )
      .all(spec.revisionKind) as { id: number; version: number }[];
    for (const row of rows) {
      recordRevision(
        db,
        { kind: spec.revisionKind, id: row.id, version: row.version },
        snapshotEntry(db, kind, row.id),
        null,
        'Imported from content/',
      );
    }
  }
}
