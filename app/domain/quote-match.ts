/**
 * Is a citation's quote in its source's captured text, and where? Isomorphic and pure: the
 * models store the answer (quote_checks), the capture viewer runs it again to highlight the
 * passage, and nothing here reads a database.
 *
 * Both sides are read as words (app/domain/quote-tokens.ts): case, spacing, punctuation,
 * quotation marks and dashes of every style, soft hyphens, zero-width characters, line-end
 * hyphenation and Unicode compatibility forms are not compared. A hyphenated word matches the
 * same word written solid (`well-known`, `wellknown`), but not two words (`well known`).
 *
 * - **found**: every word of the quote, in order, with nothing between (score 1). A quote with
 *   elisions (`[…]`, `[...]`, `…`, `...`, `. . .`) or an editor's insertion in square brackets
 *   (`we [Huawei] never`) is split there, and each part must be found, in order, each starting
 *   within MAX_GAP characters of the end of the one before.
 * - **near** (score ≥ NEAR_THRESHOLD): the passage that needs the fewest word edits to become the
 *   quote. Score = 1 − edits / words of the quote, where an inserted, deleted or different word
 *   costs 1, and a word differing by a typo (at most a third of its letters, no digits involved)
 *   costs that fraction. One word wrong in a quote of ten words is 0.9, so "near (90%)": close
 *   enough that an editor should look, never enough to tell readers it is there.
 * - **not_found**: below that; the closest passage is still reported so an editor can compare.
 *
 * Speed: the text's words are indexed once (prepareText), exact matches are looked for only where
 * the quote's first word occurs, and near matches are scored only in the few windows where the
 * quote's rarer words fall on one diagonal, so a long text never costs text × quote.
 */
import { tokenize, type QuoteToken } from './quote-tokens';

export type QuoteResult = 'found' | 'near' | 'not_found';

export interface QuoteMatch {
  result: QuoteResult;
  /** 1 for found; otherwise the closest passage's similarity, 0..1, to three decimals. */
  score: number;
  /** The matched passage in the ORIGINAL text (exclusive end), -1 when there is none. */
  start: number;
  end: number;
  /** The passage as it stands in the text, its parts joined by " […] ". */
  excerpt: string;
  /** Each part of an elided quote, for highlighting; one part otherwise. */
  parts: { start: number; end: number }[];
}

export const NEAR_THRESHOLD = 0.85;
/** The most text (characters) allowed between two parts of an elided quote. */
export const MAX_GAP = 1500;
/** Candidate windows scored for a near match. */
const WINDOWS = 8;
/** Positions looked at for near-match anchors; the rarest words are taken first. */
const ANCHOR_BUDGET = 8000;

export interface PreparedText {
  text: string;
  tokens: QuoteToken[];
  /** word → positions in tokens; also the two-word joins across a hyphen, under `join:`. */
  index: Map<string, number[]>;
}

export function prepareText(text: string): PreparedText {
  const tokens = tokenize(text);
  const index = new Map<string, number[]>();
  const add = (key: string, at: number) => {
    const list = index.get(key);
    if (list) list.push(at);
    else index.set(key, [at]);
  };
  tokens.forEach((t, at) => {
    add(t.word, at);
    if (at + 1 < tokens.length && tokens[at + 1].hyphenBefore) add(`join:${t.word}${tokens[at + 1].word}`, at);
  });
  return { text, tokens, index };
}

const ELISION = /\[[^\]]*\]|…|\.\s*\.\s*\./g;

/** The quote's parts between elisions, each as words; empty parts (a leading "…") dropped. */
export function quoteParts(quote: string): QuoteToken[][] {
  return quote
    .split(ELISION)
    .map((part) => tokenize(part))
    .filter((part) => part.length > 0);
}

/** Where the quote part matches exactly from text position j on: the position after it, or -1. */
function exactAt(q: QuoteToken[], t: QuoteToken[], j: number): number {
  let i = 0;
  while (i < q.length) {
    if (j >= t.length) return -1;
    if (q[i].word === t[j].word) {
      i += 1;
      j += 1;
    } else if (i + 1 < q.length && q[i + 1].hyphenBefore && q[i].word + q[i + 1].word === t[j].word) {
      i += 2;
      j += 1;
    } else if (j + 1 < t.length && t[j + 1].hyphenBefore && t[j].word + t[j + 1].word === q[i].word) {
      i += 1;
      j += 2;
    } else return -1;
  }
  return j;
}

