import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { ClaimList } from '~/components/claim-card';
import { ClaimFilterFields } from '~/components/claim-filter-fields';
import { Pagination } from '~/components/pagination';
import { pastLastPageMessage } from '~/http/pagination.server';
import { pageMeta } from '~/meta';
import {
  checkClaimFilterValues,
  getClaimFilterOptions,
  listClaims,
  parseClaimFilters,
} from '~/models/claim-filters.server';

export const meta: MetaFunction = () =>
  pageMeta(
    'All claims',
    'Every claim we track, with its verdict, speaker and date. Filter by verdict, topic, speaker or date.',
  );

export function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const options = getClaimFilterOptions();
  const parsed = parseClaimFilters(params);
  const typed = Object.fromEntries(['verdict', 'topic', 'speaker', 'from', 'to'].map((k) => [k, params.get(k) ?? '']));
  if (!parsed.ok) {
    return json({ options, typed, errors: parsed.errors as Record<string, string>, result: null }, { status: 400 });
  }
  const { filters } = parsed;
  const errors = checkClaimFilterValues(filters, options);
  if (Object.keys(errors).length > 0) return json({ options, typed, errors, result: null }, { status: 400 });
  const result = listClaims(filters);
  if (filters.page > result.pageCount) {
    return json(
      {
        options,
        typed,
        errors: {
          page: pastLastPageMessage(result.pageCount),
        } as Record<string, string>,
        result: null,
      },
      { status: 404 },
    );
  }
  return json({ options, typed, errors: {} as Record<string, string>, result });
}

export default function ClaimsIndex() {
  const { options, typed, errors, result } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>All claims</h1>
      <Form method="get" className="filters" aria-label="Filter claims">
        <ClaimFilterFields idPrefix="filter" options={options} typed={typed} errors={errors} />
        <div className="filters__actions">
          <button type="submit">Apply filters</button>
          <Link to="/claims">Clear</Link>
        </div>
      </Form>
      {errors.page ? (
        <p className="notice notice--error" role="alert">
          {errors.page}
        </p>
      ) : null}
      {result ? (
        <>
          <p className="result-count" role="status">
            {result.total === 1 ? '1 claim' : `${result.total} claims`}
            {result.pageCount > 1 ? `, page ${result.page} of ${result.pageCount}` : ''}
          </p>
          <ClaimList claims={result.claims} empty="No claims match these filters." headingLevel={2} />
          <Pagination page={result.page} pageCount={result.pageCount} />
        </>
      ) : !errors.page ? (
        <p className="notice notice--error" role="alert">
          Some filters could not be used; correct them above and apply again.
        </p>
      ) : null}
    </div>
  );
}
