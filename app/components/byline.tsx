/**
 * "Fact-check by A · Reviewed by B" under a claim (the bylines getClaimBySlug reads). A
 * fact-check nobody else reviewed says so; one with no recorded author (from before the desk, or
 * imported from content/) shows nothing rather than a guess.
 */
export interface Bylines {
  author: string | null;
  reviewer: string | null;
  /** False when a change to it was approved by its own proposer (REVIEW_RULE=off). */
  independentlyReviewed: boolean;
}

export function Byline({ bylines }: { bylines: Bylines | null | undefined }) {
  if (!bylines?.author) return null;
  const reviewed = bylines.independentlyReviewed && bylines.reviewer;
  return (
    <p className="byline">
      Fact-check by <span className="byline__name">{bylines.author}</span>
      {' · '}
      {reviewed ? (
        <>
          Reviewed by <span className="byline__name">{bylines.reviewer}</span>
        </>
      ) : (
        'Not independently reviewed'
      )}
    </p>
  );
}
