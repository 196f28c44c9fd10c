/**
 * The quote matcher (app/domain/quote-match.ts): a quote is found whatever typography the source
 * set it in, its place is reported in the original text (so it can be highlighted), a changed
 * word makes it near or not found, and a 100 KB article is searched in well under 20 ms.
 */
import { describe, expect, it } from 'vitest';
import { MAX_GAP, matchQuote, NEAR_THRESHOLD, prepareText } from '~/domain/quote-match';
import { tokenize } from '~/domain/quote-tokens';

const QUOTE = "We have never and will never do anything that would compromise our customers' networks";

describe('found whatever the typography', () => {
  it.each([
    ['plain', "We have never and will never do anything that would compromise our customers' networks."],
    [
      'curly quotes and commas',
      '“We have never, and will never, do anything that would compromise our customers’ networks.”',
    ],
    ['guillemets', '« We have never and will never do anything that would compromise our customers‹ networks »'],
    ['German quotes', '„We have never and will never do anything that would compromise our customers‘ networks“'],
    ['upper case', "WE HAVE NEVER AND WILL NEVER DO ANYTHING THAT WOULD COMPROMISE OUR CUSTOMERS' NETWORKS"],
    [
      'line breaks and tabs',
      "We have\nnever and\twill never do\r\nanything that   would compromise our customers' networks",
    ],
    [
      'non-breaking spaces',
      "We\u00A0have\u202Fnever and\u2007will never do anything that would compromise our customers' networks",
    ],
    [
      'zero-width characters',
      "We ha\u200Bve never and wi\u200Dll never do any\uFEFFthing that would compromise our customers' networks",
    ],
    [
      'soft hyphens',
      "We have never and will never do any\u00ADthing that would com\u00ADpro\u00ADmise our customers' networks",
    ],
    [
      'line-end hyphenation',
      "We have never and will never do any-\nthing that would compro-\n  mise our customers' net-\r\nworks",
    ],
    [
      'soft hyphen at a line end',
      "We have never and will never do anything that would compro\u00AD\nmise our customers' networks",
    ],
    [
      'full-width letters (NFKC)',
      "Ｗｅ have never and will never do anything that would compromise our customers' networks",
    ],
    ['within a longer article', `Intro paragraph.\n\nPurdy said: “${QUOTE}.” He added more.`],
  ])('%s', (_label, text) => {
    const m = matchQuote(QUOTE, text);
    expect(m.result).toBe('found');
    expect(m.score).toBe(1);
  });

  it('treats every dash and "--" alike, with or without spaces', () => {
    const quote = 'the officials -- speaking anonymously -- said';
    for (const dash of ['–', '—', '‒', '―', '-', '--', ' — ', ' – ', '−']) {
      expect(matchQuote(quote, `And the officials${dash}speaking anonymously${dash}said so.`).result).toBe('found');
    }
  });

  it('reads an ellipsis in the source as punctuation', () => {
    expect(matchQuote('we will see… what happens', 'They said "we will see... what happens" today').result).toBe(
      'found',
    );
  });

  it('finds a ligature and a precomposed letter as their plain forms', () => {
    expect(matchQuote('the ﬁnal café', 'the final cafe\u0301 opened').result).toBe('found');
    expect(matchQuote('the final café', 'the ﬁnal café opened').result).toBe('found');
  });

  it('reads a hyphenated word and the same word written solid as one', () => {
    expect(matchQuote('a well-known back-door', 'a wellknown backdoor').result).toBe('found');
    expect(matchQuote('a wellknown backdoor', 'a well-known back-door').result).toBe('found');
    expect(matchQuote('a well-known firm', 'a well-\nknown firm').result).toBe('found');
    // Two separate words are not a hyphenated one.
    expect(matchQuote('a back door', 'a backdoor').result).not.toBe('found');
  });

  it('keeps figures whole: 3.5 is not 35, 1,000 is not 1000', () => {
    expect(matchQuote('grew 3.5 percent', 'grew 3.5 percent').result).toBe('found');
    expect(matchQuote('grew 35 percent', 'grew 3.5 percent').result).not.toBe('found');
    expect(matchQuote('fined $1,000', 'fined $1000').result).not.toBe('found');
  });
});

