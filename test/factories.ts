/**
 * Small factories for rows a test needs beyond the shipped content/. Each writes through the
 * real database (this test file's own temp SQLite) and returns what it made.
 */
import { eq } from 'drizzle-orm';
import { getDb } from '../db/client';
import { citations, claimRelations, claims, claimTopics, entities, sources, topics } from '../db/schema';
import type { CitationRole, ClaimStatus, RelationKind, SourceKind, StatementKind } from '~/domain';

let sequence = 0;
const nextSlug = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(sequence += 1)}`;

function idOf(table: typeof entities | typeof sources | typeof claims | typeof topics, slug: string): number {
  const row = getDb().select({ id: table.id }).from(table).where(eq(table.slug, slug)).get();
  if (!row) throw new Error(`factory: no row with slug "${slug}"`);
  return row.id;
}

export interface SourceInput {
  slug?: string;
  title?: string;
  kind?: SourceKind;
  publisher?: string;
  url?: string | null;
  publishedOn?: string | null;
}

/** A source nothing cites yet. */
export function insertSource(input: SourceInput = {}) {
  const slug = input.slug ?? nextSlug('test-source');
  return getDb()
    .insert(sources)
    .values({
      slug,
      title: input.title ?? `Test source ${slug}`,
      kind: input.kind ?? 'news_report',
      publisherId: input.publisher ? idOf(entities, input.publisher) : null,
      url: input.url ?? null,
      publishedOn: input.publishedOn ?? null,
    })
    .returning()
    .get();
}

export interface ClaimInput {
  slug?: string;
  statement?: string;
  statementKind?: StatementKind;
  status?: ClaimStatus;
  speaker?: string;
  claimedOn?: string | null;
  verdict?: string | null;
  topics?: string[];
  citations?: { source: string; role?: CitationRole; quote?: string; locator?: string }[];
  relations?: { kind: RelationKind; claim: string }[];
}

/** A claim (a draft unless told otherwise) with its topics, citations and relations. */
export function insertClaim(input: ClaimInput = {}) {
  const db = getDb();
  const slug = input.slug ?? nextSlug('test-claim');
  return db.$client.transaction(() => {
    const claim = db
      .insert(claims)
      .values({
        slug,
        statement: input.statement ?? `Test statement ${slug}`,
        statementKind: input.statementKind ?? 'quote',
        status: input.status ?? 'draft',
        speakerId: input.speaker ? idOf(entities, input.speaker) : null,
        claimedOn: input.claimedOn ?? null,
        verdictId: input.verdict ?? null,
      })
      .returning()
      .get();
    for (const topic of input.topics ?? []) {
      db.insert(claimTopics)
        .values({ claimId: claim.id, topicId: idOf(topics, topic) })
        .run();
    }
    (input.citations ?? []).forEach((c, position) =>
      db
        .insert(citations)
        .values({
          claimId: claim.id,
          sourceId: idOf(sources, c.source),
          role: c.role ?? 'reports',
          quote: c.quote ?? null,
          locator: c.locator ?? null,
          position,
        })
        .run(),
    );
    for (const r of input.relations ?? []) {
      db.insert(claimRelations)
        .values({ fromClaimId: claim.id, toClaimId: idOf(claims, r.claim), kind: r.kind })
        .run();
    }
    return claim;
  })();
}

/** Removes a claim made by a factory (its topics, citations and relations go with it). */
export function deleteClaim(slug: string) {
  getDb().delete(claims).where(eq(claims.slug, slug)).run();
}
