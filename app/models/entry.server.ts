/**
 * Editing entries of every kind (claims, sources, people, organisations, cases, topics) through
 * one path: validate the form against the kind's field specs, save with an optimistic version
 * check (a stale form is refused, never silently overwrites), keep old slugs as redirects, record
 * a revision of the whole entry, and tell search what changed.
 */
import { redirect } from '@remix-run/node';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type TrackerDb } from '../../db/client';
import { SOURCE_KINDS } from '~/domain';
import { slugify } from '~/domain/slug';
import { isEntryKind, KIND_SPECS, type EntryKind, type FieldSpec, type KindSpec } from '~/domain';
import { bumpDataVersion } from '../../db/data-version';
import { isRealPartialDate } from '~/domain';
import { getRevision, recordRevision, type Snapshot } from './revision.server';

export type FormValues = Record<string, string | string[]>;

export interface EntryOption {
  value: string;
  label: string;
}
export type EntryOptions = Record<NonNullable<FieldSpec['options']>, EntryOption[]>;

export function getEntryOptions(): EntryOptions {
  const db = getDb();
  const pick = (query: ReturnType<typeof sql>) => db.all<EntryOption>(query);
  return {
    verdicts: pick(sql`select id as value, label from verdicts order by rating`),
    entities: pick(
      sql`select cast(id as text) as value, name || case when kind = 'organisation' then ' (organisation)' else '' end as label
          from entities order by name collate nocase`,
    ),
    organisations: pick(
      sql`select cast(id as text) as value, name as label from entities where kind = 'organisation' order by name collate nocase`,
    ),
    topics: pick(sql`select cast(id as text) as value, name as label from topics order by name collate nocase`),
    sourceKinds: SOURCE_KINDS.map((k) => ({
      value: k,
      label: k.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Validation

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Drops characters that have no business in stored text (NUL and other C0 controls but tab/newline). */
function clean(value: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/\r\n?/g, '\n');
}

function fieldSchema(field: FieldSpec, options: EntryOptions): z.ZodTypeAny {
  const max = field.maxLength ?? 10000;
  const tooLong = `Keep the ${field.label.toLowerCase()} under ${max} characters.`;
  switch (field.type) {
    case 'multiselect': {
      const allowed = new Set((options[field.options!] ?? []).map((o) => o.value));
      return z.array(z.string()).refine((values) => values.every((v) => allowed.has(v)), 'Choose from the list.');
    }
    case 'select': {
      const allowed = new Set((options[field.options!] ?? []).map((o) => o.value));
      const base = z.string().refine((v) => v === '' || allowed.has(v), 'Choose from the list.');
      return field.required ? base.refine((v) => v !== '', `Choose the ${field.label.toLowerCase()}.`) : base;
    }
    case 'date':
      return z
        .string()
        .trim()
        .refine((v) => v === '' || isRealPartialDate(v), 'Use a real date: YYYY-MM-DD, YYYY-MM or YYYY.');
    case 'url':
      return z
        .string()
        .trim()
        .max(max, tooLong)
        .refine((v) => {
          if (v === '') return true;
          try {
            const url = new URL(v);
            return url.protocol === 'http:' || url.protocol === 'https:';
          } catch {
            return false;
          }
        }, 'Enter a full address starting with http:// or https://.');
    default: {
      let base = z.string().trim().max(max, tooLong);
      if (field.name === 'slug') {
        return base.refine((v) => v === '' || slugPattern.test(v), 'Use lower-case letters, digits and hyphens only.');
      }
      if (field.name === 'language') {
        return base.refine((v) => v === '' || /^[a-z]{2,3}(-[A-Za-z0-9]+)?$/.test(v), 'Use a language code like en.');
      }
      if (field.required) base = base.min(1, `Enter the ${field.label.toLowerCase()}.`);
      return base;
    }
  }
}

/** Reads a form into plain values (what the editor typed, to show again on error). */
export function readEntryForm(kind: EntryKind, form: FormData): FormValues {
  const values: FormValues = {};
  for (const field of KIND_SPECS[kind].fields) {
    if (field.type === 'multiselect') values[field.name] = form.getAll(field.name).map((v) => clean(String(v)));
    else values[field.name] = clean(String(form.get(field.name) ?? ''));
  }
  return values;
}

export type EntryValidation = { ok: true; values: FormValues } | { ok: false; errors: Record<string, string> };

export function validateEntry(kind: EntryKind, values: FormValues, options = getEntryOptions()): EntryValidation {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const field of KIND_SPECS[kind].fields) shape[field.name] = fieldSchema(field, options);
  const parsed = z.object(shape).safeParse(values);
  if (parsed.success) return { ok: true, values: parsed.data as FormValues };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  return { ok: false, errors };
}

// ---------------------------------------------------------------------------------------------
// Reading

const selectColumn = (field: FieldSpec) => field.column!;

export interface EditableEntry {
  id: number;
  slug: string;
  version: number;
  status: string | null;
  values: FormValues;
  title: string;
}

function entityKindOf(kind: EntryKind): 'person' | 'organisation' | null {
  return kind === 'people' ? 'person' : kind === 'organisations' ? 'organisation' : null;
}

export function getEntryForEdit(kind: EntryKind, id: number, db: TrackerDb = getDb()): EditableEntry | null {
  const spec = KIND_SPECS[kind];
  const columns = spec.fields.filter((f) => f.column).map(selectColumn);
  const entityKind = entityKindOf(kind);
  const row = db.$client
    .prepare(
      `select id, version, ${columns.join(', ')}${spec.table === 'claims' ? ', status' : ''} from ${spec.table}
       where id = ?${entityKind ? ` and kind = '${entityKind}'` : ''}`,
    )
    .get(id) as Record<string, unknown> | undefined;
  if (!row) return null;
  const values: FormValues = {};
  for (const field of spec.fields) {
    if (field.type === 'multiselect') continue;
    const raw = row[field.column!];
    if (field.type === 'list') values[field.name] = (JSON.parse(String(raw ?? '[]')) as string[]).join(', ');
    else values[field.name] = raw === null || raw === undefined ? '' : String(raw);
  }
  if (kind === 'claims') {
    values.topics = (
      db.$client.prepare('select topic_id from claim_topics where claim_id = ? order by topic_id').all(id) as {
        topic_id: number;
      }[]
    ).map((r) => String(r.topic_id));
  }
  return {
    id,
    slug: String(row.slug),
    version: Number(row.version),
    status: spec.table === 'claims' ? String(row.status) : null,
    values,
    title: String(values[spec.titleField] ?? ''),
  };
}

// ---------------------------------------------------------------------------------------------
// Saving

export class ConflictError extends Error {
  constructor(
    public current: EditableEntry,
    public yours: FormValues,
  ) {
    super('This entry was changed by someone else after you opened it.');
    this.name = 'ConflictError';
  }
}

export class EntryNotFoundError extends Error {
  constructor() {
    super('There is no such entry.');
    this.name = 'EntryNotFoundError';
  }
}

function uniqueSlug(db: TrackerDb, table: string, wanted: string, id: number | null): string {
  const taken = (slug: string) =>
    Boolean(db.$client.prepare(`select 1 from ${table} where slug = ? and id <> ?`).get(slug, id ?? -1));
  if (!taken(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken(`${wanted}-${n}`)) return `${wanted}-${n}`;
}

function columnValue(field: FieldSpec, value: string | string[]): unknown {
  const text = typeof value === 'string' ? value : '';
  if (field.type === 'list') {
    return JSON.stringify(
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
  }
  if (field.type === 'select' && (field.options === 'entities' || field.options === 'organisations')) {
    return text === '' ? null : Number(text);
  }
  if (field.column === 'description' || field.column === 'note' || field.column === 'summary') return text;
  if (field.column === 'analysis' || field.column === 'verdict_explanation') return text;
  if (field.column === 'language') return text || 'en';
  if (field.column === 'status' && text === '') return 'pending';
  return text === '' ? null : text;
}

/** The entry as a revision stores it: the form's values plus, for claims, status and links. */
export function snapshotEntry(db: TrackerDb, kind: EntryKind, id: number): Snapshot {
  const entry = getEntryForEdit(kind, id, db);
  if (!entry) throw new EntryNotFoundError();
  const snapshot: Snapshot = { slug: entry.slug, ...entry.values };
  if (kind === 'claims') {
    snapshot.status = entry.status;
    snapshot.citations = db.$client
      .prepare(
        `select s.slug as source, ci.role, ci.quote, ci.locator from citations ci join sources s on s.id = ci.source_id
         where ci.claim_id = ? order by ci.position, ci.id`,
      )
      .all(id);
    snapshot.relations = db.$client
      .prepare(
        `select r.kind, c.slug as claim, r.note from claim_relations r join claims c on c.id = r.to_claim_id
         where r.from_claim_id = ? order by r.id`,
      )
      .all(id);
  }
  if (kind === 'cases') {
    snapshot.charges = db.$client
      .prepare('select count, statute, description, disposition from charges where case_id = ? order by position, id')
      .all(id);
    snapshot.defendants = db.$client
      .prepare(
        `select e.slug as entity, d.note from case_defendants d join entities e on e.id = d.entity_id
         where d.case_id = ? order by d.position`,
      )
      .all(id);
    snapshot.events = db.$client
      .prepare(
        `select ev.occurred_on as date, ev.description, s.slug as source from case_events ev
         left join sources s on s.id = ev.source_id where ev.case_id = ? order by ev.occurred_on, ev.id`,
      )
      .all(id);
  }
  return snapshot;
}

export interface SaveResult {
  id: number;
  slug: string;
  version: number;
}

function writeEntry(
  db: TrackerDb,
  kind: EntryKind,
  id: number | null,
  values: FormValues,
  expectedVersion: number | null,
): SaveResult {
  const spec = KIND_SPECS[kind];
  const columns = spec.fields.filter((f) => f.column && f.name !== 'slug');
  const title = String(values[spec.titleField] ?? '');
  let current: EditableEntry | null = null;
  if (id !== null) {
    current = getEntryForEdit(kind, id);
    if (!current) throw new EntryNotFoundError();
    if (expectedVersion !== null && current.version !== expectedVersion) throw new ConflictError(current, values);
  }
  const wanted = String(values.slug || '') || (current ? current.slug : slugify(title));
  const slug = uniqueSlug(db, spec.table, wanted, id);
  const params = columns.map((f) => columnValue(f, values[f.name] ?? ''));

  let savedId: number;
  let version: number;
  if (id === null || !current) {
    const extraColumns = entityKindOf(kind) ? ', kind' : '';
    const extraValues = entityKindOf(kind) ? `, '${entityKindOf(kind)}'` : '';
    const result = db.$client
      .prepare(
        `insert into ${spec.table} (slug, ${columns.map((f) => f.column).join(', ')}${extraColumns})
         values (?, ${columns.map(() => '?').join(', ')}${extraValues})`,
      )
      .run(slug, ...params);
    savedId = Number(result.lastInsertRowid);
    version = 1;
  } else {
    const result = db.$client
      .prepare(
        `update ${spec.table} set slug = ?, ${columns.map((f) => `${f.column} = ?`).join(', ')},
           version = version + 1, updated_at = unixepoch()
         where id = ? and version = ?`,
      )
      .run(slug, ...params, id, current.version);
    if (result.changes === 0) throw new ConflictError(getEntryForEdit(kind, id)!, values);
    savedId = id;
    version = current.version + 1;
    if (current.slug !== slug) {
      db.$client
        .prepare(
          `insert into slug_redirects (entity_kind, old_slug, entity_id) values (?, ?, ?)
           on conflict(entity_kind, old_slug) do update set entity_id = excluded.entity_id`,
        )
        .run(spec.revisionKind, current.slug, savedId);
    }
  }
  // A slug now in use must not also redirect elsewhere.
  db.$client.prepare('delete from slug_redirects where entity_kind = ? and old_slug = ?').run(spec.revisionKind, slug);

  if (kind === 'claims') {
    db.$client.prepare('delete from claim_topics where claim_id = ?').run(savedId);
    const insert = db.$client.prepare('insert into claim_topics (claim_id, topic_id) values (?, ?)');
    for (const topicId of new Set((values.topics as string[] | undefined) ?? [])) insert.run(savedId, Number(topicId));
  }
  return { id: savedId, slug, version };
}

function afterWrite(db: TrackerDb, kind: EntryKind, saved: SaveResult, userId: number | null, summary: string | null) {
  const spec = KIND_SPECS[kind];
  recordRevision(
    db,
    { kind: spec.revisionKind, id: saved.id, version: saved.version },
    snapshotEntry(db, kind, saved.id),
    userId,
    summary,
  );
  // Entries that show this one (a speaker's claims, a source's publisher) change in search too;
  // a full refresh of the few refs involved is cheap, so name just this entry.
  bumpDataVersion(db, [`${spec.refPrefix}${saved.id}`]);
}

/** Creates or updates an entry in one transaction. Throws ConflictError on a stale version. */
export function saveEntry(
  kind: EntryKind,
  input: {
    id: number | null;
    expectedVersion: number | null;
    values: FormValues;
    userId: number | null;
    summary?: string | null;
  },
): SaveResult {
  const db = getDb();
  return db.$client
    .transaction(() => {
      const saved = writeEntry(db, kind, input.id, input.values, input.expectedVersion);
      afterWrite(db, kind, saved, input.userId, input.summary ?? null);
      return saved;
    })
    .immediate();
}

/** Makes an old revision current again, as a new revision (history is never rewritten). */
export function restoreRevision(
  kind: EntryKind,
  input: { id: number; version: number; expectedVersion: number; userId: number | null },
): SaveResult {
  const spec = KIND_SPECS[kind];
  const revision = getRevision(spec.revisionKind, input.id, input.version);
  if (!revision) throw new EntryNotFoundError();
  const db = getDb();
  return db.$client
    .transaction(() => {
      const values: FormValues = {};
      for (const field of spec.fields) {
        const value = revision.snapshot[field.name];
        values[field.name] = Array.isArray(value)
          ? value.map(String)
          : value === undefined || value === null
            ? ''
            : String(value);
      }
      const saved = writeEntry(db, kind, input.id, values, input.expectedVersion);
      if (kind === 'claims') restoreClaimLinks(db, saved.id, revision.snapshot);
      afterWrite(db, kind, saved, input.userId, `Restored version ${input.version}`);
      return saved;
    })
    .immediate();
}

function restoreClaimLinks(db: TrackerDb, claimId: number, snapshot: Snapshot) {
  const sourceId = db.$client.prepare('select id from sources where slug = ?');
  const claimIdOf = db.$client.prepare('select id from claims where slug = ?');
  db.$client.prepare('delete from citations where claim_id = ?').run(claimId);
  (
    (snapshot.citations as { source: string; role: string; quote: string | null; locator: string | null }[]) ?? []
  ).forEach((c, i) => {
    const source = sourceId.get(c.source) as { id: number } | undefined;
    if (source) {
      db.$client
        .prepare(
          'insert into citations (claim_id, source_id, role, quote, locator, position) values (?, ?, ?, ?, ?, ?)',
        )
        .run(claimId, source.id, c.role, c.quote, c.locator, i);
    }
  });
  db.$client.prepare('delete from claim_relations where from_claim_id = ?').run(claimId);
  for (const r of (snapshot.relations as { kind: string; claim: string; note: string | null }[]) ?? []) {
    const other = claimIdOf.get(r.claim) as { id: number } | undefined;
    if (other && other.id !== claimId) {
      db.$client
        .prepare('insert or ignore into claim_relations (from_claim_id, to_claim_id, kind, note) values (?, ?, ?, ?)')
        .run(claimId, other.id, r.kind, r.note);
    }
  }
  // A restored draft stays a draft; a restore never publishes an entry by itself.
  if (snapshot.status === 'draft') db.$client.prepare(`update claims set status = 'draft' where id = ?`).run(claimId);
}

/** Where an old slug now lives, if the entry was renamed. */
export function findRenamedSlug(spec: Pick<KindSpec, 'revisionKind' | 'table'>, oldSlug: string): string | null {
  const row = getDb()
    .$client.prepare(
      `select t.slug from slug_redirects r join ${spec.table} t on t.id = r.entity_id
       where r.entity_kind = ? and r.old_slug = ?`,
    )
    .get(spec.revisionKind, oldSlug) as { slug: string } | undefined;
  return row?.slug ?? null;
}

export function findEntryIdBySlug(kind: EntryKind, slug: string): number | null {
  const spec = KIND_SPECS[kind];
  const row = getDb().$client.prepare(`select id from ${spec.table} where slug = ?`).get(slug) as
    | { id: number }
    | undefined;
  return row?.id ?? null;
}

/** A renamed entry's old address answers with a permanent redirect to the new one. */
export function redirectIfRenamed(kind: EntryKind, slug: string): void {
  const spec = KIND_SPECS[kind];
  const current = findRenamedSlug(spec, slug);
  if (current && current !== slug) throw redirect(`${spec.path}/${current}`, 301);
}

/**
 * A change to an entry's links (citations, relations, charges...) or status, run as one save:
 * version check, the change, version bump, a revision of the whole entry, and a search refresh.
 */
export function changeEntry(
  kind: EntryKind,
  id: number,
  expectedVersion: number,
  userId: number | null,
  summary: string,
  change: (db: TrackerDb) => void,
): number {
  const spec = KIND_SPECS[kind];
  const db = getDb();
  return db.$client
    .transaction(() => {
      const current = getEntryForEdit(kind, id);
      if (!current) throw new EntryNotFoundError();
      if (current.version !== expectedVersion) throw new ConflictError(current, current.values);
      change(db);
      db.$client
        .prepare(`update ${spec.table} set version = version + 1, updated_at = unixepoch() where id = ?`)
        .run(id);
      const version = current.version + 1;
      recordRevision(db, { kind: spec.revisionKind, id, version }, snapshotEntry(db, kind, id), userId, summary);
      bumpDataVersion(db, [`${spec.refPrefix}${id}`]);
      return version;
    })
    .immediate();
}

/** The `:kind/:id` of an editor URL, or a 404 for anything that is not a real kind and id. */
export function entryParams(params: { kind?: string; id?: string }): { kind: EntryKind; id: number } {
  const id = Number(params.id);
  if (!isEntryKind(params.kind) || !Number.isSafeInteger(id) || id <= 0) {
    throw new Response('There is no such entry.', { status: 404 });
  }
  return { kind: params.kind, id };
}