/** Text positions where the part could start: its first word, alone or joined. */
function starts(q: QuoteToken[], prepared: PreparedText): number[] {
  const { index } = prepared;
  const found = new Set<number>([...(index.get(q[0].word) ?? []), ...(index.get(`join:${q[0].word}`) ?? [])]);
  if (q.length > 1 && q[1].hyphenBefore) for (const at of index.get(q[0].word + q[1].word) ?? []) found.add(at);
  return [...found].sort((a, b) => a - b);
}

interface Span {
  from: number; // first token
  to: number; // after the last token
  score: number;
}

function exactParts(parts: QuoteToken[][], prepared: PreparedText): Span[] | null {
  const { tokens } = prepared;
  const candidates = parts.map((part) => starts(part, prepared));
  for (const first of candidates[0]) {
    const end = exactAt(parts[0], tokens, first);
    if (end === -1) continue;
    const spans: Span[] = [{ from: first, to: end, score: 1 }];
    for (let p = 1; p < parts.length; p += 1) {
      const prev = spans[p - 1];
      const limit = tokens[prev.to - 1].end + MAX_GAP;
      let next: Span | null = null;
      for (const at of candidates[p]) {
        if (at < prev.to) continue;
        if (tokens[at].start > limit) break;
        const to = exactAt(parts[p], tokens, at);
        if (to !== -1) {
          next = { from: at, to, score: 1 };
          break;
        }
      }
      if (!next) break;
      spans.push(next);
    }
    if (spans.length === parts.length) return spans;
  }
  return null;
}

/** Levenshtein distance between two short words. */
function charDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, k) => k);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}

const typoCosts = new Map<string, number>();

/** What replacing one word with another costs: 0 same, a fraction for a typo, else 1. */
function substitution(a: string, b: string): number {
  if (a === b) return 0;
  const longest = Math.max(a.length, b.length);
  if (longest < 4 || Math.abs(a.length - b.length) > longest / 3 || /\d/.test(a) || /\d/.test(b)) return 1;
  const key = `${a}\u0000${b}`;
  let cost = typoCosts.get(key);
  if (cost === undefined) {
    const share = charDistance(a, b) / longest;
    cost = share <= 1 / 3 ? share : 1;
    // A memo of word pairs, bounded: the same pairs recur in every window and every citation.
    if (typoCosts.size > 50_000) typoCosts.clear();
    typoCosts.set(key, cost);
  }
  return cost;
}

/**
 * The best passage for the part inside tokens[lo, hi): edit distance with free ends on the text
 * side (the quote must be used whole), hyphen joins free in both directions.
 */
function bestIn(q: QuoteToken[], t: QuoteToken[], lo: number, hi: number): Span | null {
  const m = q.length;
  const w = hi - lo;
  if (w <= 0) return null;
  const cost: Float64Array[] = [];
  const from: Int32Array[] = [];
  for (let i = 0; i <= m; i += 1) {
    cost.push(new Float64Array(w + 1));
    from.push(new Int32Array(w + 1));
  }
  for (let j = 0; j <= w; j += 1) from[0][j] = j;
  for (let i = 1; i <= m; i += 1) {
    cost[i][0] = i;
    from[i][0] = 0;
    for (let j = 1; j <= w; j += 1) {
      const tj = t[lo + j - 1];
      let best = cost[i - 1][j - 1] + substitution(q[i - 1].word, tj.word);
      let origin = from[i - 1][j - 1];
      // Plain loops, no closures: this is the inner loop of every near match.
      if (cost[i - 1][j] + 1 < best) {
        best = cost[i - 1][j] + 1;
        origin = from[i - 1][j];
      }
      if (cost[i][j - 1] + 1 < best) {
        best = cost[i][j - 1] + 1;
        origin = from[i][j - 1];
      }
      if (i >= 2 && q[i - 1].hyphenBefore && cost[i - 2][j - 1] < best && q[i - 2].word + q[i - 1].word === tj.word) {
        best = cost[i - 2][j - 1];
        origin = from[i - 2][j - 1];
      }
      if (j >= 2 && tj.hyphenBefore && cost[i - 1][j - 2] < best && t[lo + j - 2].word + tj.word === q[i - 1].word) {
        best = cost[i - 1][j - 2];
        origin = from[i - 1][j - 2];
      }
      cost[i][j] = best;
      from[i][j] = origin;
    }
  }
  let bestJ = -1;
  for (let j = 1; j <= w; j += 1) if (bestJ === -1 || cost[m][j] < cost[m][bestJ]) bestJ = j;
  const fromJ = from[m][bestJ];
  if (bestJ <= fromJ) return null;
  return { from: lo + fromJ, to: lo + bestJ, score: Math.max(0, 1 - cost[m][bestJ] / m) };
}

