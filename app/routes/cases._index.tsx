import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { formatPartialDate } from '~/components/dates';
import { PageCount, Pagination } from '~/components/pagination';
import { pageMeta } from '~/meta';
import { pageOfCases } from '~/models/case.server';
import { requirePage } from '~/http/pagination.server';
import { pathOf } from '~/domain';

export const meta: MetaFunction = () =>
  pageMeta(
    'Court cases',
    'Indictments and court cases linked to the claims we track: court, number, charges, defendants and status.',
  );

export function loader({ request }: LoaderFunctionArgs) {
  const cases = requirePage(request, pageOfCases);
  return json({ cases });
}

export default function CasesIndex() {
  const { cases } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>Court cases</h1>
      <p className="lede">Indictments and proceedings that the claims cite or are about.</p>
      <PageCount
        total={cases.total}
        page={cases.page}
        pageCount={cases.pageCount}
        noun={['court case', 'court cases']}
      />
      <ul className="source-list">
        {cases.items.map((c) => (
          <li key={c.slug}>
            <h2 className="source-list__title">
              <Link to={pathOf('cases', c.slug)}>{c.caption}</Link>
            </h2>
            <p className="muted">
              {c.caseNumber ?? 'No case number'} · {c.court} · charging document filed {formatPartialDate(c.filedOn)} ·{' '}
              {c.chargeCount} charges · {c.defendantCount} defendants · {c.status}
            </p>
          </li>
        ))}
      </ul>
      <Pagination page={cases.page} pageCount={cases.pageCount} />
    </div>
  );
}
