/**
 * A claim's verdict card (its share image, 1200×630) as text to draw: which verdict, in which
 * colour, the statement cut to what fits, who said it and when, and the site's name. Pure and
 * isomorphic: the claim page's meta builds the same model to name the card's address (its
 * version is a hash of this model, so the address changes exactly when the picture would), and
 * verdict-card.server.ts draws it.
 */
import type { ClaimStatus, StatementKind } from '~/domain';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
/** Bump when the drawing changes (verdict-card.server.ts), so every card gets a new address. */
export const CARD_DESIGN = 1;

/**
 * The verdict colours, as `--verdict-<id>` in app/styles/claims.css (a unit test holds the two
 * together): white text on each is at least 4.5:1.
 */
export const VERDICT_COLOURS: Record<string, string> = {
  false: '#b42318',
  misleading: '#a14a00',
  disputed: '#7a2e8e',
  unproven: '#5b5f66',
  unverified: '#355a80',
  accurate: '#1e6b3a',
  'not-rateable': '#334155',
};
/** `.verdict` without a known id, and "No verdict yet". */
export const NEUTRAL_COLOUR = '#4a5360';
/** `.tag--warning`, the colour the site's "Retracted" tag is drawn in. */
export const RETRACTED_COLOUR = '#8a3b00';

/** What the card needs of a claim: the fields every claim summary has. */
export interface CardClaim {
  slug: string;
  statement: string;
  statementKind: StatementKind;
  claimedOn: string | null;
  venue: string | null;
  status: ClaimStatus;
  verdict: { id: string; label: string } | null;
  speaker: { name: string; role?: string | null } | null;
}

export interface VerdictCardModel {
  /** The small line over the badge: "Our verdict", or "Fact-check" on a retracted one. */
  eyebrow: string;
  badge: { label: string; colour: string };
  /** Beside the badge: why a retracted card shows no verdict. */
  note: string | null;
  retracted: boolean;
  /** "Our summary:" over a summary (never quoted), null over the speaker's exact words. */
  statementLabel: string | null;
  /** Quoted when they are the speaker's words; cut at a word with "…" when too long. */
  statement: string;
  statementFontSize: number;
  /** Lines the statement may take at that size; the drawing clips anything past them. */
  statementMaxLines: number;
  speaker: string;
  speakerRole: string | null;
  /** "Said 13 February 2020 · FOX Business" */
  said: string;
  siteName: string;
}

// The statement's box, in pixels (verdict-card.server.ts lays the card out to these).
export const STATEMENT_BOX = { width: 1056, height: 236, labelHeight: 34 };
/** Sizes tried from the largest; each must leave whole lines in the box. */
const STATEMENT_SIZES = [56, 48, 42, 36, 31];
export const STATEMENT_LINE_HEIGHT = 1.25;
// DejaVu Sans is wide: English text averages ~0.55 em a character, spaces included. 0.6 and a
// tenth lost to word wrapping keep the estimate on the safe side; the drawing clips the rest.
const CHAR_EM = 0.6;
const WRAP_LOSS = 0.9;

const MONTHS = 'January February March April May June July August September October November December'.split(' ');

/** "2020-02-13" → "13 February 2020"; "2020-02" → "February 2020"; "2020" → "2020". */
export function cardDate(value: string | null): string | null {
  if (!value) return null;
  const [year, month, day] = value.split('-');
  if (day) return `${Number(day)} ${MONTHS[Number(month) - 1]} ${year}`;
  if (month) return `${MONTHS[Number(month) - 1]} ${year}`;
  return year;
}

/**
 * `text` in at most `max` characters: whole words where it can (a cut in the first 60% would
 * lose too much, so then mid-word), trailing punctuation dropped, and "…" to say it goes on.
 */
export function truncateText(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  const words = space > max * 0.6 ? cut.slice(0, space) : cut;
  return `${words.replace(/[\s,;:.\-–—]+$/, '')}…`;
}

function statementFit(text: string, withLabel: boolean) {
  const height = STATEMENT_BOX.height - (withLabel ? STATEMENT_BOX.labelHeight : 0);
  const fits = STATEMENT_SIZES.map((size) => {
    const lines = Math.floor(height / (size * STATEMENT_LINE_HEIGHT));
    const perLine = Math.floor(STATEMENT_BOX.width / (size * CHAR_EM));
    return { size, lines, capacity: Math.floor(lines * perLine * WRAP_LOSS) };
  });
  // Quotation marks take two characters of the budget.
  const chosen = fits.find((f) => text.length + 2 <= f.capacity) ?? fits[fits.length - 1];
  return { ...chosen, text: truncateText(text, chosen.capacity - 2) };
}

export function verdictCardModel(claim: CardClaim, siteName: string): VerdictCardModel {
  const retracted = claim.status === 'retracted';
  const summary = claim.statementKind === 'summary';
  const fit = statementFit(claim.statement, summary);
  const date = cardDate(claim.claimedOn);
  const said = [date ? `Said ${date}` : 'Date said unknown', claim.venue ? truncateText(claim.venue, 48) : null]
    .filter(Boolean)
    .join(' · ');
  return {
    eyebrow: retracted ? 'Fact-check' : 'Our verdict',
    badge: retracted
      ? { label: 'Retracted', colour: RETRACTED_COLOUR }
      : claim.verdict
        ? { label: claim.verdict.label, colour: VERDICT_COLOURS[claim.verdict.id] ?? NEUTRAL_COLOUR }
        : { label: 'No verdict yet', colour: NEUTRAL_COLOUR },
    note: retracted ? 'We no longer stand by this fact-check.' : null,
    retracted,
    statementLabel: summary ? 'Our summary:' : null,
    statement: summary ? fit.text : `“${fit.text}”`,
    statementFontSize: fit.size,
    statementMaxLines: fit.lines,
    speaker: claim.speaker ? truncateText(claim.speaker.name, 48) : 'Unattributed',
    speakerRole: claim.speaker?.role ? truncateText(claim.speaker.role, 56) : null,
    said,
    siteName,
  };
}

/** FNV-1a, 32 bits: a short, stable name for a model (not a security measure). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * The card's version: a hash of what it draws and of the design. The claim's own version
 * number would miss a speaker renamed or a verdict relabelled, which change the picture too.
 */
export function cardVersion(model: VerdictCardModel): string {
  return fnv1a(`${CARD_DESIGN}\n${JSON.stringify(model)}`);
}

export function cardPath(slug: string, version: string): string {
  return `/claims/${slug}/card/${version}.png`;
}

/** The image's text alternative: the verdict and the statement, as a sentence. */
export function cardAlt(claim: CardClaim): string {
  const who = claim.speaker?.name ?? 'an unattributed speaker';
  const statement = truncateText(claim.statement, 240);
  const said =
    claim.statementKind === 'summary'
      ? `Our summary of what ${who} claimed: ${statement}`
      : `${who} said “${statement}”`;
  if (claim.status === 'retracted') return `Retracted fact-check. ${said}`;
  return `${claim.verdict ? `Verdict: ${claim.verdict.label}` : 'No verdict yet'}. ${said}`;
}
