/**
 * Editor accounts: create, list, change role, disable and enable, reset passwords, change one's
 * own password, and check a sign-in. Password hashes live in their own table and are read only by
 * verifyLogin and changeOwnPassword here; no function returns one.
 */
import { and, count, eq, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '../../db/client';
import { passwords, sessions, users } from '../../db/schema';
import { emailField, USER_ROLES, type UserRole } from '~/domain';
import { nameField, newPasswordField, PASSWORD_MAX_LENGTH, passwordProblem, roleField } from '~/domain/account-fields';
import { hashPassword, verifyAgainstDummy, verifyPassword, WeakPasswordError } from '../auth/password.server';
import { clearLoginFailures, describeWait, startLoginAttempt } from '../auth/rate-limit.server';
import { userColumns, type User } from '~/auth/account-row.server';

export { USER_ROLES, WeakPasswordError, type UserRole };
// The field rules live in app/domain (the forms read their limits from them); re-exported for the
// users command.
export { emailField, nameField, newPasswordField, roleField };

export type { User };

export interface UserSummary extends User {
  /** Sessions that have not expired. */
  activeSessions: number;
}

/** Something about an account that the person asking can fix; `field` says which input. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly field?: 'email' | 'name' | 'role' | 'password' | 'user',
  ) {
    super(message);
    this.name = new.target.name;
  }
}
export class InvalidUserError extends UserError {}
export class DuplicateEmailError extends UserError {
  constructor(email: string) {
    super(`There is already an account for ${email}.`, 'email');
  }
}
export class UserNotFoundError extends UserError {
  constructor(who: string | number) {
    super(typeof who === 'number' ? 'There is no such user.' : `There is no account for ${who}.`, 'user');
  }
}
/** Refused so that somebody can always manage users. */
export class LastAdminError extends UserError {
  constructor(action: string) {
    super(`You cannot ${action} the last active admin; make someone else an admin first.`, 'role');
  }
}
/** Refused so that an admin cannot lock themselves out by accident. */
export class SelfLockoutError extends UserError {}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function parseField<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown, field: UserError['field']): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidUserError(parsed.error.issues[0].message, field);
  return parsed.data;
}

const isUniqueViolation = (error: unknown) =>
  error instanceof Error && /UNIQUE constraint failed: users\.email/.test(error.message);

export async function createUser(input: { email: string; name: string; role: UserRole; password: string }) {
  const email = parseField(emailField, input.email, 'email');
  const name = parseField(nameField, input.name, 'name');
  const role = parseField(roleField, input.role, 'role');
  if (getUserByEmail(email)) throw new DuplicateEmailError(email);
  const hash = await hashPassword(input.password);
  const db = getDb();
  try {
    return db.transaction((tx) => {
      const user = tx.insert(users).values({ email, name, role }).returning(userColumns).get();
      tx.insert(passwords).values({ userId: user.id, hash }).run();
      return user as User;
    });
  } catch (error) {
    // Someone else added the same address while the password was hashing.
    if (isUniqueViolation(error)) throw new DuplicateEmailError(email);
    throw error;
  }
}

export function getUserById(id: number): User | null {
  return (getDb().select(userColumns).from(users).where(eq(users.id, id)).get() as User | undefined) ?? null;
}

export function getUserByEmail(email: string): User | null {
  const row = getDb()
    .select(userColumns)
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
  return (row as User | undefined) ?? null;
}

/** Like getUserByEmail, but an unknown address is an error (for commands that act on one account). */
export function requireUserByEmail(email: string): User {
  const user = getUserByEmail(email);
  if (!user) throw new UserNotFoundError(normaliseEmail(email));
  return user;
}

function requireUserById(id: number): User {
  const user = getUserById(id);
  if (!user) throw new UserNotFoundError(id);
  return user;
}

export function listUsers(now: Date = new Date()): UserSummary[] {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  return getDb()
    .select({
      ...userColumns,
      // Written out: inside a one-table select Drizzle leaves column names unqualified, and a bare
      // "id" in the subquery would mean sessions.id.
      activeSessions: sql<number>`(select count(*) from sessions s where s.user_id = "users"."id" and s.expires_at > ${nowSeconds})`,
    })
    .from(users)
    .orderBy(users.email)
    .all() as UserSummary[];
}

function activeAdminCount(): number {
  const row = getDb()
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.disabledAt)))
    .get();
  return row?.n ?? 0;
}

/** Who is making the change, when it is a person signed in (not the command line). */
interface Actor {
  actingUserId?: number;
}

export function setUserRole(id: number, role: UserRole, { actingUserId }: Actor = {}): User {
  const newRole = parseField(roleField, role, 'role');
  const user = requireUserById(id);
  if (user.role === newRole) return user;
  if (user.role === 'admin') {
    if (actingUserId === id) throw new SelfLockoutError('You cannot remove your own admin role.', 'role');
    if (!user.disabledAt && activeAdminCount() <= 1) throw new LastAdminError('remove the admin role from');
  }
  getDb()
    .update(users)
    .set({ role: newRole, updatedAt: sql`(unixepoch())` })
    .where(eq(users.id, id))
    .run();
  return { ...user, role: newRole };
}

/** Disabled accounts cannot sign in, and their sessions end at once. */
export function disableUser(id: number, { actingUserId }: Actor = {}): User {
  const user = requireUserById(id);
  if (user.disabledAt) return user;
  if (actingUserId === id) throw new SelfLockoutError('You cannot disable your own account.', 'user');
  if (user.role === 'admin' && activeAdminCount() <= 1) throw new LastAdminError('disable');
  const disabledAt = new Date(Math.floor(Date.now() / 1000) * 1000);
  getDb().transaction((tx) => {
    tx.update(users)
      .set({ disabledAt, updatedAt: sql`(unixepoch())` })
      .where(eq(users.id, id))
      .run();
    tx.delete(sessions).where(eq(sessions.userId, id)).run();
  });
  return { ...user, disabledAt };
}

