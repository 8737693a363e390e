// A time of day in a column of its own beside the date (`14:30`, `14:30:00`, `2:30 PM`), as
// loggers and the UCI household power data write it: part of each row's timestamp, never a series id.
import { parseClock, parseTimeValue } from '@seqcast/contracts';
import { isDayMonthColumn } from './day-month-dates';

/** Share of a head's cells that must read as times of day for a clock column beside a date. */
const MIN_CLOCK_SHARE = 0.95;

/** Whether every cell of a column is a time of day. */
export function isTimeOfDayColumn(cells: readonly string[]): boolean {
  return cells.length > 0 && cells.every((cell) => parseClock(cell) !== undefined);
}

/** The column holding the time of day of the dates in `dateIdx` (every head cell a date without a
 *  time, and a column not in `exclude` whose cells are times of day: all but a stray few, which the
 *  parser then names, so one typo is no "date repeats" error); undefined when none. */
export function clockColumnOfHead(
  header: readonly string[],
  data: readonly string[][],
  dateIdx: number,
  exclude: readonly number[] = [],
): number | undefined {
  const dates = data.map((r) => (r[dateIdx] ?? '').trim());
  const dateOnly =
    dates.every((d) => parseTimeValue(d)?.dateOnly) || (isDayMonthColumn(dates) && dates.every((d) => !/[ T]/.test(d)));
  if (!data.length || !dateOnly) return undefined;
  const clocks = (c: number) => data.filter((r) => parseClock(r[c] ?? '') !== undefined).length >= MIN_CLOCK_SHARE * data.length;
  const c = header.findIndex((_, c) => c !== dateIdx && !exclude.includes(c) && clocks(c));
  return c < 0 ? undefined : c;
}
