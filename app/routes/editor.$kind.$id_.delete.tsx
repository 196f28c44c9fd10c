/**
 * /editor/:kind/:id/delete — delete an entry nothing refers to, after a confirmation (decision
 * 8). GET shows what refers to it (each linked, to change first) or the confirmation; POST
 * deletes. The revisions stay: afterwards this page says when it was deleted and links its history.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import type { ShouldRevalidateFunction } from '@remix-run/react';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireUser } from '~/auth/guards.server';
import { formatTimestamp } from '~/components/dates';
import { KIND_SPECS } from '~/domain';
import { FieldError } from '~/forms/field';
import { pageMeta } from '~/meta';
import { DeleteRefusedError, deleteEntry, planDeletion } from '~/models/delete.server';
import { ConflictError, entryParams } from '~/models/entry.server';
import { getRemovedEntry } from '~/models/entry-removals.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...pageMeta(data?.plan ? `Delete: ${data.plan.entry.title.slice(0, 60)}` : 'Deleted', 'Delete an entry.'),
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const { kind, id } = entryParams(params);
  const plan = planDeletion(kind, id);
  if (plan) return json({ kind, plan, removed: null });
  const removed = getRemovedEntry(kind, id);
  if (!removed) throw new Response(`There is no such ${KIND_SPECS[kind].singular}.`, { status: 404 });
  return json({ kind, plan: null, removed });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { kind, id } = entryParams(params);
  const form = await request.formData();
  const refuse = (errors: Record<string, string>, status = 400) => json({ errors }, { status });
  const version = Number(form.get('version'));
  if (form.get('intent') !== 'delete') return refuse({ form: 'Unknown action.' });
  if (!Number.isSafeInteger(version) || version <= 0) {
    return refuse({ form: 'The form is missing its version; reload the page.' });
  }
  if (form.get('confirm') !== 'yes') return refuse({ confirm: 'Tick the box to confirm that it should be deleted.' });
  try {
    if (!deleteEntry(kind, id, version, user.id)) {
      throw new Response(`There is no such ${KIND_SPECS[kind].singular}.`, { status: 404 });
    }
  } catch (error) {
    if (error instanceof DeleteRefusedError) return refuse({ form: error.message }, 409);
    if (error instanceof ConflictError) {
      return refuse({ form: 'It was changed after you opened this page; look at it again before deleting it.' }, 409);
    }
    throw error;
  }
  return redirect(`/editor/${kind}/${id}/delete`);
}

/** A refusal (409) shows what refers to the entry as it is now. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate;

export default function DeletePage() {
  const { kind, plan, removed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const spec = KIND_SPECS[kind];
  if (!plan) {
    return (
      <>
        <h1>Deleted: {removed.title}</h1>
        <p className="notice" role="status">
          {removed.reason === 'merged' && removed.mergedInto ? (
            <>
              This {spec.singular} was merged into{' '}
              <Link to={`/editor/${kind}/${removed.mergedInto.id}`}>{removed.mergedInto.title}</Link>
            </>
          ) : (
            `This ${spec.singular} was deleted`
          )}{' '}
          on {formatTimestamp(removed.removedAt)}
          {removed.removedByName ? ` by ${removed.removedByName}` : ''}.
        </p>
        <p className="button-row">
          <Link to={`/editor/${kind}/${removed.id}/history`}>Its history</Link>
          <Link to={`/editor/${kind}`}>All {spec.plural}</Link>
        </p>
      </>
    );
  }
  const { entry, references, referenceCount, refusal } = plan;
  return (
    <>
      <p className="eyebrow">
        <Link to={`/editor/${kind}/${entry.id}`}>Back to the editor</Link>
      </p>
      <h1>Delete: {entry.title || `Untitled ${spec.singular}`}</h1>
      {errors.form ? (
        <p className="notice notice--error" role="alert">
          {errors.form}
        </p>
      ) : null}
      {refusal ? (
        <section className="panel" aria-labelledby="refusal-title">
          <h2 id="refusal-title">This {spec.singular} cannot be deleted</h2>
          <p>{refusal}</p>
          {references.length > 0 ? (
            <ul>
              {references.map((r) => (
                <li key={`${r.kind}-${r.id}-${r.how}`}>
                  <Link to={`/editor/${r.kind}/${r.id}`}>{r.title || `Untitled ${KIND_SPECS[r.kind].singular}`}</Link>{' '}
                  <span className="muted">
                    ({KIND_SPECS[r.kind].singular}, {r.how})
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
          {referenceCount > references.length ? (
            <p className="muted">…and {referenceCount - references.length} more.</p>
          ) : null}
          {kind !== 'claims' || entry.status === 'draft' ? (
            <p>
              <Link to={`/editor/${kind}/${entry.id}/merge`}>Merge it into another {spec.singular}</Link> instead: what
              refers to it then moves there.
            </p>
          ) : null}
        </section>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="delete" />
          <input type="hidden" name="version" value={entry.version} />
          <p>
            Nothing refers to this {spec.singular}.{' '}
            {kind === 'claims'
              ? 'Its citations, topics and links go with it.'
              : kind === 'cases'
                ? 'Its charges, defendants, events and sources go with it.'
                : ''}{' '}
            Its history is kept{kind === 'claims' ? '' : ', and its public address will say it was removed'}.
          </p>
          <p>
            <label>
              <input
                type="checkbox"
                name="confirm"
                value="yes"
                required
                aria-invalid={errors.confirm ? true : undefined}
                aria-describedby={errors.confirm ? 'delete-confirm-error' : undefined}
              />{' '}
              Yes, delete “{entry.title || `this ${spec.singular}`}”
            </label>
          </p>
          <FieldError id="delete-confirm-error" message={errors.confirm} />
          <button type="submit" className="button--danger">
            Delete this {spec.singular}
          </button>
        </Form>
      )}
    </>
  );
}
