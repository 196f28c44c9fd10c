/**
 * Field errors from a zod result, the one way every form and every URL's parameters report what
 * is wrong: the first message per field, keyed by the field's name (zod's own flattening), and
 * problems with the whole form under `form`.
 */
import type { ZodError } from 'zod';

/** Messages by field name, as a form receives them: a field without an error has none. */
export type FieldErrors = Partial<Record<string, string>>;

export function fieldErrors(error: ZodError): Record<string, string> {
  const { fieldErrors: byField, formErrors } = error.flatten();
  const errors: Record<string, string> = {};
  for (const [field, messages] of Object.entries(byField)) {
    const first = (messages as string[] | undefined)?.[0];
    if (first) errors[field] = first;
  }
  if (formErrors[0]) errors.form ??= formErrors[0];
  return errors;
}
