import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { parseSearchParams, searchSite } from '~/models/search.server';

/** GET /api/search?q=… — the same results as /search, as JSON for programs. */
export function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseSearchParams(new URL(request.url).searchParams);
  if (!parsed.ok) return json({ error: 'Invalid parameters', fields: parsed.errors }, { status: 400 });
  const result = searchSite(parsed.params);
  return json(
    {
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
