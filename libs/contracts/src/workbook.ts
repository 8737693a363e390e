// An Excel workbook (.xlsx) is read as the CSV its sheet stands for, so every rule of CSV uploads
// (header and title rows, time and value columns, panels) applies to it unchanged. The API and the
// dashboard's preview each unzip the workbook with read-excel-file; this turns its cells into that
// CSV the same way for both.
import { DatasetValidationError } from './errors';
import { OPEN_DOCUMENT_FILE_NAME, OPEN_DOCUMENT_TYPE } from './open-document';
import { parseNumericCell } from './numeric-cell';
import { rowsAsCsv, tableAsText, type TableCell } from './table-cells';

/** How an .xlsx file is named and typed by browsers, curl and the CLI. */
export const WORKBOOK_FILE_NAME = /\.xlsx$/i;
export const WORKBOOK_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A cell as read-excel-file gives it (numbers kept as the text the workbook stores). */
export type SheetCell = Exclude<TableCell, bigint>;

export interface WorkbookSheet {
  sheet: string;
  data: readonly (readonly SheetCell[])[];
}

export interface SheetAsCsv {
  csv: string;
  sheet: string;
  warnings: string[];
}

/** Excel's day 0 (1899-12-30): a time of day without a date is stored as a fraction of it. */
const FIRST_DATE_MS = Date.UTC(1900, 0, 1);
const DAY_MS = 86_400_000;

/** Whether a file is named or typed as a workbook: .xlsx, or .ods (read by open-document.ts). */
export function isWorkbookFile(file: { name?: string; type?: string }): boolean {
  const name = file.name ?? '';
  return (
    WORKBOOK_FILE_NAME.test(name) ||
    OPEN_DOCUMENT_FILE_NAME.test(name) ||
    file.type === WORKBOOK_TYPE ||
    file.type === OPEN_DOCUMENT_TYPE
  );
}

/** The sheet `wanted` (by name, any case), else the first that holds a table (two rows or more, numbers among them),
 *  as CSV text: empty columns left out, dates as ISO dates. Other sheets with data are
 *  named in a warning; a sheet not in the workbook, or a workbook without data, is a 400. */
export function sheetAsCsv(sheets: readonly WorkbookSheet[], wanted?: string): SheetAsCsv {
  const names = sheets.map((s) => `"${s.sheet}"`).join(', ');
  const tables = sheets.map((s) => ({ sheet: s.sheet, rows: sheetRows(s.data) })).filter((s) => holdsTable(s.rows));
  if (wanted !== undefined) {
    const chosen = sheets.find((s) => s.sheet.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (!chosen) throw new DatasetValidationError(`The workbook has no sheet "${wanted}"; its sheets are ${names}.`);
    return { csv: rowsAsCsv(sheetRows(chosen.data)), sheet: chosen.sheet, warnings: [] };
  }
  const [first, ...others] = tables;
  if (!first)
    throw new DatasetValidationError(
      `The workbook holds no table: none of its sheets (${names}) has two rows or more with numbers.`,
    );
  const warnings = others.length
    ? [
        `Sheet "${first.sheet}" was read; the workbook's other sheet${others.length === 1 ? '' : 's'} with data ` +
          `(${others.map((s) => `"${s.sheet}"`).join(', ')}) ${others.length === 1 ? 'was' : 'were'} not: ` +
          'pass sheet=<name> to read another.',
      ]
    : [];
  return { csv: rowsAsCsv(first.rows), sheet: first.sheet, warnings };
}

/** The rows as text, without the columns empty on every row; an empty row stays an empty line, so
 *  the CSV's line numbers, which messages name, are the sheet's row numbers. */
function sheetRows(data: readonly (readonly SheetCell[])[]): string[][] {
  const rows = tableAsText(data, timeOfDay);
  while (rows.length && rows[rows.length - 1].every((c) => c === '')) rows.pop();
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const used = Array.from({ length: width }, (_, c) => rows.some((r) => (r[c] ?? '') !== ''));
  return rows.map((r) => (r.every((c) => c === '') ? [] : used.flatMap((u, c) => (u ? [r[c] ?? ''] : []))));
}

/** Two rows or more and a number among them: a table, not a sheet of notes or a cover page. */
function holdsTable(rows: readonly string[][]): boolean {
  return rows.filter((r) => r.length).length >= 2 && rows.some((r) => r.some((c) => parseNumericCell(c) !== undefined));
}

/** Excel's day 0 (1899-12-30) carries a time of day without a date: written as `HH:MM:SS`. */
function timeOfDay(cell: TableCell): string | undefined {
  if (!(cell instanceof Date) || !(cell.getTime() < FIRST_DATE_MS)) return undefined;
  return new Date(((cell.getTime() % DAY_MS) + DAY_MS) % DAY_MS).toISOString().slice(11, 19);
}
