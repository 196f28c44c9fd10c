/**
 * Readers' tips (`/suggest`): the form's rules, shared by the server, which validates with them,
 * and by the page, which takes its HTML limits from them (constraintsOf); the editor's triage
 * forms; and the address of "request a correction" that a claim page links to. Pure.
 */
import { z } from 'zod';
import { EMAIL_MAX, isHttpUrl, slugParam } from './fields';
import type { ClaimStatus, TipKind, TipStatus } from './enums';

/** Same as a claim's statement, so a tip becomes a draft claim without being cut. */
export const TIP_STATEMENT_MAX = 2000;
export const TIP_SPEAKER_MAX = 300;
export const TIP_SEEN_AT_MAX = 2000;
export const TIP_REASON_MAX = 1000;
/**
 * What the tip form's body may weigh: every field at its limit, each character four bytes of
 * UTF-8 sent as `%XX` (three bytes each), with room to spare. Anything heavier is not a tip.
 */
export const TIP_BODY_MAX_BYTES = 64 * 1024;

/** The "request a correction" form for one of our claims; the claim page links here. */
export function correctionRequestPath(slug: string): string {
  return `/suggest?${new URLSearchParams({ claim: slug })}`;
}

/** Drops characters with no business in stored text: NUL and the other C0 controls but tab and newline, and DEL. */
export function removeControlCharacters(value: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return value.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

const cleaned = (value: unknown) => (typeof value === 'string' ? removeControlCharacters(value) : value);
const NOT_TEXT = 'Type your answer here: this field takes text, not a file.';

/** Free text from the form: control characters removed, trimmed, at most `max` characters. */
const text = (max: number, tooLong: string) =>
  z.preprocess(cleaned, z.string({ invalid_type_error: NOT_TEXT }).trim().max(max, tooLong));

/** Optional text: empty becomes null. */
const optionalText = (max: number, tooLong: string) => text(max, tooLong).transform((v) => v || null);

/** Looks like an address (`scheme://…`, or one of the schemes that run code): must then be http(s). */
const looksLikeAddress = (value: string) =>
  /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^(javascript|data|vbscript|file):/i.test(value);

const email = z.preprocess(
  cleaned,
  z
    .string({ invalid_type_error: NOT_TEXT })
    .trim()
    .max(EMAIL_MAX, 'That e-mail address is too long.')
    .refine(
      (v) => v === '' || z.string().email().safeParse(v).success,
      'Enter an e-mail address like name@example.org, or leave it empty.',
    ),
);

/** The tip form, as a reader fills it in (a correction request adds the claim's slug). */
export const tipForm = z.object({
  statement: z.preprocess(
    cleaned,
    z
      .string({ invalid_type_error: NOT_TEXT, required_error: 'Tell us what was said.' })
      .trim()
      .min(1, 'Tell us what was said.')
      .max(TIP_STATEMENT_MAX, `Keep it under ${TIP_STATEMENT_MAX.toLocaleString('en')} characters.`),
  ),
  speaker: optionalText(TIP_SPEAKER_MAX, `Keep the name under ${TIP_SPEAKER_MAX} characters.`),
  seenAt: optionalText(TIP_SEEN_AT_MAX, `Keep this under ${TIP_SEEN_AT_MAX.toLocaleString('en')} characters.`).refine(
    (v) => v === null || !looksLikeAddress(v) || isHttpUrl(v),
    'Give an address starting with http:// or https://, or describe where you saw it.',
  ),
  email: email.transform((v) => (v === '' ? null : v.toLowerCase())),
});
export type TipInput = z.infer<typeof tipForm>;

/** The fields a reader types, in form order (what is kept and shown again when the form is refused). */
export const TIP_FIELDS = ['statement', 'speaker', 'seenAt', 'email'] as const;
export type TipField = (typeof TIP_FIELDS)[number];

/** A correction request names the claim by its slug (`/suggest?claim=…`). */
export const tipClaimParam = slugParam;

/** "Already checked": the claim that checks it, by its address (slug). */
export const tipAlreadyCheckedForm = z.object({
  claim: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().replace(/^.*\/claims\//, '') : v),
    z
      .string({ invalid_type_error: 'Enter the claim’s address.' })
      .min(1, 'Enter the address (slug) of the claim that checks this.')
      .pipe(slugParam),
  ),
});

/** "Decline": the reason is required; it stays with the tip for the desk. */
export const tipDeclineForm = z.object({
  reason: text(TIP_REASON_MAX, `Keep the reason under ${TIP_REASON_MAX} characters.`).refine(
    (v) => v !== '',
    'Say why this tip is declined.',
  ),
});

export const TIP_KIND_LABELS: Record<TipKind, string> = {
  claim: 'Claim to check',
  correction: 'Correction request',
};

export const TIP_STATUS_LABELS: Record<TipStatus, string> = {
  new: 'New',
  converted: 'Made a draft',
  already_checked: 'Already checked',
  declined: 'Declined',
};

/** A tip as the desk's triage page shows it (read by app/models/tip.server.ts). */
export interface TipRow {
  id: number;
  kind: TipKind;
  statement: string;
  speaker: string | null;
  seenAt: string | null;
  /** The address "where seen" when it is a web address (shown as a link), else null. */
  seenAtUrl: string | null;
  email: string | null;
  status: TipStatus;
  createdAt: number;
  about: { id: number; slug: string; statement: string } | null;
  result: { id: number; slug: string; statement: string; status: ClaimStatus } | null;
  resolutionNote: string | null;
  handledBy: string | null;
  handledAt: number | null;
}
