/**
 * The search engine: lunr made to scale (docs/decisions/0002-search.md).
 *
 * - We tokenise and stem ourselves and hand lunr finished stems (empty pipelines), so index and
 *   query agree exactly and lunr's query parser is never involved.
 * - Documents are split into shards of SHARD_SIZE: each serialises to a modest JSON string, can
 *   be rebuilt or loaded on its own, and stays far below Node's string-length limit.
 * - Long text (analysis, quotes) is pruned: stems that occur in more than BODY_PRUNE_RATIO of a
 *   shard's documents carry almost no ranking signal and dominate index size and query time.
 * - No position metadata is stored; matched stems come back in lunr's matchData and the snippet
 *   highlighter marks words with those stems.
 * - Edits go to a small delta index searched beside the main shards; the edited documents are
 *   hidden in the main shards until the next full rebuild.
 */
import lunr from 'lunr';
import { parseQuery, splitWords, typoAllowance, type ParsedQuery, type SearchKind } from './query';

export const SHARD_SIZE = 5000;
export const BODY_PRUNE_RATIO = 0.2;
export const MAX_CANDIDATES = 500;
const DELTA_DAMPING = 0.6;
const MAX_EXPANSIONS = 12;
/** Claims are what readers come for; among equal matches they rank first. */
const KIND_WEIGHT: Record<SearchKind, number> = {
  claim: 2.5,
  case: 1.5,
  person: 1,
  organisation: 1,
  source: 1,
  topic: 1,
};
const FIELD_BOOSTS = { title: 4, speaker: 3, topics: 2, body: 1 } as const;
type IndexField = keyof typeof FIELD_BOOSTS;
const INDEX_FIELDS = Object.keys(FIELD_BOOSTS) as IndexField[];

export interface SearchDocument {
  ref: string;
  kind: SearchKind;
  slug: string;
  title: string;
  speaker: string;
  topics: string;
  body: string;
  /** A claim's quoted words from its sources: indexed with the statement, as strongly. */
  quotes?: string;
  verdict?: string | null;
  topicSlugs?: string[];
  speakerSlug?: string | null;
  date?: string | null;
}

export type DocMeta = Omit<SearchDocument, 'speaker' | 'topics' | 'body' | 'quotes'>;

/**
 * A shard in compact form: postings and document vectors in typed arrays (saved as one binary
 * file), so loading is a read, not a JSON.parse of millions of small objects. lunr's own
 * objects are made on demand for the terms and documents a query touches.
 */
export interface SerializedShard {
  meta: DocMeta[];
  /** stem → a word that produced it, for "did you mean". */
  surface: Record<string, string>;
  /** Every indexed word that differs from its stem → its stem, for typo matching. */
  variants: Record<string, string>;
  /** Stems; a stem's position is its lunr term index. */
  terms: string[];
  /** Docs of term t in field f: postingDocs[postingStart[t*F+f] .. postingStart[t*F+f+1]). */
  postingStart: Uint32Array;
  postingDocs: Uint32Array;
  /** Vector of doc d, field f: (vectorTerms, vectorScores)[vectorStart[d*F+f] .. vectorStart[d*F+f+1]). */
  vectorStart: Uint32Array;
  vectorTerms: Uint32Array;
  vectorScores: Float32Array;
}

export const BINARY_PARTS = ['postingStart', 'postingDocs', 'vectorStart', 'vectorTerms', 'vectorScores'] as const;
const FIELD_COUNT = INDEX_FIELDS.length;

const stopWords = new Set(
  'a an and are as at be but by for if in into is it its no not of on or such that the their then there these they this to was will with from has have had he she his her we our you your i me my were been being which who whom what when where why how than too very can just do does did so also about after before over under'.split(
    ' ',
  ),
);

const stemCache = new Map<string, string>();
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = /^\d+$/.test(word) ? word : (lunr.stemmer(new lunr.Token(word, {})) as unknown as lunr.Token).toString();
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/** Ways to read a run-together word as two words of 3+ letters: `backdoor` → back + door. */
export function splitCompound(word: string): string[][] {
  if (word.length < 7 || /\d/.test(word)) return [];
  const splits: string[][] = [];
  for (let i = 3; i <= word.length - 3; i++) splits.push([word.slice(0, i), word.slice(i)]);
  return splits;
}

