/**
 * The shapes of an entry as lists and cards show it, shared by the models that read them and
 * the components that draw them (so a component never names a server module).
 */
import type { CitationRole, ClaimStatus, EntityKind, RelationKind, SourceKind, StatementKind } from './enums';

export interface VerdictRef {
  id: string;
  label: string;
  meaning: string;
  /** Order on the page. */
  rating: number;
  /** Position on the ordered truth scale, or null when the scale does not rank it. */
  ordinal: number | null;
}

/**
 * The ordered truth scale's ends, as ClaimReview's worstRating and bestRating (the ordinals are
 * set by db/migrations/0006_desk.sql): false 1, misleading 2, disputed and unproven 3, accurate 4.
 */
export const TRUTH_SCALE = { worst: 1, best: 4 } as const;

export interface EntityRef {
  slug: string;
  name: string;
  kind: EntityKind;
  role: string | null;
}

export interface ClaimSummary {
  id: number;
  slug: string;
  statement: string;
  /** The speaker's exact words, or our summary of what they claimed (`statements.ts`). */
  statementKind: StatementKind;
  claimedOn: string | null;
  venue: string | null;
  medium: string | null;
  status: ClaimStatus;
  verdict: VerdictRef | null;
  speaker: EntityRef | null;
}

/** One page of a list, as every paginated page and the API give it. */
export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageCount: number;
}

/** A claim's citation with its source, as the claim page shows it. */
export interface Citation {
  id: number;
  role: CitationRole;
  quote: string | null;
  locator: string | null;
  source: {
    slug: string;
    title: string;
    kind: SourceKind;
    url: string | null;
    archiveUrl: string | null;
    publishedOn: string | null;
    publisherName: string | null;
    publisherSlug: string | null;
  };
}

/** Another claim this one answers or is answered by. */
export interface ClaimRelation {
  kind: RelationKind;
  note: string | null;
  claim: ClaimSummary;
}
