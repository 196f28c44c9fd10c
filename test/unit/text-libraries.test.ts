// The libraries that replaced hand-written text code: slugs in any script, Markdown to text from
// markdown-it's tokens, and the revision diff on jsdiff.
import { describe, expect, it } from 'vitest';
import { slugify } from '~/domain';
import { diffLines } from '~/editor/diff';
import { markdownToText } from '~/markdown.server';

describe('slugify', () => {
  it.each([
    ['Łukasz Ørsted', 'lukasz-orsted'],
    ['Straße des 17. Juni', 'strasse-des-17-juni'],
    ['Владимир Путин', 'vladimir-putin'],
    ['习近平', 'xi-jin-ping'],
    ['Andy Purdy denies back-door access', 'andy-purdy-denies-back-door-access'],
    ['  --Huawei’s “back doors”--  ', 'huawei-s-back-doors'],
  ])('%s → %s', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it('falls back to "entry" when nothing is left, and cuts long titles at a hyphen', () => {
    expect(slugify('!!!')).toBe('entry');
    const long = slugify('word '.repeat(40));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long.endsWith('-')).toBe(false);
    expect(long).toMatch(/^(word-)+word$/);
  });
});

describe('markdownToText', () => {
  it('keeps characters Markdown does not use as markup', () => {
    expect(markdownToText('The C# client and snake_case_name > 5')).toBe('The C# client and snake_case_name > 5');
  });

  it('drops markup, keeps link text, separates blocks', () => {
    expect(
      markdownToText('# Heading\n\nSome *emph* and [a link](https://example.org) and `code`.\n\n- one\n- two'),
    ).toBe('Heading Some emph and a link and code. one two');
    expect(markdownToText('Typed "quotes" -- as typed')).toBe('Typed "quotes" -- as typed');
  });
});

describe('diffLines', () => {
  it('marks removed, added and unchanged lines in order', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'x' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' },
    ]);
  });

  it('diffs two 20,000-line texts that differ in a few lines quickly, with every line accounted for', () => {
    const before = Array.from({ length: 20000 }, (_, i) => `line ${i}`);
    const after = [...before];
    after[100] = 'changed';
    after.splice(15000, 1);
    const diff = diffLines(before, after);
    expect(diff.filter((d) => d.kind === 'same')).toHaveLength(19998);
    expect(diff.filter((d) => d.kind !== 'same').map((d) => `${d.kind}:${d.text}`)).toEqual([
      'removed:line 100',
      'added:changed',
      'removed:line 15000',
    ]);
  });
});
