import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { ClaimList } from '~/components/claim-card';
import { Pagination } from '~/components/pagination';
import { pageMeta } from '~/meta';
import { checkClaimFilterValues, getClaimFilterOptions, listClaims, parseClaimFilters } from '~/models/claim.server';

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
          page: result.pageCount === 1 ? 'There is only 1 page.' : `There are only ${result.pageCount} pages.`,
        } as Record<string, string>,
        result: null,
      },
      { status: 404 },
    );
  }
  return json({ options, typed, errors: {} as Record<string, string>, result });
}

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p className="field-error" id={id}>
      {message}
    </p>
  ) : null;
}

export default function ClaimsIndex() {
  const { options, typed, errors, result } = useLoaderData<typeof loader>();
  const invalid = (name: string) =>
    errors[name] ? { 'aria-invalid': true as const, 'aria-describedby': `${name}-error` } : {};
  return (
    <div className="page">
      <h1>All claims</h1>
      <Form method="get" className="filters" aria-label="Filter claims">
        <div className="field">
          <label htmlFor="filter-verdict">Verdict</label>
          <select id="filter-verdict" name="verdict" defaultValue={typed.verdict} {...invalid('verdict')}>
            <option value="">Any verdict</option>
            {options.verdicts.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
          <FieldError id="verdict-error" message={errors.verdict} />
        </div>
        <div className="field">
          <label htmlFor="filter-topic">Topic</label>
          <select id="filter-topic" name="topic" defaultValue={typed.topic} {...invalid('topic')}>
            <option value="">Any topic</option>
            {options.topics.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </select>
          <FieldError id="topic-error" message={errors.topic} />
        </div>
        <div className="field">
          <label htmlFor="filter-speaker">Said by</label>
          <select id="filter-speaker" name="speaker" defaultValue={typed.speaker} {...invalid('speaker')}>
            <option value="">Anyone</option>
            {options.speakers.map((s) => (
              <option key={s.slug} value={s.slug}>
                {s.name}
              </option>
            ))}
          </select>
          <FieldError id="speaker-error" message={errors.speaker} />
        </div>
        <div className="field">
          <label htmlFor="filter-from">From</label>
          <input id="filter-from" name="from" type="date" defaultValue={typed.from} {...invalid('from')} />
          <FieldError id="from-error" message={errors.from} />
        </div>
        <div className="field">
          <label htmlFor="filter-to">To</label>
          <input id="filter-to" name="to" type="date" defaultValue={typed.to} {...invalid('to')} />
          <FieldError id="to-error" message={errors.to} />
        </div>
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
