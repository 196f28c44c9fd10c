/**
 * One loaded shard: scoring, prefix and typo expansion, and the lookups the engine needs, all
 * straight on the shard's typed arrays (shard-format.server.ts). The scorer is our own code; it
 * reproduces lunr's ranking (test/unit/search-scorer.test.ts checks it against a real
 * lunr.Index#query), but builds no lunr object per term or matching document. The only lunr
 * object kept is a TokenSet (a trie of the vocabulary) for expansion.
 */
import lunr from 'lunr';
import { FIELD_COUNT, INDEX_FIELDS, type DocMeta, type IndexField, type SerializedShard } from './shard-format.server';

const MAX_EXPANSIONS = 12;

/**
 * One word of a query, for one shard: the word matches a document when one of its alternatives
 * does, and an alternative is a list of stems that must all be present (in any of `fields`):
 * `[["backdoor"], ["back", "door"]]`, or a prefix's completions `[["huawei"], ["huawa"]]`.
 */
export interface QueryGroup {
  alternatives: string[][];
  fields: IndexField[];
  required: boolean;
  /** Boost of the first alternative (the word itself); the others get 1. */
  boost: number;
}

// (@types/lunr does not declare TokenSet's static builders, which lunr 2.3 has.)
const tokenSets = lunr.TokenSet as unknown as {
  fromArray(terms: string[]): lunr.TokenSet;
  fromString(t: string): lunr.TokenSet;
  fromFuzzyString(t: string, d: number): lunr.TokenSet;
};

export class SearchShard {
  readonly meta = new Map<string, DocMeta>();
  readonly surface: Record<string, string>;
  readonly size: number;
  private frequency = new Map<string, number>();
  private termIndex: Map<string, number>;
  private refs: string[];
  private vocabulary: lunr.TokenSet;
  private stemOfSurface = new Map<string, string>();
  private expansions = new Map<string, string[]>();
  /** Which word lengths the vocabulary has: a word can only be within d edits of one d letters longer or shorter. */
  private lengths = new Set<number>();

  constructor(private data: SerializedShard) {
    for (const m of data.meta) this.meta.set(m.ref, m);
    this.surface = data.surface;
    this.size = data.meta.length;
    this.refs = data.meta.map((m) => m.ref);
    this.termIndex = new Map(data.terms.map((term, i) => [term, i]));
    for (const [word, stemmed] of Object.entries(data.variants)) {
      if (this.termIndex.has(stemmed)) this.stemOfSurface.set(word, stemmed);
    }
    // Stems and whole words in one trie, so a typo can reach a word whose stem is far from it.
    const words = [...new Set([...data.terms, ...this.stemOfSurface.keys()])].sort();
    for (const word of words) this.lengths.add(word.length);
    this.vocabulary = tokenSets.fromArray(words);
  }

  /**
   * Runs clauses of exact stems with lunr's scoring, straight on the typed arrays: a document
   * must hold every required stem (in any of the clause's fields), and its score is, per field,
   * the dot product of the query vector with lunr's stored document vector divided by the query
   * vector's magnitude (lunr.Vector#similarity), summed over fields: the same ranking as
   * lunr.Index#query on the same index, without building a lunr object per matching document.
   */
  query(
    groups: QueryGroup[],
    accept: (ordinal: number) => boolean = () => true,
    limit = Infinity,
  ): { results: { ref: string; score: number; ordinal: number }[]; total: number } {
    const n = this.size;
    const queryWeights = INDEX_FIELDS.map(() => new Map<number, number>());
    const required: { alternatives: number[][]; fields: number[] }[] = [];
    for (const g of groups) {
      const fields = g.fields.map((field) => INDEX_FIELDS.indexOf(field));
      const alternatives = g.alternatives
        .map((alt) => alt.map((term) => this.termIndex.get(term)))
        .filter((alt): alt is number[] => alt.length > 0 && alt.every((t) => t !== undefined));
      if (alternatives.length === 0) {
        if (g.required) return { results: [], total: 0 };
        continue;
      }
      alternatives.forEach((alt, i) => {
        for (const t of alt) {
          for (const f of fields) queryWeights[f].set(t, (queryWeights[f].get(t) ?? 0) + (i === 0 ? g.boost : 1));
        }
      });
      if (g.required) required.push({ alternatives, fields });
    }
    let allowed: Uint8Array | null = null;
    if (required.length > 0) {
      const satisfiedGroups = new Uint16Array(n);
      const satisfied = new Uint8Array(n);
      const counts = new Uint8Array(n);
      const stamp = new Int32Array(n);
      let stampValue = 0;
      for (const group of required) {
        satisfied.fill(0);
        for (const alt of group.alternatives) {
          counts.fill(0);
          for (const t of alt) {
            stampValue += 1;
            for (const f of group.fields) {
              const from = this.data.postingStart[t * FIELD_COUNT + f];
              const to = this.data.postingStart[t * FIELD_COUNT + f + 1];
              for (let p = from; p < to; p++) {
                const d = this.data.postingDocs[p];
                if (stamp[d] !== stampValue) {
                  stamp[d] = stampValue;
                  counts[d] += 1;
                  if (counts[d] === alt.length) satisfied[d] = 1;
                }
              }
            }
          }
        }
        for (let d = 0; d < n; d++) satisfiedGroups[d] += satisfied[d];
      }
      allowed = new Uint8Array(n);
      for (let d = 0; d < n; d++) if (satisfiedGroups[d] === required.length) allowed[d] = 1;
    }
    const magnitude = queryWeights.map((weights) => {
      let sum = 0;
      for (const w of weights.values()) sum += w * w;
      return Math.sqrt(sum);
    });
    const scores = new Float64Array(n);
    const hit = new Uint8Array(n);
    queryWeights.forEach((weights, f) => {
      for (const [t, boost] of weights) {
        const from = this.data.postingStart[t * FIELD_COUNT + f];
        const to = this.data.postingStart[t * FIELD_COUNT + f + 1];
        for (let p = from; p < to; p++) {
          const d = this.data.postingDocs[p];
          if (allowed && !allowed[d]) continue;
          hit[d] = 1;
          scores[d] += (boost * this.weight(d, f, t)) / magnitude[f];
        }
      }
    });
    const accepted: number[] = [];
    for (let d = 0; d < n; d++) if (hit[d] && accept(d)) accepted.push(d);
    accepted.sort((a, b) => scores[b] - scores[a]);
    const top = accepted.length > limit ? accepted.slice(0, limit) : accepted;
    return {
      results: top.map((d) => ({ ref: this.refs[d], score: scores[d], ordinal: d })),
      total: accepted.length,
    };
  }

