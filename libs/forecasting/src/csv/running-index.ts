// A column that counts the rows (R's row names, pandas' index: 1, 2, 3… or 0, 1, 2…) is the index
// its exporter wrote beside the data (`write.csv`, `DataFrame.to_csv`), not a series of its own.
import { STEP_NUMBER_CELL } from '../time/step-numbers';

/** Whether the values count up by one from row to row. */
export function isRunningIndex(values: ReadonlyArray<number | undefined>): boolean {
  return values.every((x, i) => i === 0 || (x !== undefined && values[i - 1] !== undefined && x - values[i - 1]! === 1));
}

/** Rows of a wide table's head a leading row index needs to be told from a series. */
const MIN_INDEX_ROWS = 3;

/** A wide table's first column when its head's cells count the rows from 1 (R) or 0 (pandas):
 *  where they put the index they write (a column of years counts too, but not from 0 or 1).
 *  Undefined for any other table, or one whose first column is `used` (the time). */
export function leadingRowIndex(head: readonly string[][], used: readonly number[]): number | undefined {
  if (used.includes(0) || head.length < MIN_INDEX_ROWS) return undefined;
  const cells = head.map((row) => (row[0] ?? '').trim());
  if (!cells.every((c) => STEP_NUMBER_CELL.test(c))) return undefined;
  const numbers = cells.map(Number);
  return numbers[0] <= 1 && isRunningIndex(numbers) ? 0 : undefined;
}

/** The upload's warning for a row index left out of a wide panel. */
export function rowIndexWarning(name: string, head: readonly string[][]): string {
  const [a, b] = head.map((row) => row[0].trim());
  return (
    `Column "${name}" counts the rows (${a}, ${b}, …): read as the file's row index (R's row names, pandas' index), ` +
    'not a series; name it in valueColumns to keep it.'
  );
}
