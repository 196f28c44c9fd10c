/**
 * A reference field picked by typing: the WAI-ARIA 1.2 combobox (downshift's useCombobox) over
 * the pick endpoint, `/editor/pick/:kind`. Its wire format works without JavaScript, and the
 * server reads it with `resolveReference` (app/forms/reference.server.ts):
 *
 * - single: `<input type=hidden name={name}>` holds the chosen id, and the text input
 *   `{name}__text` its title; an edited title is looked up when the form is saved;
 * - multiple: one checked checkbox `{name}` per chosen id (unchecking removes it), and the text
 *   input `{name}__text` adds one by typing;
 * - after a lookup found several entries or none, radios `{name}__pick` offer the candidates and,
 *   with `create`, a checkbox `{name}__create` makes a new entry of the typed name.
 *
 * Until the page is hydrated it renders those plain inputs (with a hint that typing is looked
 * up on save); then the text input becomes the combobox, and choosing fills the hidden input.
 */
import { useCombobox } from 'downshift';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { PICK_LOOKUP_HINT, type PickCreateKind, type PickedEntry, type PickKind, type PickMatch } from '~/domain';
import { describedBy, FieldError } from '~/forms/field';
import { CreateEntryFields } from './combobox-create';
import { ChosenList, LookupChoices, type ChosenEntry } from './combobox-parts';
import { usePickSearch } from './combobox-search';

