/**
 * The parts of a Combobox's field that are the same with and without JavaScript: its props, the
 * ids of its parts, the frame (label, hint, error; a fieldset for several entries), and the plain
 * wire-format rendering the page has until it hydrates (and for good without JavaScript).
 */
import type { ReactNode } from 'react';
import { PICK_LOOKUP_HINT, type PickCreateKind, type PickedEntry, type PickKind, type PickMatch } from '~/domain';
import { describedBy, FieldError } from '~/forms/field';
import { ChosenList, LookupChoices, type ChosenEntry } from './combobox-parts';

export interface CommonProps {
  /** The name of the hidden input (single) or the checkboxes (multiple) carrying the id(s). */
  name: string;
  /** Which entries the pick endpoint searches. */
  kind: PickKind;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  /** Offers "Create “…”" as the last option, which makes a minimal entry of this kind. */
  create?: PickCreateKind;
  /** After a failed lookup: the entries that might be meant, offered as radios. */
  candidates?: PickMatch[];
  /** What was typed, when it is not the chosen entry's title (a form shown again after an error). */
  text?: string;
  /** The editor ticked "Create a new … named" and the form came back for another field: keep it ticked. */
  createRequested?: boolean;
  /** The text input's id (default `field-{name}`); hint and error ids derive from it. */
  id?: string;
}
export type ComboboxProps = CommonProps &
  ({ multiple?: false; value?: PickedEntry | null } | { multiple: true; values?: PickedEntry[] });

/** Ids of the parts, stable between the server's plain rendering and the combobox. */
export function idsOf(props: CommonProps) {
  const base = props.id ?? props.name;
  const input = props.id ?? `field-${props.name}`;
  return {
    input,
    label: `${input}-label`,
    listbox: `${input}-listbox`,
    option: (index: number) => `${input}-option-${index}`,
    hint: `${base}-hint`,
    lookup: `${base}-lookup-hint`,
    error: `${base}-error`,
    status: `${input}-status`,
  };
}
export type Ids = ReturnType<typeof idsOf>;

/**
 * The field around the text input: its label and hint; for several entries, a fieldset whose
 * legend is the field's label, with the chosen entries before the input that adds one.
 */
export function Frame({
  props,
  ids,
  label,
  chosen,
  children,
}: {
  props: ComboboxProps;
  ids: Ids;
  label: ReactNode;
  chosen?: ReactNode;
  children: ReactNode;
}) {
  const required = props.required ? <span className="required"> (required)</span> : null;
  const hint = props.hint ? (
    <p className="hint" id={ids.hint}>
      {props.hint}
    </p>
  ) : null;
  if (!props.multiple) {
    return (
      <div className="field combobox">
        {label}
        {hint}
        {children}
        <FieldError id={ids.error} message={props.error} />
      </div>
    );
  }
  return (
    <fieldset
      className="field field--choices combobox"
      aria-describedby={describedBy({ error: props.error && ids.error, hint: props.hint && ids.hint })}
    >
      <legend>
        {props.label}
        {required}
      </legend>
      {hint}
      {chosen}
      {label}
      {children}
      <FieldError id={ids.error} message={props.error} />
    </fieldset>
  );
}

export function labelText(props: ComboboxProps): ReactNode {
  if (props.multiple) {
    return (
      <>
        <span className="visually-hidden">{props.label}: </span>Add one by typing
      </>
    );
  }
  return (
    <>
      {props.label}
      {props.required ? <span className="required"> (required)</span> : null}
    </>
  );
}

export function describedIds(props: ComboboxProps, ids: Ids, lookupHint: boolean) {
  const own = [props.error ? ids.error : null, props.multiple ? null : props.hint ? ids.hint : null];
  return [...own, lookupHint ? ids.lookup : null].filter(Boolean).join(' ') || undefined;
}

export function chosenOf(props: ComboboxProps, unchecked: number[] = []): ChosenEntry[] {
  const values = props.multiple ? (props.values ?? []) : [];
  return values.map((v) => ({ ...v, checked: !unchecked.includes(v.id) }));
}

/** The wire format itself: what the page is without JavaScript, and until it hydrates. */
export function PlainCombobox(props: ComboboxProps & { ids: Ids }) {
  const { ids, name } = props;
  const single = props.multiple ? null : (props.value ?? null);
  const text = props.text ?? single?.title ?? '';
  return (
    <Frame
      props={props}
      ids={ids}
      label={
        <label htmlFor={ids.input} id={ids.label}>
          {labelText(props)}
        </label>
      }
      chosen={props.multiple ? <ChosenList name={name} idBase={ids.input} chosen={chosenOf(props)} /> : null}
    >
      {props.multiple ? null : <input type="hidden" name={name} value={single?.id ?? ''} />}
      <p className="hint" id={ids.lookup}>
        {PICK_LOOKUP_HINT}
      </p>
      <input
        type="text"
        id={ids.input}
        name={`${name}__text`}
        defaultValue={props.multiple ? (props.text ?? '') : text}
        maxLength={200}
        autoComplete="off"
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedIds(props, ids, true)}
      />
      <LookupChoices {...props} idBase={ids.input} />
    </Frame>
  );
}
