/**
 * Searching is the most expensive thing a reader can ask for, so each address may run
 * SEARCH_RATE_LIMIT searches per window (counted like reader tips, in `rate_events`, so every
 * process on the database counts together); the next answers 429 with Retry-After. Only a search
 * that runs counts: the empty search page and a refused one do not.
 */
import type { AppLoadContext } from '@remix-run/node';
import { env } from '../../config/env';
import { describeWait } from '~/auth/rate-limit.server';
import { takeRateSlot } from './rate-limit.server';
import { readOnlyMode } from './storage.server';

export interface SearchRefusal {
  retryAfter: number;
  message: string;
}

export function takeSearchSlot(context: AppLoadContext): SearchRefusal | null {
  // Uses cannot be counted in a database that cannot be written; readers must still find things.
  if (readOnlyMode()) return null;
  const decision = takeRateSlot({ bucket: 'search', ...env().SEARCH_RATE_LIMIT }, context.clientIp ?? 'unknown');
  if (!decision.limited) return null;
  return {
    retryAfter: decision.retryAfter,
    message: `You have searched many times in a short while. Please wait ${describeWait(decision.retryAfter)} and search again.`,
  };
}
