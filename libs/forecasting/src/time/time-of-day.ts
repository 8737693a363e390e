// A time of day in a column of its own beside the date (`14:30`, `14:30:00`), as loggers and the
// UCI household power data write it: part of each row's timestamp, never a series id.

export const TIME_OF_DAY = /^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(\.\d+)?)?$/;

/** Milliseconds since midnight of a time-of-day cell; undefined when the cell is not one. */
export function timeOfDayMs(cell: string): number | undefined {
  const m = TIME_OF_DAY.exec(cell.trim());
  if (!m) return undefined;
  const [, h, min, sec = '0', frac = ''] = m;
  return ((+h * 60 + +min) * 60 + +sec + Number(`0${frac}`)) * 1000;
}
