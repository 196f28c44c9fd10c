/**
 * The one error page, used by the root and by layouts that keep their own navigation around it
 * (the editor). A thrown 4xx Response says what its text says, when it is text: "There is no such
 * entry.", "Only admins can manage users.". Anything else gets a calm sentence: never a stack
 * trace, an internal path or an error's own message.
 */
import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react';
import type { ReactNode } from 'react';

export interface ErrorPage {
  status: number;
  /** For the <h1> and the <title>. */
  title: string;
  /** What happened, in general. */
  message: string;
  /** What the code that refused said, for a 4xx whose body is text. */
  detail: string | null;
}

/** The generic bodies Remix and our own `new Response('Not Found', ...)` give: nothing to add. */
const STATUS_TEXTS = new Set(['Not Found', 'Forbidden', 'Bad Request', 'Method Not Allowed', 'Unauthorized']);

export function describeError(error: unknown): ErrorPage {
  if (!isRouteErrorResponse(error) || error.status < 400 || error.status >= 500) {
    return {
      status: isRouteErrorResponse(error) ? error.status : 500,
      title: 'Something went wrong',
      message: 'We could not show this page. Please try again in a moment.',
      detail: null,
    };
  }
  const text = typeof error.data === 'string' ? error.data.trim() : '';
  const detail = text && text.length <= 300 && !STATUS_TEXTS.has(text) ? text : null;
  switch (error.status) {
    case 404:
      return {
        status: 404,
        title: 'Page not found',
        message: detail ?? 'There is nothing at this address. It may have moved, or the link may be mistyped.',
        detail: null,
      };
    case 400:
      return {
        status: 400,
        title: 'That request could not be read',
        message: detail ?? 'Please check the address and try again.',
        detail: null,
      };
    case 410:
      return {
        status: 410,
        title: 'No longer here',
        message: detail ?? 'This entry was removed from the archive. Its history is kept by the editors.',
        detail: null,
      };
    case 403:
      return { status: 403, title: 'Not allowed', message: 'You do not have permission to do that.', detail };
    default:
      return {
        status: error.status,
        title: 'That could not be done',
        message: detail ?? 'Please try again.',
        detail: null,
      };
  }
}

/** The page's <title> while an error is shown (routes' own meta is not used then). */
export function errorTitle(error: unknown): string {
  const { status } = describeError(error);
  return status === 404 ? 'Page not found' : status === 400 ? 'Bad request' : status === 403 ? 'Not allowed' : 'Error';
}

/** Where to go from a dead end on the reader's site. */
const READER_WAYS_ON = (
  <p>
    Try <Link to="/search">searching</Link>, browse <Link to="/claims">all claims</Link>, or go to the{' '}
    <Link to="/">home page</Link>.
  </p>
);

export function GeneralErrorBoundary({ waysOn = READER_WAYS_ON }: { waysOn?: ReactNode }) {
  const { status, title, message, detail } = describeError(useRouteError());
  return (
    <div className="page page--narrow error-page">
      <p className="eyebrow">Error {status}</p>
      <h1>{title}</h1>
      <p>{message}</p>
      {detail ? <p>{detail}</p> : null}
      {waysOn}
    </div>
  );
}
