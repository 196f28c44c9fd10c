import { Link, useLocation } from '@remix-run/react';

export function Pagination({ page, pageCount }: { page: number; pageCount: number }) {
  const location = useLocation();
  if (pageCount <= 1) return null;
  const hrefFor = (target: number) => {
    const params = new URLSearchParams(location.search);
    params.set('page', String(target));
    return `${location.pathname}?${params.toString()}`;
  };
  return (
    <nav className="pagination" aria-label="Pages">
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span />
      )}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link to={hrefFor(page + 1)} rel="next">
          Next →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** "120 claims, page 2 of 6" above a paged list ("3 claims" on one page; nothing when empty). */
export function PageCount({
  total,
  page,
  pageCount,
  noun = ['claim', 'claims'],
}: {
  total: number;
  page: number;
  pageCount: number;
  noun?: [string, string];
}) {
  if (total === 0) return null;
  const count = total === 1 ? `1 ${noun[0]}` : `${total} ${noun[1]}`;
  return <p className="result-count">{pageCount > 1 ? `${count}, page ${page} of ${pageCount}` : count}</p>;
}
