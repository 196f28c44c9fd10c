/**
 * Password hashing with scrypt (memory-hard, in node:crypto). Stored as
 * `scrypt$N$r$p$salt$hash` (salt and hash base64) so the cost can be raised later without
 * breaking old hashes. Only app/models/user.server.ts calls this; the hash never leaves it.
 */
import crypto from 'node:crypto';
import {
  normalisePassword as normalise,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordLength as lengthOf,
  passwordProblem,
} from '../domain/account-fields';

// The rule itself is pure and shared with the forms (app/domain/account-fields.ts).
export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem };

const COST = { N: 2 ** 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 64;
/** Hashes with a cost above this are refused rather than computed (a tampered row could stall us). */
const MAX_N = 2 ** 20;
/** Salt for the throwaway computation when a stored hash cannot be read. */
const DUMMY_SALT = crypto.randomBytes(SALT_BYTES);

export class WeakPasswordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeakPasswordError';
  }
}

function scrypt(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must cover 128 * N * r bytes plus slack; Node's default (32 MiB) is just short.
    crypto.scrypt(normalise(password), salt, KEY_BYTES, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Hashes a new password; throws WeakPasswordError when it is too short or too long. */
export async function hashPassword(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw new WeakPasswordError(problem);
  const { N, r, p } = COST;
  const salt = crypto.randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, N, r, p);
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parseHash(encoded: string): ParsedHash | null {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const powerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > MAX_N || !Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16)
    return null;
  const salt = Buffer.from(parts[4], 'base64');
  const key = Buffer.from(parts[5], 'base64');
  if (salt.length < 8 || key.length !== KEY_BYTES) return null;
  return { N, r, p, salt, key };
}

/**
 * True when the password matches the stored hash. The comparison is constant-time; a malformed
 * hash or an over-long password is simply no match (after the same amount of work).
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parseHash(encoded);
  const tooLong = lengthOf(password) > PASSWORD_MAX_LENGTH;
  const { N, r, p, salt, key } = parsed ?? { ...COST, salt: DUMMY_SALT, key: Buffer.alloc(KEY_BYTES) };
  const candidate = await scrypt(tooLong ? '' : password, salt, N, r, p);
  const equal = crypto.timingSafeEqual(candidate, key);
  return equal && parsed !== null && !tooLong;
}

/**
 * A well-formed hash that no password matches (its key is zeros; scrypt output never is), with
 * the current cost: checking against it takes exactly as long as a real check.
 */
const DUMMY_HASH = [
  'scrypt',
  COST.N,
  COST.r,
  COST.p,
  crypto.randomBytes(SALT_BYTES).toString('base64'),
  Buffer.alloc(KEY_BYTES).toString('base64'),
].join('$');

/**
 * Spends the same time as a real check against nothing, so "no such account" and "wrong password"
 * cannot be told apart by how long the answer takes.
 */
export async function verifyAgainstDummy(password: string): Promise<void> {
  await verifyPassword(password, DUMMY_HASH);
}
