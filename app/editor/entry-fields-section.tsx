/**
 * The entry's own fields at the top of its editing page, inside the page's one form
 * (page-form.tsx): every field of the kind, the edit summary and "Save changes", which is the
 * form's first submit button and so what Enter in these fields presses.
 */
import { Fragment, type ReactNode } from 'react';
import type { KindSpec } from '~/domain';
import type { FieldErrors } from '~/forms/errors';
import { SpecField, type FormValues, type Options } from './entry-form';
import { usePanel, usePostedValue } from './page-form';

export function EntryFieldsSection({
  spec,
  values,
  errors,
  options,
  saveLabel,
  afterField = {},
}: {
  spec: KindSpec;
  values: FormValues;
  errors: FieldErrors;
  options: Options;
  saveLabel: string;
  /** Something to show after a field (the "checked before?" list after a claim's speaker). */
  afterField?: Record<string, ReactNode>;
}) {
  const errorCount = Object.keys(errors).length;
  // The edit summary starts empty again once the fields were saved with it.
  const summary = usePanel('summary');
  const typedSummary = usePostedValue('editSummary');
  return (
    <div className="entry-fields" data-panel="fields">
      {errorCount > 0 ? (
        <div className="notice notice--error" role="alert">
          <p>
            {errorCount === 1 ? 'One field needs attention' : `${errorCount} fields need attention`}; nothing was saved
            yet, and nothing else was done.
          </p>
        </div>
      ) : null}
      {spec.fields.map((field) => (
        <Fragment key={field.name}>
          <SpecField field={field} values={values} error={errors[field.name]} options={options} />
          {afterField[field.name] ?? null}
        </Fragment>
      ))}
      <div className="field" key={summary.resetKey}>
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
          defaultValue={typedSummary}
        />
      </div>
      <p>
        <button type="submit">{saveLabel}</button>
      </p>
    </div>
  );
}
