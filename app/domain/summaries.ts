/**
 * The shapes of an entry as lists and cards show it, shared by the models that read them and
 * the components that draw them (so a component never names a server module).
 */
import type { ClaimStatus, EntityKind } from './enums';

export interface VerdictRef {
  id: string;
  label: string;
  meaning: string;
  rating: number;
}

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
