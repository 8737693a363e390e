// A time column that numbers each series' steps (1, 2, 3, …) instead of dating them: M4 as
// Nixtla's datasetsforecast loads it (`unique_id, ds, y` with integer ds). Such a series has no
// timestamps; the numbers only order its points.
import { parseTimeValue } from '@seqcast/contracts';

/** A step number: a whole number (a step's place in its series). */
export const STEP_NUMBER_CELL = /^\d{1,9}$/;

/** Whether a time column's cells number the steps rather than date them: whole numbers, some of
 *  which read as no date (a column of years or epoch seconds dates its rows). */
export function isStepNumberColumn(cells: readonly string[]): boolean {
  return cells.length > 0 && cells.every((c) => STEP_NUMBER_CELL.test(c.trim())) && cells.some((c) => !parseTimeValue(c));
}
