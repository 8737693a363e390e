// Cells of a binary table (an .xlsx sheet, a Parquet file) written as the CSV the parsers read:
// dates as ISO dates, with the time where any date of their column has one (a column of hours whose
// first is midnight stays one format), numbers as given, TRUE/FALSE, RFC 4180 quoting. Shared by the
// API and the dashboard's preview, so both read the same CSV.
import { formatTimestamp } from './timestamp';

export type TableCell = string | number | bigint | boolean | Date | null | undefined;

const DAY_MS = 86_400_000;

/** The rows' cells as text; `special` writes a cell its own way first (undefined: the usual way). */
export function tableAsText(
  rows: readonly (readonly TableCell[])[],
  special: (cell: TableCell) => string | undefined = () => undefined,
): string[][] {
  const timed = new Set<number>();
  for (const row of rows) {
    row.forEach((cell, c) => {
      if (cell instanceof Date && special(cell) === undefined && cell.getTime() % DAY_MS !== 0) timed.add(c);
    });
  }
  return rows.map((row) => row.map((cell, c) => special(cell) ?? cellText(cell, timed.has(c))));
}

function cellText(cell: TableCell, timed: boolean): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) {
    const ms = cell.getTime();
    return Number.isNaN(ms) ? '' : formatTimestamp(ms, !timed).replace(/\.000Z$/, 'Z');
  }
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return String(cell);
}

/** Rows of cell texts as comma-separated CSV, one line a row. */
export function rowsAsCsv(rows: readonly (readonly string[])[]): string {
  const quoted = (c: string) => (/[",\r\n]|^\s|\s$/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return rows.map((r) => r.map(quoted).join(',')).join('\n') + '\n';
}

/** Records (a Parquet file's rows) as CSV: a header of `columns`, then each record's cells in that order. */
export function recordsAsCsv(columns: readonly string[], records: ReadonlyArray<Record<string, unknown>>): string {
  return rowsAsCsv([columns, ...tableAsText(records.map((record) => columns.map((c) => record[c] as TableCell)))]);
}
