/**
 * The search and filter form above an editor list: a plain GET form (the URL says what is shown,
 * and it works without JavaScript). With JavaScript the list follows the search box as the editor
 * types (debounced) and each menu or date as it changes, without a page load, so the box keeps
 * its focus. Names (speaker, topic, publisher, affiliation) are typed, never picked from a menu
 * of every row: a slug or a name, resolved by the server, which offers the candidates when a
 * name matches several.
 */
import { Form, Link, useLocation, useSubmit } from '@remix-run/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  CLAIM_STATUSES,
  DESK_STATES,
  KINDS,
  SOURCE_KINDS,
  sourceKindLabel,
  STATUS_LABELS,
  type EntryKind,
} from '~/domain';
import { deskStateLabel } from '~/domain/desk';
import { filterLabel, SORTS_OF, sortLabel, type EditorFilterKey } from '~/domain/editor-lists';
import { Field } from '~/forms/field';

export interface ListFilterOptions {
  verdicts: { id: string; label: string }[];
  editors: { id: number; name: string }[];
  courts: string[];
  caseStatuses: string[];
}

export interface ListFiltersProps {
  kind: EntryKind;
  typed: Record<string, string>;
  options: ListFilterOptions;
  errors: Record<string, string>;
  candidates: Record<string, { slug: string; title: string }[]>;
}

const TYPING_DELAY_MS = 350;

/** Where a text box's name is resolved: what to type, said once for each. */
const NAME_HINT = 'A name or its address (slug).';

/** The current URL with one parameter set (or removed) and the page dropped. */
export function hrefWith(location: { pathname: string; search: string }, key: string, value: string | null) {
  const params = new URLSearchParams(location.search);
  params.delete('page');
  if (value === null) params.delete(key);
  else params.set(key, value);
  const search = params.toString();
  return search ? `${location.pathname}?${search}` : location.pathname;
}

/** Submits the form after `delay` ms (a newer change restarts the wait); says which URL it asked for. */
function useAutoSubmit(action: string, defaultSort: string, submitted: { current: string | null }) {
  const submit = useSubmit();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  return (form: HTMLFormElement, delay: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      // Empty fields and the default order stay out of the URL; every change starts at page 1.
      const params = new URLSearchParams();
      for (const [key, value] of new FormData(form)) {
        if (typeof value !== 'string' || value.trim() === '') continue;
        if (key === 'sort' && value === defaultSort) continue;
        params.append(key, value);
      }
      const search = params.toString();
      submitted.current = search ? `?${search}` : '';
      submit(params, { method: 'get', action, replace: true, preventScrollReset: true });
    }, delay);
  };
}

