/**
 * The dashboard's link-rot section (issue 14): sources whose original is dead (gone or
 * unreachable at the last N checks), moved, or changed (captured again, quotes re-checked), each
 * linked to its editor page. Data: `sourcesNeedingAttention()` in models/source-checks.server.ts.
 */
import { Link } from '@remix-run/react';
import { formatPartialDate } from '~/components/dates';

export interface AttentionRow {
  id: number;
  title: string;
  checkedAt: string;
  httpStatus: number | null;
  location: string | null;
  error: string | null;
  lastSeenAt: string | null;
}

export interface SourcesAttention {
  deadAfter: number;
  /** Whether any source has been checked yet. */
  checked: boolean;
  dead: AttentionRow[];
  moved: AttentionRow[];
  changed: AttentionRow[];
}

const day = (iso: string | null) => (iso ? formatPartialDate(iso.slice(0, 10)) : 'never');

function Rows({ rows, detail }: { rows: AttentionRow[]; detail: (row: AttentionRow) => string }) {
  return (
    <ul className="plain-list">
      {rows.map((row) => (
        <li key={row.id}>
          <Link to={`/editor/sources/${row.id}`}>{row.title}</Link>
          <span className="muted"> · {detail(row)}</span>
        </li>
      ))}
    </ul>
  );
}

export function DashboardSources({ attention }: { attention: SourcesAttention }) {
  const { dead, moved, changed, deadAfter, checked } = attention;
  return (
    <section aria-labelledby="link-rot-title">
      <h2 id="link-rot-title">Sources needing attention</h2>
      {!checked ? (
        <p className="empty">
          No source has been checked yet: <code>npm run sources:check</code> checks them all.
        </p>
      ) : dead.length + moved.length + changed.length === 0 ? (
        <p className="empty">Every checked source was there, as captured, at its last check.</p>
      ) : null}
      {dead.length > 0 ? (
        <>
          <h3>Dead ({dead.length})</h3>
          <p className="muted">
            Gone or unreachable at the last {deadAfter === 1 ? 'check' : `${deadAfter} checks`}; readers are pointed to
            the capture.
          </p>
          <Rows rows={dead} detail={(r) => `${r.error ?? 'no answer'} · last seen ${day(r.lastSeenAt)}`} />
        </>
      ) : null}
      {moved.length > 0 ? (
        <>
          <h3>Moved ({moved.length})</h3>
          <Rows rows={moved} detail={(r) => `now at ${r.location ?? 'an unknown address'} · ${day(r.checkedAt)}`} />
        </>
      ) : null}
      {changed.length > 0 ? (
        <>
          <h3>Changed ({changed.length})</h3>
          <Rows rows={changed} detail={(r) => `new content found ${day(r.checkedAt)}, captured again`} />
        </>
      ) : null}
    </section>
  );
}
