import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { requireUser } from '~/auth/guards.server';
import { EntryForm } from '~/editor/entry-form';
import { UnsavedChanges } from '~/editor/unsaved-changes';
import { isEntryKind, KIND_SPECS } from '~/domain';
import { getEntryOptions, readEntryForm, saveEntry, validateEntry } from '~/models/entry.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  if (!isEntryKind(params.kind)) throw new Response('There is no such kind of entry.', { status: 404 });
  return json({ kind: params.kind, options: getEntryOptions() });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (!isEntryKind(params.kind)) throw new Response('There is no such kind of entry.', { status: 404 });
  const form = await request.formData();
  const values = readEntryForm(params.kind, form);
  const checked = validateEntry(params.kind, values);
  if (!checked.ok) return json({ values, errors: checked.errors }, { status: 400 });
  const saved = saveEntry(params.kind, {
    id: null,
    expectedVersion: null,
    values: checked.values,
    userId: user.id,
    summary: String(form.get('editSummary') ?? '').slice(0, 300) || 'Created',
  });
  return redirect(`/editor/${params.kind}/${saved.id}?saved=1`);
}

export default function NewEntry() {
  const { kind, options } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const spec = KIND_SPECS[kind];
  return (
    <>
      <h1>New {spec.singular}</h1>
      {kind === 'claims' ? (
        <p className="hint">A new claim is saved as a draft. Add at least one citation to a source, then publish it.</p>
      ) : null}
      <UnsavedChanges />
      <EntryForm
        spec={spec}
        values={result?.values ?? { language: 'en', kind: 'news_report', status: 'pending' }}
        errors={result?.errors ?? {}}
        options={options}
        version={null}
        submitLabel={`Create ${spec.singular}`}
      />
    </>
  );
}
