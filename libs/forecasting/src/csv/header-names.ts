// A CSV header's column names, checked: both parsers (one series, a panel) refuse a first line that
// reads as data or repeats a name, with the same words.
import { parseNumericCell } from '@seqcast/contracts';
import { DatasetValidationError } from '../errors';

/** The header's names (pandas' unnamed index column, an empty cell, named `column_N`); a 400 naming
 *  line `line` where the cells are numbers or a name repeats. */
export function headerNames(cells: readonly string[], line: number): string[] {
  const isNumber = (c: string) => parseNumericCell(c) !== undefined;
  if (cells.length > 0 && cells.every(isNumber)) {
    throw new DatasetValidationError(
      `Line ${line}: the first line must be a header row naming the columns, but it holds only numbers.`,
      { line },
    );
  }
  const names = cells.map((c, i) => (c === '' ? `column_${i + 1}` : c));
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n) && isNumber(n)) {
      // A row of values without a header above it (one series per row, as M4's files but headerless).
      throw new DatasetValidationError(
        `Line ${line}: the first line must be a header row naming the columns, but it reads as data (it holds the ` +
          `number "${n}" twice); add one, e.g. id,v1,v2,… for one series per row.`,
        { line },
      );
    }
    if (seen.has(n)) throw new DatasetValidationError(`Line ${line}: the header names column "${n}" twice.`, { line });
    seen.add(n);
  }
  return names;
}
