/**
 * A page of an editor list as a table: the title links to the entry's editor, then the columns
 * an editor sorts out work by. On a phone each row becomes a card, each cell labelled.
 */
import { Link } from '@remix-run/react';
import { formatPartialDate, formatTimestamp } from '~/components/dates';
import { KINDS, type EntryKind } from '~/domain';

interface Column {
  key: string;
  label: string;
  date?: boolean;
  /** What an empty cell says ("Unattributed", "Nobody"), so a blank never needs guessing. */
  empty?: string;
}

const TITLE_LABEL: Record<EntryKind, string> = {
  claims: 'Statement',
  sources: 'Title',
  people: 'Name',
  organisations: 'Name',
  cases: 'Caption',
  topics: 'Name',
};

const ENTITY_COLUMNS: Column[] = [
  { key: 'role', label: 'Role', empty: '—' },
  { key: 'affiliation', label: 'Affiliation', empty: '—' },
  { key: 'claims', label: 'Claims made' },
];

const COLUMNS: Record<EntryKind, Column[]> = {
  claims: [
    { key: 'speaker', label: 'Speaker', empty: 'Unattributed' },
    { key: 'verdict', label: 'Verdict', empty: 'None yet' },
    { key: 'status', label: 'Status' },
    { key: 'desk', label: 'Desk state' },
    { key: 'assignee', label: 'Assignee', empty: 'Nobody' },
    { key: 'said', label: 'Said', date: true },
  ],
  sources: [
    { key: 'publisher', label: 'Publisher', empty: 'Unknown' },
    { key: 'kind', label: 'Kind' },
    { key: 'published', label: 'Published', date: true },
    { key: 'archived', label: 'Archived copy' },
    { key: 'cited', label: 'Citations' },
  ],
  people: ENTITY_COLUMNS,
  organisations: ENTITY_COLUMNS,
  cases: [
    { key: 'court', label: 'Court' },
    { key: 'number', label: 'Case number', empty: '—' },
    { key: 'status', label: 'Status' },
    { key: 'filed', label: 'Filed', date: true },
  ],
  topics: [{ key: 'claims', label: 'Claims' }],
};

export interface EntryTableRow {
  id: number;
  title: string;
  updatedAt: number;
  cells: Record<string, string | number | null>;
}

function cellText(column: Column, value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return column.date ? '—' : (column.empty ?? '—');
  return column.date ? formatPartialDate(String(value)) : String(value);
}

export function EntryTable({ kind, rows, caption }: { kind: EntryKind; rows: EntryTableRow[]; caption: string }) {
  const columns = COLUMNS[kind];
  if (rows.length === 0) return <p className="empty">No {KINDS[kind].plural} match.</p>;
  return (
    <div className="table-wrap entry-table">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{TITLE_LABEL[kind]}</th>
            {columns.map((c) => (
              <th scope="col" key={c.key}>
                {c.label}
              </th>
            ))}
            <th scope="col">Changed</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row" className="entry-table__title">
                <Link to={`/editor/${kind}/${row.id}`}>{row.title}</Link>
              </th>
              {columns.map((c) => (
                <td key={c.key} data-label={c.label} className={c.date ? 'entry-table__date' : undefined}>
                  {cellText(c, row.cells[c.key])}
                </td>
              ))}
              <td data-label="Changed" className="entry-table__date">
                {formatTimestamp(row.updatedAt)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
