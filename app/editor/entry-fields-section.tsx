/**
 * The entry's own fields at the top of its editing page, inside the page's one form
 * (page-form.tsx): every field of the kind, the edit summary and "Save changes", which is the
 * form's first submit button and so what Enter in these fields presses.
 */
import { Fragment, type ReactNode } from 'react';
import type { KindSpec } from '~/domain';
import type { FieldErrors } from '~/forms/errors';
import { EditSummaryField, FieldsNeedAttention, SpecField, type FormValues, type Options } from './entry-form';
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
      <FieldsNeedAttention count={errorCount} also="and nothing else was done" />
      {spec.fields.map((field) => (
        <Fragment key={field.name}>
          <SpecField field={field} values={values} error={errors[field.name]} options={options} />
          {afterField[field.name] ?? null}
        </Fragment>
      ))}
      <EditSummaryField key={summary.resetKey} value={typedSummary} />
      <p>
        <button type="submit">{saveLabel}</button>
      </p>
    </div>
  );
}
