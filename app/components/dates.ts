const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2020-02-13" → "13 Feb 2020"; "2020-02" → "February 2020"; "2020" → "2020". */
export function formatPartialDate(value: string | null | undefined): string {
  if (!value) return 'Date unknown';
  const [year, month, day] = value.split('-');
  if (day) return `${Number(day)} ${MONTHS[Number(month) - 1]} ${year}`;
  if (month) return `${MONTHS_LONG[Number(month) - 1]} ${year}`;
  return year;
}

/** Seconds since the epoch (as stored) → "28 Nov 2026". */
export function formatTimestamp(value: number | Date | null | undefined): string {
  if (value === null || value === undefined) return '';
  const date = value instanceof Date ? value : new Date(value * 1000);
  return formatPartialDate(date.toISOString().slice(0, 10));
}
