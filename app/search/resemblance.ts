/**
 * How alike two short texts are, for duplicate checks: two names of people or organisations
 * (`nameSimilarity`), and a statement against a candidate the index found (`statementResemblance`).
 * Search (engine.server.ts) decides which entries are candidates; these decide their order and
 * whether a name is close enough to warn. Isomorphic and free of the index.
 */
import { isStopWord, stem } from './analysis';
import { normaliseText, splitWords } from './query';

// ---------------------------------------------------------------------------------------------
// Names

/**
 * From this similarity on (0..1) a new person's or organisation's name is held with a warning.
 * Chosen on names that should match (`Andy Purdy` / `Purdy, Andy` 1.0, `A. Purdy` 0.95, `Andrew
 * Purdy` 0.95, `Andy Purdey` 0.98, `Donald J. Trump` / `Donald Trump` 1.0, `FBI` / `Federal Bureau
 * of Investigation` 0.9, `Huawei Technologies Co., Ltd.` / `Huawei Technologies` 1.0) and names
 * that should not (`Andy Purdy` / `Andy Murray` 0.5, `John Smith` / `Jane Smith` 0.5, `Huawei` /
 * `Huawei Technologies` 0.67, `Federal Trade Commission` / `Federal Communications Commission`
 * 0.61): test/unit/duplicates.test.ts holds both lists. A warning costs a click; a duplicate
 * person splits their claims in two, so the line sits nearer the first list.
 */
export const NAME_SIMILARITY_THRESHOLD = 0.85;

/** Words of an organisation's name that say what sort of body it is, not which one. */
const LEGAL_FORMS = new Set(
  'inc incorporated ltd limited llc llp plc co corp corporation company gmbh ag sa sas spa bv nv pty pte oy ab as kk the'.split(
    ' ',
  ),
);
/** Honorifics and suffixes of people's names. */
const HONORIFICS = new Set('mr mrs ms miss dr prof sir dame rev hon jr sr ii iii iv'.split(' '));
/** Small words an acronym leaves out: the FBI is the Federal Bureau *of* Investigation. */
const ACRONYM_SKIPS = new Set('of and for the in on at de du des la le el'.split(' '));
/** Common English short forms of given names, each with its full form. */
const SHORT_FORMS: Record<string, string> = Object.fromEntries(
  (
    'andy:andrew bill:william billy:william bob:robert bobby:robert rob:robert chris:christopher dan:daniel ' +
    'dave:david ed:edward jim:james jimmy:james joe:joseph jon:jonathan kate:katherine liz:elizabeth ' +
    'beth:elizabeth matt:matthew mike:michael mick:michael nick:nicholas pat:patrick pete:peter ' +
    'rick:richard dick:richard sam:samuel steve:steven tom:thomas tony:anthony will:william alex:alexander ' +
    'ben:benjamin charlie:charles chuck:charles don:donald greg:gregory jeff:jeffrey ken:kenneth larry:lawrence ' +
    'mandy:amanda meg:margaret peggy:margaret ron:ronald sue:susan tim:timothy vicky:victoria'
  )
    .split(' ')
    .map((pair) => pair.split(':')),
);

/**
 * A name as comparable words: case, accents and punctuation folded (`O’Neil` → `oneil`, `Jean-Luc`
 * → `jean luc`), honorifics and legal forms dropped, and `Purdy, Andy` turned round.
 */
