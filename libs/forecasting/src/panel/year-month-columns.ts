// A long panel dated by a year column and a month column (`state, year, month, value`; BLS' flat
// files: `series_id, year, period, value` with period M01…M12): each row's time is the first day of
// its month. Read by the time column alone, the year, every series repeated each year twelve times.
import { blsPeriodColumn, blsPeriodMonth, datePartColumn, annualAverageTest, parseMonth } from '@seqcast/contracts';

export interface YearMonthColumns {
  year: number;
  month: number;
  /** The month column holds BLS period codes, whose annual averages (M13) are rows to leave out. */
  periodCodes: boolean;
  /** Which period codes are annual averages, as the head's codes decide (bls-period.ts). */
  isAverage: (code: string) => boolean;
}

/** The year and month columns of `header` (the month by name, or a column of BLS period codes),
 *  judged on the head's rows; undefined where there are not both. */
export function yearMonthColumns(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
): YearMonthColumns | undefined {
  const year = datePartColumn(header, 'year');
  if (year === undefined || !rows.length || !rows.every((r) => /^\d{4}$/.test((r[year] ?? '').trim()))) return undefined;
  const named = datePartColumn(header, 'month');
  if (named !== undefined)
    return rows.every((r) => parseMonth(r[named] ?? '') !== undefined)
      ? { year, month: named, periodCodes: false, isAverage: () => false }
      : undefined;
  const period = blsPeriodColumn(header, rows);
  if (period === undefined) return undefined;
  return { year, month: period, periodCodes: true, isAverage: annualAverageTest(rows.map((r) => r[period] ?? '')) };
}

/** Whether a row is an annual average to leave out (M13, Q05, S03; A01 beside months). */
export function isAverageRow(columns: YearMonthColumns, row: readonly string[]): boolean {
  return columns.isAverage(row[columns.month] ?? '');
}

/** The row's month as epoch ms of its first day (UTC); undefined where a cell is no year or month. */
export function yearMonthInstant(columns: YearMonthColumns, row: readonly string[]): number | undefined {
  const yearText = (row[columns.year] ?? '').trim();
  const cell = row[columns.month] ?? '';
  const month = columns.periodCodes ? blsPeriodMonth(cell) : parseMonth(cell);
  return /^\d{4}$/.test(yearText) && month !== undefined ? Date.UTC(Number(yearText), month - 1, 1) : undefined;
}
