/**
 * The search engine: a set of shards plus a small delta, queried together
 * (docs/decisions/0002-search.md). Analysis is in analysis.ts, the shard format and build in
 * shard-format.server.ts, scoring and expansion in shard.server.ts, filters in filters.ts.
 *
 * - A query becomes word groups per shard (clausesFor): AND first, with compound splits and the
 *   last word as a bounded prefix; when nothing matches, an OR pass over near spellings, and a
 *   "did you mean". Every expansion is chosen and capped here; lunr's query parser, wildcards and
 *   fuzzy clauses are never used.
 * - No positions are stored: each hit carries the stems it matched (SearchShard#matchedTerms),
 *   and the snippet highlighter (snippet.ts) marks the words with those stems.
 * - Edits go to a small delta shard searched beside the main shards, its scores damped (a small
 *   index gives rare words too high an idf); the edited documents are hidden in the main shards
 *   until the next full rebuild.
 */
import { isStopWord, stem, splitCompound } from './analysis';
import { matchesFilters, type SearchFilters } from './filters';
import { parseQuery, typoAllowance, type ParsedQuery, type SearchKind } from './query';
import {
  buildShard,
  INDEX_FIELDS,
  type DocMeta,
  type IndexField,
  type SearchDocument,
  type SerializedShard,
} from './shard-format.server';
import { SearchShard, type QueryGroup } from './shard.server';
import { findSimilar, significantStems, type SimilarHit, type SimilarOptions } from './similar.server';

// Re-exported for app/models/search.server.ts, which imports `stem` from here; it can import it
// from ./analysis directly and this line can then go.

export const MAX_CANDIDATES = 500;
/**
 * The work budget of a query's typo pass: about this many (word, shard) expansions in all, so a
 * query costs the same at 1 shard or 30. The longest unknown words are expanded first (they say
 * most); the rest must match as typed. A deadline stops any expansion still to come.
 */
const FUZZY_EXPANSIONS = 32;
const FUZZY_DEADLINE_MS = 30;
const DELTA_DAMPING = 0.6;
/** Claims are what readers come for; among equal matches they rank first. */
const KIND_WEIGHT: Record<SearchKind, number> = {
  claim: 2.5,
  case: 1.5,
  person: 1,
  organisation: 1,
  source: 1,
  topic: 1,
};

export interface SearchHit {
  ref: string;
  score: number;
  meta: DocMeta;
  /** Stems that matched, for highlighting. */
  matchedTerms: string[];
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  counts: Record<SearchKind, number>;
  fuzzy: boolean;
  suggestion: string | null;
  tookMs: number;
}

interface FuzzyBudget {
  words: Set<string>;
  /** The longest unknown word: always expanded, so a one-typo query answers the same on a busy machine. */
  first: string | null;
  deadline: number;
}

const affordableWord = (budget: FuzzyBudget, word: string) =>
  budget.words.has(word) && (word === budget.first || performance.now() < budget.deadline);

const emptyCounts = (): Record<SearchKind, number> => ({
  claim: 0,
  person: 0,
  organisation: 0,
  source: 0,
  case: 0,
  topic: 0,
});

export class SearchEngine {
  private shards: SearchShard[] = [];
  private delta: SearchShard | null = null;
  private deltaDocs = new Map<string, SearchDocument>();
  private hidden = new Set<string>();
  dataVersion = 0;

  get documentCount(): number {
    return this.shards.reduce((n, s) => n + s.size, 0);
  }

  /** Replaces the main shards (after a full build or load); clears the delta. */
  setShards(serialized: SerializedShard[], dataVersion: number): void {
    this.shards = serialized.map((s) => new SearchShard(s));
    this.delta = null;
    this.deltaDocs.clear();
    this.hidden.clear();
    this.dataVersion = dataVersion;
  }

  /** Adds one already-parsed shard (used while loading shard by shard). */
  pushShard(serialized: SerializedShard): void {
    this.shards.push(new SearchShard(serialized));
  }

  /**
   * Runs a few queries of each kind (exact, two words, prefix, typo) so the JIT has compiled the
   * query path before the first reader's search; part of start-up, not of a request.
   */
  warmUp(): void {
    const sample = this.shards[0]?.sampleTerms(6) ?? [];
    for (const term of sample) {
      for (const q of [term, `${term} ${sample[0]}`, term.slice(0, 3), `${term}x`]) this.search(parseQuery(q));
    }
  }