describe('offsets in the original text', () => {
  it('maps the passage back across line-end hyphenation, soft hyphens and odd spaces', () => {
    const text = 'Preface.\n\nThe infor-\nmation was\u00A0pro\u00ADvided on re-\n  quest by the “com-\r\npany”.';
    const m = matchQuote('the information was provided on request by the company', text);
    expect(m.result).toBe('found');
    expect(m.start).toBe(text.indexOf('The infor'));
    expect(m.end).toBe(text.indexOf('pany') + 'pany'.length);
    expect(text.slice(m.start, m.end)).toBe(
      'The infor-\nmation was\u00A0pro\u00ADvided on re-\n  quest by the “com-\r\npany',
    );
    expect(m.excerpt).toBe(text.slice(m.start, m.end));
  });

  it('counts characters outside the BMP and combining marks in the original units', () => {
    const text = '😀😀 Ce\u0301sar said “go”';
    const m = matchQuote('césar said go', text);
    expect(m.result).toBe('found');
    expect(text.slice(m.start, m.end)).toBe('Ce\u0301sar said “go');
  });

  it('points each token at its own span', () => {
    const tokens = tokenize('ﬁne, don’t — 3.5');
    expect(tokens.map((t) => [t.word, t.start, t.end])).toEqual([
      ['fine', 0, 3],
      ['dont', 5, 10],
      ['3.5', 13, 16],
    ]);
  });

  it('finds the first occurrence when the quote appears twice', () => {
    const text = 'no comment. Later: no comment.';
    expect(matchQuote('No comment', text).start).toBe(0);
  });
});

describe('elisions', () => {
  const text =
    'The company has always said that it has never, in any circumstances, given a government access to its networks, and it never will.';

  it.each([
    'it has never [...] given a government access',
    'it has never […] given a government access',
    'it has never … given a government access',
    'it has never ... given a government access',
    'it has never . . . given a government access',
    '… it has never, in any circumstances, given a government access …',
    '[It] has never, in any circumstances, given a government access',
  ])('finds every part in order: %s', (quote) => {
    expect(matchQuote(quote, text).result).toBe('found');
  });

  it('highlights each part, and the excerpt shows the elision', () => {
    const m = matchQuote('it has never [...] access to its networks', text);
    expect(m.parts.map((p) => text.slice(p.start, p.end))).toEqual(['it has never', 'access to its networks']);
    expect(m.excerpt).toBe('it has never […] access to its networks');
  });

  it('does not find parts out of order', () => {
    expect(matchQuote('access to its networks [...] it has never', text).result).not.toBe('found');
  });

  it('does not find parts farther apart than MAX_GAP characters', () => {
    const far = `it has never said ${'filler words here. '.repeat(Math.ceil(MAX_GAP / 19) + 5)} access to its networks`;
    expect(matchQuote('it has never [...] access to its networks', far).result).not.toBe('found');
    const near = `it has never said ${'filler words here. '.repeat(10)} access to its networks`;
    expect(matchQuote('it has never [...] access to its networks', near).result).toBe('found');
  });
});