export function isStopWord(word: string): boolean {
  return stopWords.has(word);
}

/** Text → stems as indexed (stop words dropped). */
export function analyse(text: string): string[] {
  const out: string[] = [];
  for (const w of splitWords(text)) if (!stopWords.has(w)) out.push(stem(w));
  return out;
}

function tokensOf(value: unknown): lunr.Token[] {
  if (!Array.isArray(value)) return [];
  return (value as string[]).map((s) => new lunr.Token(s, {}));
}

/** Builds one shard from documents. Pure CPU work: run it in a worker for large corpora. */
export function buildShard(docs: SearchDocument[]): SerializedShard {
  const surface: Record<string, string> = {};
  const variants: Record<string, string> = {};
  const analysed = docs.map((d) => {
    const fields: Record<IndexField, string[]> = { title: [], speaker: [], topics: [], body: [] };
    for (const field of INDEX_FIELDS) {
      const text = field === 'title' && d.quotes ? `${d.title} ${d.quotes}` : d[field];
      for (const w of splitWords(text)) {
        if (stopWords.has(w)) continue;
        const s = stem(w);
        fields[field].push(s);
        if (!(s in surface) || w.length < surface[s].length) surface[s] = w;
        if (w !== s) variants[w] = s;
      }
    }
    fields.body = [...new Set(fields.body)];
    return fields;
  });
  // Document frequency of body stems; the most common ones are pruned from the body field.
  const bodyFrequency = new Map<string, number>();
  for (const f of analysed) for (const s of f.body) bodyFrequency.set(s, (bodyFrequency.get(s) ?? 0) + 1);
  const limit = docs.length >= 200 ? Math.max(20, docs.length * BODY_PRUNE_RATIO) : Infinity;

  const builder = new lunr.Builder();
  builder.pipeline.reset();
  builder.searchPipeline.reset();
  builder.tokenizer = tokensOf as unknown as typeof lunr.tokenizer;
  builder.ref('ref');
  for (const field of INDEX_FIELDS) builder.field(field, { boost: FIELD_BOOSTS[field] });
  docs.forEach((d, i) => {
    const f = analysed[i];
    builder.add({
      ref: d.ref,
      title: f.title,
      speaker: f.speaker,
      topics: f.topics,
      body: f.body.filter((s) => (bodyFrequency.get(s) ?? 0) <= limit),
    });
  });
  const index = builder.build() as unknown as {
    invertedIndex: Record<string, Record<string, Record<string, object>> & { _index: number }>;
    fieldVectors: Record<string, { elements: number[] }>;
  };

  const ordinal = new Map(docs.map((d, i) => [d.ref, i]));
  const terms: string[] = [];
  for (const [term, posting] of Object.entries(index.invertedIndex)) terms[posting._index] = term;
  const postingStart = new Uint32Array(terms.length * FIELD_COUNT + 1);
  const postingList: number[] = [];
  terms.forEach((term, t) => {
    const posting = index.invertedIndex[term];
    INDEX_FIELDS.forEach((field, f) => {
      postingStart[t * FIELD_COUNT + f] = postingList.length;
      for (const ref of Object.keys(posting[field] ?? {})) postingList.push(ordinal.get(ref)!);
    });
  });
  postingStart[terms.length * FIELD_COUNT] = postingList.length;

  const vectorStart = new Uint32Array(docs.length * FIELD_COUNT + 1);
  const vectorTermList: number[] = [];
  const vectorScoreList: number[] = [];
  docs.forEach((d, i) => {
    INDEX_FIELDS.forEach((field, f) => {
      vectorStart[i * FIELD_COUNT + f] = vectorTermList.length;
      const elements = index.fieldVectors[`${field}/${d.ref}`]?.elements ?? [];
      for (let k = 0; k < elements.length; k += 2) {
        vectorTermList.push(elements[k]);
        vectorScoreList.push(elements[k + 1]);
      }
    });
  });
  vectorStart[docs.length * FIELD_COUNT] = vectorTermList.length;

  return {
    meta: docs.map(({ ref, kind, slug, title, verdict, topicSlugs, speakerSlug, date }) => ({
      ref,
      kind,
      slug,
      title,
      verdict: verdict ?? null,
      topicSlugs: topicSlugs ?? [],
      speakerSlug: speakerSlug ?? null,
      date: date ?? null,
    })),
    surface,
    variants,
    terms,
    postingStart,
    postingDocs: Uint32Array.from(postingList),
    vectorStart,
    vectorTerms: Uint32Array.from(vectorTermList),
    vectorScores: Float32Array.from(vectorScoreList),
  };
}

