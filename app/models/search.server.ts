/** Site search for readers and the JSON API: validated parameters in, labelled results out. */
import { z } from 'zod';
import { getDb } from '../../db/client';
import { loadSearchDocuments } from '../search/documents.server';
import { stem } from '../search/analysis';
import { getSearchEngine } from '../search/index.server';
import { getDataVersion } from '../../db/data-version';
import { skipPageCache } from '~/http/cache-tags.server';
import { parseQuery } from '../search/query';
import { SEARCH_KINDS, type SearchKind, type StatementKind } from '~/domain';
import { makeSnippet, type SnippetSegment } from '../search/snippet';
import { partialDateParam, searchKindPath, slugParam } from '~/domain';
import { fieldErrors } from '~/forms/errors';

export const RESULTS_PER_PAGE = 20;

const searchParamsSchema = z.object({
  q: z.string().default(''),
  kind: z
    .enum(SEARCH_KINDS, { errorMap: () => ({ message: 'Choose claim, person, organisation, source, case or topic.' }) })
    .optional(),
  verdict: slugParam.optional(),
  topic: slugParam.optional(),
  speaker: slugParam.optional(),
  from: partialDateParam.optional(),
  to: partialDateParam.optional(),
  page: z.coerce.number().int('Page must be a whole number.').min(1, 'Page numbers start at 1.').max(1000).default(1),
});
export type SiteSearchParams = z.infer<typeof searchParamsSchema>;

export function parseSearchParams(params: URLSearchParams) {
  const raw: Record<string, string> = {};
  for (const key of ['q', 'kind', 'verdict', 'topic', 'speaker', 'from', 'to', 'page']) {
    const value = params.get(key);
    if (value !== null && (key === 'q' || value.trim() !== '')) raw[key] = key === 'q' ? value : value.trim();
  }
  const parsed = searchParamsSchema.safeParse(raw);
  if (parsed.success) return { ok: true as const, params: parsed.data };
  return { ok: false as const, errors: fieldErrors(parsed.error) };
}

export interface SearchResultItem {
  kind: SearchKind;
  slug: string;
  href: string;
  title: string;
  snippet: SnippetSegment[];
  titleSegments: SnippetSegment[];
  /** For a claim: whether its title is the speaker's exact words or our summary. */
  statementKind: StatementKind | null;
  verdict: string | null;
  date: string | null;
  byline: string | null;
}

export function searchSite(params: SiteSearchParams) {
  const query = parseQuery(params.q);
  const { engine, ready } = getSearchEngine();
  // The index follows the database a moment behind (and a rebuild longer): results drawn from a
  // lagging one are shown but never kept in the page cache under the newer content generation.
  if (!ready || engine.dataVersion !== getDataVersion(getDb())) skipPageCache();
  const result = engine.search(query, {
    verdicts: params.verdict ? [params.verdict] : [],
    topic: params.topic,
    speaker: params.speaker,
    from: params.from,
    to: params.to,
  });
  // Counts per kind are over all hits; the kind filter then narrows the list.
  const hits = params.kind ? result.hits.filter((h) => h.meta.kind === params.kind) : result.hits;
  const pageCount = Math.max(1, Math.ceil(hits.length / RESULTS_PER_PAGE));
  const page = Math.min(params.page, pageCount);
  const pageHits = hits.slice((page - 1) * RESULTS_PER_PAGE, page * RESULTS_PER_PAGE);

  const texts = new Map(
    loadSearchDocuments(
      getDb().$client,
      pageHits.map((h) => h.ref),
    ).map((d) => [d.ref, d]),
  );
  const items: SearchResultItem[] = pageHits.flatMap((hit) => {
    const doc = texts.get(hit.ref);
    if (!doc) return [];
    const matched = new Set(hit.matchedTerms);
    const isHit = (word: string) => matched.has(stem(word));
    return [
      {
        kind: doc.kind,
        slug: doc.slug,
        href: searchKindPath(doc.kind, doc.slug),
        title: doc.title,
        titleSegments: makeSnippet(doc.title, isHit, 60),
        statementKind: doc.statementKind ?? null,
        snippet: makeSnippet([doc.speaker, doc.quotes, doc.body].filter(Boolean).join(' — '), isHit),
        verdict: doc.verdict ?? null,
        date: doc.date ?? null,
        byline: doc.speaker || null,
      },
    ];
  });
  return {
    ready,
    query: query.normalised,
    notices: query.notices,
    items,
    // Exact number of matches; only the best MAX_CANDIDATES of them can be paged through.
    total: params.kind ? result.counts[params.kind] : result.total,
    shown: hits.length,
    counts: result.counts,
    page,
    pageCount,
    fuzzy: result.fuzzy,
    suggestion: result.suggestion,
    tookMs: Math.round(result.tookMs * 10) / 10,
  };
}
