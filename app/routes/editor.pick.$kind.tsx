/**
 * The pick endpoint behind every Combobox (a resource route: JSON only, no page).
 * GET `?q=` answers the best matches of a kind, drafts included, at most 10:
 * `{ items: [{ id, slug, title, detail }] }`. POST creates a minimal person, organisation or
 * source and answers `{ item }`, or 400 `{ errors }`. Editors only: anyone else gets 401 JSON,
 * never a redirect to the sign-in page, which a script's fetch would follow into HTML. The
 * Origin check of every POST is server.js's, as for all forms.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { getSessionUser } from '~/auth/session.server';
import { isPickKind, PICK_LIMIT } from '~/domain';
import { readFormBody } from '~/http/form-body.server';
import { MAX_EDITOR_QUERY } from '~/models/entry-search.server';
import { createFromPicker, createKindOf } from '~/models/pick-create.server';
import { pickMatches } from '~/models/pick.server';

const PRIVATE = { 'Cache-Control': 'private, no-store' };
const reply = (body: unknown, status = 200) => json(body, { status, headers: PRIVATE });

async function editor(request: Request) {
  return getSessionUser(request);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!(await editor(request))) return reply({ error: 'Sign in as an editor to look entries up.' }, 401);
  if (!isPickKind(params.kind)) return reply({ error: 'There is no such kind of entry to pick.' }, 404);
  // Only the first 200 characters are read; anything longer is not a name anyone typed.
  const q = (new URL(request.url).searchParams.get('q') ?? '').slice(0, MAX_EDITOR_QUERY);
  return reply({ items: pickMatches(params.kind, q, PICK_LIMIT) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await editor(request);
  if (!user) return reply({ error: 'Sign in as an editor to create entries.' }, 401);
  if (!isPickKind(params.kind)) return reply({ error: 'There is no such kind of entry to pick.' }, 404);
  if (request.method !== 'POST') return reply({ error: 'Use POST to create an entry.' }, 405);
  const create = createKindOf(params.kind);
  if (!create) return reply({ error: `A picker cannot create ${params.kind}; open its own form.` }, 400);
  const body = await readFormBody(request, 16 * 1024);
  if (!body.ok) {
    return reply(
      { error: body.problem === 'too-large' ? 'That is too long to be a name.' : 'Send the fields as a form.' },
      body.status,
    );
  }
  const created = createFromPicker(create, body.form, user.id);
  return created.ok ? reply({ item: created.item }) : reply({ errors: created.errors }, 400);
}
