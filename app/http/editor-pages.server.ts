/**
 * Pages drawn for a signed-in editor. The root loader says whether the request is an editor's
 * (`editor: true` in its data, and this header on its own data responses); the document's header
 * is set from that in app/entry.server.tsx, whatever the page's own headers say, and so is every
 * route's data sent to a signed-in editor (handleDataRequest). So a page that
 * may hold editor-only links ("Edit this claim") is never kept by a shared cache, and a reader's
 * page (no session cookie) never has them: a page cache keyed on "no session cookie" stays safe.
 */
export const EDITOR_CACHE_CONTROL = 'private, no-store';

/** Whether the root loader's data (as the server rendered the page) says an editor asked. */
export function isEditorPage(loaderData: Record<string, unknown> | null | undefined): boolean {
  const root = loaderData?.root as { editor?: unknown } | undefined;
  return root?.editor === true;
}