export function nameWords(name: string): string[] {
  let text = normaliseText(name).replace(/['’`]/g, '');
  const comma = text.split(',');
  // "Purdy, Andy" → "Andy Purdy"; "Huawei, Inc." stays (the part after the comma is a legal form).
  if (comma.length === 2 && splitWords(comma[1]).some((w) => !LEGAL_FORMS.has(w))) text = `${comma[1]} ${comma[0]}`;
  const words = splitWords(text);
  const kept = words.filter((w) => !LEGAL_FORMS.has(w) && !HONORIFICS.has(w));
  return kept.length > 0 ? kept : words;
}

/** Jaro-Winkler similarity of two words (0..1): kind to typos and to shared beginnings. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j < Math.min(b.length, i + window + 1); j++) {
      if (!bMatched[j] && a[i] === b[j]) {
        aMatched[i] = bMatched[j] = true;
        matches += 1;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  for (let i = 0, j = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[j]) j++;
    if (a[i] !== b[j]) transpositions += 1;
    j++;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < Math.min(4, a.length, b.length) && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** How well one word of a name stands for another: the same, an initial of it, or a near spelling. */
function wordMatch(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 1 || b.length === 1) return a[0] === b[0] ? 0.9 : 0;
  if ((SHORT_FORMS[a] ?? a) === (SHORT_FORMS[b] ?? b)) return 0.9;
  const score = jaroWinkler(a, b);
  return score >= 0.8 ? score : 0;
}

/**
 * Similarity of two names (0..1), whatever their word order: each word of the shorter name is
 * paired with its best remaining partner in the other (the same word, an initial, a short form
 * like `Mike` for `Michael`, or a near spelling), and the pairs' scores are summed as a Dice
 * coefficient over both names' words. A middle initial that only one name has is left out of the
 * count (`Donald J. Trump` is `Donald Trump`); a name of two or more words found whole inside the
 * other (`Meng Wanzhou` in `Sabrina Meng Wanzhou`) scores at least 0.9; an acronym (`FBI`)
 * matches the initials of the other name.
 */
export function nameSimilarity(a: string, b: string): number {
  const x = nameWords(a);
  const y = nameWords(b);
  if (x.length === 0 || y.length === 0) return 0;
  if (x.join('') === y.join('')) return 1;
  const initials = (words: string[]) =>
    words
      .filter((w) => !ACRONYM_SKIPS.has(w))
      .map((w) => w[0])
      .join('');
  const acronym = (one: string[], other: string[]) =>
    one.length === 1 && one[0].length >= 2 && other.length >= 2 && initials(other) === one[0];
  if (acronym(x, y) || acronym(y, x)) return 0.9;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  const free = long.map(() => true);
  let total = 0;
  let matched = 0;
  let unmatchedInitials = 0;
  for (const word of short) {
    let best = -1;
    let bestScore = 0;
    long.forEach((other, i) => {
      const score = free[i] ? wordMatch(word, other) : 0;
      if (score > bestScore) [best, bestScore] = [i, score];
    });
    if (best >= 0) {
      free[best] = false;
      total += bestScore;
      matched += 1;
    } else if (word.length === 1) unmatchedInitials += 1;
  }
  unmatchedInitials += long.filter((w, i) => free[i] && w.length === 1).length;
  const counted = x.length + y.length - unmatchedInitials;
  const score = counted > 0 ? (2 * total) / counted : 0;
  const contained = short.length >= 2 && matched === short.length;
  return contained ? Math.max(score, 0.9 * (total / short.length)) : score;
}

// ---------------------------------------------------------------------------------------------
// Statements

/** A statement prepared once for comparing against many candidates. */
export interface StatementProfile {
  /** Stems of every word, stop words included (short statements are mostly stop words). */
  stems: Set<string>;
  /** Neighbouring stem pairs: word order, which a swap of two words changes only locally. */
  pairs: Set<string>;
  /** Character trigrams of the content words, which survive a typo in all but three of them. */
  trigrams: Set<string>;
}

export function statementProfile(text: string): StatementProfile {
  const words = splitWords(text.slice(0, 4000)).slice(0, 400);
  const stems = words.map(stem);
  const pairs = new Set<string>();
  for (let i = 1; i < stems.length; i++) pairs.add(`${stems[i - 1]} ${stems[i]}`);
  const trigrams = new Set<string>();
  for (const word of words) {
    if (isStopWord(word)) continue;
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) trigrams.add(padded.slice(i, i + 3));
  }
  return { stems: new Set(stems), pairs, trigrams };
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}

/**
 * How alike a restated statement is to a candidate (0..1): the Dice coefficients of their words,
 * their word pairs and their content words' trigrams, weighted 0.5, 0.2 and 0.3. A restatement
 * (a word or two dropped, two swapped, a typo, other case and punctuation) keeps most of all
 * three; another statement on the same subject shares words but few pairs and fewer trigrams.
 */
export function statementResemblance(query: StatementProfile, candidate: StatementProfile): number {
  return (
    0.5 * dice(query.stems, candidate.stems) +
    0.2 * dice(query.pairs, candidate.pairs) +
    0.3 * dice(query.trigrams, candidate.trigrams)
  );
}
