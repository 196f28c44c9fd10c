/**
 * The small inline form a Combobox opens from its "Create “…”" option: a person's or
 * organisation's name (and role), or a source's title (and address). It is a fieldset inside the
 * entry's form, never a nested <form>: its inputs have no names, so the outer form never sends
 * them, and Enter here creates the entry instead of submitting the outer form.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import {
  KIND_SPECS,
  PICK_CREATE_ENTRY_KIND,
  PICK_CREATE_FIELDS,
  pickPath,
  type PickCreateKind,
  type PickMatch,
} from '~/domain';

export function CreateEntryFields({
  idBase,
  create,
  text,
  onCreated,
  onCancel,
}: {
  idBase: string;
  create: PickCreateKind;
  text: string;
  onCreated: (entry: PickMatch) => void;
  onCancel: () => void;
}) {
  const entryKind = PICK_CREATE_ENTRY_KIND[create];
  const spec = KIND_SPECS[entryKind];
  const fields = PICK_CREATE_FIELDS[create].map((name) => spec.fields.find((f) => f.name === name)!);
  const [values, setValues] = useState<Record<string, string>>({ [spec.titleField]: text });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  async function submit() {
    if (busy) return;
    setBusy(true);
    setErrors({});
    try {
      const response = await fetch(pickPath(entryKind), {
        method: 'POST',
        headers: { Accept: 'application/json' },
        body: new URLSearchParams(values),
      });
      const body = (await response.json().catch(() => ({}))) as {
        item?: PickMatch;
        errors?: Record<string, string>;
        error?: string;
      };
      if (response.ok && body.item) {
        onCreated(body.item);
        return;
      }
      setErrors(body.errors ?? { form: body.error ?? `The ${spec.singular} could not be created; try again.` });
    } catch {
      setErrors({ form: `The ${spec.singular} could not be created (no connection?); try again.` });
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter') {
      // Enter in a text field would submit the entry's form: here it means "create".
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  }

  const legendId = `${idBase}-create-legend`;
  return (
    <fieldset className="combobox__create" aria-labelledby={legendId} onKeyDown={onKeyDown}>
      <legend id={legendId}>New {spec.singular}</legend>
      {errors.form ? (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      {fields.map((field, index) => {
        const id = `${idBase}-create-${field.name}`;
        const error = errors[field.name];
        return (
          <div className="field" key={field.name}>
            <label htmlFor={id}>
              {field.label}
              {field.required ? <span className="required"> (required)</span> : null}
            </label>
            <input
              ref={index === 0 ? first : undefined}
              id={id}
              type={field.type === 'url' ? 'url' : 'text'}
              value={values[field.name] ?? ''}
              maxLength={field.maxLength}
              aria-required={field.required || undefined}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              onChange={(e) => setValues((v) => ({ ...v, [field.name]: e.target.value }))}
            />
            {error ? (
              <p className="field-error" id={`${id}-error`}>
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      <p className="button-row">
        <button type="button" onClick={() => void submit()} disabled={busy}>
          Create {spec.singular}
        </button>
        <button type="button" className="button--quiet" onClick={onCancel}>
          Cancel
        </button>
      </p>
    </fieldset>
  );
}
