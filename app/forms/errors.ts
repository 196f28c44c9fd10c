/**
 * Field errors from a zod result, the one way every form and every URL's parameters report what
 * is wrong: the first message per field, keyed by the field's name (zod's own flattening).
 */
import type { ZodError } from 'zod';

export type FieldErrors = Record<string, string>;

export function fieldErrors(error: ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, messages] of Object.entries(error.flatten().fieldErrors)) {
    const first = (messages as string[] | undefined)?.[0];
    if (first) errors[field] = first;
  }
  const formError = error.flatten().formErrors[0];
  if (formError) errors.form ??= formError;
  return errors;
}
