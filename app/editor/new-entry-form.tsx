/**
 * The form for a new entry of any kind: the kind's fields (SpecField, as on the edit form), with
 * room for what helps an editor not to create a duplicate, inside the same form so nothing typed
 * is lost: a note after a field (the "checked before?" list after a claim's speaker), a warning
 * at the top (a person or organisation of a similar name, with its confirmation), and more
 * buttons after the one that creates (the no-JavaScript "Check for earlier fact-checks").
 *
 * The create button comes first in the form, so Enter in a field creates, as it always did.
 */
import { Form } from '@remix-run/react';
import { Fragment, type ReactNode } from 'react';
import type { KindSpec } from '~/domain';
import type { FieldErrors } from '~/forms/errors';
import { EditSummaryField, FieldsNeedAttention, SpecField, type FormValues, type Options } from './entry-form';

export interface ExistingEntryLink {
  title: string;
  href: string;
}

export function NewEntryForm({
  spec,
  values,
  errors,
  options,
  submitLabel,
  duplicateOf,
  warning,
  afterField = {},
  moreActions,
}: {
  spec: KindSpec;
  values: FormValues;
  errors: FieldErrors;
  options: Options;
  submitLabel: string;
  /** A source with the same address, named (and linked) in the error summary. */
  duplicateOf?: ExistingEntryLink | null;
  warning?: ReactNode;
  /** Shown right after the field of that name. */
  afterField?: Record<string, ReactNode>;
  moreActions?: ReactNode;
}) {
  const errorCount = Object.keys(errors).length;
  return (
    <Form method="post" className="entry-form" noValidate>
      <FieldsNeedAttention count={errorCount}>
        {duplicateOf ? (
          <p>
            This page is already a source: <a href={duplicateOf.href}>{duplicateOf.title}</a>. Cite that one, or change
            the address.
          </p>
        ) : null}
      </FieldsNeedAttention>
      {warning}
      {spec.fields.map((field) => (
        <Fragment key={field.name}>
          <SpecField field={field} values={values} error={errors[field.name]} options={options} />
          {afterField[field.name] ?? null}
        </Fragment>
      ))}
      <EditSummaryField value={typeof values.editSummary === 'string' ? values.editSummary : ''} />
      <p className="button-row">
        <button type="submit" name="intent" value="save">
          {submitLabel}
        </button>
        {moreActions}
      </p>
    </Form>
  );
}
