/**
 * The verdict card as text and as picture: the model (what is drawn, cut to fit, in the site's
 * verdict colours), the SVG satori makes from it (the words a reader would see, each inside the
 * card), the PNG resvg makes (1200×630, decodable, the verdict's colour where it should be) and
 * the version that names the card's address.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CARD_HEIGHT,
  CARD_WIDTH,
  cardAlt,
  cardVersion,
  NEUTRAL_COLOUR,
  RETRACTED_COLOUR,
  truncateText,
  VERDICT_COLOURS,
  verdictCardModel,
  type CardClaim,
} from '~/publishing/verdict-card';
import { renderVerdictCard, verdictCardSvg } from '~/publishing/verdict-card.server';
import { decodePng, readPng } from '../png';

const PURDY: CardClaim = {
  slug: 'andy-purdy-denies-backdoor-access',
  statement: 'We can prove that our equipment is not subject to any influence for the Chinese government.',
  statementKind: 'quote',
  claimedOn: '2020-02-13',
  venue: 'Mornings with Maria',
  status: 'published',
  verdict: { id: 'unproven', label: 'Unproven' },
  speaker: { name: 'Andy Purdy', role: 'Chief Security Officer' },
};
const SITE = 'Claims & Rebuttals';
const LONG = `${'The state of our union is strong, and it grows stronger every year we keep faith with the promise. '.repeat(12)}END`;

/** The words of an SVG drawn with text kept as <text>, joined as a reader would read them. */
function svgWords(svg: string): { text: string; boxes: { x: number; y: number; width: number; word: string }[] } {
  const boxes = [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"[^>]*>([^<]*)<\/text>/g)].map(
    (m) => ({
      x: Number(m[1]),
      y: Number(m[2]),
      width: Number(m[3]),
      word: m[4]
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'"),
    }),
  );
  return { text: boxes.map((b) => b.word).join(''), boxes };
}

