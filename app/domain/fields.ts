/**
 * Field rules shared by forms, URL parameters and the content format, importable in the browser
 * (no server code): a slug, a partial date, an e-mail address, a web address. Each gives the
 * message a person reads when the value is wrong.
 */
import { z } from 'zod';

export const SLUG_MAX = 120;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** True for 2020, 2020-02 and 2020-02-29, false for 2020-13 or 2021-02-29. */
export function isRealPartialDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), m[2] ? Number(m[2]) : 1, m[3] ? Number(m[3]) : 1];
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * A sort key that puts a partial date after the exact dates inside it: `2020-02` → `2020-02-99`,
 * `2020` → `2020-99-99`, so "February 2020" sorts after "17 Feb 2020".
 */
export function partialDateEnd(value: string): string {
  return value.length === 4 ? `${value}-99-99` : value.length === 7 ? `${value}-99` : value;
}

/** True for absolute http(s) addresses only (no `javascript:`, `data:`, relative paths). */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A slug in a URL or a filter: lenient in shape (old slugs may differ), strict in alphabet. */
export const slugParam = z
  .string()
  .max(SLUG_MAX, 'That value is too long.')
  .regex(/^[a-z0-9-]+$/, 'Not a known value.');

/** A slug an editor or a content file gives a new entry. */
export const slugField = z
  .string()
  .max(SLUG_MAX, `Use at most ${SLUG_MAX} characters.`)
  .regex(SLUG_PATTERN, 'Use lower-case letters, digits and hyphens only.');

export const partialDateParam = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'Use a date like 2020-02-13, 2020-02 or 2020.')
  .refine(isRealPartialDate, 'That date does not exist.');

export const httpUrlField = z
  .string()
  .trim()
  .refine(isHttpUrl, 'Enter a full address starting with http:// or https://.');

export const EMAIL_MAX = 254;
export const emailField = z
  .string({ required_error: 'Enter an email address.' })
  .trim()
  .min(1, 'Enter an email address.')
  .max(EMAIL_MAX, 'That email address is too long.')
  .email('Enter an email address like name@example.org.')
  .transform((email) => email.toLowerCase());
