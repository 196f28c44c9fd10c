/**
 * Text analysis shared by indexing and querying: stop words, stemming (lunr's Porter stemmer)
 * and compound splits. Index and query must produce exactly the same stems, so both go through
 * these functions and lunr's own pipelines are never used (docs/decisions/0002-search.md).
 * Isomorphic: nothing here needs the server.
 */
import lunr from 'lunr';

const stopWords = new Set(
  'a an and are as at be but by for if in into is it its no not of on or such that the their then there these they this to was will with from has have had he she his her we our you your i me my were been being which who whom what when where why how than too very can just do does did so also about after before over under'.split(
    ' ',
  ),
);

const stemCache = new Map<string, string>();
/** A word's stem; numbers stay as they are (`18-457` is two words, `18` and `457`). */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    // (@types/lunr types the stemmer as a pipeline function; given a Token it returns a Token.)
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
