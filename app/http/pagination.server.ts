/**
 * Pagination, for every paginated page and the read API: `?page=N` (digits only, from 1), the
 * API's `perPage`, the page a list shows, and the one loader helper, `requirePage`, that answers
 * 400 for a page number that is not one and 404 past the last page.
 */
import { z } from 'zod';
import type { PageOf } from '~/domain';

/** Rows per page of every reader list, and the read API's default. */
export const PER_PAGE = 20;
export const API_MAX_PER_PAGE = 100;
const MAX_PAGE = 100000;

export type { PageOf };

/** Rows of a list to read: all of them, or one page (lists are paged in SQL). */
export interface ListRange {
  limit: number;
  offset: number;
}

export function pageCountFor(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** What a reader sees past the last page. */
export function pastLastPageMessage(pageCount: number): string {
  return pageCount === 1 ? 'There is only 1 page.' : `There are only ${pageCount} pages.`;
}

const wholeNumber = (message: string, min: number, max: number, tooBig: string) =>
  z.coerce.number({ invalid_type_error: message }).int(message).min(min, message).max(max, tooBig);

const pageNumber = wholeNumber('Page must be a whole number.', 1, MAX_PAGE, 'That page does not exist.');
const perPageMessage = `perPage must be a whole number from 1 to ${API_MAX_PER_PAGE}.`;
const perPageNumber = wholeNumber(perPageMessage, 1, API_MAX_PER_PAGE, perPageMessage);

export type PageParseResult = { ok: true; page: number } | { ok: false; error: string };

/** `?page=N`: digits only (no `1e3`, `0x10`, `1.5` or `-1`); absent or empty means 1. */
export function parsePageParam(params: URLSearchParams, key = 'page'): PageParseResult {
  const raw = params.get(key)?.trim();
  if (!raw) return { ok: true, page: 1 };
  if (!/^\d+$/.test(raw)) {
    return { ok: false, error: raw.startsWith('-') ? 'Page numbers start at 1.' : 'Page must be a whole number.' };
  }
  if (Number(raw) < 1) return { ok: false, error: 'Page numbers start at 1.' };
  const parsed = pageNumber.safeParse(raw);
  return parsed.success ? { ok: true, page: parsed.data } : { ok: false, error: parsed.error.issues[0].message };
}

export type PagingParseResult =
  | { ok: true; page: number; perPage: number }
  | { ok: false; errors: Partial<Record<'page' | 'perPage', string>> };

/** The read API's `page` and `perPage`, each error named by its parameter. */
export function parsePaging(params: URLSearchParams, defaultPerPage = PER_PAGE): PagingParseResult {
  const errors: Partial<Record<'page' | 'perPage', string>> = {};
  const page = parsePageParam(params);
  if (!page.ok) errors.page = page.error;
  const rawPerPage = params.get('perPage')?.trim();
  const perPage = rawPerPage ? perPageNumber.safeParse(rawPerPage) : { success: true as const, data: defaultPerPage };
  if (!perPage.success) errors.perPage = perPage.error.issues[0].message;
  if (!page.ok || !perPage.success) return { ok: false, errors };
  return { ok: true, page: page.page, perPage: perPage.data };
}

/**
 * One page of a list: the count, then only the rows of that page, so whatever a row costs is
 * paid for the rows shown. Past the last page there are no rows.
 */
export function pageOfList<T>(
  page: number,
  count: () => number,
  rowsOf: (range: ListRange) => T[],
  perPage = PER_PAGE,
): PageOf<T> {
  const total = count();
  const pageCount = pageCountFor(total, perPage);
  const items = page > pageCount ? [] : rowsOf({ limit: perPage, offset: (page - 1) * perPage });
  return { items, total, page, pageCount };
}

/**
 * For a loader: reads `?page=`, fetches that page, and throws 400 for a page number that is not
 * one or 404 past the last page. `pageCountOf` finds the page count in what `fetch` returns (a
 * person's page holds its claims' page); `fetch` may return null for "no such entry", which the
 * caller handles.
 */
export function requirePage<R>(
  request: Request,
  fetch: (page: number) => R,
  pageCountOf: (result: NonNullable<R>) => number = (r) => (r as unknown as { pageCount: number }).pageCount,
): R {
  const paging = parsePageParam(new URL(request.url).searchParams);
  if (!paging.ok) throw new Response(paging.error, { status: 400 });
  const result = fetch(paging.page);
  if (result != null) {
    const pageCount = pageCountOf(result as NonNullable<R>);
    if (paging.page > pageCount) throw new Response(pastLastPageMessage(pageCount), { status: 404 });
  }
  return result;
}
