/**
 * Turns anything a reader types into a safe, bounded search request. lunr's own query parser
 * throws on ordinary text (`Fact check: covid`, `12:30`, `foo~`) and some inputs (`*`, `a* b*`)
 * take seconds, so the parser is never used: we read the text ourselves into words, and the
 * engine turns them into its own bounded word groups (see clausesFor in engine.server.ts).
 */

import { isSearchKind, SEARCH_KINDS, type SearchKind } from '~/domain';

export const MAX_QUERY_LENGTH = 200;
export const MAX_TERMS = 8;

/** Fields a reader may name in the query box, e.g. `speaker:purdy verdict:disputed`. */
export const FIELD_ALIASES: Record<string, SearchField> = {
  speaker: 'speaker',
  by: 'speaker',
  who: 'speaker',
  title: 'title',
  statement: 'title',
  topic: 'topics',
  topics: 'topics',
  verdict: 'verdict',
  kind: 'kind',
  type: 'kind',
};
export type SearchField = 'speaker' | 'title' | 'topics' | 'verdict' | 'kind';

export { SEARCH_KINDS, type SearchKind };
const KIND_ALIASES: Record<string, SearchKind> = {
  org: 'organisation',
  organization: 'organisation',
  indictment: 'case',
  statement: 'claim',
};

export interface QueryTerm {
  /** Normalised surface word, as the reader typed it (lower-case, no punctuation). */
  word: string;
  /** Restrict to one indexed field (speaker, title, topics), or search all. */
  field?: 'speaker' | 'title' | 'topics';
}

export interface ParsedQuery {
  terms: QueryTerm[];
  verdicts: string[];
  kinds: SearchKind[];
  /** What was dropped or changed, for a friendly note under the box. */
  notices: string[];
  /** The text that was actually searched, for display. */
  normalised: string;
}

/** Lower-case, fold accents and compatibility forms, drop control characters. */
export function normaliseText(input: string): string {
  return (
    input
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      // eslint-disable-next-line no-control-regex -- stripping control characters is the point
      .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g, ' ')
      .toLowerCase()
  );
}

/** Splits normalised text into index words: letters and digits; everything else separates. */
export function splitWords(text: string): string[] {
  return normaliseText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

export function parseQuery(raw: unknown): ParsedQuery {
  const notices: string[] = [];
  let input = typeof raw === 'string' ? raw : '';
  if (input.length > MAX_QUERY_LENGTH) {
    input = input.slice(0, MAX_QUERY_LENGTH);
    notices.push(`Only the first ${MAX_QUERY_LENGTH} characters of your search were used.`);
  }
  input = normaliseText(input);

  const terms: QueryTerm[] = [];
  const verdicts: string[] = [];
  const kinds: SearchKind[] = [];
  // field:value pairs first; whatever is left is free text.
  // A value may follow after spaces, but is never itself a `name:` (so `speaker: verdict:x` is two fields).
  const rest = input.replace(
    /(\p{L}+):(?:\s*("[^"]*"|(?!\p{L}+:)[^\s]+))?/gu,
    (_whole, name: string, value?: string) => {
      const field = FIELD_ALIASES[name];
      if (!field) return ` ${name} ${value ?? ''} `;
      const words = splitWords((value ?? '').replace(/"/g, ''));
      if (words.length === 0) return ' ';
      if (field === 'verdict') verdicts.push(...words);
      else if (field === 'kind') {
        for (const w of words) {
          const singular = w === 'people' ? 'person' : w.replace(/s$/, '');
          const kind = (KIND_ALIASES[singular] ?? singular) as SearchKind;
          if (isSearchKind(kind)) kinds.push(kind);
          else notices.push(`“${w}” is not a kind of entry; try claim, person, organisation, source, case or topic.`);
        }
      } else for (const w of words) terms.push({ word: w, field });
      return ' ';
    },
  );
  for (const word of splitWords(rest)) terms.push({ word });

  // Deduplicate, then cap so that no query can fan out without bound.
  const seen = new Set<string>();
  const unique = terms.filter((t) => {
    const key = `${t.field ?? '*'}:${t.word}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return t.word.length <= 40;
  });
  if (unique.length > MAX_TERMS) notices.push(`Only the first ${MAX_TERMS} words of your search were used.`);
  const capped = unique.slice(0, MAX_TERMS);
  const normalised = [
    ...capped.map((t) => (t.field ? `${t.field}:${t.word}` : t.word)),
    ...verdicts.map((v) => `verdict:${v}`),
    ...kinds.map((k) => `kind:${k}`),
  ].join(' ');
  return { terms: capped, verdicts: [...new Set(verdicts)], kinds: [...new Set(kinds)], notices, normalised };
}

/** Edit distance allowed for a word of this length: none for short words, 1 from 5, 2 from 9. */
export function typoAllowance(word: string): number {
  if (word.length >= 9) return 2;
  if (word.length >= 5) return 1;
  return 0;
}
