/** URL parameter schemas shared by the reader pages and the API. */
import { z } from 'zod';

/** True for 2020, 2020-02 and 2020-02-29, false for 2020-13 or 2021-02-29. */
export function isRealPartialDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), m[2] ? Number(m[2]) : 1, m[3] ? Number(m[3]) : 1];
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const partialDateParam = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'Use a date like 2020-02-13, 2020-02 or 2020.')
  .refine(isRealPartialDate, 'That date does not exist.');

export const slugParam = z
  .string()
  .max(120, 'That value is too long.')
  .regex(/^[a-z0-9-]+$/, 'Not a known value.');