interface CommonProps {
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
function idsOf(props: CommonProps) {
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
type Ids = ReturnType<typeof idsOf>;

/** Set once the app has hydrated: a combobox mounted later (a client navigation) starts enhanced. */
let hydrated = false;

export function Combobox(props: ComboboxProps) {
  const root = useRef<HTMLDivElement>(null);
  // What the plain inputs held when the page became interactive (typing may have begun before).
  const [start, setStart] = useState<{ text?: string; unchecked: number[] } | null>(
    hydrated ? { unchecked: [] } : null,
  );
  useEffect(() => {
    hydrated = true;
    if (start) return;
    const el = root.current;
    const text = el?.querySelector<HTMLInputElement>(`input[name="${CSS.escape(props.name)}__text"]`)?.value;
    const unchecked = [
      ...(el?.querySelectorAll<HTMLInputElement>(`input[type=checkbox][name="${CSS.escape(props.name)}"]`) ?? []),
    ]
      .filter((box) => !box.checked)
      .map((box) => Number(box.value));
    setStart({ text, unchecked });
    // Once: the plain inputs exist only in the first render.
  }, []);
  const ids = idsOf(props);
  return (
    <div ref={root} className="combobox-field">
      {start ? (
        <EnhancedCombobox {...props} ids={ids} startText={start.text} unchecked={start.unchecked} />
      ) : (
        <PlainCombobox {...props} ids={ids} />
      )}
    </div>
  );
}

/**
 * The field around the text input: its label and hint; for several entries, a fieldset whose
 * legend is the field's label, with the chosen entries before the input that adds one.
 */
function Frame({
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

function labelText(props: ComboboxProps): ReactNode {
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

function describedIds(props: ComboboxProps, ids: Ids, lookupHint: boolean) {
  const own = [props.error ? ids.error : null, props.multiple ? null : props.hint ? ids.hint : null];
  return [...own, lookupHint ? ids.lookup : null].filter(Boolean).join(' ') || undefined;
}

function chosenOf(props: ComboboxProps, unchecked: number[] = []): ChosenEntry[] {
  const values = props.multiple ? (props.values ?? []) : [];
  return values.map((v) => ({ ...v, checked: !unchecked.includes(v.id) }));
}

/** The wire format itself: what the page is without JavaScript, and until it hydrates. */
function PlainCombobox(props: ComboboxProps & { ids: Ids }) {
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

/** An option of the list: a match, or the offer to create an entry of what was typed. */
type Option = { match: PickMatch; create?: undefined } | { match?: undefined; create: string };
const optionTitle = (option: Option | null) => option?.match?.title ?? '';

function EnhancedCombobox(props: ComboboxProps & { ids: Ids; startText?: string; unchecked: number[] }) {
  const { ids, name, kind, create } = props;
  const multiple = Boolean(props.multiple);
  const [selected, setSelected] = useState<PickedEntry | null>(props.multiple ? null : (props.value ?? null));
  const [chosen, setChosen] = useState<ChosenEntry[]>(() => chosenOf(props, props.unchecked));
  const [inputValue, setInputValue] = useState(
    props.startText ?? (props.multiple ? (props.text ?? '') : (props.text ?? props.value?.title ?? '')),
  );
  const [matches, setMatches] = useState<PickMatch[] | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [creating, setCreating] = useState<string | null>(null);
  const [showLookup, setShowLookup] = useState(true);
  const input = useRef<HTMLInputElement>(null);
  const search = usePickSearch(kind);

  const typed = inputValue.trim();
  const items = useMemo<Option[]>(() => {
    const found: Option[] = (matches ?? []).map((match) => ({ match }));
    return create && typed && matches !== null ? [...found, { create: typed }] : found;
  }, [matches, create, typed]);
  const selectedOption = useMemo<Option | null>(() => (selected ? { match: selected } : null), [selected]);

  const lookUp = useCallback(
    (text: string) => {
      setMatches(null);
      if (!text.trim()) setAnnouncement('');
      search(text, (found) => {
        setMatches(found ?? []);
        if (!text.trim()) return;
        if (found === null) setAnnouncement('Searching failed; what you typed is looked up when you save.');
        else {
          const count = found.length === 0 ? 'No matches' : found.length === 1 ? '1 match' : `${found.length} matches`;
          const offer = create && text.trim() ? `; the last option creates a new ${create}` : '';
          setAnnouncement(`${count}${offer}.`);
        }
      });
    },
    [search, create],
  );

  function choose(entry: PickedEntry, verb: string) {
    setShowLookup(false);
    if (multiple) {
      setChosen((list) =>
        list.some((c) => c.id === entry.id)
          ? list.map((c) => (c.id === entry.id ? { ...c, checked: true } : c))
          : [...list, { id: entry.id, title: entry.title, checked: true }],
      );
      setInputValue('');
      setAnnouncement(`${entry.title} ${verb}added.`);
    } else {
      setSelected(entry);
      setInputValue(entry.title);
      setAnnouncement(`${entry.title} ${verb}chosen.`);
    }
  }

  const S = useCombobox.stateChangeTypes;
  const { isOpen, highlightedIndex, getLabelProps, getMenuProps, getInputProps, getItemProps } = useCombobox<Option>({
    items,
    itemToString: optionTitle,
    itemToKey: (o) => (o?.match ? o.match.id : o ? 'create' : null),
    inputValue,
    selectedItem: multiple ? null : selectedOption,
    inputId: ids.input,
    labelId: ids.label,
    menuId: ids.listbox,
    getItemId: ids.option,
    stateReducer(state, { type, changes }) {
      // Leaving the field keeps what was typed: it is looked up on save, never silently replaced.
      if (type === S.InputBlur) return { ...changes, selectedItem: state.selectedItem, inputValue: state.inputValue };
      if ((type === S.InputKeyDownEnter || type === S.ItemClick) && changes.selectedItem) {
        if (changes.selectedItem.create !== undefined) return { ...changes, inputValue: state.inputValue };
        if (multiple) return { ...changes, inputValue: '' };
      }
      return changes;
    },
    onInputValueChange({ type, inputValue: next }) {
      setInputValue(next ?? '');
      if (type === S.InputChange) lookUp(next ?? '');
    },
    onSelectedItemChange({ selectedItem }) {
      if (!selectedItem) {
        setSelected(null);
        setInputValue('');
      } else if (selectedItem.create !== undefined) setCreating(selectedItem.create);
      else choose(selectedItem.match, '');
    },
  });

  const expanded = isOpen && items.length > 0;
  return (
    <Frame
      props={props}
      ids={ids}
      label={<label {...getLabelProps()}>{labelText(props)}</label>}
      chosen={
        multiple ? (
          <ChosenList
            name={name}
            idBase={ids.input}
            chosen={chosen}
            onToggle={(id, checked) => setChosen((l) => l.map((c) => (c.id === id ? { ...c, checked } : c)))}
          />
        ) : null
      }
    >
      {multiple ? null : <input type="hidden" name={name} value={selected?.id ?? ''} />}
      <div className="combobox__control">
        <input
          {...getInputProps({
            ref: input,
            // Kept in step within the event: downshift reports typing after rendering, and a
            // controlled input React re-renders with the old value would drop fast keystrokes.
            onChange: (event) => setInputValue(event.currentTarget.value),
            name: `${name}__text`,
            type: 'text',
            maxLength: 200,
            'aria-expanded': expanded,
            'aria-invalid': props.error ? true : undefined,
            'aria-describedby': describedIds(props, ids, false),
          })}
        />
        <ul {...getMenuProps()} className="combobox__listbox" hidden={!expanded}>
          {isOpen
            ? items.map((item, index) => (
                <li
                  key={item.match ? item.match.id : 'create'}
                  className={`combobox__option${highlightedIndex === index ? ' is-highlighted' : ''}${
                    item.create !== undefined ? ' combobox__option--create' : ''
                  }`}
                  {...getItemProps({ item, index })}
                >
                  {item.match ? (
                    <>
                      <span className="combobox__title">{item.match.title}</span>
                      {item.match.detail ? <span className="combobox__detail">{item.match.detail}</span> : null}
                    </>
                  ) : (
                    <span className="combobox__title">Create “{item.create}”…</span>
                  )}
                </li>
              ))
            : null}
        </ul>
      </div>
      <p className="visually-hidden" role="status" id={ids.status}>
        {announcement}
      </p>
      {showLookup ? <LookupChoices {...props} idBase={ids.input} /> : null}
      {creating !== null && create ? (
        <CreateEntryFields
          idBase={ids.input}
          create={create}
          text={creating}
          onCreated={(entry) => {
            setCreating(null);
            choose(entry, 'created and ');
            input.current?.focus();
          }}
          onCancel={() => {
            setCreating(null);
            input.current?.focus();
          }}
        />
      ) : null}
    </Frame>
  );
}
