/**
 * Placeholder until the quotes part (issue 14, branch `quotes`) lands: its version of this file
 * checks every citation's quote against the source's latest capture. Merging: take theirs.
 */
export function recheckQuotes(sourceId: number): void {
  void sourceId;
}
