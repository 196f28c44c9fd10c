/**
 * The words of a text, each with where it stands in the original, for comparing a quote with a
 * captured source (app/domain/quote-match.ts). Isomorphic and pure.
 *
 * A word is a run of letters, digits and combining marks after Unicode NFKC and lower case, so
 * ligatures, full-width letters, non-breaking and other odd spaces compare as their plain forms.
 * What is *not* a word is not compared at all: spacing, punctuation, quotation marks of every
 * style and dashes of every length. Within a word:
 * - an apostrophe of any style between letters is dropped (`don’t`, `don't` and `dont` are one);
 * - `.` or `,` between digits is kept (`3.5` is never `35`, and a changed figure is a change);
 * - soft hyphens (U+00AD), zero-width spaces and joiners, the BOM and bidi marks are ignored;
 * - a hyphen at the end of a line, between letters (`infor-\nmation`, or a soft hyphen there),
 *   joins the two halves: that is how typesetting and PDF text break a word.
 * Each word records whether a plain hyphen (`-`, U+2010, U+2011) joined it to the one before, so
 * the matcher may read `well-known` as `wellknown` (a hyphenated word split at a line end is
 * joined here and cannot be told from a plain one).
 */

export interface QuoteToken {
  /** The word as compared: NFKC, lower case, apostrophes and ignorable characters removed. */
  word: string;
  /** Where the word starts and ends (exclusive) in the original text, in UTF-16 units. */
  start: number;
  end: number;
  /** True when a plain hyphen, nothing else, stands between this word and the one before. */
  hyphenBefore: boolean;
}

const IGNORABLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/;
const MARK = /\p{M}/u;

// What a compared character is, decided once per code point (a 100 KB text has few distinct ones).
const OTHER = 0;
const LETTER = 1;
const DIGIT = 2;
const APOSTROPHE = 3;
const HYPHEN = 4; // a plain hyphen: joins a hyphenated word
const SOFT_HYPHEN = 5;
const IGNORED = 6;
const SPACE = 7;
const LINE_BREAK = 8;

const kinds = new Map<number, number>();
const asciiKinds = new Uint8Array(128);
function kindOf(cp: number): number {
  if (cp < 128 && asciiKinds[cp] !== 0) return asciiKinds[cp] - 1;
  let kind = kinds.get(cp);
  if (kind !== undefined) return kind;
  const ch = String.fromCodePoint(cp);
  if (/[\p{L}\p{M}]/u.test(ch)) kind = LETTER;
  else if (/\p{N}/u.test(ch)) kind = DIGIT;
  else if ("'’ʼ‘`´′".includes(ch)) kind = APOSTROPHE;
  else if ('-‐‑'.includes(ch)) kind = HYPHEN;
  else if (ch === '\u00AD') kind = SOFT_HYPHEN;
  else if (IGNORABLE.test(ch)) kind = IGNORED;
  else if (ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029') kind = LINE_BREAK;
  else if (/\s/.test(ch)) kind = SPACE;
  else kind = OTHER;
  if (cp < 128) asciiKinds[cp] = kind + 1;
  else kinds.set(cp, kind);
  return kind;
}
const isWord = (kind: number) => kind === LETTER || kind === DIGIT;

/**
 * The compared characters (NFKC, lower case) as code points, each with the original span it came
 * from: parallel arrays, since a 100 KB text has 100,000 of them.
 */
function units(text: string): { cps: Int32Array; starts: Int32Array; ends: Int32Array; length: number } {
  let cps = new Int32Array(text.length + 16);
  let starts = new Int32Array(text.length + 16);
  let ends = new Int32Array(text.length + 16);
  let n = 0;
  const push = (cp: number, start: number, end: number) => {
    if (n === cps.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      cps = grow(cps);
      starts = grow(starts);
      ends = grow(ends);
    }
    cps[n] = cp;
    starts[n] = start;
    ends[n] = end;
    n += 1;
  };
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    // ASCII that no combining mark follows needs no normalising: the common case, kept fast.
    const nextCode = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    if (code < 0x80 && nextCode < 0x300) {
      push(code >= 65 && code <= 90 ? code + 32 : code, i, i + 1);
      i += 1;
      continue;
    }
    // A cluster: one code point and the combining marks after it, normalised together so that
    // `e` + U+0301 becomes `é` and compares with a precomposed one.
    let j = i + (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1);
    while (j < text.length && text.charCodeAt(j) >= 0x300) {
      const ch = String.fromCodePoint(text.codePointAt(j)!);
      if (!MARK.test(ch)) break;
      j += ch.length;
    }
    const normal = text.slice(i, j).normalize('NFKC').toLowerCase();
    for (const ch of normal) push(ch.codePointAt(0)!, i, j);
    i = j;
  }
  return { cps, starts, ends, length: n };
}

export function tokenize(text: string): QuoteToken[] {
  const { cps, starts, ends, length } = units(text);
  const kinds = new Uint8Array(length);
  for (let k = 0; k < length; k += 1) kinds[k] = kindOf(cps[k]);
  const kind = (k: number) => (k >= 0 && k < length ? kinds[k] : OTHER);
  const tokens: QuoteToken[] = [];
  let word = '';
  let start = -1;
  let end = -1;
  let hyphenBefore = false;
  const close = () => {
    if (word) tokens.push({ word, start, end, hyphenBefore });
    word = '';
    hyphenBefore = false;
  };
  /** After a hyphen at k: the index of the next letter when only a line break lies between, else -1. */
  const afterLineBreak = (k: number) => {
    let n = k + 1;
    let sawBreak = false;
    for (; n < length; n += 1) {
      const kn = kind(n);
      if (kn === LINE_BREAK) sawBreak = true;
      else if (kn !== SPACE) break;
    }
    return sawBreak && kind(n) === LETTER ? n : -1;
  };

  for (let k = 0; k < length; k += 1) {
    const cp = cps[k];
    const kk = kinds[k];
    if (isWord(kk)) {
      if (!word) start = starts[k];
      word += cp < 0x10000 ? String.fromCharCode(cp) : String.fromCodePoint(cp);
      end = ends[k];
      continue;
    }
    const inWord = word !== '';
    const prev = inWord ? kind(k - 1) : OTHER;
    if (inWord && (kk === HYPHEN || kk === SOFT_HYPHEN) && prev === LETTER) {
      const next = afterLineBreak(k);
      if (next !== -1) {
        k = next - 1; // the word goes on with the letter after the line break
        continue;
      }
    }
    if (kk === IGNORED || kk === SOFT_HYPHEN) continue;
    if (inWord && kk === APOSTROPHE && prev === LETTER && kind(k + 1) === LETTER) continue;
    if (inWord && (cp === 46 || cp === 44) && prev === DIGIT && kind(k + 1) === DIGIT) {
      word += String.fromCharCode(cp);
      continue;
    }
    const hyphenJoin = inWord && kk === HYPHEN && isWord(kind(k + 1));
    close();
    if (hyphenJoin) hyphenBefore = true;
  }
  close();
  return tokens;
}
