/**
 * The secret that signs session cookies: SESSION_SECRET when set, otherwise one generated on
 * first start and kept in `.session-secret` beside the database (mode 0600), so sessions survive
 * restarts without any setting.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { env } from '../../config/env';
import { databasePath } from '../../db/client';

export function ensureSessionSecret(): string {
  const configured = env().SESSION_SECRET;
  if (configured) return configured;
  const file = path.join(path.dirname(databasePath()), '.session-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  process.env.SESSION_SECRET = secret;
  return secret;
}
