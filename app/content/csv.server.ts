/** Claims as CSV (`npm run content:export -- --format csv`), for spreadsheets: one row per claim. */
import type { TrackerHandle } from '../../db/client';
import { pathOf } from '~/domain';
import { entryDocuments } from './document.server';
import type { FrontValue } from './format';

export const CLAIM_CSV_HEADER = [
  'slug',
  'statement',
  'speaker',
  'date',
  'venue',
  'medium',
  'verdict',
  'status',
  'topics',
  'sources',
  'url',
] as const;

/**
 * One RFC 4180 field. A cell a spreadsheet would run as a formula (leading = + - @, or a tab or
 * carriage return that some programs skip before one) gets a leading apostrophe.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function renderCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

/** All claims, drafts included, sorted by slug; references as slugs, lists joined with ";". */
export function claimsCsv(db: TrackerHandle): string {
  const field = (v: FrontValue) => (typeof v === 'string' ? v : '');
  const rows = entryDocuments(db, 'claims').map((c) => {
    const citations = (c.front.citations ?? []) as Record<string, string>[];
    return [
      c.slug,
      field(c.front.statement),
      field(c.front.speaker),
      field(c.front.date),
      field(c.front.venue),
      field(c.front.medium),
      field(c.front.verdict),
      field(c.front.status),
      ((c.front.topics ?? []) as string[]).join(';'),
      [...new Set(citations.map((ci) => ci.source))].join(';'),
      pathOf('claims', c.slug),
    ];
  });
  return renderCsv([[...CLAIM_CSV_HEADER], ...rows]);
}
