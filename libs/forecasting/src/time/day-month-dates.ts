// Dates written with the day and the month first (`03/05/2020`, `31.12.2020`), as spreadsheets in
// the US and Europe export them. One such cell is ambiguous; a column rarely is: a first number
// above 12 makes it day-first, a second above 12 month-first, and when neither appears only one
// reading usually gives increasing dates on a regular step (daily readings of monthly data are
// not increasing by a regular step, and vice versa). A column that stays ambiguous is not guessed.
import { inferFrequency, nextTimestamps } from './frequency';
import { formatTimestamp, fullYear, parseClock, splitInterval, utcDate, type ParsedTimestamp } from '@seqcast/contracts';

/** `03/05/2020`, `3.5.2020`, `03-05-2020`; a two-digit year (`1/22/20`, Excel's m/d/yy) after `/` or
 *  `.` only (`20-05-03` is as likely year-first). */
const DAY_MONTH = /^(\d{1,2})([/.-])(\d{1,2})[/.-](\d{4}|\d{2})(?:[ T]\s*(.+))?$/;

export type DayMonthOrder = 'day-first' | 'month-first';

export type DayMonthColumn =
  { order: DayMonthOrder; parsed: ParsedTimestamp[] } | { order: 'ambiguous'; parsed?: undefined } | undefined;

/** A cell's two numbers, year and time of day (ms, -1 for none); undefined when it is not of this form. */
type DayMonthParts = [number, number, number, number];

function splitCell(cell: string): DayMonthParts | undefined {
  const parts = splitDate(cell);
  if (parts) return parts;
  // A period as its two ends (ENTSO-E: `01.01.2020 00:00 - 01.01.2020 01:00`): its start.
  const interval = splitInterval(cell);
  return interval && splitDate(interval[1]) ? splitDate(interval[0]) : undefined;
}

function splitDate(cell: string): DayMonthParts | undefined {
  const m = DAY_MONTH.exec(cell.trim());
  if (!m || (m[4].length === 2 && m[2] === '-')) return undefined;
  const clock = m[5] === undefined ? -1 : parseClock(m[5]);
  return clock !== undefined ? [Number(m[1]), Number(m[3]), fullYear(m[4]), clock] : undefined;
}

/** Reads a column of `D/M/YYYY` or `M/D/YYYY` dates (`/`, `.` or `-`, optional time of day such as
 *  `14:30`, `14:30:00` or `2:30 PM`): undefined when some cell is not of that form or no reading fits. */
export function parseDayMonthColumn(cells: readonly string[]): DayMonthColumn {
  const parts: DayMonthParts[] = [];
  for (const cell of cells) {
    const p = splitCell(cell);
    if (!p) return undefined;
    parts.push(p);
  }
  if (!parts.length) return undefined;
  const readings = (['day-first', 'month-first'] as const)
    .map((order) => ({ order, parsed: read(parts, order) }))
    .filter((r): r is { order: DayMonthOrder; parsed: ParsedTimestamp[] } => r.parsed !== undefined);
  if (readings.length === 1) return readings[0];
  if (!readings.length) return undefined;
  // Both readings are valid dates: keep the one that gives increasing dates on a regular step
  // with fewer off-grid steps (monthly data on the 1st read month-first is daily with year gaps).
  const scored = readings
    .map((r) => ({ ...r, offGrid: offGridSteps(r.parsed.map((p) => p.ms)) }))
    .filter((r) => Number.isFinite(r.offGrid))
    .sort((a, b) => a.offGrid - b.offGrid);
  if (scored.length === 1 || (scored.length === 2 && scored[0].offGrid < scored[1].offGrid)) {
    return { order: scored[0].order, parsed: scored[0].parsed };
  }
  return { order: 'ambiguous' };
}

/** Whether every cell is such a date in one order or the other (which one, the caller tells from
 *  a single series' dates: a panel's column repeats each date once per series). */
export function isDayMonthColumn(cells: readonly string[]): boolean {
  const parts = cells.map(splitCell);
  if (!parts.length || parts.some((p) => p === undefined)) return false;
  return read(parts as DayMonthParts[], 'day-first') !== undefined || read(parts as DayMonthParts[], 'month-first') !== undefined;
}

/** One cell read in a known order; undefined when it is not such a date. */
export function parseDayMonthCell(cell: string, order: DayMonthOrder): ParsedTimestamp | undefined {
  const p = splitCell(cell);
  return p && read([p], order)?.[0];
}

/** What an upload says when it read such a column. */
export function dayMonthWarning(column: string, firstCell: string, order: DayMonthOrder, first: ParsedTimestamp): string {
  const form = order === 'day-first' ? 'DD/MM/YYYY' : 'MM/DD/YYYY';
  return `Column "${column}" was read as ${order} dates (${form}): "${firstCell.trim()}" is ${formatTimestamp(first.ms, first.dateOnly)}.`;
}

/** Steps that do not land on the inferred grid; Infinity when the dates do not increase or have
 *  no regular step at all. */
function offGridSteps(ms: number[]): number {
  if (ms.some((t, i) => i > 0 && t <= ms[i - 1])) return Infinity;
  const frequency = inferFrequency(ms);
  if (frequency === 'irregular') return Infinity;
  let off = 0;
  for (let i = 1; i < ms.length; i++) if (nextTimestamps(ms[i - 1], frequency, 1)![0] !== ms[i]) off++;
  return off;
}

function read(parts: readonly DayMonthParts[], order: DayMonthOrder): ParsedTimestamp[] | undefined {
  const out: ParsedTimestamp[] = [];
  for (const [a, b, year, clock] of parts) {
    const [day, month] = order === 'day-first' ? [a, b] : [b, a];
    const date = utcDate(year, month, day);
    if (date === undefined) return undefined;
    const dateOnly = clock < 0;
    out.push({ ms: dateOnly ? date : date + clock, dateOnly });
  }
  return out;
}
