import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
} from '@remix-run/react';
import { Fragment, type ReactNode } from 'react';
import { EmbedDocument, useEmbeddable } from './components/embed-document';
import { errorTitle, GeneralErrorBoundary } from './components/error-boundary';
import { useNonce } from './components/nonce';
import { SITE_NAME } from './meta';
import { ABOUT_PAGES, aboutPagePath } from '~/domain/about-pages';
import { getSessionUser } from '~/auth/session.server';
import { EDITOR_CACHE_CONTROL } from '~/http/editor-pages.server';
import { publicBaseUrl } from '~/publishing/site.server';
import baseStyles from './styles/base.css';
import claimStyles from './styles/claims.css';
import pageStyles from './styles/pages.css';
import scorecardStyles from './styles/scorecard.css';

/** Used when a page errors (its own meta is not rendered then) and by pages without meta. */
export const meta: MetaFunction = ({ error }) => [{ title: error ? `${errorTitle(error)} · ${SITE_NAME}` : SITE_NAME }];

/**
 * Whether the page is drawn for a signed-in editor (public pages then show "Edit this …"). A
 * request without a cookie never touches the sessions table, and its page is the same for every
 * reader (app/http/editor-pages.server.ts).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const editor = request.headers.has('Cookie') && (await getSessionUser(request)) !== null;
  return json(
    { baseUrl: publicBaseUrl(request), editor },
    editor ? { headers: { 'Cache-Control': EDITOR_CACHE_CONTROL } } : undefined,
  );
}

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: baseStyles },
  { rel: 'stylesheet', href: claimStyles },
  { rel: 'stylesheet', href: pageStyles },
  { rel: 'stylesheet', href: scorecardStyles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

const NAV = [
  { to: '/claims', label: 'Claims' },
  { to: '/people', label: 'People' },
  { to: '/organisations', label: 'Organisations' },
  { to: '/sources', label: 'Sources' },
  { to: '/cases', label: 'Court cases' },
  { to: '/topics', label: 'Topics' },
];

function SiteSearch() {
  const location = useLocation();
  const current = location.pathname === '/search' ? (new URLSearchParams(location.search).get('q') ?? '') : '';
  return (
    <Form method="get" action="/search" role="search" className="site-search">
      <label htmlFor="site-search-q" className="visually-hidden">
        Search claims, people, sources and cases
      </label>
      <input
        id="site-search-q"
        name="q"
        type="search"
        defaultValue={current}
        key={current}
        placeholder="Claims, people, cases…"
        maxLength={200}
        autoComplete="off"
      />
      <button type="submit">Search</button>
    </Form>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const root = useRouteLoaderData<typeof loader>('root');
  const location = useLocation();
  // A page partners frame (handle.embeddable) is drawn alone: no header, footer or scripts.
  const embeddable = useEmbeddable();
  if (embeddable) return <EmbedDocument>{children}</EmbedDocument>;
  // Canonical address: the public base URL and the path, without filters or paging.
  const canonical = root
    ? `${root.baseUrl}${location.pathname === '/' ? '/' : location.pathname.replace(/\/+$/, '')}`
    : null;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#1d2b3a" />
        <Meta />
        {canonical ? (
          <>
            <link rel="canonical" href={canonical} />
            <meta property="og:url" content={canonical} />
          </>
        ) : null}
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="site-header__inner">
            <Link to="/" className="site-name">
              <span aria-hidden="true" className="site-name__mark">
                ❝
              </span>
              Claims &amp; Rebuttals
            </Link>
            <SiteSearch />
          </div>
          <nav aria-label="Main" className="site-nav">
            <ul>
              {NAV.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} prefetch="intent">
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>
            Claims &amp; Rebuttals records who said what, when and where, links every claim to its sources and to the
            court record, and shows how each claim was answered.
          </p>
          <p>
            <Link to="/about">How we work</Link> · <Link to="/claims">All claims</Link> ·{' '}
            <Link to="/search">Search</Link> · <Link to="/suggest">Suggest a claim to check</Link> ·{' '}
            <Link to="/corrections">Corrections</Link> · <Link to="/editor">Editors</Link>
          </p>
          <p>
            {ABOUT_PAGES.map((page, i) => (
              <Fragment key={page.slug}>
                {i > 0 ? ' · ' : null}
                <Link to={aboutPagePath(page.slug)}>{page.title}</Link>
              </Fragment>
            ))}
          </p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
