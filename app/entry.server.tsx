import type { AppLoadContext, EntryContext } from '@remix-run/node';
import { createReadableStreamFromReadable } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { renderToPipeableStream } from 'react-dom/server';
import { NonceContext } from './components/nonce';
import { withoutNulBytes } from './http/html-stream.server';
import { noteStorageProblem } from './http/storage.server';
import { getSessionUser } from './auth/session.server';
import { EDITOR_CACHE_CONTROL, isEditorPage } from './http/editor-pages.server';
import { EMBEDDABLE_HEADER } from './http/page-cache.server';
import { noteChangedRefs } from './http/cache-tags.server';
import { onDataChange } from '../db/data-version';

export { prepareDatabase } from '~/boot.server';
export { checkRequestOrigin } from './auth/origin.server';
export { requestState, storageMessage } from './http/storage.server';
export {
  cachedPage,
  contentGeneration,
  hasSessionCookie,
  isAnonymousRead,
  keepPage,
  makePage,
  pageCacheStats,
  sendPage,
} from './http/page-cache.server';
export { contentSecurityPolicy } from './http/csp.server';
export { purgeKeys } from './http/cache-tags.server';
export { purgeSharedCache } from './http/purge.server';
export {
  allowedHosts,
  bodyLimitFor,
  canonicalHost,
  isValidHost,
  readFormRequest,
  refusePath,
} from './http/request-guards.server';

const ABORT_DELAY = 5_000;

// Every change this process records is noted on the request that made it; server.js purges the
// shared cache (PURGE_URL) for those entries before answering.
onDataChange(noteChangedRefs);

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext?.cspNonce === 'string' ? loadContext.cspNonce : '';
  // A page drawn for a signed-in editor (the root loader says so) may hold editor-only links:
  // private, whatever the page's own headers say, so no shared cache ever serves it to a reader.
  if (isEditorPage(remixContext.staticHandlerContext.loaderData))
    responseHeaders.set('Cache-Control', EDITOR_CACHE_CONTROL);
  // The embed card is the one kind of page other sites may frame (server.js writes the policy).
  const { matches } = remixContext.staticHandlerContext;
  const routeModules = remixContext.routeModules as Record<string, { handle?: { embeddable?: boolean } } | undefined>;
  if (matches.some((m) => routeModules[m.route.id]?.handle?.embeddable === true))
    responseHeaders.set(EMBEDDABLE_HEADER, '1');
  // The whole document, for browsers and bots alike: server.js reads it whole anyway (to hash its
  // scripts, tag and keep it), and nothing here is deferred, so streaming the shell would gain
  // nothing. The abort timer is cleared once it is rendered, so no finished render is held for 5 s.
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const abortTimer: { id?: ReturnType<typeof setTimeout> } = {};
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        onAllReady() {
          clearTimeout(abortTimer.id);
          shellRendered = true;
          const body = withoutNulBytes();
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer.id);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    abortTimer.id = setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * Data for client-side navigation: what a signed-in editor is sent (an editor list, say) is
 * private too, whichever route it comes from. Readers' data, without a session, is left alone.
 */
export async function handleDataRequest(response: Response, { request }: { request: Request }) {
  if (request.headers.has('Cookie') && (await getSessionUser(request)) !== null) {
    response.headers.set('Cache-Control', EDITOR_CACHE_CONTROL);
  }
  return response;
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // A full disk or a read-only database is not a bug: one line, and server.js answers 503.
  const problem = noteStorageProblem(error);
  if (problem) console.error(`storage: ${problem}: ${(error as Error).message}`);
  else console.error(error);
}
