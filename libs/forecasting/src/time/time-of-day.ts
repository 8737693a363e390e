// The time of day in a column of its own beside the date: clock times (`14:30`, `14:30:00`,
// `2:30 PM`), as loggers and the UCI household power data write them, or hours numbered 0–23 or
// 1–24 (`hour`, `HE`: hour ending), as grid operators publish load (`Date, HE, ERCOT`). Part of each
// row's timestamp, never a series id.
import { parseClock, parseTimeValue } from '@seqcast/contracts';
import { isDayMonthColumn } from './day-month-dates';

/** Share of a head's cells that must read as times of day for a clock column beside a date. */
const MIN_CLOCK_SHARE = 0.95;
/** Names of a column that numbers the hours of each day. */
const HOUR_COLUMN_NAME = /^(?:hour|hr|hh|he|hour[\s_-]?(?:ending|beginning|of[\s_-]?day)|hourending|stunde|heure|hora|ora|uur)$/i;
const HOUR_NUMBER = /^\d{1,2}$/;
const HOUR_MS = 3_600_000;

/** A column giving each row's time of day. */
export interface TimeOfDayColumn {
  index: number;
  /** Milliseconds after midnight of a cell; undefined where the cell is no time of day. */
  read(cell: string): number | undefined;
  /** How the column was read, where a reader should be told (hour numbers). */
  note?: string;
}

/** Whether every cell of a column is a clock time. */
export function isTimeOfDayColumn(cells: readonly string[]): boolean {
  return cells.length > 0 && cells.every((cell) => parseClock(cell) !== undefined);
}

/** The column holding the time of day of the dates in `dateIdx` (every head cell a date without a
 *  time, and a column not in `exclude` whose cells are clock times or, named as hours, hour
 *  numbers: all but a stray few, which the parser then names, so one typo is no "date repeats"
 *  error); undefined when none. */
export function clockColumnOfHead(
  header: readonly string[],
  data: readonly string[][],
  dateIdx: number,
  exclude: readonly number[] = [],
): TimeOfDayColumn | undefined {
  const dates = data.map((r) => (r[dateIdx] ?? '').trim());
  const dateOnly =
    dates.every((d) => parseTimeValue(d)?.dateOnly) || (isDayMonthColumn(dates) && dates.every((d) => !/[ T]/.test(d)));
  if (!data.length || !dateOnly) return undefined;
  const mostly = (c: number, read: (cell: string) => number | undefined) =>
    data.filter((r) => read(r[c] ?? '') !== undefined).length >= MIN_CLOCK_SHARE * data.length;
  for (let c = 0; c < header.length; c++) {
    if (c === dateIdx || exclude.includes(c)) continue;
    if (mostly(c, parseClock)) return { index: c, read: parseClock };
    const hours = hourNumbers(
      header[c],
      data.map((r) => r[c] ?? ''),
    );
    if (hours && mostly(c, hours.read)) return { ...hours, index: c };
  }
  return undefined;
}

/** Hours of the day as numbers: 0–23 (each hour's start), or 1–24 (hour ending: HE 1 is
 *  00:00–01:00) where the column says so by its name or by holding 24 and no 0. Each hour is dated
 *  by its start, so both read the same. */
function hourNumbers(name: string, cells: readonly string[]): Omit<TimeOfDayColumn, 'index'> | undefined {
  if (!HOUR_COLUMN_NAME.test(name.trim())) return undefined;
  const hours = cells.filter((c) => HOUR_NUMBER.test(c.trim())).map(Number);
  if (!hours.length) return undefined;
  const ending = /end|^he$/i.test(name.trim()) || (!hours.includes(0) && hours.includes(24));
  const [first, last] = ending ? [1, 24] : [0, 23];
  const read = (cell: string) => {
    const h = HOUR_NUMBER.test(cell.trim()) ? Number(cell) : NaN;
    return h >= first && h <= last ? (h - first) * HOUR_MS : undefined;
  };
  return ending
    ? { read, note: `Column "${name}" numbers the hours ending 1–24; each hour is dated by its start (hour 1 is 00:00).` }
    : { read };
}
