/**
 * Writes a validated content/ folder (`read.server.ts`) into the database: one immediate
 * transaction of upserts keyed by slug, through Drizzle's builder on the schema's tables, so
 * running it twice gives the same rows and ids; any problem and nothing is written. The editable
 * fields of each entry are read from its file the same way a restored revision is
 * (`fieldsFromDocument`), and written with the editor's rules for empty values; a claim's links
 * go through the same writes as the editor's (`claim-links.server.ts`).
 */
import { and, eq, notExists, sql } from 'drizzle-orm';
import type { TrackerDb, TrackerHandle } from '../../db/client';
import {
  caseDefendants,
  caseEvents,
  cases,
  caseSources,
  charges,
  claimCases,
  claimCorrections,
  claims,
  claimSubjects,
  entities,
  revisions,
  sources,
  topics,
  verdicts,
} from '../../db/schema';
import { bumpDataVersion } from '../../db/data-version';
import { KINDS } from '~/domain';
import { replaceCitations, replaceClaimTopics, replaceRelations } from '~/models/claim-links.server';
import { excluded, insertValues, ofKind, setExcluded, tableOf, type FieldValues } from '~/models/entry-row.server';
import { recordEntryRevision } from '~/models/revision.server';
import { fieldsFromDocument, type SlugResolver } from './document.server';
import { bodyField, CONTENT_KINDS, type ContentEntry, type ContentKind } from './format';
import { ContentError, readContent, type ContentProblem } from './read.server';

// What a command that runs an import needs, from the module it imports.
export { ContentError, contentDir } from './read.server';

export interface ImportSummary {
  topics: number;
  entities: number;
  sources: number;
  cases: number;
  claims: number;
}

const seconds = (value: number) => new Date(value * 1000);

