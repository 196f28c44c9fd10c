/** How the vocabularies of `enums.ts` read on a page, in one place. */
import type {
  CaseLinkRole,
  CitationRole,
  CorrectionKind,
  EntityKind,
  RelationKind,
  SourceKind,
  UserRole,
} from './enums';

/** Outgoing relation, read as "this claim ___ that claim". */
export const relationOutgoing: Record<RelationKind, string> = {
  rebuts: 'Rebuts',
  disputes: 'Disputes',
  supports: 'Supports',
  responds_to: 'Responds to',
  cites: 'Cites',
  supersedes: 'Supersedes',
};
/** Incoming relation, read as "this claim is ___ that claim". */
export const relationIncoming: Record<RelationKind, string> = {
  rebuts: 'Rebutted by',
  disputes: 'Disputed by',
  supports: 'Supported by',
  responds_to: 'Responded to by',
  cites: 'Cited by',
  supersedes: 'Superseded by',
};
export const citationRoleLabel: Record<CitationRole, string> = {
  made_in: 'Where the claim was made',
  reports: 'Reports the claim',
  evidence_for: 'Evidence for',
  evidence_against: 'Evidence against',
  context: 'Context',
};
export const sourceKindLabel: Record<SourceKind, string> = {
  news_report: 'News report',
  interview: 'Interview',
  official_statement: 'Official statement',
  press_release: 'Press release',
  court_filing: 'Court filing',
  government_document: 'Government document',
  analysis: 'Analysis',
  other: 'Other',
};
export const caseRoleLabel: Record<CaseLinkRole, string> = {
  cites: 'Cites this case',
  basis_of: 'Based on this case',
  about: 'About this case',
};
export const correctionKindLabel: Record<CorrectionKind, string> = {
  correction: 'Correction',
  update: 'Update',
  retraction: 'Retraction',
  republication: 'Republication',
};
export const entityKindLabel: Record<EntityKind, string> = {
  person: 'Person',
  organisation: 'Organisation',
};
export const userRoleLabel: Record<UserRole, string> = {
  editor: 'Editor',
  admin: 'Admin',
};

/** A record of labels as `<option>`s, in the record's order. */
export function labelOptions<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}
