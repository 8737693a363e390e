// What the head of a panel file tells before its rows stream past (they are read once): which
// column dates a wide file whose time column is not named as one (`Datum`, `Week Ending`), and the
// order of `03/05/2020` dates (day-month-dates.ts): the first series' dates in file order, as a
// single series' would be, else any cell of the head that only one order reads.
import { parse } from 'csv-parse/sync';
import {
  binaryUploadProblem,
  headerlessColumnNames,
  isDateStringColumn,
  isUnitsRow,
  locateCsvHeader,
  MAX_UNITS_ROWS,
  type CsvHeaderLocation,
  type ParsedTimestamp,
  isNoteRow,
  MAX_NOTE_ROWS,
} from '@seqcast/contracts';
import { decodeCsvBytes } from '../csv/decode-text';
import { isDayMonthColumn, parseDayMonthColumn, parseDayMonthCell, type DayMonthOrder } from '../time/day-month-dates';

/** Rows of the head looked at: enough for a few series of a few hundred steps, cheap on any file. */
const SAMPLE_ROWS = 5000;
/** What the detectors read of a buffered upload. */
const UPLOAD_HEAD_BYTES = 4 * 1024 * 1024;

export type PanelDayMonth =
  { order: DayMonthOrder; firstCell: string; first: ParsedTimestamp } | { order: 'ambiguous'; firstCell: string } | undefined;

/** The head's complete records, header first (named as csv-header.ts names a file without one),
 *  its last line too when `whole` (the head is the whole file); empty where its quoting is broken
 *  (the streaming pass names that problem). */
export function readHeadRows(
  head: string,
  { delimiter, line }: Pick<CsvHeaderLocation, 'delimiter' | 'line'>,
  whole = false,
): string[][] {
  try {
    const rows = parse(whole ? head : head.slice(0, Math.max(head.lastIndexOf('\n'), 0)) || head, {
      delimiter,
      from_line: line,
      bom: true,
      to_line: SAMPLE_ROWS + 1,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
    // A file without a header row (its first line is data) gets the names the parsers give it.
    const unnamed = rows.length ? headerlessColumnNames(rows[0]) : undefined;
    if (unnamed) rows.unshift(unnamed);
    // Units under the header and notes below the table are no rows of it (the parsers leave them out the same way).
    let units = 0;
    while (!unnamed && units < MAX_UNITS_ROWS && rows.length > units + 2 && isUnitsRow(rows[units + 1], rows[0])) units++;
    rows.splice(1, units);
    for (let n = 0; n < MAX_NOTE_ROWS && rows.length > 2 && isNoteRow(rows[rows.length - 1], rows[0].length); n++) rows.pop();
    return rows;
  } catch {
    return [];
  }
}

/** The head rows of a buffered upload (its first 4 MB, decoded as the parser decodes it), for the
 *  panel detectors (detect-long-panel.ts, detect-rows-panel.ts). */
export function readUploadHeadRows(input: string | Buffer): string[][] {
  const whole = input.length <= UPLOAD_HEAD_BYTES;
  // A binary file has no rows: the single-series parser names what it is.
  if (typeof input !== 'string' && binaryUploadProblem(input)) return [];
  const head =
    typeof input === 'string' ? input.slice(0, UPLOAD_HEAD_BYTES) : decodeCsvBytes(input.subarray(0, UPLOAD_HEAD_BYTES));
  const text = head.replace(/^\uFEFF/, '');
  return readHeadRows(text, locateCsvHeader(text), whole);
}

/** The first column whose head cells are all date strings (not numbers: a value column of 1990..2030
 *  is not years), skipping `exclude`; undefined when none is. */
export function dateColumnOfHead(rows: string[][], exclude: readonly number[]): number | undefined {
  const [header, ...data] = rows;
  if (!header || !data.length) return undefined;
  const c = header.findIndex((_, c) => {
    if (exclude.includes(c)) return false;
    const cells = data.map((r) => r[c] ?? '');
    return isDateStringColumn(cells) || isDayMonthColumn(cells);
  });
  return c < 0 ? undefined : c;
}

/** The order of the head's day-month dates in column `timeIdx`; undefined when the column does not hold
 *  them. `keyOf` names a long panel's series (a wide panel's rows are all its series' steps). */
export function dayMonthOrderOfHead(rows: string[][], timeIdx: number, keyOf?: (record: string[]) => string): PanelDayMonth {
  const data = rows.slice(1).filter((r) => r.length > timeIdx);
  const cells = data.map((r) => r[timeIdx]);
  if (!isDayMonthColumn(cells)) return undefined;
  const firstCell = cells[0];
  const firstKey = keyOf?.(data[0]);
  const firstSeries = keyOf ? data.filter((r) => keyOf(r) === firstKey).map((r) => r[timeIdx]) : cells;
  const column = parseDayMonthColumn(firstSeries);
  if (column && column.order !== 'ambiguous') return { order: column.order, firstCell, first: column.parsed[0] };
  const readable = (['day-first', 'month-first'] as const).filter((order) =>
    cells.every((cell) => parseDayMonthCell(cell, order) !== undefined),
  );
  if (readable.length === 1) return { order: readable[0], firstCell, first: parseDayMonthCell(firstCell, readable[0])! };
  return { order: 'ambiguous', firstCell };
}
