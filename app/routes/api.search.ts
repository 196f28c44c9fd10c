import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { takeSearchSlot } from '~/http/search-limit.server';
import { parseSearchParams, searchSite } from '~/models/search.server';

/** GET /api/search?q=… — the same results as /search, as JSON for programs. */
export function loader({ request, context }: LoaderFunctionArgs) {
  const parsed = parseSearchParams(new URL(request.url).searchParams);
  if (!parsed.ok) return json({ error: 'Invalid parameters', fields: parsed.errors }, { status: 400 });
  const refused = takeSearchSlot(context);
  if (refused)
    return json(
      { error: refused.message, retryAfter: refused.retryAfter },
      { status: 429, headers: { 'Retry-After': String(refused.retryAfter), 'Cache-Control': 'no-store' } },
    );
  const result = searchSite(parsed.params);
  // Never silently empty: while the index is being built there are no results to give, and a
  // program must not read "total": 0 as "nothing matches".
  if (!result.ready)
    return json(
      {
        error: 'The search index is being built; try again in a few seconds.',
        ready: false,
        query: result.query,
      },
      { status: 503, headers: { 'Retry-After': '5', 'Cache-Control': 'no-store' } },
    );
  return json(
    {
      ready: true,
      query: result.query,
      total: result.total,
      page: result.page,
      pageCount: result.pageCount,
      counts: result.counts,
      suggestion: result.suggestion,
      fuzzy: result.fuzzy,
      notices: result.notices,
      results: result.items.map((item) => ({
        kind: item.kind,
        slug: item.slug,
        url: item.href,
        title: item.title,
        verdict: item.verdict,
        date: item.date,
        snippet: item.snippet.map((s) => s.text).join(''),
        highlights: item.snippet.filter((s) => s.hit).map((s) => s.text),
      })),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