/** Windows where many of the part's words line up: [lo, hi) token ranges, best first. */
function windows(q: QuoteToken[], prepared: PreparedText, after: number): [number, number][] {
  const { index, tokens } = prepared;
  const m = q.length;
  const bucketSize = Math.max(4, Math.ceil(m / 4));
  const anchors = q
    .map((tok, i) => ({ i, positions: index.get(tok.word) ?? [] }))
    .filter((a) => a.positions.length > 0)
    .sort((a, b) => a.positions.length - b.positions.length);
  // Per bucket, how many different quote words fall in it (anchors come one quote word at a
  // time, so remembering the last voter is enough to count each word once).
  const votes = new Map<number, number>();
  const lastVoter = new Map<number, number>();
  let spent = 0;
  for (const [n, { i, positions }] of anchors.entries()) {
    if (spent > ANCHOR_BUDGET && n >= 3) break;
    spent += positions.length;
    for (const at of positions) {
      if (at < after) continue;
      const bucket = Math.floor((at - i) / bucketSize);
      if (lastVoter.get(bucket) === n) continue;
      lastVoter.set(bucket, n);
      votes.set(bucket, (votes.get(bucket) ?? 0) + 1);
    }
  }
  const strength = (b: number) => (votes.get(b) ?? 0) + (votes.get(b + 1) ?? 0) / 2;
  return [...votes.keys()]
    .sort((a, b) => strength(b) - strength(a))
    .slice(0, WINDOWS)
    .map((b): [number, number] => {
      const lo = Math.max(after, b * bucketSize - Math.ceil(m / 2));
      return [lo, Math.min(tokens.length, b * bucketSize + bucketSize + m + Math.ceil(m / 2))];
    });
}

function nearParts(parts: QuoteToken[][], prepared: PreparedText): Span[] {
  const spans: Span[] = [];
  let after = 0;
  for (const part of parts) {
    let best: Span | null = null;
    for (const [lo, hi] of windows(part, prepared, after)) {
      const span = bestIn(part, prepared.tokens, lo, hi);
      if (span && (!best || span.score > best.score)) best = span;
    }
    if (!best) return spans.length ? spans : [];
    spans.push(best);
    after = best.to;
  }
  return spans;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function matchQuote(quote: string, text: string | PreparedText): QuoteMatch {
  const prepared = typeof text === 'string' ? prepareText(text) : text;
  const parts = quoteParts(quote);
  const none: QuoteMatch = { result: 'not_found', score: 0, start: -1, end: -1, excerpt: '', parts: [] };
  if (parts.length === 0 || prepared.tokens.length === 0) return none;

  const exact = exactParts(parts, prepared);
  const spans = exact ?? nearParts(parts, prepared);
  if (spans.length === 0) return none;
  const words = parts.reduce((n, part) => n + part.length, 0);
  // A part with no passage at all counts as 0, so a missing half cannot pass for near.
  const score = exact ? 1 : spans.reduce((sum, s, p) => sum + s.score * parts[p].length, 0) / words;
  const { tokens, text: original } = prepared;
  const located = spans.map((s) => ({ start: tokens[s.from].start, end: tokens[s.to - 1].end }));
  return {
    result: exact ? 'found' : score >= NEAR_THRESHOLD ? 'near' : 'not_found',
    score: round(score),
    start: located[0].start,
    end: located[located.length - 1].end,
    excerpt: located.map((l) => original.slice(l.start, l.end)).join(' […] '),
    parts: located,
  };
}