export function shardDocuments<T>(docs: T[], size = SHARD_SIZE): T[][] {
  const shards: T[][] = [];
  for (let i = 0; i < docs.length; i += size) shards.push(docs.slice(i, i + size));
  return shards.length > 0 ? shards : [[]];
}

const NO_METADATA = Object.freeze({});
const POSTING_CACHE_LIMIT = 4000;

export class SearchShard {
  readonly index: lunr.Index;
  readonly meta = new Map<string, DocMeta>();
  readonly surface: Record<string, string>;
  readonly size: number;
  private frequency = new Map<string, number>();
  private termIndex: Map<string, number>;
  private refs: string[];
  private ordinals: Map<string, number>;
  private postings = new Map<string, object>();
  private vocabulary: lunr.TokenSet;
  private stemOfSurface = new Map<string, string>();

  constructor(private data: SerializedShard) {
    for (const m of data.meta) this.meta.set(m.ref, m);
    this.surface = data.surface;
    this.size = data.meta.length;
    this.refs = data.meta.map((m) => m.ref);
    this.ordinals = new Map(this.refs.map((ref, i) => [ref, i]));
    this.termIndex = new Map(data.terms.map((term, i) => [term, i]));
    // lunr reads invertedIndex[term] and fieldVectors["field/ref"] only for what a query touches.
    const invertedIndex = new Proxy({} as Record<string, object | undefined>, {
      get: (_target, term) => (typeof term === 'string' ? this.posting(term) : undefined),
    });
    const fieldVectors = new Proxy({} as Record<string, lunr.Vector | undefined>, {
      get: (_target, key) => (typeof key === 'string' ? this.vector(key) : undefined),
    });
    const builders = lunr.TokenSet as unknown as { fromArray(terms: string[]): lunr.TokenSet };
    for (const [word, stemmed] of Object.entries(data.variants)) {
      if (this.termIndex.has(stemmed)) this.stemOfSurface.set(word, stemmed);
    }
    this.vocabulary = builders.fromArray([...new Set([...data.terms, ...this.stemOfSurface.keys()])].sort());
    this.index = new lunr.Index({
      invertedIndex,
      fieldVectors,
      tokenSet: this.vocabulary,
      fields: INDEX_FIELDS,
      pipeline: new lunr.Pipeline(),
    } as unknown as lunr.Index.Attributes);
  }

  private posting(term: string): object | undefined {
    const cached = this.postings.get(term);
    if (cached) return cached;
    const t = this.termIndex.get(term);
    if (t === undefined) return undefined;
    const posting: Record<string, unknown> = { _index: t };
    INDEX_FIELDS.forEach((field, f) => {
      const docs: Record<string, object> = {};
      const from = this.data.postingStart[t * FIELD_COUNT + f];
      const to = this.data.postingStart[t * FIELD_COUNT + f + 1];
      for (let k = from; k < to; k++) docs[this.refs[this.data.postingDocs[k]]] = NO_METADATA;
      posting[field] = docs;
    });
    if (this.postings.size >= POSTING_CACHE_LIMIT) this.postings.clear();
    this.postings.set(term, posting);
    return posting;
  }

  private vector(key: string): lunr.Vector | undefined {
    const slash = key.indexOf('/');
    const f = INDEX_FIELDS.indexOf(key.slice(0, slash) as IndexField);
    const d = this.ordinals.get(key.slice(slash + 1));
    if (f < 0 || d === undefined) return undefined;
    const from = this.data.vectorStart[d * FIELD_COUNT + f];
    const to = this.data.vectorStart[d * FIELD_COUNT + f + 1];
    const elements: number[] = new Array((to - from) * 2);
    for (let k = from, j = 0; k < to; k++, j += 2) {
      elements[j] = this.data.vectorTerms[k];
      elements[j + 1] = this.data.vectorScores[k];
    }
    return new lunr.Vector(elements);
  }