/** Validates content/ and writes it in one transaction. Throws ContentError on any problem. */
export function importContent(db: TrackerDb, dir: string): ImportSummary {
  const set = readContent(dir);
  const verdictIds = new Set(db.select({ id: verdicts.id }).from(verdicts).all().map((v) => v.id));
  const verdictProblems: ContentProblem[] = set.claims
    .filter((c) => c.front.verdict && !verdictIds.has(c.front.verdict))
    .map((c) => ({
      file: c.file,
      field: 'verdict',
      message: `unknown verdict "${c.front.verdict}"; use one of ${[...verdictIds].join(', ')}`,
    }));
  if (verdictProblems.length > 0) throw new ContentError(verdictProblems);

  db.transaction(
    (tx) => {
      const ids = slugIds(tx);
      const fieldsOf = (entry: ContentEntry) =>
        fieldsFromDocument(entry.kind, { ...entry.front, [bodyField(entry.kind)]: entry.body }, ids.resolve);

      for (const t of set.topics) {
        const fields = fieldsOf(t);
        tx.insert(topics)
          .values({ ...insertValues('topics', fields), slug: t.slug } as typeof topics.$inferInsert)
          .onConflictDoUpdate({
            target: topics.slug,
            set: {
              ...setExcluded('topics', ['name', 'description']),
              // A topic's last-updated time moves only when the file changed it.
              updatedAt: sql`case when ${topics.name} is ${excluded(topics.name)}
                and ${topics.description} is ${excluded(topics.description)} then ${topics.updatedAt} else (unixepoch()) end`,
            },
          })
          .run();
      }

      // Entities first without affiliations (an organisation may belong to one read later).
      const entityEntries = [...set.people, ...set.organisations];
      for (const e of entityEntries) {
        const { affiliationId: _later, ...fields } = fieldsOf(e);
        upsert(tx, e.kind, e.slug, { ...fields, kind: KINDS[e.kind].entityKind });
      }
      ids.refresh();
      for (const e of entityEntries) {
        tx.update(entities)
          .set({ affiliationId: e.front.affiliation ? ids.of('entities', e.front.affiliation) : null })
          .where(eq(entities.slug, e.slug))
          .run();
      }

      for (const s of set.sources) upsert(tx, 'sources', s.slug, fieldsOf(s));
      ids.refresh();

      for (const c of set.cases) upsert(tx, 'cases', c.slug, fieldsOf(c));
      ids.refresh();
      for (const c of set.cases) {
        const caseId = ids.of('cases', c.slug);
        for (const table of [charges, caseDefendants, caseEvents, caseSources]) {
          tx.delete(table).where(eq(table.caseId, caseId)).run();
        }
        c.front.charges.forEach((ch, position) =>
          tx
            .insert(charges)
            .values({
              caseId,
              count: ch.count || null,
              statute: ch.statute || null,
              description: ch.description,
              disposition: ch.disposition || null,
              position,
            })
            .run(),
        );
        c.front.defendants.forEach((d, position) =>
          tx
            .insert(caseDefendants)
            .values({ caseId, entityId: ids.of('entities', d.entity), note: d.note || null, position })
            .run(),
        );
        for (const e of c.front.events) {
          const sourceId = e.source ? ids.of('sources', e.source) : null;
          tx.insert(caseEvents).values({ caseId, occurredOn: e.date, description: e.description, sourceId }).run();
        }
        [...new Set(c.front.sources)].forEach((s, position) =>
          tx
            .insert(caseSources)
            .values({ caseId, sourceId: ids.of('sources', s), position })
            .run(),
        );
      }

      for (const c of set.claims) upsertClaim(tx, c, fieldsOf(c));
      ids.refresh();
      for (const c of set.claims) {
        const claimId = ids.of('claims', c.slug);
        replaceClaimTopics(tx, claimId, c.front.topics.map((t) => ids.of('topics', t)));
        tx.delete(claimSubjects).where(eq(claimSubjects.claimId, claimId)).run();
        for (const a of new Set(c.front.about)) {
          tx.insert(claimSubjects).values({ claimId, entityId: ids.of('entities', a) }).run();
        }
        replaceRelations(
          tx,
          claimId,
          c.front.relations.map((r) => ({ toClaimId: ids.of('claims', r.claim), kind: r.kind, note: r.note || null })),
        );
        replaceCitations(
          tx,
          claimId,
          c.front.citations.map((r) => ({
            sourceId: ids.of('sources', r.source),
            role: r.role,
            quote: r.quote || null,
            locator: r.locator || null,
          })),
        );
        tx.delete(claimCases).where(eq(claimCases.claimId, claimId)).run();
        for (const r of c.front.cases) {
          tx.insert(claimCases)
            .values({ claimId, caseId: ids.of('cases', r.case), role: r.role, note: r.note || null })
            .run();
        }
        tx.delete(claimCorrections).where(eq(claimCorrections.claimId, claimId)).run();
        for (const k of c.front.corrections) {
          tx.insert(claimCorrections)
            .values({ claimId, kind: k.kind, note: k.note, createdAt: seconds(k.date) })
            .run();
        }
      }
      recordImportedRevisions(tx);
      bumpDataVersion(tx);
    },
    { behavior: 'immediate' },
  );

  return {
    topics: set.topics.length,
    entities: set.people.length + set.organisations.length,
    sources: set.sources.length,
    cases: set.cases.length,
    claims: set.claims.length,
  };
}

/** Inserts the entry, or updates every given column of the one with its slug. */
function upsert(tx: TrackerHandle, kind: ContentKind, slug: string, fields: FieldValues) {
  const table = tableOf(kind);
  tx.insert(table)
    .values({ ...insertValues(kind, fields), slug } as typeof table.$inferInsert)
    .onConflictDoUpdate({ target: table.slug, set: setExcluded(kind, Object.keys(fields)) })
    .run();
}

/**
 * A claim's editorial dates come from its file when it gives them; a published claim without
 * one is stamped with the time of import, and a re-import keeps stored dates the file leaves out.
 * Its desk state is derived from its status (no file key): published or retracted is
 * 'published', a new draft 'in_research'.
 */
