import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { getSessionUser } from '~/auth/session.server';
import { findSimilarClaims } from '~/models/duplicates.server';

/** The longest statement read (the form's own limit); the rest is ignored. */
const MAX_STATEMENT = 2000;

const answer = (body: unknown, status = 200) =>
  json(body, { status, headers: { 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex' } });

/**
 * GET /editor/similar?statement=…&speaker=…&exclude=… — "has this been checked before?" for the
 * claim form, as JSON: `{ items: [...] }`, at most 5 claims like the statement (drafts included,
 * so editors only), each with its verdict, status and link. `speaker` is the speaker's id or
 * slug, `exclude` the id of the claim being edited; anything else in them is ignored. Anonymous:
 * 401. Whatever is typed, the answer is a list (perhaps empty), never an error page.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (!user) return answer({ error: 'Sign in to look for earlier fact-checks.' }, 401);
  const params = new URL(request.url).searchParams;
  const statement = (params.get('statement') ?? '').slice(0, MAX_STATEMENT);
  const speaker = (params.get('speaker') ?? '').slice(0, 120);
  const exclude = params.get('exclude') ?? '';
  try {
    const items = findSimilarClaims({
      statement,
      speaker,
      excludeId: /^\d{1,12}$/.test(exclude) ? Number(exclude) : null,
      limit: 5,
    });
    return answer({ items });
  } catch (error) {
    // A broken index or a locked database must not take the form down with it.
    console.error('Looking for similar claims failed:', (error as Error).message);
    return answer({ items: [], error: 'Earlier fact-checks could not be looked up just now.' }, 503);
  }
}
