import { Form } from '@remix-run/react';
import type { FieldSpec, KindSpec } from '~/domain';
import type { FieldErrors } from '~/forms/errors';
import { describedBy, Field, FieldError } from '~/forms/field';

export type FormValues = Record<string, string | string[]>;
export type Options = Record<string, { value: string; label: string }[]>;

/**
 * One field of an entry form, from its FieldSpec (which also gives the server its rules, so the
 * limits here and there are the same). Hint and error ids are the field's name (`url-error`),
 * the control's is `field-<name>`.
 */
export function EntryField({
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
  const ids = { hintId: `${field.name}-hint`, errorId: `${field.name}-error` };
  if (field.type === 'multiselect') {
    // A group of checkboxes: the fieldset is what the hint and the error describe.
    const chosen = new Set(Array.isArray(value) ? value : []);
    return (
      <fieldset
        className="field field--choices"
        aria-describedby={describedBy({ error: error && ids.errorId, hint: field.hint && ids.hintId })}
      >
        <legend>{field.label}</legend>
        {field.hint ? (
          <p className="hint" id={ids.hintId}>
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
        <FieldError id={ids.errorId} message={error} />
      </fieldset>
    );
  }
  const common = {
    ...ids,
    id: `field-${field.name}`,
    name: field.name,
    label: (
      <>
        {field.label}
        {field.required ? <span className="required"> (required)</span> : null}
      </>
    ),
    hint: field.hint,
    error,
    constraint: { required: field.required, maxLength: field.maxLength },
  };
  const text = typeof value === 'string' && value !== '' ? value : (field.default ?? '');
  if (field.type === 'textarea' || field.type === 'markdown') {
    return <Field as="textarea" {...common} defaultValue={text} rows={field.type === 'markdown' ? 12 : 4} />;
  }
  if (field.type === 'select') {
    return (
      <Field as="select" {...common} defaultValue={text}>
        {field.default === undefined ? <option value="">{field.required ? 'Choose…' : '— None —'}</option> : null}
        {(options[field.options!] ?? []).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Field>
    );
  }
  return (
    <Field
      {...common}
      type={field.type === 'url' ? 'url' : 'text'}
      inputMode={field.type === 'date' ? 'numeric' : undefined}
      placeholder={field.type === 'date' ? 'YYYY-MM-DD' : undefined}
      defaultValue={text}
    />
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
  errors: FieldErrors;
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
        <EntryField
          key={field.name}
          field={field}
          value={values[field.name]}
          error={errors[field.name]}
          options={options}
        />
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
