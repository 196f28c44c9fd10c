/**
 * The one form of an entry's editing page (entry-page.server.ts says why), and what its panels
 * share through it: the values to draw each panel input with, each panel's errors, and the
 * question waiting to be answered.
 *
 * Keys and buttons:
 * - Enter in one of the entry's own fields presses the form's default button, the first submit
 *   button in the page: "Save changes", which comes right after those fields (nothing before it
 *   may be a submit button). Enter in a panel's one-line input presses that panel's own button
 *   (its `data-enter` names the intent: "Add citation"), or nothing where a panel has several
 *   (the publishing note); such inputs say so with `enterKeyHint`. Without JavaScript, Enter
 *   anywhere saves, and what was typed in the panel comes back with the page.
 * - A button with `data-confirm` (remove, retract, withdraw) asks first in a dialog; "yes" sends it
 *   with `confirmed` set to its intent. Without JavaScript the server asks (ConfirmHere).
 * - While a submission is on its way the form sends nothing more: a double click adds one
 *   citation, not two (the server refuses an identical one anyway).
 * - After a change is saved, the panel whose button was pressed starts empty again (`data-resets`
 *   on the button names it); everything typed elsewhere stays as it was.
 */
import { Form, useActionData, useLocation, useNavigation, useSearchParams } from '@remix-run/react';
import {
  createContext,
  useContext,
  useEffect,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import type { PickMatch } from '~/domain';
import type { FieldErrors } from '~/forms/errors';
import { ConfirmDialog } from './confirm-dialog';
import { useUnsavedChanges } from './unsaved-changes';

export interface PageFormState {
  /** What was posted in each panel (`panel.field`), shown again after a submission that kept it. */
  typed: Record<string, string>;
  /** What each panel input starts with (entry-page.server.ts pageDefaults). */
  defaults: Record<string, string>;
  failure: { panel: string; errors: FieldErrors; candidates?: Record<string, PickMatch[]> } | null;
  /** The intent the server asks about (a page without JavaScript), and its question. */
  confirm: { intent: string; question: string } | null;
}

interface PageFormContext extends PageFormState {
  /** How many times each panel has been emptied after a saved change (its inputs' React key). */
  resets: Record<string, number>;
}

const Context = createContext<PageFormContext>({ typed: {}, defaults: {}, failure: null, confirm: null, resets: {} });

/** A panel's view of the form: its inputs' names and start values, its errors, its reset key. */
export function usePanel(panel: string) {
  const page = useContext(Context);
  const name = (field: string) => `${panel}.${field}`;
  const failed = page.failure?.panel === panel ? page.failure : null;
  const value = (field: string) => page.typed[name(field)] ?? page.defaults[name(field)] ?? '';
  return {
    name,
    value,
    /** A reference field (Combobox) as posted: the chosen id with its title, and the typed text. */
    picked: (field: string) => {
      const id = value(field);
      const text = value(`${field}__text`);
      return {
        value: id ? { id: Number(id), title: text } : null,
        text,
        createRequested: Boolean(value(`${field}__create`)),
      };
    },
    errors: failed?.errors ?? ({} as FieldErrors),
    /** A reference field's candidates after a lookup found several entries or none. */
    candidates: (field: string) => failed?.candidates?.[field] ?? [],
    resetKey: `${panel}-${page.resets[panel] ?? 0}`,
    /** The server's question, when it is about this intent. */
    question: (intent: string) => (page.confirm?.intent === intent ? page.confirm.question : null),
  };
}

/** An input outside the panels (the edit summary) as posted, when the page shows it back. */
export function usePostedValue(name: string): string {
  return useContext(Context).typed[name] ?? '';
}

/**
 * The panels emptied after the latest saved change: the pressed button's `data-resets`, and the
 * edit summary (`summary`) once the entry's fields were saved with it.
 */
function useResets(pressed: string | null) {
  const location = useLocation();
  const [params] = useSearchParams();
  const actionData = useActionData<{ done?: string; edited?: boolean } | undefined>();
  const [state, setState] = useState({ key: location.key, data: actionData, resets: {} as Record<string, number> });
  // A new location or answer is a finished submission or a navigation; only a saved change empties a panel.
  if (state.key !== location.key || state.data !== actionData) {
    const saved = !actionData || actionData.done !== undefined;
    const edited = saved && (actionData ? Boolean(actionData.edited) : params.get('saved') === 'edited');
    const resets = { ...state.resets };
    if (saved && pressed) resets[pressed] = (resets[pressed] ?? 0) + 1;
    if (edited) resets.summary = (resets.summary ?? 0) + 1;
    setState({ key: location.key, data: actionData, resets });
  }
  return state.resets;
}

export function PageForm({ state, version, children }: { state: PageFormState; version: number; children: ReactNode }) {
  const form = useRef<HTMLFormElement>(null);
  const confirmed = useRef<HTMLInputElement>(null);
  const navigation = useNavigation();
  const [asking, setAsking] = useState<{ button: HTMLButtonElement; question: string } | null>(null);
  const pressed = useRef<{ resets: string | null; panel: string | null }>({ resets: null, panel: null });
  const resets = useResets(navigation.state === 'idle' ? pressed.current.resets : null);
  const leaveDialog = useUnsavedChanges(form);

  // A button that was pressed and is gone (a removed row): focus goes to its panel's heading.
  useEffect(() => {
    if (navigation.state !== 'idle') return;
    const panel = pressed.current.panel;
    pressed.current = { resets: null, panel: null };
    if (panel && (document.activeElement === document.body || !document.activeElement)) {
      document.querySelector<HTMLElement>(`[data-panel="${CSS.escape(panel)}"] h2`)?.focus();
    }
  }, [navigation.state]);

  const onClick = (event: MouseEvent<HTMLFormElement>) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-confirm]');
    if (!button || button.form !== form.current || confirmed.current?.value === button.value) return;
    event.preventDefault();
    setAsking({ button, question: button.dataset.confirm ?? 'Are you sure?' });
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (navigation.state !== 'idle') {
      event.preventDefault();
      return;
    }
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    pressed.current = {
      resets: submitter?.dataset.resets ?? null,
      panel: submitter?.closest<HTMLElement>('[data-panel]')?.dataset.panel ?? null,
    };
  };
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    const input = event.target as HTMLElement;
    if (event.key !== 'Enter' || event.defaultPrevented || event.nativeEvent.isComposing) return;
    if (!(input instanceof HTMLInputElement) || ['submit', 'button', 'reset', 'image'].includes(input.type)) return;
    const group = input.closest<HTMLElement>('[data-enter]');
    if (!group) return; // the entry's own fields: Enter saves
    event.preventDefault();
    const button = group.dataset.enter
      ? group.querySelector<HTMLButtonElement>(`button[value="${CSS.escape(group.dataset.enter)}"]`)
      : null;
    if (button) form.current?.requestSubmit(button);
  };
  const answer = (yes: boolean) => {
    const button = asking?.button;
    setAsking(null);
    if (!yes || !button || !confirmed.current) return;
    confirmed.current.value = button.value;
    form.current?.requestSubmit(button);
    // The form's data was read as it was sent; the next press of the button asks again.
    confirmed.current.value = '';
  };

  return (
    <>
      <Form
        method="post"
        preventScrollReset
        noValidate
        ref={form}
        className="entry-form entry-page"
        aria-busy={navigation.state === 'submitting' || undefined}
        onClick={onClick}
        onSubmit={onSubmit}
        onKeyDown={onKeyDown}
      >
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="confirmed" ref={confirmed} defaultValue={state.confirm?.intent ?? ''} />
        <Context.Provider value={{ ...state, resets }}>{children}</Context.Provider>
      </Form>
      {asking ? (
        <ConfirmDialog
          title="Are you sure?"
          message={asking.question}
          cancelLabel="No, keep it"
          confirmLabel={asking.button.dataset.confirmLabel ?? 'Yes'}
          danger
          onCancel={() => answer(false)}
          onConfirm={() => answer(true)}
        />
      ) : null}
      {leaveDialog}
    </>
  );
}
