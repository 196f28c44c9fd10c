/**
 * Never a duplicate (newsroom trial P1), three ways:
 * - a source whose address has the key of another's (`~/domain/url-key`) is refused: the check is
 *   in validateEntry (entry-form.server.ts), which every create and edit of a source passes
 *   (the new and edit forms, the picker's "Create"), and the key is written on every save;
 * - a new person or organisation whose name is close to an existing one's is held with a warning
 *   until the editor confirms it is a different one (the new-entry route);
 * - "has this been checked before?": the claims most like a statement being typed, published ones
 *   from the readers' engine (its stemming and ranking find a restatement), drafts from the
 *   editor's FTS5 index (they are not in the engine), each with its verdict and status.
 */
import { sql } from 'drizzle-orm';
import { getDb, type TrackerDb } from '../../db/client';
import { parseRef, pathOf, refOf, STATUS_LABELS, type ClaimStatus } from '~/domain';
import { urlKey } from '~/domain/url-key';
import { getSearchEngine } from '../search/index.server';
import {
  NAME_SIMILARITY_THRESHOLD,
  nameSimilarity,
  nameWords,
  statementProfile,
  statementResemblance,
} from '../search/resemblance';
import { SIMILAR_MAX_TEXT } from '../search/similar.server';
import { findEntries } from './entry-search.server';

// ---------------------------------------------------------------------------------------------
// Sources

export interface ExistingSource {
  id: number;
  slug: string;
  title: string;
  /** The existing source's editor page. */
  href: string;
}

/** Another source with the same address key as `url`, or null (also for text that is no address). */
export function findSourceByUrl(url: unknown, exceptId: number | null = null): ExistingSource | null {
  const key = urlKey(url);
  if (key === null) return null;
  const row = getDb().get<{ id: number; slug: string; title: string } | undefined>(
    sql`select id, slug, title from sources where url_key = ${key} and id <> ${exceptId ?? -1} order by id limit 1`,
  );
  return row ? { ...row, href: `/editor/sources/${row.id}` } : null;
}

export function duplicateSourceMessage(existing: ExistingSource): string {
  return `This page is already a source: “${existing.title}” (${existing.href}).`;
}

/**
 * Writes the address key of every source that has an address and no key yet (sources saved
 * before migration 0007). Run at start; idempotent (a second run finds nothing to do, through the
 * `sources_url_key` index); one transaction of prepared updates, about a second for 100,000 rows.
 */
export function backfillSourceUrlKeys(db: TrackerDb = getDb()): number {
  const sqlite = db.$client;
  const rows = sqlite
    .prepare(`select id, url from sources where url_key is null and url is not null and url <> ''`)
    .all() as { id: number; url: string }[];
  if (rows.length === 0) return 0;
  const update = sqlite.prepare('update sources set url_key = ? where id = ?');
  let written = 0;
  sqlite.transaction(() => {
    for (const row of rows) {
      const key = urlKey(row.url);
      if (key !== null) written += update.run(key, row.id).changes;
    }
  })();
  return written;
}

// ---------------------------------------------------------------------------------------------
// People and organisations

export interface SimilarEntity {
  id: number;
  slug: string;
  title: string;
  kind: 'people' | 'organisations';
  /** The entry's editor page. */
  href: string;
  similarity: number;
}

const ENTITY_KINDS = ['people', 'organisations'] as const;

/**
 * People and organisations (both kinds: a person entered as an organisation is a duplicate too)
 * whose names are at least NAME_SIMILARITY_THRESHOLD like `name`, closest first, at most five.
 * Candidates come from the editor's index, one lookup per word of the name (any word may be
 * the one spelled differently) and one for its initials (`FBI`).
 */
