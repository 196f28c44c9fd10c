/** Shown on every editor page (and at sign-in) while the site cannot save anything. */
export function ReadOnlyNotice({ reason }: { reason: string }) {
  return (
    <p className="notice notice--warning" role="status">
      The site is in read-only mode: {reason}. Readers are served as usual, but nothing can be saved and no one can sign
      in until an operator makes the database writable again.
    </p>
  );
}
