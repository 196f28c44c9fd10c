/**
 * What a shard holds and how it is built. lunr's Builder is used only as a BM25 calculator: it
 * computes the field vectors (per-document, per-field term weights) and the inverted index, and
 * both are copied at once into flat typed arrays. Those arrays are what the saved index stores
 * (store.server.ts: a JSON header and one binary file) and what SearchShard scores on, so loading
 * is a read, not a JSON.parse of millions of small objects, and no lunr.Index is kept.
 *
 * Long text is pruned here: body stems found in more than BODY_PRUNE_RATIO of a shard's
 * documents carry almost no ranking signal and dominate index size and query time.
 */
import lunr from 'lunr';
import { isStopWord, stem } from './analysis';
import { splitWords, type SearchKind } from './query';
import type { StatementKind } from '~/domain';

/** Documents per shard: each loads on its own and stays far below Node's string-length limit. */
export const SHARD_SIZE = 5000;
export const BODY_PRUNE_RATIO = 0.2;

export const FIELD_BOOSTS = { title: 4, speaker: 3, topics: 2, body: 1 } as const;
export type IndexField = keyof typeof FIELD_BOOSTS;
export const INDEX_FIELDS = Object.keys(FIELD_BOOSTS) as IndexField[];
export const FIELD_COUNT = INDEX_FIELDS.length;

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
  /** A claim's statement: the speaker's exact words or our summary (shown, not indexed). */
  statementKind?: StatementKind;
  verdict?: string | null;
  topicSlugs?: string[];
  speakerSlug?: string | null;
  date?: string | null;
}

export type DocMeta = Omit<SearchDocument, 'speaker' | 'topics' | 'body' | 'quotes' | 'statementKind'>;

/**
 * A shard in compact form: postings and document vectors in typed arrays (saved as one binary
 * file), the rest as plain JSON-able values.
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

/** Per document, the stems of each field exactly as they are indexed (after pruning). */
export type IndexedFields = Record<IndexField, string[]>;

/**
 * Analyses documents into the stems each field indexes, and collects the surface words of those
 * stems. The quotes are indexed with the title; body stems are deduplicated (term frequency in
 * long text says little) and the most common ones are pruned in shards of 200+ documents.
 */
export function indexedFields(docs: SearchDocument[]): {
  fields: IndexedFields[];
  surface: Record<string, string>;
  variants: Record<string, string>;
} {
  const surface: Record<string, string> = {};
  const variants: Record<string, string> = {};
  const analysed = docs.map((d) => {
    const fields: IndexedFields = { title: [], speaker: [], topics: [], body: [] };
    for (const field of INDEX_FIELDS) {
      const text = field === 'title' && d.quotes ? `${d.title} ${d.quotes}` : d[field];
      for (const w of splitWords(text)) {
        if (isStopWord(w)) continue;
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
  for (const f of analysed) f.body = f.body.filter((s) => (bodyFrequency.get(s) ?? 0) <= limit);
  return { fields: analysed, surface, variants };
}

/** lunr's tokenizer replaced by one that takes our finished stems as they are. */
function tokensOf(value: unknown): lunr.Token[] {
  if (!Array.isArray(value)) return [];
  return (value as string[]).map((s) => new lunr.Token(s, {}));
}

/** Builds one shard from documents. Pure CPU work: run it in a worker for large corpora. */
export function buildShard(docs: SearchDocument[]): SerializedShard {
  const { fields, surface, variants } = indexedFields(docs);

  const builder = new lunr.Builder();
  builder.pipeline.reset();
  builder.searchPipeline.reset();
  builder.tokenizer = tokensOf as unknown as typeof lunr.tokenizer;
  builder.ref('ref');
  for (const field of INDEX_FIELDS) builder.field(field, { boost: FIELD_BOOSTS[field] });
  docs.forEach((d, i) => builder.add({ ref: d.ref, ...fields[i] }));
  // (@types/lunr does not declare these two, which lunr 2.3 keeps on the built index.)
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