describe('the card model', () => {
  it('uses the verdict colours of the site’s stylesheets', () => {
    const colours = (sheet: string, pattern: RegExp) =>
      Object.fromEntries([...fs.readFileSync(sheet, 'utf8').matchAll(pattern)].map((m) => [m[1], m[2]]));
    // The site's badges and scorecards read custom properties; the embed's own sheet spells them out.
    expect(colours('app/styles/claims.css', /--verdict-([\w-]+):\s*(#[0-9a-f]{6})/g)).toEqual(VERDICT_COLOURS);
    expect(colours('app/styles/embed.css', /\.verdict--([\w-]+)\s*\{\s*background:\s*(#[0-9a-f]{6})/g)).toEqual(
      VERDICT_COLOURS,
    );
    expect(fs.readFileSync('app/styles/claims.css', 'utf8')).toMatch(
      new RegExp(`\\.tag--warning\\s*\\{\\s*color:\\s*${RETRACTED_COLOUR}`),
    );
  });

  it('quotes the speaker’s words, labels our summary, and names the speaker, date and site', () => {
    const quote = verdictCardModel(PURDY, SITE);
    expect(quote).toMatchObject({
      eyebrow: 'Our verdict',
      badge: { label: 'Unproven', colour: VERDICT_COLOURS.unproven },
      statementLabel: null,
      statement: `“${PURDY.statement}”`,
      speaker: 'Andy Purdy',
      speakerRole: 'Chief Security Officer',
      said: 'Said 13 February 2020 · Mornings with Maria',
      siteName: SITE,
      retracted: false,
    });
    const summary = verdictCardModel(
      { ...PURDY, statementKind: 'summary', speaker: null, claimedOn: '2020-02', venue: null },
      SITE,
    );
    expect(summary).toMatchObject({
      statementLabel: 'Our summary:',
      statement: PURDY.statement,
      speaker: 'Unattributed',
    });
    expect(summary.said).toBe('Said February 2020');
    expect(verdictCardModel({ ...PURDY, verdict: null }, SITE).badge).toEqual({
      label: 'No verdict yet',
      colour: NEUTRAL_COLOUR,
    });
  });

  it('says a retracted fact-check is retracted, instead of its verdict', () => {
    const model = verdictCardModel({ ...PURDY, status: 'retracted' }, SITE);
    expect(model.badge).toEqual({ label: 'Retracted', colour: RETRACTED_COLOUR });
    expect(model.note).toBe('We no longer stand by this fact-check.');
    expect(JSON.stringify(model)).not.toContain('Unproven');
    expect(cardAlt({ ...PURDY, status: 'retracted' })).toMatch(/^Retracted fact-check\. Andy Purdy said “We can prove/);
    expect(cardAlt(PURDY)).toMatch(/^Verdict: Unproven\. Andy Purdy said “We can prove/);
  });

  it('cuts long text at a word with an ellipsis, and picks a smaller size before cutting', () => {
    expect(truncateText('one two three four five six', 15)).toBe('one two three…');
    expect(truncateText('short', 15)).toBe('short');
    const short = verdictCardModel(PURDY, SITE);
    const long = verdictCardModel({ ...PURDY, statement: LONG }, SITE);
    expect(long.statementFontSize).toBeLessThan(short.statementFontSize);
    expect(long.statement).toMatch(/\w…”$/);
    expect(long.statement).not.toContain('END');
    expect(long.statement.length).toBeLessThan(LONG.length / 2);
  });

  it('changes its version when what it draws changes, and only then', () => {
    const version = cardVersion(verdictCardModel(PURDY, SITE));
    expect(version).toMatch(/^[0-9a-f]{8}$/);
    expect(cardVersion(verdictCardModel({ ...PURDY }, SITE))).toBe(version);
    const changed = [
      { ...PURDY, verdict: { id: 'false', label: 'False' } },
      { ...PURDY, status: 'retracted' as const },
      { ...PURDY, speaker: { name: 'Andrew Purdy', role: 'Chief Security Officer' } },
      { ...PURDY, statement: `${PURDY.statement} Again.` },
    ].map((claim) => cardVersion(verdictCardModel(claim, SITE)));
    expect(new Set([version, ...changed]).size).toBe(5);
  });
});

describe('the drawing', () => {
  it('draws the verdict, the statement, the speaker, the date and the site name', async () => {
    const { text } = svgWords(await verdictCardSvg(verdictCardModel(PURDY, SITE), { textAsText: true }));
    for (const words of [
      'UNPROVEN',
      PURDY.statement,
      'Andy Purdy, Chief Security Officer',
      'Said 13 February 2020',
      SITE,
    ]) {
      expect(text).toContain(words);
    }
  });

  it('draws “Retracted” on a retracted claim’s card, and not its verdict', async () => {
    const { text } = svgWords(
      await verdictCardSvg(verdictCardModel({ ...PURDY, status: 'retracted' }, SITE), { textAsText: true }),
    );
    expect(text).toContain('RETRACTED');
    expect(text).toContain('We no longer stand by this fact-check.');
    expect(text).not.toContain('UNPROVEN');
  });

  it('keeps very long text inside the card, ending in an ellipsis', async () => {
    const wide = { name: 'W'.repeat(120), role: 'M'.repeat(120) };
    const model = verdictCardModel(
      { ...PURDY, statement: LONG.toUpperCase(), speaker: wide, venue: 'V'.repeat(200) },
      SITE,
    );
    const { text, boxes } = svgWords(await verdictCardSvg(model, { textAsText: true }));
    expect(text).toContain('…');
    expect(text).not.toContain('END');
    // Words start inside the card (a word cut with an ellipsis keeps its uncut width here)...
    expect(boxes.filter((b) => b.x < 0 || b.x >= CARD_WIDTH || b.y > CARD_HEIGHT)).toEqual([]);
    // ...and nothing is drawn in the right margin: the picture, pixel by pixel.
    const pixels = decodePng(await renderVerdictCard(model), CARD_WIDTH, CARD_HEIGHT);
    const inMargin: string[] = [];
    for (let x = 1140; x < CARD_WIDTH; x += 3) {
      for (let y = 0; y < 555; y += 3) if (pixels.at(x, y) !== '#fbfaf7') inMargin.push(`${x},${y}`);
    }
    expect(inMargin).toEqual([]);
    // The statement stops above the speaker's line.
    const speakerY = Math.min(...boxes.filter((b) => b.word.startsWith('WWW')).map((b) => b.y));
    const statementYs = boxes.filter((b) => /^(THE|STATE|UNION|STRONG,?)$/.test(b.word)).map((b) => b.y);
    expect(Math.max(...statementYs)).toBeLessThan(speakerY);
  });

  it('renders a 1200×630 PNG that decodes, in the verdict’s colour', async () => {
    const png = await renderVerdictCard(verdictCardModel({ ...PURDY, verdict: { id: 'false', label: 'False' } }, SITE));
    expect(readPng(png)).toMatchObject({ width: CARD_WIDTH, height: CARD_HEIGHT });
    const pixels = decodePng(png, CARD_WIDTH, CARD_HEIGHT);
    expect(pixels.at(6, 300)).toBe(VERDICT_COLOURS.false);
    expect(pixels.at(600, 620)).toBe('#1d2b3a');
    expect(pixels.at(1150, 300)).toBe('#fbfaf7');
  });
});
