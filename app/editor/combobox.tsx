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
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PickedEntry, PickMatch } from '~/domain';
import { CreateEntryFields } from './combobox-create';
import {
  chosenOf,
  describedIds,
  Frame,
  idsOf,
  labelText,
  PlainCombobox,
  type ComboboxProps,
  type Ids,
} from './combobox-frame';
import { ChosenList, LookupChoices, type ChosenEntry } from './combobox-parts';

export type { ComboboxProps } from './combobox-frame';
import { usePickSearch } from './combobox-search';

/** Set once the app has hydrated: a combobox mounted later (a client navigation) starts enhanced. */
let hydrated = false;

export function Combobox(props: ComboboxProps) {
  const root = useRef<HTMLDivElement>(null);
  // What the plain inputs held when the page became interactive (typing may have begun before).
  const [start, setStart] = useState<{ text?: string; unchecked: number[]; focused?: boolean } | null>(
    hydrated ? { unchecked: [] } : null,
  );
  useEffect(() => {
    hydrated = true;
    if (start) return;
    const el = root.current;
    const textInput = el?.querySelector<HTMLInputElement>(`input[name="${CSS.escape(props.name)}__text"]`);
    const unchecked = [
      ...(el?.querySelectorAll<HTMLInputElement>(`input[type=checkbox][name="${CSS.escape(props.name)}"]`) ?? []),
    ]
      .filter((box) => !box.checked)
      .map((box) => Number(box.value));
    setStart({ text: textInput?.value, unchecked, focused: textInput === document.activeElement });
    // Once: the plain inputs exist only in the first render.
  }, []);
  const ids = idsOf(props);
  return (
    <div ref={root} className="combobox-field">
      {start ? (
        <EnhancedCombobox
          {...props}
          ids={ids}
          startText={start.text}
          unchecked={start.unchecked}
          focused={start.focused}
        />
      ) : (
        <PlainCombobox {...props} ids={ids} />
      )}
    </div>
  );
}

/** An option of the list: a match, or the offer to create an entry of what was typed. */
type Option = { match: PickMatch; create?: undefined } | { match?: undefined; create: string };
const optionTitle = (option: Option | null) => option?.match?.title ?? '';

function EnhancedCombobox(
  props: ComboboxProps & { ids: Ids; startText?: string; unchecked: number[]; focused?: boolean },
) {
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
  // The combobox replaces the plain input it was: the caret stays where the editor was typing.
  useEffect(() => {
    if (props.focused) input.current?.focus();
    // Once, on mount.
  }, []);
  // A new error from the server (the form came back) offers its candidates again.
  useEffect(() => setShowLookup(true), [props.error]);

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
