import { Form } from '@remix-run/react';
import type { FieldSpec, KindSpec } from '~/domain';

export type FormValues = Record<string, string | string[]>;
export type Options = Record<string, { value: string; label: string }[]>;

function describedBy(field: FieldSpec, error?: string) {
  const ids = [field.hint ? `${field.name}-hint` : '', error ? `${field.name}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function Field({
  field,
  value,
  error,
  options,
}: {
  field: FieldSpec;
  value: string | string[] | undefined;
  error?: string;
  options: Options;
}) {
  const id = `field-${field.name}`;
  const common = {
    id,
    name: field.name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(field, error),
    required: field.required,
  } as const;
  const text = typeof value === 'string' ? value : '';
  let control;
  if (field.type === 'textarea' || field.type === 'markdown') {
    control = (
      <textarea {...common} defaultValue={text} rows={field.type === 'markdown' ? 12 : 4} maxLength={field.maxLength} />
    );
  } else if (field.type === 'select') {
    control = (
      <select {...common} defaultValue={text}>
        <option value="">{field.required ? 'Choose…' : '— None —'}</option>
        {(options[field.options!] ?? []).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (field.type === 'multiselect') {
    const chosen = new Set(Array.isArray(value) ? value : []);
    return (
      <fieldset className="field field--choices" aria-describedby={describedBy(field, error)}>
        <legend>{field.label}</legend>
        {field.hint ? (
          <p className="hint" id={`${field.name}-hint`}>
            {field.hint}
          </p>
        ) : null}
        <div className="choices">
          {(options[field.options!] ?? []).map((o) => (
            <label key={o.value} className="choice">
              <input type="checkbox" name={field.name} value={o.value} defaultChecked={chosen.has(o.value)} /> {o.label}
            </label>
          ))}
        </div>
        {error ? (
          <p className="field-error" id={`${field.name}-error`}>
            {error}
          </p>
        ) : null}
      </fieldset>
    );
  } else {
    control = (
      <input
        {...common}
        type={field.type === 'url' ? 'url' : 'text'}
        inputMode={field.type === 'date' ? 'numeric' : undefined}
        placeholder={field.type === 'date' ? 'YYYY-MM-DD' : undefined}
        defaultValue={text}
        maxLength={field.maxLength}
      />
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>
        {field.label}
        {field.required ? <span className="required"> (required)</span> : null}
      </label>
      {field.hint ? (
        <p className="hint" id={`${field.name}-hint`}>
          {field.hint}
        </p>
      ) : null}
      {control}
      {error ? (
        <p className="field-error" id={`${field.name}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function EntryForm({
  spec,
  values,
  errors,
  options,
  version,
  submitLabel,
}: {
  spec: KindSpec;
  values: FormValues;
  errors: Record<string, string>;
  options: Options;
  version: number | null;
  submitLabel: string;
}) {
  const errorCount = Object.keys(errors).length;
  return (
    <Form method="post" className="entry-form" noValidate>
      {errorCount > 0 ? (
        <div className="notice notice--error" role="alert">
          <p>
            {errorCount === 1 ? 'One field needs attention' : `${errorCount} fields need attention`}; nothing was saved
            yet.
          </p>
        </div>
      ) : null}
      <input type="hidden" name="intent" value="save" />
      {version !== null ? <input type="hidden" name="version" value={version} /> : null}
      {spec.fields.map((field) => (
        <Field key={field.name} field={field} value={values[field.name]} error={errors[field.name]} options={options} />
      ))}
      <div className="field">
        {/* Not "summary": cases have a summary field of their own, and ids and names must not collide. */}
        <label htmlFor="edit-summary">Edit summary</label>
        <p className="hint" id="edit-summary-hint">
          Optional: what you changed and why, for the history.
        </p>
        <input id="edit-summary" name="editSummary" type="text" maxLength={300} aria-describedby="edit-summary-hint" />
      </div>
      <p>
        <button type="submit">{submitLabel}</button>
      </p>
    </Form>
  );
}