function upsertClaim(tx: TrackerHandle, c: ContentEntry<'claims'>, fields: FieldValues) {
  const { status, published, retracted } = c.front;
  const publishedAt = published ?? null;
  const retractedAt = retracted ?? null;
  const now = sql`(unixepoch())`;
  // A new row is as fresh as its last editorial event; re-imports leave updated_at alone.
  const latest = [published, retracted, ...c.front.corrections.map((k) => k.date)].filter(
    (t): t is number => t !== undefined,
  );
  tx.insert(claims)
    .values({
      ...(insertValues('claims', fields) as Omit<typeof claims.$inferInsert, 'slug'>),
      slug: c.slug,
      status,
      publishedAt: status === 'draft' ? null : publishedAt !== null ? seconds(publishedAt) : now,
      retractedAt: status === 'retracted' ? (retractedAt !== null ? seconds(retractedAt) : now) : null,
      deskState: status === 'draft' ? 'in_research' : 'published',
      updatedAt: latest.length > 0 ? seconds(Math.max(...latest)) : undefined,
    })
    .onConflictDoUpdate({
      target: claims.slug,
      set: {
        // Topics and subjects are links (claim_topics, claim_subjects), written after the claims.
        ...setExcluded('claims', [
          ...Object.keys(fields).filter((name) => name !== 'topics' && name !== 'subjects'),
          'status',
        ]),
        publishedAt: sql`coalesce(${publishedAt}, ${claims.publishedAt}, ${excluded(claims.publishedAt)})`,
        retractedAt: sql`case when ${excluded(claims.status)} = 'retracted'
          then coalesce(${retractedAt}, ${claims.retractedAt}, ${excluded(claims.retractedAt)}) end`,
        // The desk state follows the file's status: a published or retracted claim is done; a
        // draft keeps the desk's stage for it, unless it was published and is a draft again.
        deskState: sql`case when ${excluded(claims.status)} <> 'draft' then 'published'
          when ${claims.deskState} = 'published' then 'in_research' else ${claims.deskState} end`,
      },
    })
    .run();
}

const SLUG_TABLES = { topics, entities, sources, cases, claims };
type SlugTable = keyof typeof SLUG_TABLES;

/** Slug → id of every row the import refers to, read again after each kind is written. */
function slugIds(tx: TrackerHandle) {
  let maps = {} as Record<SlugTable, Map<string, number>>;
  const refresh = () => {
    maps = Object.fromEntries(
      Object.entries(SLUG_TABLES).map(([name, table]) => [
        name,
        new Map(
          tx
            .select({ slug: table.slug, id: table.id })
            .from(table)
            .all()
            .map((r) => [r.slug, r.id]),
        ),
      ]),
    ) as Record<SlugTable, Map<string, number>>;
  };
  refresh();
  /** The id of a row the content refers to; the reader has checked that it exists. */
  const of = (table: SlugTable, slug: string): number => maps[table].get(slug)!;
  const resolve: SlugResolver = (ref, slug) => maps[ref].get(slug) ?? null;
  return { refresh, of, resolve };
}

export function isDatabaseEmpty(db: TrackerDb): boolean {
  return db.select({ id: claims.id }).from(claims).limit(1).get() === undefined;
}

/**
 * Entries that arrive from content/ get a first revision ("Imported from content/"), so their
 * history starts at the imported text rather than at the first edit.
 */
function recordImportedRevisions(tx: TrackerHandle): void {
  for (const kind of CONTENT_KINDS) {
    const table = tableOf(kind);
    const unrecorded = tx
      .select({ id: table.id, version: table.version })
      .from(table)
      .where(
        and(
          ofKind(kind),
          notExists(
            tx
              .select({ id: revisions.id })
              .from(revisions)
              .where(and(eq(revisions.entityKind, KINDS[kind].revisionKind), eq(revisions.entityId, table.id))),
          ),
        ),
      )
      .all();
    for (const row of unrecorded) recordEntryRevision(tx, kind, row, null, 'Imported from content/');
  }
}
