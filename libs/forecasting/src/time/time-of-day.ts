// The time of day in a column of its own beside the date: clock times (`14:30`, `14:30:00`,
// `2:30 PM`), as loggers and the UCI household power data write them, hours numbered 0–23 or
// 1–24 (`hour`, `HE`: hour ending), as grid operators publish load (`Date, HE, ERCOT`), or the
// half-hours of electricity settlement (`SETTLEMENT_DATE, SETTLEMENT_PERIOD, ND`). Part of each
// row's timestamp, never a series id.
import { parseClock, parseTimeValue } from '@seqcast/contracts';
import { isDayMonthColumn } from './day-month-dates';

/** Share of a head's cells that must read as times of day for a clock column beside a date. */
const MIN_CLOCK_SHARE = 0.95;
/** Names of a column that numbers the hours of each day. */
const HOUR_COLUMN_NAME = /^(?:hour|hr|hh|he|hour[\s_-]?(?:ending|beginning|of[\s_-]?day)|hourending|stunde|heure|hora|ora|uur)$/i;
/** Names of a column that numbers the half-hours or quarter-hours of each day. */
const PERIOD_COLUMN_NAME =
  /^(?:settlement[\s_-]?period|trading[\s_-]?period|sp|half[\s_-]?hour(?:[\s_-]?period)?|quarter[\s_-]?hour|viertelstunde)$/i;
const PERIOD_NUMBER = /^\d{1,3}$/;
const PERIODS_PER_DAY = [48, 96];
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Periods of a day numbered from 1, each `stepMs` long, `perDay` on a day the clocks do not change. */
export interface DayPeriods {
  perDay: number;
  stepMs: number;
}

/** A column giving each row's time of day. */
export interface TimeOfDayColumn {
  index: number;
  /** Milliseconds after midnight of a cell; undefined where the cell is no time of day. */
  read(cell: string): number | undefined;
  /** How the column was read, where a reader should be told (hour and period numbers). */
  note?: string;
  /** Set for numbered periods of the day, whose days the clocks change hold more or fewer. */
  periods?: DayPeriods;
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
    const periods = periodNumbers(
      header[c],
      data.map((r) => r[c] ?? ''),
    );
    if (periods && mostly(c, periods.read)) return { ...periods, index: c };
  }
  return undefined;
}

/** Hours of the day as numbers: 0–23 (each hour's start), or 1–24 (hour ending: HE 1 is
 *  00:00–01:00) where the column says so by its name or by holding 24 and no 0. Each hour is dated
 *  by its start, so both read the same. */
function hourNumbers(name: string, cells: readonly string[]): Omit<TimeOfDayColumn, 'index'> | undefined {
  if (!HOUR_COLUMN_NAME.test(name.trim())) return undefined;
  const hours = cells.filter((c) => PERIOD_NUMBER.test(c.trim())).map(Number);
  if (!hours.length) return undefined;
  const ending = /end|^he$/i.test(name.trim()) || (!hours.includes(0) && hours.includes(24));
  const [first, last] = ending ? [1, 24] : [0, 23];
  const read = (cell: string) => {
    const h = PERIOD_NUMBER.test(cell.trim()) ? Number(cell) : NaN;
    return h >= first && h <= last ? (h - first) * HOUR_MS : undefined;
  };
  return ending
    ? { read, note: `Column "${name}" numbers the hours ending 1–24; each hour is dated by its start (hour 1 is 00:00).` }
    : { read };
}

/** Periods of the day numbered from 1, as electricity markets settle them: half-hours 1–48 (GB's
 *  and New Zealand's settlement and trading periods) or quarter-hours 1–96; period k starts
 *  (k − 1) steps after midnight. Days the clocks change have an hour's periods fewer or more (46
 *  and 50 half-hours): dayPeriodsInStandardTime reads those. */
function periodNumbers(name: string, cells: readonly string[]): Omit<TimeOfDayColumn, 'index'> | undefined {
  if (!PERIOD_COLUMN_NAME.test(name.trim())) return undefined;
  const max = cells.reduce((m, c) => (PERIOD_NUMBER.test(c.trim()) ? Math.max(m, Number(c)) : m), -Infinity);
  const perDay = PERIODS_PER_DAY.find((n) => max > n / 2 && max <= n + n / 24);
  if (perDay === undefined) return undefined;
  const stepMs = DAY_MS / perDay;
  const read = (cell: string) => {
    const k = PERIOD_NUMBER.test(cell.trim()) ? Number(cell) : NaN;
    return k >= 1 && k <= perDay + perDay / 24 ? (k - 1) * stepMs : undefined;
  };
  const what = perDay === 48 ? 'half-hours' : 'quarter-hours';
  return {
    read,
    periods: { perDay, stepMs },
    note: `Column "${name}" numbers the ${what} of each day (1–${perDay}); period 1 starts at midnight.`,
  };
}

/** Timestamps of numbered periods of each day (`dates[i]` the row's day at UTC midnight, `offsets[i]`
 *  its period's start after midnight) where some days have an hour's periods fewer or more: the
 *  days the clocks change. The periods are consecutive in real time from each local midnight, so
 *  they are read in the zone's standard time: a day after one with fewer periods (clocks forward),
 *  up to the one with more (clocks back), starts an hour earlier. Undefined when no day changes. */
export function dayPeriodsInStandardTime(
  dates: readonly number[],
  offsets: readonly number[],
  periods: DayPeriods,
): { ms: number[]; changes: number } | undefined {
  const perHour = HOUR_MS / periods.stepMs;
  const count = new Map<number, number>();
  for (let i = 0; i < dates.length; i++) {
    count.set(dates[i], Math.max(count.get(dates[i]) ?? 0, Math.round(offsets[i] / periods.stepMs) + 1));
  }
  const days = [...count.keys()].sort((a, b) => a - b);
  const kind = (d: number) =>
    count.get(d) === periods.perDay - perHour ? 'forward' : count.get(d)! > periods.perDay ? 'back' : undefined;
  const changes = days.filter(kind).length;
  if (!changes) return undefined;
  // Before the first change, summer time where that change puts the clocks back.
  let summer = kind(days.find(kind)!) === 'back';
  const summerDay = new Map<number, boolean>();
  for (const d of days) {
    const change = kind(d);
    summerDay.set(d, change === 'forward' ? false : change === 'back' ? true : summer);
    if (change) summer = change === 'forward';
  }
  return { ms: dates.map((d, i) => d + offsets[i] - (summerDay.get(d) ? HOUR_MS : 0)), changes };
}
