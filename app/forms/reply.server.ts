/**
 * The answer to a form that was refused: JSON with what the page shows again (the errors, what
 * was typed), a 4xx status (400 unless said), and Retry-After when the refusal is a rate limit.
 * Remix renders the page from it; a form that succeeds redirects instead.
 */
import { json } from '@remix-run/node';

export function refuse<Data>(data: Data, { status = 400, retryAfter }: { status?: number; retryAfter?: number } = {}) {
  return json<Data>(data, { status, headers: retryAfter ? { 'Retry-After': String(retryAfter) } : undefined });
}