  /**
   * Runs clauses of exact stems with lunr's scoring, straight on the typed arrays: a document
   * must hold every required stem (in any of the clause's fields), and its score is, per field,
   * the dot product of the query vector with lunr's stored document vector divided by the query
   * vector's magnitude (lunr.Vector#similarity), summed over fields. Same ranking as
   * `lunrQuery`, without building a lunr object per matching document.
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

  /**
   * Groups of one single-stem alternative through lunr's own Index#query: the reference that
   * `query` is tested against.
   */
  lunrQuery(groups: QueryGroup[]): lunr.Index.Result[] {
    return this.index.query((q) => {
      for (const g of groups) {
        // (@types/lunr lacks `presence`, which lunr 2.3 supports.)
        const options: Partial<lunr.Query.Clause> & { presence?: lunr.Query.presence } = {
          fields: g.fields,
          usePipeline: false,
          presence: g.required ? lunr.Query.presence.REQUIRED : lunr.Query.presence.OPTIONAL,
          boost: g.boost,
        };
        q.term(g.alternatives[0][0], options);
      }
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

  private expansions = new Map<string, string[]>();

  /**
   * Indexed stems whose stem or whole word starts with `prefix` (distance 0) or lies within
   * `distance` edits of it, at most MAX_EXPANSIONS, closest first. Matching whole words as well
   * as stems lets `indictmnet` reach `indictment` (stem `indict`). lunr's own wildcard and fuzzy
   * clauses use every expansion, and a prefix like `tion` has thousands: that is where its
   * multi-second queries come from.
   */
  expand(term: string, distance: number): string[] {
    const key = `${distance}:${term}`;
    let list = this.expansions.get(key);
    if (!list) {
      const builders = lunr.TokenSet as unknown as {
        fromString(t: string): lunr.TokenSet;
        fromFuzzyString(t: string, d: number): lunr.TokenSet;
      };
      const probe = distance === 0 ? builders.fromString(`${term}*`) : builders.fromFuzzyString(term, distance);
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
}

export interface SearchFilters {
  kinds?: SearchKind[];
  verdicts?: string[];
  topic?: string | null;
  speaker?: string | null;
  from?: string | null;
  to?: string | null;
}

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

const emptyCounts = (): Record<SearchKind, number> => ({
  claim: 0,
  person: 0,
  organisation: 0,
  source: 0,
  case: 0,
  topic: 0,
});

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
      outcome = this.run(query, allFilters, false, limit);
      if (outcome.hits.length === 0) {
        outcome = this.run(query, allFilters, true, limit);
        fuzzy = outcome.hits.length > 0;
      }
    }
    const suggestion = outcome.hits.length === 0 || fuzzy ? this.suggest(query) : null;
    return { ...outcome, fuzzy, suggestion, tookMs: performance.now() - started };
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
  private clausesFor(query: ParsedQuery, shard: SearchShard, fuzzy: boolean): QueryGroup[] | null {
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
        const near = exact ? [s] : shard.expand(t.word, typoAllowance(t.word));
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
    fuzzy: boolean,
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
  private suggest(query: ParsedQuery): string | null {
    if (query.terms.length === 0 || this.shards.length === 0) return null;
    let changed = false;
    const shards = this.allShards().map((x) => x.shard);
    const words = query.terms.map((t) => {
      const s = stem(t.word);
      if (shards.some((shard) => shard.has(s))) return t.word;
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

export function matchesFilters(meta: DocMeta, filters: SearchFilters): boolean {
  if (filters.kinds && filters.kinds.length > 0 && !filters.kinds.includes(meta.kind)) return false;
  if (filters.verdicts && filters.verdicts.length > 0 && !filters.verdicts.includes(meta.verdict ?? '')) return false;
  if (filters.topic && !(meta.topicSlugs ?? []).includes(filters.topic)) return false;
  if (filters.speaker && meta.speakerSlug !== filters.speaker) return false;
  if (filters.from && (!meta.date || meta.date < filters.from)) return false;
  if (filters.to && (!meta.date || meta.date.slice(0, filters.to.length) > filters.to)) return false;
  return true;
}
