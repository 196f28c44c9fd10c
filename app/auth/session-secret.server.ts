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

export function ensureSessionSecret(log: (line: string) => void = console.log): string {
  const configured = env().SESSION_SECRET;
  if (configured) return configured;
  const file = path.join(path.dirname(databasePath()), '.session-secret');
  if (!fs.existsSync(file)) {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // A read-only disk: a secret for this process only (sessions end when it stops).
      log(`Could not keep a session secret in ${file} (${(error as Error).message}); using one for this run only.`);
      const secret = crypto.randomBytes(32).toString('hex');
      process.env.SESSION_SECRET = secret;
      return secret;
    }
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  process.env.SESSION_SECRET = secret;
  return secret;
}
