/**
 * Sign-in sessions kept in the `sessions` table. The cookie carries a random 32-byte token,
 * signed with SESSION_SECRET; the table stores only the token's SHA-256, so a copy of the
 * database does not let anyone sign in. Sessions last 14 days and can be revoked one by one or
 * all at once for a user; a disabled account's sessions stop working at once.
 */
import crypto from 'node:crypto';
import { createCookie, redirect } from '@remix-run/node';
import { and, desc, eq, gt, isNull, lte, ne } from 'drizzle-orm';
import { env } from '../../config/env';
import { getDb } from '../../db/client';
import { sessions, users } from '../../db/schema';
import { ensureSessionSecret } from './session-secret.server';
import { userColumns, type User } from './account-row.server';

export const SESSION_COOKIE_NAME = '__session';
export const SESSION_DAYS = 14;
const SESSION_MS = SESSION_DAYS * 24 * 60 * 60 * 1000;
const TOKEN_BYTES = 32;

export interface SessionInfo {
  /** The SHA-256 of the cookie token (safe to show: it cannot be turned back into a token). */
  id: string;
  userId: number;
  createdAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
}

export interface CreatedSession {
  id: string;
  /** Goes into the cookie and nowhere else. */
  token: string;
  expiresAt: Date;
}

/**
 * SESSION_SECRET may hold several secrets separated by commas: the first signs new cookies, all
 * are accepted, so a secret can be rotated without signing everyone out.
 */
function sessionCookie() {
  const secrets = (env().SESSION_SECRET ?? ensureSessionSecret())
    .split(',')
    .map((secret) => secret.trim())
    .filter(Boolean);
  return createCookie(SESSION_COOKIE_NAME, { httpOnly: true, sameSite: 'lax', path: '/', secrets });
}

/**
 * Secure only in production over HTTPS (directly, or behind a proxy on this machine that says
 * so): a Secure cookie sent over plain HTTP would never come back, and nobody could sign in.
 */
export function isSecureRequest(request: Request): boolean {
  if (env().NODE_ENV !== 'production') return false;
  if (new URL(request.url).protocol === 'https:') return true;
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https';
}

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
const toSeconds = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);

export function createSession(
  userId: number,
  { userAgent, ip }: { userAgent?: string | null; ip?: string | null } = {},
  now: Date = new Date(),
): CreatedSession {
  const token = crypto.randomBytes(TOKEN_BYTES).toString('base64url');
  const id = hashToken(token);
  const expiresAt = toSeconds(new Date(now.getTime() + SESSION_MS));
  const db = getDb();
  db.transaction((tx) => {
    // Housekeeping: expired rows are of no use to anyone.
    tx.delete(sessions).where(lte(sessions.expiresAt, now)).run();
    tx.insert(sessions)
      .values({
        id,
        userId,
        expiresAt,
        userAgent: userAgent ? userAgent.slice(0, 300) : null,
        ip: ip ? ip.slice(0, 64) : null,
      })
      .run();
  });
  return { id, token, expiresAt };
}

/** The Set-Cookie header that hands a new session to the browser. */
export function commitSession(request: Request, session: CreatedSession): Promise<string> {
  return sessionCookie().serialize(session.token, { expires: session.expiresAt, secure: isSecureRequest(request) });
}

/**
 * Signs a user in: ends the session this browser had (someone else's, on a shared machine), opens
 * a new one and redirects to `redirectTo` with its cookie. `redirectTo` must already be safe.
 */
export async function signIn(
  request: Request,
  user: Pick<User, 'id'>,
  { redirectTo, ip }: { redirectTo: string; ip?: string | null },
): Promise<Response> {
  const headers = new Headers();
  if (request.headers.get('Cookie')) headers.append('Set-Cookie', await destroySession(request));
  const session = createSession(user.id, { userAgent: request.headers.get('User-Agent'), ip });
  headers.append('Set-Cookie', await commitSession(request, session));
  return redirect(redirectTo, { headers });
}

/** The Set-Cookie header that removes the session cookie. */
export function clearSessionCookie(request: Request): Promise<string> {
  return sessionCookie().serialize('', { expires: new Date(0), maxAge: 0, secure: isSecureRequest(request) });
}

/** The id (hash) of the session this request's cookie names, if the cookie is ours and intact. */
async function sessionIdFrom(request: Request): Promise<string | null> {
  const header = request.headers.get('Cookie');
  if (!header) return null;
  const token = await sessionCookie().parse(header);
  return typeof token === 'string' && token.length > 0 && token.length <= 100 ? hashToken(token) : null;
}

/** The signed-in user, or null: no cookie, a forged or unknown one, expired, or account disabled. */
export async function getSessionUser(request: Request, now: Date = new Date()): Promise<User | null> {
  const id = await sessionIdFrom(request);
  if (!id) return null;
  const row = getDb()
    .select(userColumns)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now), isNull(users.disabledAt)))
    .get();
  return (row as User | undefined) ?? null;
}

/** Ends the request's session (if any) and gives the Set-Cookie header that clears the cookie. */
export async function destroySession(request: Request): Promise<string> {
  const id = await sessionIdFrom(request);
  if (id) revokeSession(id);
  return clearSessionCookie(request);
}

/** A user's sessions that have not expired, newest first. */
export function listSessions(userId: number, now: Date = new Date()): SessionInfo[] {
  return getDb()
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.createdAt))
    .all();
}

export function revokeSession(sessionId: string): boolean {
  return getDb().delete(sessions).where(eq(sessions.id, sessionId)).run().changes > 0;
}

/** Signs a user out everywhere; returns how many sessions ended. */
export function revokeUserSessions(userId: number): number {
  return getDb().delete(sessions).where(eq(sessions.userId, userId)).run().changes;
}

/**
 * The id of the session this request's cookie names (null without one). It says nothing about
 * whether that session is still valid: call it after requireUser.
 */
export function getSessionId(request: Request): Promise<string | null> {
  return sessionIdFrom(request);
}

/** Signs a user out everywhere except the session kept (their own browser); returns how many ended. */
export function revokeOtherSessions(userId: number, keepSessionId: string): number {
  return getDb()
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
    .run().changes;
}

/**
 * Ends one session of this user's own. False when there is no such session or it belongs to
 * someone else: the two look the same to the caller, so ids of other people's sessions cannot be
 * probed for.
 */
export function revokeOwnSession(userId: number, sessionId: string): boolean {
  return (
    getDb()
      .delete(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
      .run().changes > 0
  );
}
