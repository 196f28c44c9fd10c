import type { CaseLinkRole, CitationRole, RelationKind, SourceKind } from '../../db/schema';

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
