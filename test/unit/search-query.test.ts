/**
 * parseQuery turns whatever a reader types into a bounded, safe request: it never throws, caps
 * the length and the number of words, folds case and accents, drops control characters and reads
 * the field syntax (speaker:, verdict:, kind:, topic:).
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_QUERY_LENGTH,
  MAX_TERMS,
  normaliseText,
  parseQuery,
  splitWords,
  typoAllowance,
  type ParsedQuery,
} from '~/search/query';
import { ODD_QUERIES } from '../odd-queries';

const words = (q: ParsedQuery) => q.terms.map((t) => t.word);

describe('parseQuery on odd input', () => {
  it.each(ODD_QUERIES.map((q) => [JSON.stringify(q.slice(0, 40)), q]))(
    'never throws and stays bounded: %s',
    (_label, input) => {
      let parsed: ParsedQuery | undefined;
      expect(() => {
        parsed = parseQuery(input);
      }).not.toThrow();
      const q = parsed!;
      expect(Array.isArray(q.terms)).toBe(true);
      expect(q.terms.length).toBeLessThanOrEqual(MAX_TERMS);
      for (const t of q.terms) {
        expect(t.word.length).toBeGreaterThan(0);
        expect(t.word.length).toBeLessThanOrEqual(40);
        // Only letters and digits reach the index: no operators, markup or control characters.
        expect(t.word).toMatch(/^[\p{L}\p{N}]+$/u);
        expect(t.word).toBe(t.word.toLowerCase());
      }
      expect(typeof q.normalised).toBe('string');
      // Nothing but words, field names and the spaces between them.
      expect(q.normalised).toMatch(/^[\p{L}\p{N}: ]*$/u);
    },
  );

  it('returns nothing to search for empty, blank and operator-only input', () => {
    for (const input of ['', '   \t\n  ', ':', '~', '^', '*', '+', '-', '"', '""', '***', '~~~^^^']) {
      const q = parseQuery(input);
      expect(q.terms, JSON.stringify(input)).toEqual([]);
      expect(q.verdicts).toEqual([]);
      expect(q.kinds).toEqual([]);
      expect(q.normalised).toBe('');
    }
  });

  it('accepts anything that is not a string as an empty query', () => {
    for (const input of [undefined, null, 42, {}, ['huawei'], () => 'x']) {
      expect(parseQuery(input).terms).toEqual([]);
    }
  });

  it('strips lunr operators and keeps the words', () => {
    expect(words(parseQuery('foo:'))).toEqual(['foo']);
    expect(words(parseQuery('-foo'))).toEqual(['foo']);
    expect(words(parseQuery('foo~'))).toEqual(['foo']);
    expect(words(parseQuery('foo^'))).toEqual(['foo']);
    expect(words(parseQuery('+foo^2 bar~1'))).toEqual(['foo', '2', 'bar', '1']);
    expect(words(parseQuery('*e*'))).toEqual(['e']);
    expect(words(parseQuery('a* b* c* d* e*'))).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('treats a colon after an unknown word as punctuation, not a field', () => {
    const q = parseQuery('Fact check: covid');
    expect(q.terms).toEqual([{ word: 'fact' }, { word: 'check' }, { word: 'covid' }]);
    expect(words(parseQuery('12:30'))).toEqual(['12', '30']);
    expect(words(parseQuery('COVID-19: vaccine'))).toEqual(['covid', '19', 'vaccine']);
    expect(words(parseQuery('http://example.com/x'))).toEqual(['http', 'example', 'com', 'x']);
    for (const input of ['Fact check: covid', '12:30', 'COVID-19: vaccine', 'http://example.com/x']) {
      expect(parseQuery(input).terms.every((t) => t.field === undefined)).toBe(true);
    }
  });

  it('reduces markup and SQL to plain words', () => {
    expect(words(parseQuery('<script>alert(1)</script>'))).toEqual(['script', 'alert', '1']);
    expect(words(parseQuery("'; DROP TABLE claims;--"))).toEqual(['drop', 'table', 'claims']);
  });

  it('drops emoji and keeps the words around them', () => {
    expect(words(parseQuery('🦄 huawei 👍🏽 🇨🇳'))).toEqual(['huawei']);
    expect(parseQuery('🦄👍🏽').terms).toEqual([]);
  });

  it('turns control and bidi characters into separators', () => {
    const q = parseQuery('\u0000huawei\u0007 back\u202edoor');
    expect(words(q)).toEqual(['huawei', 'back', 'door']);
    expect(normaliseText('a\u0000b\u0007c\u202ed\ufeffe')).toBe('a b c d e');
  });

  it('folds combining accents and compatibility forms', () => {
    expect(words(parseQuery('Hu\u0301awei'))).toContain('huawei');
    expect(words(parseQuery('Hu\u0301awei'))).toEqual(['huawei']);
    expect(words(parseQuery('HÚAWEI'))).toEqual(['huawei']);
    expect(words(parseQuery('ＨＵＡＷＥＩ'))).toEqual(['huawei']);
    expect(words(parseQuery('İstanbul Ünïcödé'))).toEqual(['istanbul', 'unicode']);
    expect(splitWords('Wanzhou MENG’s')).toEqual(['wanzhou', 'meng', 's']);
  });

  it('caps the length at MAX_QUERY_LENGTH and says so', () => {
    const long = parseQuery('x'.repeat(10_000));
    expect(long.notices).toContain(`Only the first ${MAX_QUERY_LENGTH} characters of your search were used.`);
    expect(long.terms).toEqual([]); // one 200-letter "word" is longer than any indexed word

    const words200 = parseQuery(`${'ab '.repeat(MAX_QUERY_LENGTH / 3)}zzzzunique`);
    expect(words(words200)).not.toContain('zzzzunique'); // beyond the first 200 characters
    expect(words200.notices.some((n) => n.includes(String(MAX_QUERY_LENGTH)))).toBe(true);

    const exact = parseQuery('y'.repeat(MAX_QUERY_LENGTH));
    expect(exact.notices).toEqual([]);
  });

  it('caps the number of words at MAX_TERMS and says so', () => {
    const many = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    const q = parseQuery(many);
    expect(q.terms).toHaveLength(MAX_TERMS);
    expect(words(q)).toEqual(Array.from({ length: MAX_TERMS }, (_, i) => `word${i}`));
    expect(q.notices).toContain(`Only the first ${MAX_TERMS} words of your search were used.`);

    const fielded = parseQuery(Array.from({ length: 20 }, (_, i) => `speaker:s${i}`).join(' '));
    expect(fielded.terms.length).toBe(MAX_TERMS);

    const exactly = parseQuery(Array.from({ length: MAX_TERMS }, (_, i) => `w${i}`).join(' '));
    expect(exactly.terms).toHaveLength(MAX_TERMS);
    expect(exactly.notices).toEqual([]);
  });

  it('counts repeated words once', () => {
    expect(parseQuery('huawei '.repeat(20)).terms).toEqual([{ word: 'huawei' }]);
    expect(words(parseQuery('Huawei HUAWEI huawei purdy'))).toEqual(['huawei', 'purdy']);
  });

  it('drops words longer than 40 characters', () => {
    expect(words(parseQuery(`${'a'.repeat(41)} huawei`))).toEqual(['huawei']);
    expect(words(parseQuery('a'.repeat(40)))).toEqual(['a'.repeat(40)]);
  });
});

describe('parseQuery field syntax', () => {
  it('reads speaker:, verdict: and kind: together', () => {
    const q = parseQuery('speaker:purdy verdict:disputed kind:case');
    expect(q.terms).toEqual([{ word: 'purdy', field: 'speaker' }]);
    expect(q.verdicts).toEqual(['disputed']);
    expect(q.kinds).toEqual(['case']);
    expect(q.notices).toEqual([]);
    expect(q.normalised).toBe('speaker:purdy verdict:disputed kind:case');
  });

  it('accepts aliases, upper case, a space after the colon and quoted values', () => {
    expect(parseQuery('BY:Purdy').terms).toEqual([{ word: 'purdy', field: 'speaker' }]);
    expect(parseQuery('who: purdy').terms).toEqual([{ word: 'purdy', field: 'speaker' }]);
    expect(parseQuery('statement:backdoor').terms).toEqual([{ word: 'backdoor', field: 'title' }]);
    expect(parseQuery('topic:"5g networks"').terms).toEqual([
      { word: '5g', field: 'topics' },
      { word: 'networks', field: 'topics' },
    ]);
    expect(parseQuery('type:cases').kinds).toEqual(['case']);
  });

  it('mixes fields with free words', () => {
    const q = parseQuery('backdoor speaker:purdy access');
    expect(q.terms).toEqual([{ word: 'purdy', field: 'speaker' }, { word: 'backdoor' }, { word: 'access' }]);
  });

  it('understands every kind, in singular, plural and common spellings', () => {
    const cases: [string, string][] = [
      ['claim', 'claim'],
      ['claims', 'claim'],
      ['person', 'person'],
      ['people', 'person'],
      ['persons', 'person'],
      ['organisation', 'organisation'],
      ['organisations', 'organisation'],
      ['organization', 'organisation'],
      ['organizations', 'organisation'],
      ['org', 'organisation'],
      ['source', 'source'],
      ['sources', 'source'],
      ['case', 'case'],
      ['cases', 'case'],
      ['topic', 'topic'],
      ['topics', 'topic'],
    ];
    for (const [typed, kind] of cases) {
      const q = parseQuery(`kind:${typed}`);
      expect(q.kinds, `kind:${typed}`).toEqual([kind]);
      expect(q.notices, `kind:${typed}`).toEqual([]);
    }
  });

  it('explains an unknown kind instead of failing', () => {
    const q = parseQuery('kind:zzz huawei');
    expect(q.kinds).toEqual([]);
    expect(words(q)).toEqual(['huawei']);
    expect(q.notices).toHaveLength(1);
    expect(q.notices[0]).toContain('zzz');
  });

  it('ignores a field with no value', () => {
    expect(parseQuery('speaker:').terms).toEqual([]);
    expect(parseQuery('speaker: ').terms).toEqual([]);
    expect(parseQuery('kind: ').kinds).toEqual([]);
    expect(parseQuery('verdict:').verdicts).toEqual([]);
  });

  it('does not let an empty field swallow the next field', () => {
    const q = parseQuery('speaker: verdict:disputed');
    expect(q.verdicts).toEqual(['disputed']);
    expect(q.terms).toEqual([]);
    expect(parseQuery('topic: kind:case').kinds).toEqual(['case']);
    const empty = parseQuery('speaker: verdict: kind: topic:');
    expect(empty.terms).toEqual([]);
    expect(empty.verdicts).toEqual([]);
    expect(empty.kinds).toEqual([]);
  });

  it('treats an unknown field name as an ordinary word', () => {
    expect(parseQuery('colour:red').terms).toEqual([{ word: 'colour' }, { word: 'red' }]);
  });
});

describe('typoAllowance', () => {
  it('forgives nothing in short words, one slip from 5 letters and two from 9', () => {
    expect(typoAllowance('')).toBe(0);
    expect(typoAllowance('a')).toBe(0);
    expect(typoAllowance('abcd')).toBe(0);
    expect(typoAllowance('abcde')).toBe(1);
    expect(typoAllowance('huwaei')).toBe(1);
    expect(typoAllowance('abcdefgh')).toBe(1);
    expect(typoAllowance('abcdefghi')).toBe(2);
    expect(typoAllowance('racketering')).toBe(2);
  });
});
