/**
 * /editor/:kind — every entry of a kind, drafts included: search, filters, sort and pages of 50,
 * all in the URL (a plain GET form). A filter value that names nothing answers 400 with the
 * reason beside its field; a page past the end answers 404 with a way back.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData, useLocation } from '@remix-run/react';
import { requireUser } from '~/auth/guards.server';
import { Pagination } from '~/components/pagination';
import { isEntryKind, KINDS } from '~/domain';
import { EDITOR_PER_PAGE, rangeText } from '~/domain/editor-lists';
import { EntryTable } from '~/editor/entry-table';
import { AppliedFilters, hrefWith, ListFilters } from '~/editor/list-filters';
import { pastLastPageMessage } from '~/http/pagination.server';
import { pageMeta } from '~/meta';
import {
  editorListOptions,
  listEditorEntries,
  parseEditorListQuery,
  typedListParams,
  type AppliedFilter,
  type FilterCandidate,
} from '~/models/editor-lists.server';
import listStyles from '~/styles/editor-lists.css';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: listStyles }];

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...pageMeta(
    data ? `${capitalised(KINDS[data.kind].plural)} · Editors` : 'Editors',
    'Find any entry: search, filters, sorting and pages.',
  ),
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  if (!isEntryKind(params.kind)) throw new Response('There is no such list.', { status: 404 });
  const kind = params.kind;
  const search = new URL(request.url).searchParams;
  const base = { kind, typed: typedListParams(kind, search), options: editorListOptions(kind) };
  const parsed = parseEditorListQuery(kind, search);
  if (!parsed.ok) {
    return json(
      { ...base, errors: parsed.errors, candidates: parsed.candidates, applied: [] as AppliedFilter[], list: null },
      { status: 400 },
    );
  }
  const list = listEditorEntries(parsed.query);
  const pastEnd = list.page > list.pageCount;
  return json(
    {
      ...base,
      errors: (pastEnd ? { page: pastLastPageMessage(list.pageCount) } : {}) as Record<string, string>,
      candidates: {} as Record<string, FilterCandidate[]>,
      applied: parsed.query.applied,
      list,
    },
    { status: pastEnd ? 404 : 200 },
  );
}

export default function EntryList() {
  const { kind, typed, options, errors, candidates, applied, list } = useLoaderData<typeof loader>();
  const location = useLocation();
  const spec = KINDS[kind];
  const fieldErrors = Object.keys(errors).filter((k) => k !== 'page');
  return (
    <>
      <h1>{capitalised(spec.plural)}</h1>
      <p>
        <Link className="button" to={`/editor/${kind}/new`}>
          New {spec.singular}
        </Link>
      </p>
      <ListFilters kind={kind} typed={typed} options={options} errors={errors} candidates={candidates} />
      <AppliedFilters applied={applied} />
      {fieldErrors.length > 0 ? (
        <p className="notice notice--error" role="alert">
          Some filters could not be used; correct them above and apply again.
        </p>
      ) : null}
      {errors.page ? (
        <p className="notice notice--error" role="alert">
          {errors.page}{' '}
          {list && list.total > 0 ? (
            <Link to={hrefWith(location, 'page', String(list.pageCount))}>Go to the last page</Link>
          ) : null}
        </p>
      ) : null}
      {list && !errors.page ? (
        <>
          <p className="result-count" role="status" aria-live="polite">
            {list.total === 0
              ? `No ${spec.plural} match.`
              : `${rangeText(list.page, EDITOR_PER_PAGE, list.items.length, list.total)} ${spec.plural}`}
            {typed.q ? ` for “${typed.q}”` : ''}
          </p>
          {list.total > 0 ? (
            <EntryTable kind={kind} rows={list.items} caption={`${capitalised(spec.plural)}, page ${list.page}`} />
          ) : null}
          <Pagination page={list.page} pageCount={list.pageCount} />
        </>
      ) : null}
    </>
  );
}