  /** Makes edits searchable now: changed documents go to the delta, removed ones are hidden. */
  applyChanges(changed: SearchDocument[], removedRefs: string[], dataVersion: number): void {
    for (const ref of removedRefs) {
      this.hidden.add(ref);
      this.deltaDocs.delete(ref);
    }
    for (const doc of changed) {
      this.hidden.add(doc.ref);
      this.deltaDocs.set(doc.ref, doc);
    }
    this.delta = this.deltaDocs.size > 0 ? new SearchShard(buildShard([...this.deltaDocs.values()])) : null;
    this.dataVersion = dataVersion;
  }

  get deltaSize(): number {
    return this.deltaDocs.size;
  }

  search(query: ParsedQuery, filters: SearchFilters = {}, limit = MAX_CANDIDATES): SearchResult {
    const started = performance.now();
    const allFilters: SearchFilters = {
      ...filters,
      kinds: [...(filters.kinds ?? []), ...query.kinds],
      verdicts: [...(filters.verdicts ?? []), ...query.verdicts],
    };
    let fuzzy = false;
    let outcome: { hits: SearchHit[]; total: number; counts: Record<SearchKind, number> };
    if (query.terms.length === 0) {
      const hits = this.browse(allFilters, limit);
      const counts = emptyCounts();
      for (const h of hits) counts[h.meta.kind] += 1;
      outcome = { hits, total: hits.length, counts };
    } else {
      outcome = this.run(query, allFilters, null, limit);
      if (outcome.hits.length === 0) {
        const budget = this.fuzzyBudget(query, started);
        outcome = this.run(query, allFilters, budget, limit);
        fuzzy = outcome.hits.length > 0;
      }
    }
    const suggestion =
      outcome.hits.length === 0 || fuzzy ? this.suggest(query, this.fuzzyBudget(query, performance.now())) : null;
    return { ...outcome, fuzzy, suggestion, tookMs: performance.now() - started };
  }

  /**
   * "Has this been checked before?": the published claims most like a statement, however it was
   * restated (an OR query over its significant words, then ordered by resemblance; similar.server.ts).
   */
  similar(text: string, options: SimilarOptions = {}): SimilarHit[] {
    return findSimilar(this.allShards(), this.hidden, text, options);
  }

  /** A statement's `count` most significant stems, rarest first (for matching drafts, which are not here). */
  significantStems(text: string, count: number): { stem: string; df: number }[] {
    return significantStems(this.allShards(), text, count);
  }

  /** The words the typo pass may expand in every shard, and the time it must stop by. */
  private fuzzyBudget(query: ParsedQuery, started: number): FuzzyBudget {
    const shards = this.allShards().map((x) => x.shard);
    const unknown = [...new Set(query.terms.map((t) => t.word))]
      .filter((w) => typoAllowance(w) > 0 && !shards.some((shard) => shard.has(stem(w))))
      .sort((a, b) => b.length - a.length);
    const words = Math.max(1, Math.floor(FUZZY_EXPANSIONS / Math.max(1, shards.length)));
    return {
      words: new Set(unknown.slice(0, words)),
      first: unknown[0] ?? null,
      deadline: started + FUZZY_DEADLINE_MS,
    };
  }

  private allShards(): { shard: SearchShard; damping: number; isDelta: boolean }[] {
    const list = this.shards.map((shard) => ({ shard, damping: 1, isDelta: false }));
    if (this.delta) list.push({ shard: this.delta, damping: DELTA_DAMPING, isDelta: true });
    return list;
  }

  /**
   * One query → groups for one shard. Exact pass: every word is required (AND); a word matches
   * its stem, or as two indexed words (`backdoor` ~ `back door`); the last word, which may still
   * be being typed, matches as a prefix too. Fuzzy pass: each word or its nearest spellings,
   * optional (OR). Every expansion is chosen and capped here; lunr never expands a wildcard.
   */
  private clausesFor(query: ParsedQuery, shard: SearchShard, fuzzy: FuzzyBudget | null): QueryGroup[] | null {
    const groups: QueryGroup[] = [];
    const content = query.terms.filter((t) => !isStopWord(t.word));
    const terms = content.length > 0 ? content : query.terms;
    const lastIndex = terms.length - 1;
    const common = shard.size >= 200 ? shard.size * 0.5 : Infinity;
    for (const [i, t] of terms.entries()) {
      const s = stem(t.word);
      const fields: IndexField[] = t.field ? [t.field] : INDEX_FIELDS;
      const exact = shard.has(s);
      if (fuzzy) {
        const affordable = affordableWord(fuzzy, t.word);
        const near = exact ? [s] : affordable ? shard.expand(t.word, typoAllowance(t.word)) : [];
        if (near.length > 0) groups.push({ alternatives: near.map((x) => [x]), fields, required: false, boost: 2 });
        continue;
      }
      // A very common word adds cost, not signal, when rarer words are present.
      if (exact && terms.length > 1 && !t.field && shard.documentFrequency(s) > common) continue;
      const alternatives: string[][] = exact ? [[s]] : [];
      let splits = 0;
      for (const parts of splitCompound(t.word)) {
        const stems = parts.map(stem);
        if (splits < 2 && stems.every((p) => shard.has(p) && !isStopWord(p))) {
          alternatives.push(stems);
          splits += 1;
        }
      }
      if (i === lastIndex && t.word.length >= 3) {
        for (const completion of shard.expand(t.word, 0)) {
          if (completion !== s) alternatives.push([completion]);
        }
      }
      if (alternatives.length === 0) return null; // a required word this shard has never seen
      groups.push({ alternatives, fields, required: true, boost: 2 });
    }
    return groups.length > 0 ? groups : null;
  }

