/**
 * A line diff for showing what changed between two revisions: jsdiff's `diffArrays` (Myers'
 * O(ND) algorithm), so memory grows with the lines that changed rather than with the product of
 * the two lengths (the hand-written LCS table it replaces held n×m counters: 50,000-character
 * analyses made it quadratic).
 */
import { diffArrays } from 'diff';

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
