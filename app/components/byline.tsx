/**
 * "Fact-check by A · Reviewed by B" under a claim. A fact-check nobody else reviewed says so;
 * one from before the desk kept bylines (neither name known) shows nothing rather than a guess.
 */
export interface Bylines {
  author: string | null;
  /** Null when nobody reviewed it, or its author approved it themselves. */
  reviewer: string | null;
}

export function Byline({ bylines }: { bylines: Bylines | null | undefined }) {
  if (!bylines || (!bylines.author && !bylines.reviewer)) return null;
  return (
    <p className="byline">
      {bylines.author ? (
        <>
          Fact-check by <span className="byline__name">{bylines.author}</span>
          {' · '}
        </>
      ) : null}
      {bylines.reviewer ? (
        <>
          Reviewed by <span className="byline__name">{bylines.reviewer}</span>
        </>
      ) : (
        'Not independently reviewed'
      )}
    </p>
  );
}
