import { Link, useRouteLoaderData } from '@remix-run/react';
import { KINDS, type EntryKind } from '~/domain';

/**
 * "Edit this claim" on a public page, for a signed-in editor only. Whether the reader is an editor
 * comes from the root loader, which marks every page it renders for an editor `private, no-store`
 * (app/entry.server.tsx): a page with this link is never kept by a shared cache, and a page for
 * readers never has it.
 */
export function EditLink({ kind, id }: { kind: EntryKind; id: number }) {
  const root = useRouteLoaderData<{ editor?: boolean }>('root');
  if (!root?.editor) return null;
  return (
    <p className="edit-link">
      <Link to={`/editor/${kind}/${id}`} rel="nofollow">
        {`Edit this ${KINDS[kind].singular}`}
      </Link>
    </p>
  );
}
