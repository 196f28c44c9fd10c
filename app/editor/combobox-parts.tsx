/** The parts of a Combobox that are the same with and without JavaScript. */
import type { PickCreateKind, PickMatch } from '~/domain';

export interface ChosenEntry {
  id: number;
  title: string;
  checked: boolean;
}

/**
 * A multiple reference's chosen entries, each a checked checkbox carrying its id: unchecking one
 * (Space, or a click) removes it when the form is saved, and checking it again keeps it.
 */
export function ChosenList({
  name,
  idBase,
  chosen,
  onToggle,
}: {
  name: string;
  idBase: string;
  chosen: ChosenEntry[];
  onToggle?: (id: number, checked: boolean) => void;
}) {
  if (chosen.length === 0) return null;
  return (
    <ul className="combobox__chosen">
      {chosen.map((entry) => {
        const id = `${idBase}-chosen-${entry.id}`;
        return (
          <li key={entry.id} className={`combobox__chip${entry.checked ? '' : ' is-removed'}`}>
            <input
              type="checkbox"
              id={id}
              name={name}
              value={entry.id}
              {...(onToggle
                ? { checked: entry.checked, onChange: (e) => onToggle(entry.id, e.target.checked) }
                : { defaultChecked: entry.checked })}
            />
            <label htmlFor={id}>
              {entry.title}
              {entry.checked ? null : <span className="visually-hidden"> (removed when you save)</span>}
            </label>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * After a lookup on save found several entries or none: radios to pick the one meant, and the
 * offer to create a new entry of the typed name. Both work without JavaScript: the form comes
 * back with everything typed, the editor picks, and saves again.
 */
export function LookupChoices({
  name,
  idBase,
  candidates = [],
  create,
  error,
  text,
  createRequested,
}: {
  name: string;
  idBase: string;
  candidates?: PickMatch[];
  create?: PickCreateKind;
  error?: string;
  text?: string;
  createRequested?: boolean;
}) {
  const typed = (text ?? '').trim();
  const offerCreate = Boolean(create && typed && (error || createRequested));
  if (candidates.length === 0 && !offerCreate) return null;
  return (
    <fieldset className="combobox__lookup">
      <legend>{candidates.length > 0 ? `Which one did you mean by “${typed}”?` : `Add “${typed}”?`}</legend>
      {candidates.map((c) => (
        <div className="choice" key={c.id}>
          <input type="radio" id={`${idBase}-pick-${c.id}`} name={`${name}__pick`} value={c.id} />
          <label htmlFor={`${idBase}-pick-${c.id}`}>
            {c.title}
            {c.detail ? <span className="combobox__detail"> · {c.detail}</span> : null}
          </label>
        </div>
      ))}
      {offerCreate ? (
        <div className="choice">
          <input
            type="checkbox"
            id={`${idBase}-create-new`}
            name={`${name}__create`}
            value="1"
            defaultChecked={createRequested}
          />
          <label htmlFor={`${idBase}-create-new`}>
            Create a new {create} named “{typed}”
          </label>
        </div>
      ) : null}
    </fieldset>
  );
}
