/**
 * Pieces every panel of an entry's editing page uses inside its one form (page-form.tsx): a
 * row's Remove button, which asks first, and the panel's own message.
 */
import type { ReactNode } from 'react';
import { usePanel } from './page-form';

/**
 * The server's question about one action (a page without JavaScript), where the button was: the
 * answer "yes" sends the action again, confirmed; "no" only saves what was typed.
 */
export function ConfirmHere({ panel, intent, yes }: { panel: string; intent: string; yes: string }) {
  const question = usePanel(panel).question(intent);
  if (!question) return null;
  return (
    <div className="confirm-here" role="alert">
      <p>{question}</p>
      <p className="button-row">
        {/* The page was drawn to ask this one question: the answer has the focus (and is scrolled to). */}
        <button type="submit" name="intent" value={intent} className="button--danger" autoFocus>
          {yes}
        </button>
        <button type="submit" className="button--quiet">
          No, keep it
        </button>
      </p>
    </div>
  );
}

/** A button that undoes something: asks `question` first (a dialog, or the server without JavaScript). */
export function ConfirmButton({
  panel,
  intent,
  question,
  yes,
  className = 'button--quiet',
  children,
}: {
  panel: string;
  intent: string;
  question: string;
  yes: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <>
      <button
        type="submit"
        name="intent"
        value={intent}
        className={className}
        data-confirm={question}
        data-confirm-label={yes}
      >
        {children}
      </button>
      <ConfirmHere panel={panel} intent={intent} yes={yes} />
    </>
  );
}

/** A row's Remove button: `what` completes "Remove …" for screen readers and the question. */
export function RemoveButton({ panel, intent, what }: { panel: string; intent: string; what: string }) {
  return (
    <ConfirmButton panel={panel} intent={intent} question={`Remove ${what}?`} yes="Yes, remove it">
      Remove<span className="visually-hidden"> {what}</span>
    </ConfirmButton>
  );
}

/** A panel's message that belongs to no one field (a refused removal, a stale row). */
export function PanelError({ message }: { message?: string }) {
  return message ? (
    <p className="notice notice--error" role="alert">
      {message}
    </p>
  ) : null;
}
