/**
 * A question the editor answers before something happens: leave a page with unsaved changes,
 * remove a citation, propose a retraction. A modal `<dialog>` (focus stays inside it, Escape
 * answers no), titled and described for screen readers; the safe answer has the focus, so a
 * stray Enter keeps things as they are. Only drawn with JavaScript: without it the server asks
 * (see entry-page.server.ts), and the browser asks before leaving a page.
 */
import { useEffect, useId, useRef } from 'react';

export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  cancelLabel,
  danger = false,
  onConfirm,
  onCancel,
}: {
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel: string;
  /** The confirming button reads as destructive. */
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const safe = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (!element.open) element.showModal();
    safe.current?.focus();
    return () => {
      if (element.open) element.close();
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-message`}
      onCancel={(event) => {
        // Escape: the dialog is closed by whoever drew it, so that its state stays in step.
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <p id={`${id}-message`}>{message}</p>
      <p className="button-row">
        <button type="button" ref={safe} onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="button" className={danger ? 'button--danger' : 'button--quiet'} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </p>
    </dialog>
  );
}
