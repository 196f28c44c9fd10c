/**
 * The filters of a search (kind, verdict, topic, speaker, date range), applied to a document's
 * stored metadata while scoring, so result counts are exact. Isomorphic: plain data in, boolean
 * out.
 */
import type { SearchKind } from './query';
import type { DocMeta } from './shard-format.server';

export interface SearchFilters {
  kinds?: SearchKind[];
  verdicts?: string[];
  topic?: string | null;
  speaker?: string | null;
  /** Partial dates (`2024`, `2024-05`, `2024-05-17`): `to` includes the whole period it names. */
  from?: string | null;
  to?: string | null;
}

export function matchesFilters(meta: DocMeta, filters: SearchFilters): boolean {
  if (filters.kinds && filters.kinds.length > 0 && !filters.kinds.includes(meta.kind)) return false;
  if (filters.verdicts && filters.verdicts.length > 0 && !filters.verdicts.includes(meta.verdict ?? '')) return false;
  if (filters.topic && !(meta.topicSlugs ?? []).includes(filters.topic)) return false;
  if (filters.speaker && meta.speakerSlug !== filters.speaker) return false;
  if (filters.from && (!meta.date || meta.date < filters.from)) return false;
  if (filters.to && (!meta.date || meta.date.slice(0, filters.to.length) > filters.to)) return false;
  return true;
}
