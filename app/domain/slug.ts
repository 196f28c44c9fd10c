/**
 * Slugs made from titles and names. Text in any script is transliterated first (the
 * `transliteration` package: "Łukasz Ørsted" → `lukasz-orsted`, "Владимир Путин" →
 * `vladimir-putin`, "习近平" → `xi-jin-ping`), so a speaker's address reads as their name rather
 * than losing every letter outside ASCII. Slugs are cut at 80 characters, at a hyphen when one
 * is near the end.
 */
import { transliterate } from 'transliteration';

export const SLUG_LENGTH = 80;

export function slugify(text: string): string {
  const base = transliterate(text.normalize('NFC'))
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (base.length <= SLUG_LENGTH) return base || 'entry';
  const cut = base.slice(0, SLUG_LENGTH);
  const lastHyphen = cut.lastIndexOf('-');
  return cut.slice(0, lastHyphen > SLUG_LENGTH / 2 ? lastHyphen : SLUG_LENGTH).replace(/-+$/, '');
}