export function findSimilarEntities(name: unknown, exceptId: number | null = null): SimilarEntity[] {
  if (typeof name !== 'string' || name.trim() === '') return [];
  const typed = name.slice(0, 300);
  const words = nameWords(typed).filter((w) => w.length >= 2);
  const lookups = [...new Set(words)].slice(0, 6);
  if (words.length >= 2) lookups.push(words.map((w) => w[0]).join(''));
  const single = nameWords(typed);
  if (single.length === 1 && /^[a-z]{2,6}$/.test(single[0])) lookups.push(single[0].split('').join(' '));
  const found = new Map<number, SimilarEntity>();
  for (const kind of ENTITY_KINDS) {
    for (const lookup of lookups) {
      for (const match of findEntries(kind, lookup, 20)) {
        if (match.id === exceptId || found.has(match.id)) continue;
        const similarity = nameSimilarity(typed, match.title);
        if (similarity >= NAME_SIMILARITY_THRESHOLD) {
          found.set(match.id, { ...match, kind, href: `/editor/${kind}/${match.id}`, similarity });
        }
      }
    }
  }
  return [...found.values()].sort((a, b) => b.similarity - a.similarity).slice(0, 5);
}

// ---------------------------------------------------------------------------------------------
// Claims: "has this been checked before?"

export interface SimilarClaim {
  id: number;
  slug: string;
  statement: string;
  speaker: string | null;
  claimedOn: string | null;
  verdict: { id: string; label: string } | null;
  status: ClaimStatus;
  /** "Published", "Retracted", or "In progress" for a draft ("Declined" when the desk declined it). */
  statusLabel: string;
  /** Where it is read: the public page, or the editor's page for a draft. */
  href: string;
  /** 0..1: how alike the statements are. */
  resemblance: number;
}

/** Below this resemblance a claim is not offered: it shares a subject, not a statement. */
export const MIN_RESEMBLANCE = 0.3;
const MAX_SIMILAR = 10;

export interface SimilarQuery {
  statement: unknown;
  /** The speaker as the form holds it (an id) or as a URL names it (a slug); anything else is ignored. */
  speaker?: unknown;
  /** The claim being edited, never offered as its own duplicate. */
  excludeId?: number | null;
  limit?: number;
}

function speakerOf(speaker: unknown): { id: number | null; slug: string | null } {
  if (typeof speaker !== 'string' || speaker === '' || speaker.length > 120) return { id: null, slug: null };
  const db = getDb();
  const row = /^\d{1,12}$/.test(speaker)
    ? db.get<{ id: number; slug: string } | undefined>(sql`select id, slug from entities where id = ${Number(speaker)}`)
    : /^[a-z0-9-]+$/.test(speaker)
      ? db.get<{ id: number; slug: string } | undefined>(sql`select id, slug from entities where slug = ${speaker}`)
      : undefined;
  return row ? { id: row.id, slug: row.slug } : { id: null, slug: null };
}

/** The most words, and about the most matching rows, the drafts' FTS5 query may cost. */
const DRAFT_TERMS = 8;
const DRAFT_POSTINGS = 20_000;

/**
 * An FTS5 query for drafts like the statement: its rarest stems (rarity as the public index
 * counts it), each a prefix (`deni`* finds denied, denies), any of them (OR), within a budget of
 * rows so that a statement of only common words stays fast. Letters and digits only reach FTS5,
 * quoted, so nothing typed is FTS5 syntax.
 */
function draftQuery(stems: { stem: string; df: number }[]): string | null {
  const terms: string[] = [];
  let postings = 0;
  for (const { stem, df } of stems) {
    if (terms.length >= 2 && postings + df > DRAFT_POSTINGS) break;
    postings += df;
    terms.push(stem.length >= 3 ? `"${stem}"*` : `"${stem}"`);
  }
  return terms.length > 0 ? `statement : (${terms.join(' OR ')})` : null;
}

interface ClaimRow {
  id: number;
  slug: string;
  statement: string;
  status: ClaimStatus;
  deskState: string;
  speaker: string | null;
  speakerId: number | null;
  claimedOn: string | null;
  verdictId: string | null;
  verdictLabel: string | null;
}

