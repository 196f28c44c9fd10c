import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation, useSubmit } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { ClaimFilterFields } from '~/components/claim-filter-fields';
import { formatPartialDate } from '~/components/dates';
import { Pagination } from '~/components/pagination';
import { Statement } from '~/components/statement';
import { kindOfSearchKind, KINDS, type SearchKind } from '~/domain';
import { pageMeta } from '~/meta';
import { takeSearchSlot } from '~/http/search-limit.server';
import { getClaimFilterOptions } from '~/models/claim-filters.server';
import { parseSearchParams, searchSite } from '~/models/search.server';
import { MAX_QUERY_LENGTH } from '~/search/query';
import type { SnippetSegment } from '~/search/snippet';

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(
    data?.q ? `Search: ${data.q.slice(0, 60)}` : 'Search',
    'Search every claim, rebuttal, person, source and court case.',
  );

export function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = parseSearchParams(url.searchParams);
  const q = (url.searchParams.get('q') ?? '').slice(0, MAX_QUERY_LENGTH * 2);
  const options = getClaimFilterOptions();
  const typed = Object.fromEntries(
    ['verdict', 'topic', 'speaker', 'from', 'to'].map((k) => [k, (url.searchParams.get(k) ?? '').slice(0, 40)]),
  );
  if (!parsed.ok) {
    return json({ q, kind: '', typed, options, errors: parsed.errors, result: null }, { status: 400 });
  }
  const { params } = parsed;
  const searching = Boolean(
    params.q.trim() || params.verdict || params.topic || params.speaker || params.from || params.to,
  );
  const refused = searching ? takeSearchSlot(context) : null;
  if (refused)
    return json(
      {
        q,
        kind: params.kind ?? '',
        typed,
        options,
        errors: { rate: refused.message } as Record<string, string>,
        result: null,
      },
      { status: 429, headers: { 'Retry-After': String(refused.retryAfter) } },
    );
  const result = searching ? searchSite(params) : null;
  return json({ q, kind: params.kind ?? '', typed, options, errors: {} as Record<string, string>, result });
}

function Highlighted({ segments }: { segments: SnippetSegment[] }) {
  return <>{segments.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}</>;
}

export default function SearchPage() {
  const { q, kind, typed, options, errors, result } = useLoaderData<typeof loader>();
  const filtering = Object.values(typed).some(Boolean);
  const submit = useSubmit();
  const navigation = useNavigation();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => () => clearTimeout(timer.current), []);
  // Follow the URL (a "did you mean" link, back/forward) unless the reader is typing in the box.
  useEffect(() => {
    if (input.current && document.activeElement !== input.current) input.current.value = q;
  }, [q]);
  const searching = navigation.state === 'loading' && navigation.location?.pathname === '/search';

  const kindHref = (k: string) => {
    const params = new URLSearchParams({ q });
    for (const [key, value] of Object.entries(typed)) if (value) params.set(key, value);
    if (k) params.set('kind', k);
    return `/search?${params.toString()}`;
  };

  return (
    <div className="page page--narrow search-page">
      <h1>Search</h1>
      <Form
        method="get"
        action="/search"
        className="search-form"
        onChange={(event) => {
          const form = event.currentTarget;
          clearTimeout(timer.current);
          timer.current = setTimeout(() => {
            // Only the fields in use, so the address stays short and shareable.
            const params = new URLSearchParams();
            for (const [key, value] of new FormData(form))
              if (typeof value === 'string' && value) params.set(key, value);
            submit(params, { method: 'get', action: '/search', replace: true, preventScrollReset: true });
          }, 250);
        }}
      >
        <label htmlFor="search-q">Search claims, people, organisations, sources and court cases</label>
        <div className="search-form__row">
          <input
            id="search-q"
            name="q"
            type="search"
            defaultValue={q}
            ref={input}
            maxLength={MAX_QUERY_LENGTH}
            autoComplete="off"
            aria-describedby="search-help"
            aria-controls="search-results"
          />
          {kind ? <input type="hidden" name="kind" value={kind} /> : null}
          <button type="submit">Search</button>
        </div>
        <details className="search-filters" open={filtering || undefined}>
          <summary>Filter claims by verdict, topic, speaker or date</summary>
          <div className="filters">
            <ClaimFilterFields idPrefix="search" options={options} typed={typed} />
          </div>
        </details>
        <p id="search-help" className="hint">
          Type any words: <code>backdoor</code>, <code>purdy denies</code>, <code>18-457</code>. Narrow with{' '}
          <code>speaker:purdy</code>, <code>verdict:disputed</code>, <code>topic:huawei</code> or <code>kind:case</code>
          . Spelling slips are forgiven.
        </p>
      </Form>

      <div id="search-results" aria-live="polite" aria-busy={searching}>
        {Object.keys(errors).length > 0 ? (
          <p className="notice notice--error" role="alert">
            {Object.values(errors).join(' ')}
          </p>
        ) : null}
        {result?.notices.map((n) => (
          <p key={n} className="notice">
            {n}
          </p>
        ))}
        {result && !result.ready ? (
          <p className="notice">The search index is being built; results will appear in a few seconds.</p>
        ) : null}
        {result ? (
          <>
            <p className="result-count">
              {result.total === 0
                ? 'No results.'
                : `${result.total} result${result.total === 1 ? '' : 's'}${result.fuzzy ? ' for words like yours' : ''}`}
              {result.suggestion ? (
                <>
                  {' '}
                  Did you mean{' '}
                  <Link to={`/search?q=${encodeURIComponent(result.suggestion)}`}>{result.suggestion}</Link>?
                </>
              ) : null}
            </p>
            {result.total > 0 || kind ? (
              <nav aria-label="Result kinds" className="kind-tabs">
                <ul>
                  <li>
                    <Link to={kindHref('')} aria-current={kind === '' ? 'page' : undefined}>
                      All ({Object.values(result.counts).reduce((a, b) => a + b, 0)})
                    </Link>
                  </li>
                  {Object.entries(result.counts)
                    .filter(([, n]) => n > 0)
                    .map(([k, n]) => (
                      <li key={k}>
                        <Link to={kindHref(k)} aria-current={kind === k ? 'page' : undefined}>
                          {KINDS[kindOfSearchKind(k as SearchKind)].label} ({n})
                        </Link>
                      </li>
                    ))}
                </ul>
              </nav>
            ) : null}
            <ol className="search-results">
              {result.items.map((item) => (
                <li key={`${item.kind}-${item.slug}`} className="search-result">
                  <p className="search-result__kind">
                    {KINDS[kindOfSearchKind(item.kind)].label}
                    {item.verdict ? <span className={`verdict verdict--${item.verdict}`}>{item.verdict}</span> : null}
                    {item.date ? <span className="muted"> · {formatPartialDate(item.date)}</span> : null}
                  </p>
                  <h2 className="search-result__title">
                    {item.statementKind ? (
                      <Statement statement={item.title} kind={item.statementKind} href={item.href}>
                        <Highlighted segments={item.titleSegments} />
                      </Statement>
                    ) : (
                      <Link to={item.href}>
                        <Highlighted segments={item.titleSegments} />
                      </Link>
                    )}
                  </h2>
                  <p className="search-result__snippet">
                    <Highlighted segments={item.snippet} />
                  </p>
                </li>
              ))}
            </ol>
            <Pagination page={result.page} pageCount={result.pageCount} />
          </>
        ) : Object.keys(errors).length === 0 ? (
          <p className="muted">Enter a word or two to search the whole tracker.</p>
        ) : null}
      </div>
    </div>
  );
}
