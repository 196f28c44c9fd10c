/**
 * One form field: its label, an optional hint, the control (input, textarea or select) and the
 * error beside it, wired together for assistive technology: the control has `aria-invalid` when
 * the error shows and `aria-describedby` naming the error, then the hint. Constraints read from
 * the form's schema (constraintsOf) go onto the control, those that kind of control takes.
 *
 * The hint sits between the label and the control, so it is read before typing (as on the entry
 * forms and in the GOV.UK design system); the error comes after the control.
 */
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import type { FieldConstraint } from './constraints';

/** A field's error message, beside the field; its control points at it with aria-describedby. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p className="field-error" id={id}>
      {message}
    </p>
  ) : null;
}

/** The ids a control is described by: its error (when shown) first, then its hint. */
export function describedBy(ids: { error?: string | false | null; hint?: string | false | null }) {
  return [ids.error, ids.hint].filter(Boolean).join(' ') || undefined;
}

/** aria-invalid and aria-describedby for a control, given its error and hint (when there are any). */
export function fieldAria({ error, errorId, hintId }: { error?: string; errorId: string; hintId?: string | null }): {
  'aria-invalid'?: true;
  'aria-describedby'?: string;
} {
  const aria: { 'aria-invalid'?: true; 'aria-describedby'?: string } = {};
  if (error) aria['aria-invalid'] = true;
  const ids = describedBy({ error: error && errorId, hint: hintId });
  if (ids) aria['aria-describedby'] = ids;
  return aria;
}

type Control = 'input' | 'textarea' | 'select';

/** The attributes of a constraint that this kind of control (and input type) takes. */
function constraintAttributes(control: Control, type: string | undefined, constraint: FieldConstraint = {}) {
  const { required, minLength, maxLength, min, max } = constraint;
  if (control === 'select') return { required };
  if (control === 'textarea') return { required, minLength, maxLength };
  if (type === 'number' || type === 'range') return { required, min, max };
  return { required, minLength, maxLength };
}

interface FieldOwnProps {
  /** The control's id; the hint and error are `${id}-hint` and `${id}-error` unless given. */
  id: string;
  name: string;
  label: ReactNode;
  /** The label is for screen readers only (the row or heading around the field says it). */
  hideLabel?: boolean;
  hint?: ReactNode;
  hintId?: string;
  error?: string;
  errorId?: string;
  constraint?: FieldConstraint;
  /** Shown right after the control: the button of a one-field form. */
  after?: ReactNode;
  /** Without the `field` wrapper, for a control inside a one-line form that lays it out. */
  bare?: boolean;
}
type Without<T> = Omit<T, 'id' | 'name' | keyof FieldOwnProps>;
export type FieldProps = FieldOwnProps &
  (
    | ({ as?: 'input' } & Without<InputHTMLAttributes<HTMLInputElement>>)
    | ({ as: 'textarea' } & Without<TextareaHTMLAttributes<HTMLTextAreaElement>>)
    | ({ as: 'select' } & Without<SelectHTMLAttributes<HTMLSelectElement>>)
  );

export function Field(props: FieldProps) {
  const {
    id,
    name,
    label,
    hideLabel,
    hint,
    hintId = `${id}-hint`,
    error,
    errorId = `${id}-error`,
    constraint,
    after,
    bare,
    as = 'input',
    ...control
  } = props;
  // Attribute order: id and name, what the caller gave (type first), the limits, then aria.
  const attributes = {
    id,
    name,
    ...control,
    ...constraintAttributes(as, (control as { type?: string }).type, constraint),
    ...fieldAria({ error, errorId, hintId: hint ? hintId : null }),
  };
  const element =
    as === 'textarea' ? (
      <textarea {...(attributes as TextareaHTMLAttributes<HTMLTextAreaElement>)} />
    ) : as === 'select' ? (
      <select {...(attributes as SelectHTMLAttributes<HTMLSelectElement>)} />
    ) : (
      <input {...(attributes as InputHTMLAttributes<HTMLInputElement>)} />
    );
  const parts = (
    <>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {element}
      {after}
      <FieldError id={errorId} message={error} />
    </>
  );
  return bare ? parts : <div className="field">{parts}</div>;
}
