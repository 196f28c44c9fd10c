import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requireUser } from '~/auth/guards.server';
import { formatTimestamp } from '~/components/dates';
import { isEntryKind, KIND_SPECS, STATUS_LABELS } from '~/domain';
import { listEntries } from '~/models/editor.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  if (!isEntryKind(params.kind)) throw new Response('There is no such list.', { status: 404 });
  return json({ kind: params.kind, entries: listEntries(params.kind) });
}

export default function EntryList() {
  const { kind, entries } = useLoaderData<typeof loader>();
  const spec = KIND_SPECS[kind];
  return (
    <>
      <h1>{spec.plural.replace(/^./, (c) => c.toUpperCase())}</h1>
      <p>
        <Link className="button" to={`/editor/${kind}/new`}>
          New {spec.singular}
        </Link>
      </p>
      <ul className="plain-list">
        {entries.map((e) => (
          <li key={e.id}>
            <Link to={`/editor/${kind}/${e.id}`}>{e.title}</Link>
            <span className="muted">
              {' '}
              {e.status ? `· ${STATUS_LABELS[e.status as keyof typeof STATUS_LABELS]} ` : ''}· v{e.version} · changed{' '}
              {formatTimestamp(e.updatedAt)}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