describe('near and not found', () => {
  const text = `Earlier text. Purdy said: “${QUOTE}.” Later text about something else entirely.`;

  it('one changed word of fifteen is near, and says how near', () => {
    const m = matchQuote(QUOTE.replace('compromise', 'endanger'), text);
    expect(m.result).toBe('near');
    expect(m.score).toBeCloseTo(1 - 1 / 15, 2);
    expect(text.slice(m.start, m.end)).toBe(QUOTE);
  });

  it('a typo costs less than a different word', () => {
    const typo = matchQuote(QUOTE.replace('compromise', 'compromize'), text);
    const other = matchQuote(QUOTE.replace('compromise', 'endanger'), text);
    expect(typo.result).toBe('near');
    expect(typo.score).toBeGreaterThan(other.score);
  });

  it('a missing or an added word is near', () => {
    expect(matchQuote(QUOTE.replace('our ', ''), text).result).toBe('near');
    expect(matchQuote(QUOTE.replace('anything', 'anything at all'), text).result).toBe('near');
  });

  it('a changed figure is not a typo', () => {
    const m = matchQuote('revenue grew 2019 percent', 'revenue grew 2018 percent');
    // One word of four, and a figure costs a whole word: 0.75, below the threshold.
    expect(m).toMatchObject({ result: 'not_found', score: 0.75 });
    expect(matchQuote('revenue grew 2019 percent', 'revenue grew 2019 per cent').result).not.toBe('found');
  });

  it('a quote half rewritten is not found, but the closest passage is still given', () => {
    const m = matchQuote('We have never and will never do harm to the people who trust our equipment', text);
    expect(m.result).toBe('not_found');
    expect(m.score).toBeGreaterThan(0);
    expect(m.score).toBeLessThan(NEAR_THRESHOLD);
    expect(text.slice(m.start, m.end)).toContain('We have never and will never');
  });

  it('a quote of other words entirely scores 0 with no passage', () => {
    const m = matchQuote('zebras migrate across the plains', text);
    expect(m).toMatchObject({ result: 'not_found', score: 0, start: -1, end: -1, excerpt: '' });
  });

  it('an empty quote, a quote of punctuation only, or an empty text is not found', () => {
    expect(matchQuote('', text).result).toBe('not_found');
    expect(matchQuote('“…”', text).result).toBe('not_found');
    expect(matchQuote(QUOTE, '').result).toBe('not_found');
  });

  it('an elided quote with one part missing is not found', () => {
    expect(matchQuote('We have never [...] zebras migrate across the plains every year', text).result).toBe(
      'not_found',
    );
  });
});

describe('speed', () => {
  /** About 100 KB of varied prose, the quote (in curly typography) near the end. */
  function article(): string {
    const words =
      'the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her she there one been all would their we him has when who will more no if out so said what up its about into than them can only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three'.split(
        ' ',
      );
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const paragraphs: string[] = [];
    let size = 0;
    while (size < 100_000) {
      const sentence = Array.from({ length: 8 + (next() % 20) }, () => words[next() % words.length]).join(' ');
      paragraphs.push(`${sentence[0].toUpperCase()}${sentence.slice(1)}.`);
      size += sentence.length + 2;
    }
    paragraphs.splice(paragraphs.length - 20, 0, `“${QUOTE}”, Purdy said of the company’s gear.`);
    return paragraphs.join(' ');
  }

  /** A ~300-character quote. */
  const LONG_QUOTE = `${QUOTE}, Purdy said of the company’s gear. `.repeat(3).slice(0, 300).trim();

  it('finds or rejects a 300-character quote in a 100 KB article in under 20 ms', () => {
    const text = article();
    expect(text.length).toBeGreaterThan(100_000);
    // CPU time, the fastest of nine runs: the machine is shared (load 4-8 on 2 cores is common
    // here), and waiting for a core is not the matcher's cost. Wall time is logged beside it.
    const times: Record<string, { cpu: number; wall: number }> = {};
    const time = (label: string, fn: () => void) => {
      fn(); // warm the JIT once
      const runs = Array.from({ length: 9 }, () => {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        fn();
        const wall = performance.now() - t0;
        const c = process.cpuUsage(c0);
        return { cpu: (c.user + c.system) / 1000, wall };
      });
      times[label] = {
        cpu: Math.min(...runs.map((r) => r.cpu)),
        wall: runs.map((r) => r.wall).sort((a, b) => a - b)[4],
      };
    };
    time('found', () => expect(matchQuote(QUOTE, text).result).toBe('found'));
    time('near', () => expect(matchQuote(QUOTE.replace('compromise', 'endanger'), text).result).toBe('near'));
    time('not found, common words', () =>
      expect(matchQuote(LONG_QUOTE.replace(/networks/g, 'machines').replace(/said/g, 'wrote'), text).result).not.toBe(
        'found',
      ),
    );
    time('not found, rare words', () =>
      expect(matchQuote('zebras migrate across the plains every year in their thousands', text).result).toBe(
        'not_found',
      ),
    );
    const prepared = prepareText(text);
    time('prepared text, 300 characters', () => matchQuote(LONG_QUOTE, prepared));
    console.log(
      'quote-match, ms (cpu: fastest of 9, wall: median):',
      JSON.stringify(times, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v)),
    );
    for (const { cpu } of Object.values(times)) expect(cpu).toBeLessThan(20);
  });
});
