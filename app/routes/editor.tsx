import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, NavLink, Outlet, useLoaderData } from '@remix-run/react';
import { requireUser } from '~/auth/guards.server';
import { pageMeta } from '~/meta';

export const meta: MetaFunction = () => [
  ...pageMeta('Editors', 'The editors’ area.'),
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ user: { name: user.name, role: user.role } });
}

const SECTIONS = [
  { to: '/editor', label: 'Dashboard', end: true },
  { to: '/editor/claims', label: 'Claims' },
  { to: '/editor/sources', label: 'Sources' },
  { to: '/editor/people', label: 'People' },
  { to: '/editor/organisations', label: 'Organisations' },
  { to: '/editor/cases', label: 'Court cases' },
  { to: '/editor/topics', label: 'Topics' },
];

export default function EditorLayout() {
  const { user } = useLoaderData<typeof loader>();
  return (
    <div className="page editor">
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
      <Outlet />
    </div>
  );
}
