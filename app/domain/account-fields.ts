/**
 * The rules of the account forms (sign in, add a user, set or change a password), shared by the
 * server, which validates with them, and by the forms, which take their HTML constraints from
 * them (app/forms/constraints.ts). Pure: hashing and checking passwords stay in
 * app/auth/password.server.ts.
 */
import { z } from 'zod';
import { USER_ROLES } from './enums';
import { emailField } from './fields';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;

/** Unicode passwords compare equal however the keyboard composed them (NIST SP 800-63B 5.1.1.2). */
export const normalisePassword = (password: string) => password.normalize('NFKC');

/** Length in characters as a person counts them (code points), not UTF-16 units. */
export const passwordLength = (password: string) => Array.from(normalisePassword(password)).length;

/** Why this password cannot be set, or null when it can. */
export function passwordProblem(password: string): string | null {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  return null;
}

export const nameField = z
  .string({ required_error: 'Enter a name.' })
  .trim()
  .min(1, 'Enter a name.')
  .max(100, 'Use at most 100 characters.');

export const roleField = z.enum(USER_ROLES, {
  errorMap: () => ({ message: 'Choose editor or admin.' }),
});

/**
 * A password being set. The min and max checks are the limits an input can state (in UTF-16
 * units, as browsers count); passwordProblem is the rule itself (in characters), so a password of
 * six emoji (twelve units) is still refused.
 */
export const newPasswordField = z
  .string({ required_error: 'Enter a password.' })
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`)
  .superRefine((password, ctx) => {
    const problem = passwordProblem(password);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });

/** The sign-in form. */
export const loginForm = z.object({
  email: emailField,
  password: z
    .string({ required_error: 'Enter your password.' })
    .min(1, 'Enter your password.')
    .max(PASSWORD_MAX_LENGTH, 'That password is too long.'),
});

/** The admin's "Add a user" form. */
export const newAccountForm = z.object({
  email: emailField,
  name: nameField,
  role: roleField,
  password: newPasswordField,
});

/**
 * "Change your password". The model (changeOwnPassword) checks these fields in its own order, so
 * that a typing mistake costs no attempt; this schema states the same limits for the inputs.
 */
export const passwordChangeForm = z.object({
  currentPassword: z
    .string()
    .min(1, 'Enter your current password.')
    .max(PASSWORD_MAX_LENGTH, 'That password is too long.'),
  newPassword: newPasswordField,
  confirmPassword: z
    .string()
    .min(1, 'Enter the new password again.')
    .max(PASSWORD_MAX_LENGTH, 'That password is too long.'),
});
