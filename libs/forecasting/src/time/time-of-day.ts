// A time of day in a column of its own beside the date (`14:30`, `14:30:00`, `2:30 PM`), as
// loggers and the UCI household power data write it: part of each row's timestamp, never a series id.
import { parseClock } from '@seqcast/contracts';

/** Whether every cell of a column is a time of day. */
export function isTimeOfDayColumn(cells: readonly string[]): boolean {
  return cells.length > 0 && cells.every((cell) => parseClock(cell) !== undefined);
}
