/**
 * Draws a verdict card: the model (verdict-card.ts) as a satori element tree, laid out and turned
 * into SVG by satori (text as outlines of the DejaVu Sans we ship, so no font on the machine
 * matters), then rasterised to PNG by resvg. Rendered PNGs are kept in memory by claim and
 * version, within a byte bound, and a burst of first requests for one card renders it once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { LRUCache } from 'lru-cache';
import satori from 'satori';
import { CARD_HEIGHT, CARD_WIDTH, STATEMENT_BOX, STATEMENT_LINE_HEIGHT, type VerdictCardModel } from './verdict-card';

// Colours of app/styles/base.css.
const INK = '#1b1f24';
const INK_SOFT = '#4a5360';
const PAPER = '#fbfaf7';
const BRAND = '#1d2b3a';
const FONT = 'DejaVu Sans';
const PADDING_X = (CARD_WIDTH - STATEMENT_BOX.width - 16) / 2;

/** The fonts, read once; the build runs from the project root (as server.js finds build/). */
let fonts: { name: string; data: Buffer; weight: 400 | 700; style: 'normal' }[] | null = null;
function cardFonts() {
  if (!fonts) {
    const dir = path.resolve(process.cwd(), 'app/publishing/fonts');
    fonts = [
      { name: FONT, data: fs.readFileSync(path.join(dir, 'DejaVuSans.ttf')), weight: 400, style: 'normal' },
      { name: FONT, data: fs.readFileSync(path.join(dir, 'DejaVuSans-Bold.ttf')), weight: 700, style: 'normal' },
    ];
  }
  return fonts;
}

type Style = Record<string, string | number>;
interface CardNode {
  type: string;
  props: { style: Style; children?: string | (CardNode | null)[] };
}
const box = (style: Style, children?: string | (CardNode | null)[]): CardNode => ({
  type: 'div',
  props: { style: { display: 'flex', ...style }, children },
});
/** One line that never wraps: cut with an ellipsis at the box's edge. */
const oneLine = (style: Style, text: string) =>
  box({ ...style, display: 'block', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }, text);

/** The card as satori's element tree. */
export function cardTree(model: VerdictCardModel): CardNode {
  const statementBox = STATEMENT_BOX.height - (model.statementLabel ? STATEMENT_BOX.labelHeight : 0);
  return box({ width: CARD_WIDTH, height: CARD_HEIGHT, background: PAPER, fontFamily: FONT, color: INK }, [
    // A stripe in the badge's colour down the left edge: the verdict at a glance, even small.
    box({ width: 16, height: CARD_HEIGHT, background: model.badge.colour }),
    box({ flexDirection: 'column', width: CARD_WIDTH - 16, height: CARD_HEIGHT }, [
      box({ flexDirection: 'column', flexGrow: 1, padding: `44px ${PADDING_X}px 0 ${PADDING_X}px` }, [
        oneLine(
          { fontSize: 24, color: INK_SOFT, textTransform: 'uppercase', letterSpacing: 2, height: 32 },
          model.eyebrow,
        ),
        box({ alignItems: 'center', marginTop: 6, height: 66 }, [
          box(
            {
              background: model.badge.colour,
              color: '#ffffff',
              fontSize: 38,
              fontWeight: 700,
              textTransform: 'uppercase',
              letterSpacing: 1,
              padding: '8px 30px',
              borderRadius: 999,
              whiteSpace: 'nowrap',
              flexShrink: 0,
            },
            model.badge.label,
          ),
          model.note
            ? oneLine({ fontSize: 28, fontWeight: 700, color: model.badge.colour, marginLeft: 24 }, model.note)
            : null,
        ]),
        box({ flexDirection: 'column', marginTop: 26, height: STATEMENT_BOX.height, overflow: 'hidden' }, [
          model.statementLabel
            ? oneLine(
                { fontSize: 24, fontWeight: 700, color: INK_SOFT, height: STATEMENT_BOX.labelHeight },
                model.statementLabel,
              )
            : null,
          box(
            {
              display: 'block',
              width: STATEMENT_BOX.width,
              height: statementBox,
              overflow: 'hidden',
              fontSize: model.statementFontSize,
              lineHeight: STATEMENT_LINE_HEIGHT,
              fontWeight: 700,
              lineClamp: model.statementMaxLines,
            },
            model.statement,
          ),
        ]),
        box({ flexDirection: 'column', marginTop: 18 }, [
          oneLine(
            { fontSize: 30, fontWeight: 700, height: 40 },
            model.speakerRole ? `${model.speaker}, ${model.speakerRole}` : model.speaker,
          ),
          oneLine({ fontSize: 24, color: INK_SOFT, height: 34 }, model.said),
        ]),
      ]),
      box(
        {
          height: 72,
          background: BRAND,
          color: '#ffffff',
          alignItems: 'center',
          justifyContent: 'space-between',
          padding: `0 ${PADDING_X}px`,
        },
        [
          oneLine({ fontSize: 28, fontWeight: 700 }, `❝ ${model.siteName}`),
          oneLine({ fontSize: 22, color: '#dcd8cf' }, 'Fact-check'),
        ],
      ),
    ]),
  ]);
}

/**
 * The card as SVG. `textAsText` keeps words as <text> (for tests to read what is drawn);
 * the PNG is drawn from outlines, which need no font at rasterising time.
 */
export async function verdictCardSvg(model: VerdictCardModel, { textAsText = false } = {}): Promise<string> {
  // satori's types want a React node; our tree is the same plain shape React elements have.
  return satori(cardTree(model) as unknown as Parameters<typeof satori>[0], {
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    fonts: cardFonts(),
    embedFont: !textAsText,
  });
}

/** The card as PNG bytes (copied once out of resvg's buffer, into one a Response can send). */
export async function renderVerdictCard(model: VerdictCardModel): Promise<Uint8Array<ArrayBuffer>> {
  const svg = await verdictCardSvg(model);
  const png = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render().asPng();
  return new Uint8Array(png);
}

/** Rendered cards by `slug@version`: 16 MB holds ~300 typical cards (40-60 KB each). */
const CACHE_BYTES = 16 * 1024 * 1024;
const rendered = new LRUCache<string, Uint8Array<ArrayBuffer>>({
  maxSize: CACHE_BYTES,
  sizeCalculation: (png) => png.length,
});
const inFlight = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();

/** The card's PNG, from memory when this process drew it before. */
export async function verdictCardPng(key: string, model: VerdictCardModel): Promise<Uint8Array<ArrayBuffer>> {
  const cached = rendered.get(key);
  if (cached) return cached;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = renderVerdictCard(model)
      .then((png) => {
        rendered.set(key, png);
        return png;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

/**
 * The first card a process draws also parses the fonts and starts satori's layout engine (about
 * half a second on a busy 2-core machine): do that once, a few seconds after start and off the
 * request path, so the first share-scraper to ask is not the one who waits.
 */
setTimeout(() => {
  renderVerdictCard({
    eyebrow: '',
    badge: { label: 'warm', colour: BRAND },
    note: null,
    retracted: false,
    statementLabel: null,
    statement: 'warm',
    statementFontSize: 30,
    statementMaxLines: 1,
    speaker: '',
    speakerRole: null,
    said: '',
    siteName: '',
  }).catch(() => undefined);
}, 3_000).unref();
