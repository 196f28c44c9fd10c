/**
 * Diffs for showing what changed between two versions, on jsdiff (Myers' O(ND) algorithm), so
 * memory grows with what changed rather than with the product of the two lengths (the
 * hand-written LCS table this replaced held n×m counters: 50,000-character analyses made it
 * quadratic). `diffLines` serves the review panel; `diffText` the history's long text, by word.
 */
import { diffArrays, diffWords } from 'diff';

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export function diffLines(before: string[], after: string[]): DiffLine[] {
  const out: DiffLine[] = [];
  for (const part of diffArrays(before, after)) {
    const kind = part.added ? 'added' : part.removed ? 'removed' : 'same';
    for (const text of part.value) out.push({ kind, text });
  }
  return out;
}

/** A run of a word diff; `gap` stands for unchanged words left out (its text says how many). */
export interface WordPart {
  kind: 'same' | 'added' | 'removed' | 'gap';
  text: string;
}

export interface TextDiff {
  parts: WordPart[];
  /** Changes past `maxChangedChars` were left out. */
  truncated: boolean;
}

/**
 * Past this many word edits a diff reads as noise (and Myers' cost grows with N×D: a rewritten
 * 50,000-character analysis took seconds), so the text is shown as replaced, old then new.
 */
const MAX_WORD_EDITS = 1000;
const DIFF_TIMEOUT_MS = 100;

/** Whitespace as `\s` means it, by character code: this runs for every character of a long text. */
function isSpace(char: string | undefined): boolean {
  if (char === undefined) return false;
  const code = char.charCodeAt(0);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/.test(char);
}
const wordsOf = (text: string) => text.match(/[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu) ?? [];

/**
 * A cheap lower bound on the word edits between two texts: every word one has more often than
 * the other must be inserted or deleted. Lets a rewrite skip the diff altogether.
 */
function editsAtLeast(before: string, after: string): number {
  const counts = new Map<string, number>();
  for (const word of wordsOf(before)) counts.set(word, (counts.get(word) ?? 0) + 1);
  for (const word of wordsOf(after)) counts.set(word, (counts.get(word) ?? 0) - 1);
  let edits = 0;
  for (const count of counts.values()) edits += Math.abs(count);
  return edits;
}

function wordCount(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text[i]);
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}

/** The first `n` words of a text, keeping its own spacing (and one space after). */
function headWords(text: string, n: number): string {
  let i = 0;
  while (isSpace(text[i])) i++;
  for (let words = 0; words < n && i < text.length; words++) {
    while (i < text.length && !isSpace(text[i])) i++;
    if (words < n - 1) while (isSpace(text[i])) i++;
  }
  return text.slice(0, isSpace(text[i]) ? i + 1 : i);
}

/** The last `n` words of a text, keeping its own spacing (and one space before). */
function tailWords(text: string, n: number): string {
  let i = text.length;
  while (isSpace(text[i - 1])) i--;
  for (let words = 0; words < n && i > 0; words++) {
    while (i > 0 && !isSpace(text[i - 1])) i--;
    if (words < n - 1) while (isSpace(text[i - 1])) i--;
  }
  return text.slice(isSpace(text[i - 1]) ? i - 1 : i);
}

const gap = (words: number): WordPart => ({
  kind: 'gap',
  text: words === 1 ? ' [… 1 unchanged word …] ' : ` [… ${words} unchanged words …] `,
});

/** How many characters two texts share at the start and at the end, cut back to whole words. */
function sharedEnds(a: string, b: string): [number, number] {
  const max = Math.min(a.length, b.length);
  let head = 0;
  while (head < max && a[head] === b[head]) head++;
  if (head < max || a.length !== b.length) while (head > 0 && !isSpace(a[head - 1])) head--;
  let tail = 0;
  while (tail < max - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  if (tail < max - head || a.length !== b.length) while (tail > 0 && !isSpace(a[a.length - tail])) tail--;
  return [head, tail];
}

/** Drops empty runs and joins neighbours of one kind. */
function merged(parts: WordPart[]): WordPart[] {
  const out: WordPart[] = [];
  for (const part of parts) {
    if (part.text === '') continue;
    const last = out.at(-1);
    if (last && last.kind === part.kind) last.text += part.text;
    else out.push({ ...part });
  }
  return out;
}

/** Keeps `context` words of unchanged text on each side of a change, and leaves out the rest. */
function elide(parts: WordPart[], context: number): WordPart[] {
  const out: WordPart[] = [];
  parts.forEach((part, i) => {
    const first = i === 0;
    const last = i === parts.length - 1;
    const words = wordCount(part.text);
    const kept = (first ? 0 : context) + (last ? 0 : context);
    if (part.kind !== 'same' || words <= kept + 3 || (first && last)) {
      out.push(part);
      return;
    }
    if (!first) out.push({ kind: 'same', text: headWords(part.text, context) });
    out.push(gap(words - kept));
    if (!last) out.push({ kind: 'same', text: tailWords(part.text, context) });
  });
  return out;
}

/** Cuts the diff once its added and removed text passes `max` characters. */
function cap(parts: WordPart[], max: number): TextDiff {
  let changed = 0;
  const out: WordPart[] = [];
  for (const part of parts) {
    if (part.kind === 'added' || part.kind === 'removed') {
      if (changed + part.text.length > max) {
        const room = Math.max(0, max - changed);
        const cut = headWords(part.text, Math.max(1, wordCount(part.text.slice(0, room))));
        if (cut.trim()) out.push({ kind: part.kind, text: `${cut.trimEnd()} …` });
        return { parts: out, truncated: true };
      }
      changed += part.text.length;
    }
    out.push(part);
  }
  return { parts: out, truncated: false };
}

/**
 * The changes between two texts by word: unchanged stretches shortened to `context` words each
 * side of a change, and at most `maxChangedChars` of changed text (the rest is `truncated`).
 * Either text may be empty (a field filled in or cleared).
 */
export function diffText(
  before: string,
  after: string,
  { context = 12, maxChangedChars = Infinity }: { context?: number; maxChangedChars?: number } = {},
): TextDiff {
  // Most edits touch a few words of a long text: what both share at either end is no diff's work.
  const [head, tail] = sharedEnds(before, after);
  const [was, now] = [before.slice(head, before.length - tail), after.slice(head, after.length - tail)];
  const changes =
    editsAtLeast(was, now) > MAX_WORD_EDITS
      ? undefined
      : diffWords(was, now, { maxEditLength: MAX_WORD_EDITS, timeout: DIFF_TIMEOUT_MS });
  const middle: WordPart[] = changes
    ? changes.map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }))
    : [
        { kind: 'removed' as const, text: was },
        { kind: 'added' as const, text: now },
      ];
  const parts = merged([
    { kind: 'same', text: before.slice(0, head) },
    ...middle,
    { kind: 'same', text: before.slice(before.length - tail) },
  ]);
  return cap(elide(parts, context), maxChangedChars);
}
