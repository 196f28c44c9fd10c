import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import editorStyles from '~/styles/editor.css';
import comboboxStyles from '~/styles/combobox.css';
import { json } from '@remix-run/node';
import { Form, Link, NavLink, Outlet, useLoaderData, useRouteLoaderData } from '@remix-run/react';
import { ReadOnlyNotice } from '~/components/read-only-notice';
import { readOnlyMode } from '~/http/storage.server';
import type { ReactNode } from 'react';
import { requireUser } from '~/auth/guards.server';
import { errorTitle, GeneralErrorBoundary } from '~/components/error-boundary';
import type { UserRole } from '~/domain';
import { pageMeta, SITE_NAME } from '~/meta';

/** Editor styles load only in the editor area and on the sign-in page, not for readers. */
export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: editorStyles },
  { rel: 'stylesheet', href: comboboxStyles },
];

export const meta: MetaFunction = ({ error }) => [
  ...(error ? [{ title: `${errorTitle(error)} · ${SITE_NAME}` }] : pageMeta('Editors', 'The editors’ area.')),
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ user: { name: user.name, role: user.role }, readOnly: readOnlyMode() });
}

const SECTIONS = [
  { to: '/editor', label: 'Dashboard', end: true },
  { to: '/editor/desk', label: 'Desk' },
  { to: '/editor/claims', label: 'Claims' },
  { to: '/editor/sources', label: 'Sources' },
  { to: '/editor/people', label: 'People' },
  { to: '/editor/organisations', label: 'Organisations' },
  { to: '/editor/cases', label: 'Court cases' },
  { to: '/editor/topics', label: 'Topics' },
  { to: '/editor/tips', label: 'Tips' },
];

/** The editors' navigation and sign-out bar around a page of the editor area. */
function EditorFrame({
  user,
  readOnly,
  children,
}: {
  user: { name: string; role: UserRole };
  readOnly: string | null;
  children: ReactNode;
}) {
  return (
    <div className="page editor">
      {readOnly ? <ReadOnlyNotice reason={readOnly} /> : null}
      <div className="editor-bar">
        <nav aria-label="Editors" className="editor-nav">
          <ul>
            {SECTIONS.map((s) => (
              <li key={s.to}>
                <NavLink to={s.to} end={s.end}>
                  {s.label}
                </NavLink>
              </li>
            ))}
            {user.role === 'admin' ? (
              <li>
                <NavLink to="/editor/users">Users</NavLink>
              </li>
            ) : null}
            <li>
              <NavLink to="/editor/account">Your account</NavLink>
            </li>
          </ul>
        </nav>
        <Form method="post" action="/logout" className="editor-signout">
          <span className="muted">Signed in as {user.name}</span> <button type="submit">Sign out</button>
        </Form>
      </div>
      {children}
    </div>
  );
}

export default function EditorLayout() {
  const { user, readOnly } = useLoaderData<typeof loader>();
  return (
    <EditorFrame user={user} readOnly={readOnly}>
      <Outlet />
    </EditorFrame>
  );
}

/**
 * A 403 or 404 inside the editor keeps the editor's navigation and says why. When this layout's
 * own loader failed there is no signed-in user to show, and the page is the bare error.
 */
export function ErrorBoundary() {
  const data = useRouteLoaderData<typeof loader>('routes/editor');
  const error = (
    <GeneralErrorBoundary
      waysOn={
        <p>
          Go to the <Link to="/editor">dashboard</Link>.
        </p>
      }
    />
  );
  return data ? (
    <EditorFrame user={data.user} readOnly={data.readOnly}>
      {error}
    </EditorFrame>
  ) : (
    error
  );
}