export function enableUser(id: number): User {
  const user = requireUserById(id);
  if (!user.disabledAt) return user;
  getDb()
    .update(users)
    .set({ disabledAt: null, updatedAt: sql`(unixepoch())` })
    .where(eq(users.id, id))
    .run();
  return { ...user, disabledAt: null };
}

/** Sets a new password and ends every session of the account (whoever knew the old one is out). */
export async function resetPassword(id: number, password: string): Promise<User> {
  const user = requireUserById(id);
  const hash = await hashPassword(password);
  getDb().transaction((tx) => {
    tx.insert(passwords)
      .values({ userId: id, hash })
      .onConflictDoUpdate({ target: passwords.userId, set: { hash, updatedAt: sql`(unixepoch())` } })
      .run();
    tx.delete(sessions).where(eq(sessions.userId, id)).run();
  });
  return user;
}

/**
 * The account for this email and password, or null. Unknown addresses, accounts without a
 * password and disabled accounts take as long to refuse as a wrong password does.
 */
export async function verifyLogin(email: string, password: string): Promise<User | null> {
  const row = getDb()
    .select({ ...userColumns, hash: passwords.hash })
    .from(users)
    .leftJoin(passwords, eq(passwords.userId, users.id))
    .where(eq(users.email, normaliseEmail(email)))
    .get();
  if (!row?.hash) {
    await verifyAgainstDummy(password);
    return null;
  }
  const { hash, ...user } = row;
  const matches = await verifyPassword(password, hash);
  return matches && !user.disabledAt ? (user as User) : null;
}

export interface OwnPasswordChange {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}
export type OwnPasswordErrors = Partial<Record<keyof OwnPasswordChange, string>>;
export type OwnPasswordResult =
  | { ok: true; sessionsEnded: number }
  | {
      ok: false;
      errors: OwnPasswordErrors;
      /** Seconds to wait, when refused for too many wrong current passwords. */
      retryAfter?: number;
    };

const sameText = (a: string, b: string) => a.normalize('NFKC') === b.normalize('NFKC');
const characters = (text: string) => Array.from(text).length;

/**
 * Wrong current passwords are counted with the sign-in limits' machinery but under a key of their
 * own (no email address lacks an "@"; no client address looks like this), so they neither lock
 * the account's sign-in nor count against the person's network.
 */
const passwordChangeKey = (userId: number) => {
  const key = `password-change:${userId}`;
  return { email: key, ip: key };
};

/**
 * A signed-in person changes their own password: the current one must be right, the new one
 * strong enough and typed the same twice. On success every other session of the account ends
 * (whoever knew the old password is out), the one in `keepSessionId` (this browser) stays.
 * Form problems are answered before the current password is checked, and cost no attempt.
 */
export async function changeOwnPassword(
  userId: number,
  { currentPassword, newPassword, confirmPassword }: OwnPasswordChange,
  { keepSessionId, now = new Date() }: { keepSessionId: string | null; now?: Date },
): Promise<OwnPasswordResult> {
  const errors: OwnPasswordErrors = {};
  if (!currentPassword) errors.currentPassword = 'Enter your current password.';
  else if (characters(currentPassword) > PASSWORD_MAX_LENGTH) errors.currentPassword = 'That password is too long.';
  if (!newPassword) errors.newPassword = 'Enter a new password.';
  else errors.newPassword = passwordProblem(newPassword) ?? undefined;
  if (!confirmPassword) errors.confirmPassword = 'Enter the new password again.';
  else if (newPassword && !sameText(newPassword, confirmPassword))
    errors.confirmPassword = 'The two new passwords are not the same.';
  if (Object.values(errors).some(Boolean)) return { ok: false, errors: withoutEmpty(errors) };

  const key = passwordChangeKey(userId);
  // Counted before the (slow) check, so parallel guesses are counted too; cleared when right.
  const limit = startLoginAttempt(key, now);
  if (limit.limited) {
    return {
      ok: false,
      errors: {
        currentPassword: `Too many wrong passwords. Please wait ${describeWait(limit.retryAfter)} and try again.`,
      },
      retryAfter: limit.retryAfter,
    };
  }
  const row = getDb().select({ hash: passwords.hash }).from(passwords).where(eq(passwords.userId, userId)).get();
  let matches = false;
  if (row) matches = await verifyPassword(currentPassword, row.hash);
  else await verifyAgainstDummy(currentPassword);
  if (!matches) return { ok: false, errors: { currentPassword: 'That is not your current password.' } };
  clearLoginFailures(key.email);
  if (sameText(currentPassword, newPassword))
    return { ok: false, errors: { newPassword: 'Choose a password different from your current one.' } };

  const hash = await hashPassword(newPassword);
  const sessionsEnded = getDb().transaction((tx) => {
    tx.update(passwords)
      .set({ hash, updatedAt: sql`(unixepoch())` })
      .where(eq(passwords.userId, userId))
      .run();
    const others = keepSessionId
      ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))
      : eq(sessions.userId, userId);
    return tx.delete(sessions).where(others).run().changes;
  });
  return { ok: true, sessionsEnded };
}

function withoutEmpty(errors: OwnPasswordErrors): OwnPasswordErrors {
  return Object.fromEntries(Object.entries(errors).filter(([, message]) => message)) as OwnPasswordErrors;
}
