/**
 * How a claim's statement is presented: the speaker's exact words go in quotation marks; our
 * summary of what they claimed never does, and is labelled as ours. Every place that shows a
 * statement (cards, the claim page, search, feeds, the timeline, page titles) goes through here
 * or through the Statement component, so the rule is written once.
 */
import type { CitationRole, StatementKind } from './enums';

export const statementKindLabel: Record<StatementKind, string> = {
  quote: 'Exact words',
  summary: 'Our summary',
};

/** The statement as plain text: “the words” for a quote, "Our summary: …" for a summary. */
export function statementText(statement: string, kind: StatementKind): string {
  return kind === 'summary' ? `Our summary: ${statement}` : `“${statement}”`;
}

/** "Our summary of what Huawei Technologies claimed", or of an unattributed claim. */
export function summaryLabel(speakerName: string | null | undefined): string {
  return speakerName ? `Our summary of what ${speakerName} claimed` : 'Our summary of the claim';
}

/**
 * Citations whose quoted words show how a summarised claim was put: where it was made (the
 * speaker's own words) and the reports of it (the reporter's words). Evidence and context
 * quotes are about the claim, not its wording, so they stay in the list of sources.
 */
export const WORDING_ROLES = ['made_in', 'reports'] as const satisfies readonly CitationRole[];

export function wordingQuotes<T extends { role: CitationRole; quote: string | null }>(
  citations: T[],
): (T & { quote: string })[] {
  return citations.filter(
    (c): c is T & { quote: string } => Boolean(c.quote) && (WORDING_ROLES as readonly string[]).includes(c.role),
  );
}
