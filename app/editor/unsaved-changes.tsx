/**
 * "Leaving a page with unsaved changes asks first" (issue 11). The page's form is dirty when what
 * its inputs hold differs from what they held when the page was drawn (or last saved), or when
 * the page is showing back what a submission could not save (an error, a question, what was typed
 * in another panel). Then closing the tab or reloading gets the browser's own prompt
 * (`beforeunload`), and a link inside the site gets the leave dialog (Remix's `useBlocker`).
 * Submitting the form is not leaving: it clears the state until the answer is drawn.
 *
 * Without JavaScript there is none of this; the edit pages lose nothing there by being one form.
 */
import { useActionData, useBlocker, useLocation, useNavigation } from '@remix-run/react';
import { useCallback, useEffect, useRef, type ReactElement, type RefObject } from 'react';
import { ConfirmDialog } from './confirm-dialog';

/** What the form would send, as one comparable string (file inputs by name). */
function snapshot(form: HTMLFormElement): string {
  return JSON.stringify(
    [...new FormData(form)]
      .filter(([name]) => name !== 'confirmed')
      .map(([name, value]) => [name, typeof value === 'string' ? value : value.name]),
  );
}

/**
 * Watches the page's form (a ref, or a selector: the entry forms are `form.entry-form`) and
 * returns the leave dialog to draw while an in-site navigation waits for the editor's answer.
 */
export function useUnsavedChanges(form: RefObject<HTMLFormElement> | string = 'form.entry-form'): ReactElement | null {
  const navigation = useNavigation();
  const actionData = useActionData();
  const location = useLocation();
  const baseline = useRef('');
  const shownBack = useRef(false);
  const dirty = useRef(false);
  const formOf = useCallback(
    () => (typeof form === 'string' ? document.querySelector<HTMLFormElement>(form) : form.current),
    [form],
  );

  // Drawn, or drawn again after a submission or a navigation: this is the new starting point.
  useEffect(() => {
    if (navigation.state !== 'idle') return;
    const element = formOf();
    if (!element) return;
    baseline.current = snapshot(element);
    // An answer with data (not a redirect) shows back something the editor typed that is not saved.
    shownBack.current = actionData !== undefined && actionData !== null;
    dirty.current = shownBack.current;
  }, [navigation.state, actionData, location.key, formOf]);

  useEffect(() => {
    const element = formOf();
    if (!element) return;
    const onInput = () => {
      dirty.current = shownBack.current || snapshot(element) !== baseline.current;
    };
    const onSubmit = () => {
      shownBack.current = false;
      dirty.current = false;
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirty.current) return;
      event.preventDefault();
      // Older browsers want returnValue set; none shows a text of ours any more.
      event.returnValue = '';
    };
    element.addEventListener('input', onInput);
    element.addEventListener('change', onInput);
    element.addEventListener('submit', onSubmit);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      element.removeEventListener('input', onInput);
      element.removeEventListener('change', onInput);
      element.removeEventListener('submit', onSubmit);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [formOf]);

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty.current &&
      (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );
  if (blocker.state !== 'blocked') return null;
  return (
    <ConfirmDialog
      title="Leave this page?"
      message="You have changes on this page that are not saved. If you leave now, they are lost."
      cancelLabel="Stay on this page"
      confirmLabel="Leave without saving"
      danger
      onCancel={() => blocker.reset()}
      onConfirm={() => blocker.proceed()}
    />
  );
}

/** The guard as a component, for a page that needs nothing else from it: `<UnsavedChanges />`. */
export function UnsavedChanges({ form }: { form?: string }) {
  return useUnsavedChanges(form);
}