  /** Some indexed words of middling length, for warming up. */
  sampleTerms(count: number): string[] {
    const step = Math.max(1, Math.floor(this.data.terms.length / (count + 1)));
    const out: string[] = [];
    for (let i = step; i < this.data.terms.length && out.length < count; i += step) {
      const word = this.surface[this.data.terms[i]] ?? this.data.terms[i];
      if (word.length >= 4) out.push(word);
    }
    return out;
  }

  metaAt(ordinal: number): DocMeta {
    return this.data.meta[ordinal];
  }

  /** lunr's stored weight of stem t in field f of document d (0 if absent). */
  private weight(d: number, f: number, t: number): number {
    let lo = this.data.vectorStart[d * FIELD_COUNT + f];
    let hi = this.data.vectorStart[d * FIELD_COUNT + f + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const value = this.data.vectorTerms[mid];
      if (value === t) return this.data.vectorScores[mid];
      if (value < t) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /** Which of these stems document d contains (for highlighting). */
  matchedTerms(ordinal: number, terms: string[]): string[] {
    return terms.filter((term) => {
      const t = this.termIndex.get(term);
      return t !== undefined && INDEX_FIELDS.some((_, f) => this.weight(ordinal, f, t) !== 0);
    });
  }

  /** How many documents contain a stem in any field (cached). */
  documentFrequency(term: string): number {
    let n = this.frequency.get(term);
    if (n === undefined) {
      const t = this.termIndex.get(term);
      const docs = new Set<number>();
      if (t !== undefined) {
        const from = this.data.postingStart[t * FIELD_COUNT];
        const to = this.data.postingStart[(t + 1) * FIELD_COUNT];
        for (let k = from; k < to; k++) docs.add(this.data.postingDocs[k]);
      }
      n = docs.size;
      this.frequency.set(term, n);
    }
    return n;
  }

  has(term: string): boolean {
    return this.termIndex.has(term);
  }

  /**
   * Indexed stems whose stem or whole word starts with `term` (distance 0) or lies within
   * `distance` edits of it, at most MAX_EXPANSIONS, closest first. Matching whole words as well
   * as stems lets `indictmnet` reach `indictment` (stem `indict`). lunr's own wildcard and fuzzy
   * clauses use every expansion, and a prefix like `tion` has thousands: that is where its
   * multi-second queries come from.
   */
  expand(term: string, distance: number): string[] {
    const key = `${distance}:${term}`;
    let list = this.expansions.get(key);
    if (!list && distance > 0 && !this.hasLengthNear(term.length, distance)) list = [];
    if (!list) {
      const probe = distance === 0 ? tokenSets.fromString(`${term}*`) : tokenSets.fromFuzzyString(term, distance);
      const stems = new Set<string>();
      const words = this.vocabulary
        .intersect(probe)
        .toArray()
        .sort((a, b) => Math.abs(a.length - term.length) - Math.abs(b.length - term.length) || a.localeCompare(b));
      for (const word of words) {
        const s = this.termIndex.has(word) ? word : this.stemOfSurface.get(word);
        if (s !== undefined) stems.add(s);
        if (stems.size >= MAX_EXPANSIONS) break;
      }
      list = [...stems];
      if (this.expansions.size > 5000) this.expansions.clear();
      this.expansions.set(key, list);
    }
    return list;
  }

  private hasLengthNear(length: number, distance: number): boolean {
    for (let l = Math.max(1, length - distance); l <= length + distance; l += 1) if (this.lengths.has(l)) return true;
    return false;
  }
}
