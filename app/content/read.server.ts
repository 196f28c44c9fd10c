/**
 * Reads content/ (Markdown with YAML front matter, one entry per file, referencing each other by
 * slug) and validates it without touching the database: each file against the format
 * (`format.ts`), then every cross-reference. A broken file is reported with its path, the field
 * and what is wrong; all problems are reported at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { env } from '../../config/env';
import { SLUG_PATTERN } from '~/domain';
import { CONTENT_KINDS, FRONT_SCHEMAS, type ContentEntry, type ContentKind, type ContentSet } from './format';

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

/** The content/ folder commands read and write: `CONTENT_PATH`, else `content/`. */
export function contentDir(): string {
  return path.resolve(process.cwd(), env().CONTENT_PATH || 'content');
}

export function splitFrontMatter(source: string): { front: string; body: string } | null {
  const normalised = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(normalised);
  if (!match) return null;
  return { front: match[1], body: match[2].trim() };
}

/** Reads and validates content/ without touching the database. Throws ContentError. */
export function readContent(dir: string): ContentSet {
  const problems: ContentProblem[] = [];
  const set: ContentSet = { topics: [], people: [], organisations: [], sources: [], cases: [], claims: [] };
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
      if (!SLUG_PATTERN.test(entrySlug)) {
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
      const parsed = FRONT_SCHEMAS[kind].safeParse(raw);
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
 * Every reference must name a file that exists, and no link may be listed twice (it would break
 * a unique key half-way through the write). Files that exist but failed validation count as
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
  /** Reports the second and later records of `list` with the same key. */
  const once = <T>(file: string, list: T[], field: (i: number) => string, key: (r: T) => string, say: (r: T) => string) => {
    const seen = new Set<string>();
    list.forEach((r, i) => {
      if (seen.has(key(r))) problems.push({ file, field: field(i), message: `${say(r)} is listed twice` });
      seen.add(key(r));
    });
  };
  for (const e of [...set.people, ...set.organisations]) {
    need(e.file, 'affiliation', e.front.affiliation, organisationSlugs, 'organisation');
  }
  for (const s of set.sources) need(s.file, 'publisher', s.front.publisher, organisationSlugs, 'organisation');
  for (const c of set.cases) {
    c.front.defendants.forEach((d, i) =>
      need(c.file, `defendants.${i}.entity`, d.entity, entitySlugs, 'person or organisation'),
    );
    once(c.file, c.front.defendants, (i) => `defendants.${i}.entity`, (d) => d.entity, (d) => `"${d.entity}"`);
    c.front.events.forEach((e, i) => need(c.file, `events.${i}.source`, e.source, sourceSlugs, 'source'));
    c.front.sources.forEach((s, i) => need(c.file, `sources.${i}`, s, sourceSlugs, 'source'));
  }
  for (const c of set.claims) {
    need(c.file, 'speaker', c.front.speaker, entitySlugs, 'person or organisation');
    c.front.topics.forEach((t, i) => need(c.file, `topics.${i}`, t, topicSlugs, 'topic'));
    c.front.about.forEach((a, i) => need(c.file, `about.${i}`, a, entitySlugs, 'person or organisation'));
    c.front.relations.forEach((r, i) => {
      need(c.file, `relations.${i}.claim`, r.claim, claimSlugs, 'claim');
      if (r.claim === c.slug)
        problems.push({ file: c.file, field: `relations.${i}.claim`, message: 'a claim cannot relate to itself' });
    });
    const relationKey = (r: { kind: string; claim: string }) => `${r.kind} ${r.claim}`;
    once(c.file, c.front.relations, (i) => `relations.${i}.claim`, relationKey, (r) => `"${relationKey(r)}"`);
    c.front.citations.forEach((r, i) => need(c.file, `citations.${i}.source`, r.source, sourceSlugs, 'source'));
    c.front.cases.forEach((r, i) => need(c.file, `cases.${i}.case`, r.case, caseSlugs, 'case'));
    once(
      c.file,
      c.front.cases,
      (i) => `cases.${i}.case`,
      (r) => `${r.case} ${r.role}`,
      (r) => `"${r.case}" as ${r.role}`,
    );
  }
}