  private run(
    query: ParsedQuery,
    filters: SearchFilters,
    fuzzy: FuzzyBudget | null,
    limit: number,
  ): { hits: SearchHit[]; total: number; counts: Record<SearchKind, number> } {
    const found: { hit: SearchHit; shard: SearchShard; ordinal: number; terms: string[] }[] = [];
    const counts = emptyCounts();
    let total = 0;
    for (const { shard, damping, isDelta } of this.allShards()) {
      const groups = this.clausesFor(query, shard, fuzzy);
      if (!groups) continue;
      const terms = [...new Set(groups.flatMap((g) => g.alternatives.flat()))];
      // Filters and hidden (edited) entries are applied while scoring, so counts are exact and
      // only the best `limit` of each shard become objects.
      const accept = (ordinal: number) => {
        const meta = shard.metaAt(ordinal);
        if ((!isDelta && this.hidden.has(meta.ref)) || !matchesFilters(meta, filters)) return false;
        counts[meta.kind] += 1;
        return true;
      };
      const { results, total: shardTotal } = shard.query(groups, accept, limit);
      total += shardTotal;
      for (const r of results) {
        const meta = shard.metaAt(r.ordinal);
        const hit = { ref: r.ref, score: r.score * damping * KIND_WEIGHT[meta.kind], meta, matchedTerms: [] };
        found.push({ hit, shard, ordinal: r.ordinal, terms });
      }
    }
    found.sort((a, b) => b.hit.score - a.hit.score);
    // Matched words are only needed for what can be shown.
    const hits = found.slice(0, limit).map(({ hit, shard, ordinal, terms }) => ({
      ...hit,
      matchedTerms: shard.matchedTerms(ordinal, terms),
    }));
    return { hits, total, counts };
  }

  /** No words, only filters: list matching entries, newest first. */
  private browse(filters: SearchFilters, limit: number): SearchHit[] {
    const hasFilter =
      (filters.kinds?.length ?? 0) > 0 ||
      (filters.verdicts?.length ?? 0) > 0 ||
      Boolean(filters.topic || filters.speaker || filters.from || filters.to);
    if (!hasFilter) return [];
    const hits: SearchHit[] = [];
    for (const { shard, isDelta } of this.allShards()) {
      for (const meta of shard.meta.values()) {
        if (!isDelta && this.hidden.has(meta.ref)) continue;
        if (matchesFilters(meta, filters)) hits.push({ ref: meta.ref, score: 0, meta, matchedTerms: [] });
      }
    }
    hits.sort((a, b) => (b.meta.date ?? '').localeCompare(a.meta.date ?? ''));
    return hits.slice(0, limit);
  }

  /** "Did you mean": each unknown word replaced by the most common indexed word near it. */
  private suggest(query: ParsedQuery, budget: FuzzyBudget): string | null {
    if (query.terms.length === 0 || this.shards.length === 0) return null;
    let changed = false;
    const shards = this.allShards().map((x) => x.shard);
    const words = query.terms.map((t) => {
      const s = stem(t.word);
      if (shards.some((shard) => shard.has(s))) return t.word;
      if (!affordableWord(budget, t.word)) return t.word;
      const distance = Math.max(1, typoAllowance(t.word));
      let best: { word: string; frequency: number } | null = null;
      for (const shard of shards.slice(0, 3)) {
        for (const term of shard.expand(t.word, distance)) {
          const frequency = shard.documentFrequency(term);
          if (!best || frequency > best.frequency) best = { word: shard.surface[term] ?? term, frequency };
        }
      }
      if (!best) return t.word;
      changed = true;
      return best.word;
    });
    return changed ? words.join(' ') : null;
  }
}
