import type { ReactNode } from 'react';
import type { FieldSpec, PickedEntry, PickMatch } from '~/domain';
import { describedBy, Field, FieldError } from '~/forms/field';
import { Combobox } from './combobox';

export type FormValues = Record<string, string | string[]>;
export type Options = Record<string, { value: string; label: string }[]>;

const textOf = (value: string | string[] | undefined) => (typeof value === 'string' ? value : '');
const listOf = (value: string | string[] | undefined) => (Array.isArray(value) ? value : []);

/** The candidates a failed lookup left in the form values (`name__candidates`, JSON each). */
function candidatesOf(values: FormValues, name: string): PickMatch[] {
  return listOf(values[`${name}__candidates`]).flatMap((text) => {
    try {
      const c = JSON.parse(text) as PickMatch;
      return typeof c.id === 'number' && typeof c.title === 'string' ? [c] : [];
    } catch {
      return [];
    }
  });
}

/**
 * A reference field: a Combobox, with the titles, the typed text and a failed lookup's candidates
 * that the loader or the action left beside its id(s) in the values (`name__text`, `name__titles`,
 * `name__candidates`, `name__create`).
 */
export function ReferenceField({ field, values, error }: { field: FieldSpec; values: FormValues; error?: string }) {
  const common = {
    name: field.name,
    kind: field.refers!,
    label: field.label,
    hint: field.hint,
    error,
    required: field.required,
    create: field.create,
    candidates: candidatesOf(values, field.name),
    createRequested: Boolean(values[`${field.name}__create`]),
  };
  if (field.type === 'references') {
    const titles = listOf(values[`${field.name}__titles`]);
    const chosen: PickedEntry[] = listOf(values[field.name]).map((id, i) => ({
      id: Number(id),
      title: titles[i] ?? id,
    }));
    return <Combobox {...common} multiple values={chosen} text={textOf(values[`${field.name}__text`])} />;
  }
  const id = textOf(values[field.name]);
  const text = textOf(values[`${field.name}__text`]);
  return <Combobox {...common} value={id ? { id: Number(id), title: text } : null} text={text} />;
}

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

/** One field of an entry form as its spec says: a picker for a reference, else its own control. */
export function SpecField({
  field,
  values,
  error,
  options,
}: {
  field: FieldSpec;
  values: FormValues;
  error?: string;
  options: Options;
}) {
  return field.type === 'reference' || field.type === 'references' ? (
    <ReferenceField field={field} values={values} error={error} />
  ) : (
    <EntryField field={field} value={values[field.name]} error={error} options={options} />
  );
}

/** "N fields need attention": the top of an entry form whose save was refused, with room for more. */
export function FieldsNeedAttention({
  count,
  also,
  children,
}: {
  count: number;
  /** What else did not happen, e.g. "and nothing else was done". */
  also?: string;
  children?: ReactNode;
}) {
  if (count === 0) return null;
  return (
    <div className="notice notice--error" role="alert">
      <p>
        {count === 1 ? 'One field needs attention' : `${count} fields need attention`}; nothing was saved yet
        {also ? `, ${also}` : ''}.
      </p>
      {children}
    </div>
  );
}

/** The edit summary of an entry form: what changed and why, for the history. */
export function EditSummaryField({ value }: { value: string }) {
  return (
    <div className="field">
      {/* Not "summary": cases have a summary field of their own, and ids and names must not collide. */}
      <label htmlFor="edit-summary">Edit summary</label>
      <p className="hint" id="edit-summary-hint">
        Optional: what you changed and why, for the history.
      </p>
      <input
        id="edit-summary"
        name="editSummary"
        type="text"
        maxLength={300}
        aria-describedby="edit-summary-hint"
        defaultValue={value}
      />
    </div>
  );
}
