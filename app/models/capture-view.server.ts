/**
 * One capture as a reader opens it (`/sources/:slug/captures/:id`): its source, what was fetched
 * and when, the readable text and the other captures of the same source. Only successful
 * captures are shown; a failed attempt holds nothing to read.
 */
import { sql } from 'drizzle-orm';
import { getDb } from '../../db/client';

export interface CaptureForReader {
  source: { id: number; slug: string; title: string; url: string | null };
  capture: {
    id: number;
    requestedUrl: string;
    finalUrl: string | null;
    httpStatus: number | null;
    contentType: string | null;
    fetchedAt: string;
    sha256: string | null;
    byteLength: number | null;
    title: string | null;
    text: string | null;
    archiveUrl: string | null;
  };
  /** Every successful capture of the source, newest first (this one included). */
  captures: { id: number; fetchedAt: string; sha256: string | null }[];
}

export function getCaptureForReader(sourceSlug: string, captureId: number): CaptureForReader | null {
  const db = getDb();
  const source = db.get<CaptureForReader['source'] | undefined>(
    sql`select id, slug, title, url from sources where slug = ${sourceSlug}`,
  );
  if (!source) return null;
  const capture = db.get<CaptureForReader['capture'] | undefined>(
    sql`select id, requested_url as requestedUrl, final_url as finalUrl, http_status as httpStatus,
        content_type as contentType, fetched_at as fetchedAt, sha256, byte_length as byteLength, title, text,
        archive_url as archiveUrl
        from source_captures where id = ${captureId} and source_id = ${source.id} and outcome = 'ok'`,
  );
  if (!capture) return null;
  const captures = db.all<CaptureForReader['captures'][number]>(
    sql`select id, fetched_at as fetchedAt, sha256 from source_captures
        where source_id = ${source.id} and outcome = 'ok' order by fetched_at desc, id desc limit 50`,
  );
  return { source, capture, captures };
}
