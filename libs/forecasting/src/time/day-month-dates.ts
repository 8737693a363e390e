// Dates written with the day and the month first (`03/05/2020`, `31.12.2020`), as spreadsheets in
// the US and Europe export them. One such cell is ambiguous; a column rarely is: a first number
// above 12 makes it day-first, a second above 12 month-first, and when neither appears only one
// reading usually gives increasing dates on a regular step (daily readings of monthly data are
// not increasing by a regular step, and vice versa). A column that stays ambiguous is not guessed.
import { inferFrequency, nextTimestamps } from './frequency';
import { utcDate, type ParsedTimestamp } from '@seqcast/contracts';

const DAY_MONTH = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

export type DayMonthOrder = 'day-first' | 'month-first';

export type DayMonthColumn =
  { order: DayMonthOrder; parsed: ParsedTimestamp[] } | { order: 'ambiguous'; parsed?: undefined } | undefined;

/** Reads a column of `D/M/YYYY` or `M/D/YYYY` dates (`/`, `.` or `-`, optional `HH:MM[:SS]`):
 *  undefined when some cell is not of that form or no reading fits. */
export function parseDayMonthColumn(cells: readonly string[]): DayMonthColumn {
  const parts: number[][] = [];
  for (const cell of cells) {
    const m = DAY_MONTH.exec(cell.trim());
    if (!m) return undefined;
    parts.push(m.slice(1).map((v) => (v === undefined ? -1 : Number(v))));
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

function read(parts: number[][], order: DayMonthOrder): ParsedTimestamp[] | undefined {
  const out: ParsedTimestamp[] = [];
  for (const [a, b, year, h, min, sec] of parts) {
    const [day, month] = order === 'day-first' ? [a, b] : [b, a];
    const date = utcDate(year, month, day);
    if (date === undefined || h > 23 || min > 59 || sec > 59) return undefined;
    const dateOnly = h < 0;
    out.push({ ms: dateOnly ? date : date + ((h * 60 + min) * 60 + Math.max(0, sec)) * 1000, dateOnly });
  }
  return out;
}
