/**
 * A short passage of an entry's text around the words that matched, split into segments so the
 * page can wrap hits in <mark> without ever inserting HTML.
 */
import { splitWords } from './query';

export interface SnippetSegment {
  text: string;
  hit: boolean;
}

export function makeSnippet(text: string, isHit: (word: string) => boolean, maxWords = 36): SnippetSegment[] {
  const parts = text.replace(/\s+/g, ' ').trim().split(/(\s+)/);
  const words = parts.filter((_, i) => i % 2 === 0);
  const hitAt = words.findIndex((w) => splitWords(w).some(isHit));
  // Show the start when everything fits or the first hit is near it; otherwise lead in 8 words.
  const start = words.length <= maxWords || hitAt <= 8 ? 0 : Math.min(hitAt - 8, words.length - maxWords);
  const slice = words.slice(start, start + maxWords);
  const segments: SnippetSegment[] = [];
  if (start > 0) segments.push({ text: '… ', hit: false });
  slice.forEach((w, i) => {
    const hit = splitWords(w).some(isHit);
    const last = segments[segments.length - 1];
    const spaced = i < slice.length - 1 ? ' ' : '';
    if (hit) {
      segments.push({ text: w, hit: true });
      if (spaced) segments.push({ text: spaced, hit: false });
    } else if (last && !last.hit) last.text += w + spaced;
    else segments.push({ text: w + spaced, hit: false });
  });
  if (start + maxWords < words.length) segments.push({ text: ' …', hit: false });
  return segments;
}