const CLAIM_COLUMNS = sql`c.id, c.slug, c.statement, c.status, c.desk_state as deskState, e.name as speaker,
  c.speaker_id as speakerId, c.claimed_on as claimedOn, c.verdict_id as verdictId, v.label as verdictLabel`;

function toSimilarClaim(row: ClaimRow, resemblance: number): SimilarClaim {
  const draft = row.status === 'draft';
  return {
    id: row.id,
    slug: row.slug,
    statement: row.statement,
    speaker: row.speaker,
    claimedOn: row.claimedOn,
    verdict: row.verdictId ? { id: row.verdictId, label: row.verdictLabel ?? row.verdictId } : null,
    status: row.status,
    statusLabel: draft ? (row.deskState === 'declined' ? 'Declined' : 'In progress') : STATUS_LABELS[row.status],
    href: draft ? `/editor/claims/${row.id}` : pathOf('claims', row.slug),
    resemblance,
  };
}

/**
 * The claims most like a statement, at most `limit` (5; 10 at most), closest first: published and
 * retracted ones from the readers' engine (SearchEngine#similar), drafts from the editor's index,
 * the speaker's own claims a little ahead. Only claims that resemble it at least MIN_RESEMBLANCE.
 */
export function findSimilarClaims(query: SimilarQuery): SimilarClaim[] {
  if (typeof query.statement !== 'string') return [];
  const text = query.statement.slice(0, SIMILAR_MAX_TEXT);
  const limit = Math.max(1, Math.min(query.limit ?? 5, MAX_SIMILAR));
  const speaker = speakerOf(query.speaker);
  const excludeId = query.excludeId ?? null;
  const db = getDb();
  const scored: { id: number; score: number; resemblance: number }[] = [];

  const { engine } = getSearchEngine();
  const hits = engine.similar(text, {
    speakerSlug: speaker.slug,
    limit,
    excludeRefs: excludeId === null ? [] : [refOf('claims', excludeId)],
  });
  for (const hit of hits) {
    const id = parseRef(hit.ref)?.id;
    if (id !== undefined && hit.resemblance >= MIN_RESEMBLANCE)
      scored.push({ id, score: hit.score, resemblance: hit.resemblance });
  }

  const match = draftQuery(engine.significantStems(text, DRAFT_TERMS).filter((t) => /^[\p{L}\p{N}]+$/u.test(t.stem)));
  if (match !== null) {
    const profile = statementProfile(text);
    const drafts = db.all<{ id: number; statement: string; speakerId: number | null }>(
      sql`select c.id, c.statement, c.speaker_id as speakerId from claims_fts f join claims c on c.id = f.rowid
          where claims_fts match ${match} and c.status = 'draft' and c.id <> ${excludeId ?? -1}
          order by bm25(claims_fts) limit 50`,
    );
    for (const draft of drafts) {
      const resemblance = statementResemblance(profile, statementProfile(draft.statement));
      if (resemblance < MIN_RESEMBLANCE) continue;
      const bonus = speaker.id !== null && draft.speakerId === speaker.id ? 0.05 : 0;
      scored.push({ id: draft.id, score: resemblance + bonus, resemblance });
    }
  }

  scored.sort((a, b) => b.score - a.score);
  const top = scored.slice(0, limit);
  if (top.length === 0) return [];
  const ids = sql.join(
    top.map((t) => sql`${t.id}`),
    sql`, `,
  );
  const rows = new Map(
    db
      .all<ClaimRow>(
        sql`select ${CLAIM_COLUMNS} from claims c left join entities e on e.id = c.speaker_id
            left join verdicts v on v.id = c.verdict_id where c.id in (${ids})`,
      )
      .map((r) => [r.id, r]),
  );
  return top.flatMap((t) => {
    const row = rows.get(t.id);
    return row ? [toSimilarClaim(row, t.resemblance)] : [];
  });
}
