/**
 * "Has this been checked before?": the published claims most like a statement an editor is
 * typing (SearchEngine#similar). Unlike a reader's search, which requires every word (at most
 * eight), this is an OR query over the statement's significant words, the rarest first and up
 * to SIMILAR_MAX_TERMS of them, scored with the shards' own BM25 weights on the statement field
 * (with the claim's quoted words). A word the index has never seen gets its nearest spellings at
 * one edit, the one expansion a restatement's typo needs. The best SIMILAR_CANDIDATES are then
 * ordered by how closely their text resembles the statement (resemblance.ts), with the match
 * score and the speaker as tie-breakers: BM25 alone ranks a long claim sharing many words above
 * the short one that was merely restated.
 */
import { isStopWord, stem } from './analysis';
import { splitWords } from './query';
import { statementProfile, statementResemblance, type StatementProfile } from './resemblance';
import type { DocMeta } from './shard-format.server';
import type { QueryGroup, SearchShard } from './shard.server';

/** Significant words an OR query keeps (the reader's search keeps 8, all required). */
export const SIMILAR_MAX_TERMS = 24;
/** How many of the best matches are compared word by word with the statement. */
export const SIMILAR_CANDIDATES = 40;
/**
 * A word in more than this share of the documents is left out once four rarer ones are in: it
 * barely moves a BM25 score, and its long postings are most of a query's time.
 */
const COMMON_SHARE = 0.01;
const MIN_TERMS = 4;
/** The longest statement read; longer text adds time, not precision. */
export const SIMILAR_MAX_TEXT = 2000;
/** Unknown words (typos) expanded to near spellings, at most; each costs a walk of the vocabulary. */
const MAX_TYPO_WORDS = 3;
const SPEAKER_BOOST = 1.5;
const SPEAKER_BONUS = 0.05;
const SCORE_WEIGHT = 0.1;

export interface SimilarOptions {
  /** The speaker the editor chose: their claims rank higher (never only theirs). */
  speakerSlug?: string | null;
  limit?: number;
  /** Refs never returned (the claim being edited). */
  excludeRefs?: string[];
}

export interface SimilarHit {
  ref: string;
  meta: DocMeta;
  /** 0..1 and a little over: how alike the texts are, plus the match score and speaker bonus. */
  score: number;
  /** 0..1: how alike the texts alone are. */
  resemblance: number;
}

export interface ShardView {
  shard: SearchShard;
  damping: number;
  isDelta: boolean;
}

interface Term {
  word: string;
  stem: string;
  /** Documents holding the stem, over all shards (0: a word the index has never seen). */
  df: number;
}

/** The statement's content words, one per stem, rarest first (words the index lacks first of all). */
function statementTerms(text: string, shards: ShardView[]): Term[] {
  const seen = new Set<string>();
  const terms: Term[] = [];
  for (const word of splitWords(text)) {
    if (word.length > 40 || isStopWord(word)) continue;
    const s = stem(word);
    if (seen.has(s)) continue;
    seen.add(s);
    terms.push({ word, stem: s, df: shards.reduce((n, { shard }) => n + shard.documentFrequency(s), 0) });
  }
  return terms.sort((a, b) => a.df - b.df);
}

/**
 * What the OR query looks for: the rarest known words (a rare word says most about which claim
 * this is), the common ones only while fewer than MIN_TERMS are in, and up to MAX_TYPO_WORDS
 * unknown words of five letters or more, to be matched by their near spellings.
 */
function queryTerms(terms: Term[], shards: ShardView[]): (Term & { typo: boolean })[] {
  const common = COMMON_SHARE * shards.reduce((n, { shard }) => n + shard.size, 0);
  const typos = terms
    .filter((t) => t.df === 0 && t.word.length >= 5)
    .slice(0, MAX_TYPO_WORDS)
    .map((t) => ({ ...t, typo: true }));
  const known = terms
    .filter((t) => t.df > 0)
    .filter((t, i) => i < MIN_TERMS || t.df <= common)
    .map((t) => ({ ...t, typo: false }));
  return [...known.slice(0, SIMILAR_MAX_TERMS - typos.length), ...typos];
}

/**
 * The statement's `count` most significant stems, rarest first, with the number of documents
 * holding each; words the public index has never seen come first (for matching drafts, which are
 * not in it: a new name is the best clue there is).
 */
export function significantStems(shards: ShardView[], text: string, count: number): { stem: string; df: number }[] {
  return statementTerms(text.slice(0, SIMILAR_MAX_TEXT), shards)
    .slice(0, count)
    .map(({ stem, df }) => ({ stem, df }));
}

// Candidates recur while an editor types (each pause asks again): their profiles are kept.
const profiles = new Map<string, { title: string; profile: StatementProfile }>();
function profileOf(meta: DocMeta): StatementProfile {
  const cached = profiles.get(meta.ref);
  if (cached && cached.title === meta.title) return cached.profile;
  if (profiles.size >= 20_000) profiles.clear();
  const profile = statementProfile(meta.title);
  profiles.set(meta.ref, { title: meta.title, profile });
  return profile;
}

export function findSimilar(
  shards: ShardView[],
  hidden: Set<string>,
  rawText: string,
  options: SimilarOptions = {},
): SimilarHit[] {
  const text = rawText.slice(0, SIMILAR_MAX_TEXT);
  const limit = Math.max(1, Math.min(options.limit ?? 5, 50));
  const terms = queryTerms(statementTerms(text, shards), shards);
  if (terms.length === 0) return [];
  const excluded = new Set(options.excludeRefs ?? []);
  const found: { meta: DocMeta; score: number }[] = [];
  for (const { shard, damping, isDelta } of shards) {
    const groups: QueryGroup[] = [];
    for (const t of terms) {
      const alternatives = t.typo
        ? shard
            .expand(t.word, 1)
            .slice(0, 3)
            .map((x) => [x])
        : shard.has(t.stem)
          ? [[t.stem]]
          : [];
      if (alternatives.length > 0) groups.push({ alternatives, fields: ['title'], required: false, boost: 1 });
    }
    if (groups.length === 0) continue;
    const accept = (ordinal: number) => {
      const meta = shard.metaAt(ordinal);
      return meta.kind === 'claim' && !(excluded.has(meta.ref) || (!isDelta && hidden.has(meta.ref)));
    };
    for (const r of shard.query(groups, accept, SIMILAR_CANDIDATES).results) {
      const meta = shard.metaAt(r.ordinal);
      const speaker = options.speakerSlug && meta.speakerSlug === options.speakerSlug ? SPEAKER_BOOST : 1;
      found.push({ meta, score: r.score * damping * speaker });
    }
  }
  found.sort((a, b) => b.score - a.score);
  const candidates = found.slice(0, SIMILAR_CANDIDATES);
  const best = candidates[0]?.score || 1;
  const profile = statementProfile(text);
  return candidates
    .map(({ meta, score }) => {
      const resemblance = statementResemblance(profile, profileOf(meta));
      const speaker = options.speakerSlug && meta.speakerSlug === options.speakerSlug ? SPEAKER_BONUS : 0;
      return { ref: meta.ref, meta, resemblance, score: resemblance + SCORE_WEIGHT * (score / best) + speaker };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}