export function ListFilters({ kind, typed, options, errors, candidates }: ListFiltersProps) {
  const location = useLocation();
  const action = `/editor/${kind}`;
  // The form's fields start from the URL. A change the form itself made keeps the fields as they
  // are (and the focus where it is); a link (a page, "Remove", "Clear") redraws them from the URL.
  const submitted = useRef<string | null>(null);
  const autoSubmit = useAutoSubmit(action, SORTS_OF[kind][0], submitted);
  const [formKey, setFormKey] = useState(0);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) firstRender.current = false;
    else if (location.search !== submitted.current) setFormKey((k) => k + 1);
  }, [location.search]);

  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    // Names are resolved only when the editor is done typing (Enter or Apply): half a name
    // matches nobody, and the list should not flash an error at every letter.
    const isText = target instanceof HTMLInputElement && (target.type === 'text' || target.type === 'search');
    if (isText && target.name !== 'q') return;
    autoSubmit(event.currentTarget, isText ? TYPING_DELAY_MS : 0);
  };

  const id = (name: string) => `list-${name}`;
  const select = (
    name: EditorFilterKey | 'sort',
    label: string,
    any: string | null,
    choices: { value: string; label: string }[],
  ) => (
    <Field as="select" id={id(name)} name={name} label={label} defaultValue={typed[name] ?? ''} error={errors[name]}>
      {any === null ? null : <option value="">{any}</option>}
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </Field>
  );
  const named = (name: EditorFilterKey) => (
    <div className="field" key={name}>
      <Field
        bare
        id={id(name)}
        name={name}
        type="text"
        label={filterLabel[name]}
        hint={NAME_HINT}
        defaultValue={typed[name] ?? ''}
        error={errors[name]}
        maxLength={200}
        autoComplete="off"
      />
      {candidates[name]?.length ? (
        <ul className="filter-candidates" aria-label={`People or topics matching “${typed[name]}”`}>
          {candidates[name].map((c) => (
            <li key={c.slug}>
              <Link to={hrefWith(location, name, c.slug)}>
                {c.title} <span className="muted">({c.slug})</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
  const date = (name: EditorFilterKey) => (
    <Field
      id={id(name)}
      name={name}
      type="text"
      inputMode="numeric"
      label={filterLabel[name]}
      hint="2020, 2020-02 or 2020-02-13"
      defaultValue={typed[name] ?? ''}
      error={errors[name]}
      maxLength={10}
    />
  );
  const yesNo = (name: EditorFilterKey, yes: string, no: string) =>
    select(name, filterLabel[name], 'Either', [
      { value: 'yes', label: yes },
      { value: 'no', label: no },
    ]);
  const fromList = (values: string[]) => values.map((v) => ({ value: v, label: v }));

  return (
    <Form
      method="get"
      action={action}
      className="filters editor-filters"
      aria-label={`Find ${KINDS[kind].plural}`}
      key={formKey}
      onChange={onChange}
    >
      <div className="editor-filters__search">
        <Field
          id={id('q')}
          name="q"
          type="search"
          label={`Search ${KINDS[kind].plural}`}
          hint="Drafts included; every word must match (the start of a word is enough)."
          defaultValue={typed.q}
          error={errors.q}
          maxLength={200}
          autoComplete="off"
        />
      </div>
      {kind === 'claims' ? (
        <>
          {select(
            'status',
            filterLabel.status,
            'Any status',
            CLAIM_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
          )}
          {select(
            'desk',
            filterLabel.desk,
            'Any desk state',
            DESK_STATES.map((s) => ({ value: s, label: deskStateLabel[s] })),
          )}
          {select('assignee', filterLabel.assignee, 'Anyone or nobody', [
            { value: 'none', label: 'Nobody' },
            ...options.editors.map((e) => ({ value: String(e.id), label: e.name })),
          ])}
          {select(
            'verdict',
            filterLabel.verdict,
            'Any verdict',
            options.verdicts.map((v) => ({ value: v.id, label: v.label })),
          )}
          {named('speaker')}
          {named('topic')}
          {date('from')}
          {date('to')}
        </>
      ) : null}
      {kind === 'sources' ? (
        <>
          {named('publisher')}
          {select(
            'kind',
            filterLabel.kind,
            'Any kind',
            SOURCE_KINDS.map((k) => ({ value: k, label: sourceKindLabel[k] })),
          )}
          {yesNo('archived', 'Has an archived copy', 'No archived copy')}
          {yesNo('cited', 'Cited by a claim', 'Cited by no claim')}
        </>
      ) : null}
      {kind === 'people' || kind === 'organisations' ? named('affiliation') : null}
      {kind === 'cases' ? (
        <>
          {select('court', filterLabel.court, 'Any court', fromList(options.courts))}
          {select('status', filterLabel.status, 'Any status', fromList(options.caseStatuses))}
        </>
      ) : null}
      {select(
        'sort',
        'Sort by',
        null,
        SORTS_OF[kind].map((s) => ({ value: s, label: sortLabel(kind, s) })),
      )}
      <div className="filters__actions">
        <button type="submit">Apply</button>
        <Link to={action}>Clear</Link>
      </div>
    </Form>
  );
}

/** The filters in force, each with a link that removes it. */
export function AppliedFilters({ applied }: { applied: { key: string; label: string; value: string }[] }) {
  const location = useLocation();
  if (applied.length === 0) return null;
  return (
    <div className="applied-filters">
      <h2 className="applied-filters__title">Filtered by</h2>
      <ul>
        {applied.map((f) => (
          <li key={f.key}>
            <span>
              {f.label}: <strong>{f.value}</strong>
            </span>{' '}
            <Link to={hrefWith(location, f.key, null)}>
              Remove<span className="visually-hidden"> the filter {f.label}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
