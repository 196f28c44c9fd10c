/**
 * A submit button of any small form that asks first (a restore on the history page): with
 * JavaScript a dialog, and "yes" sends the form with this button. Without JavaScript a required
 * checkbox beside it (`check`) says the editor means it; the browser will not send the form
 * unticked, and the action should refuse a post without it too. Once the page is interactive the
 * box is hidden (still sent) and ticked by the dialog's "yes".
 *
 * The editing pages' one form asks through its own dialog (page-form.tsx): use ConfirmButton there.
 */
import { useEffect, useRef, useState, type ButtonHTMLAttributes } from 'react';
import { ConfirmDialog } from './confirm-dialog';

export function ConfirmSubmitButton({
  question,
  yes,
  check,
  ...button
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'onClick'> & {
  question: string;
  yes: string;
  /** The checkbox a page without JavaScript ticks: its name (sent as `1`) and label. */
  check: { name: string; label: string };
}) {
  const ref = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLInputElement>(null);
  const [interactive, setInteractive] = useState(false);
  const [asking, setAsking] = useState(false);
  useEffect(() => setInteractive(true), []);
  return (
    <>
      <label className="choice" hidden={interactive}>
        <input ref={box} type="checkbox" name={check.name} value="1" required /> {check.label}
      </label>{' '}
      <button
        {...button}
        ref={ref}
        type="submit"
        onClick={(event) => {
          if (!interactive) return;
          event.preventDefault();
          setAsking(true);
        }}
      />
      {asking ? (
        <ConfirmDialog
          title="Are you sure?"
          message={question}
          cancelLabel="No, keep it"
          confirmLabel={yes}
          danger
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            if (box.current) box.current.checked = true;
            ref.current?.form?.requestSubmit(ref.current);
          }}
        />
      ) : null}
    </>
  );
}
