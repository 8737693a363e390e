// Statistics offices and spreadsheets put notes below a table (`Source: …`, `Notes: seasonally
// adjusted`, `* provisional`), often after an empty line. Read as data, the first such line was a
// 400 for a ragged row; at the end of a file (up to MAX_NOTE_ROWS) they are left out, with a
// warning naming them. A row of data cut short stays an error: a note holds no number and no time.
import { parseNumericCell } from './numeric-cell';
import { parseTimestamp } from './timestamp';

/** How a note line starts when it is as wide as the table (`Source: ONS, 2024` in a two-column file). */
export const NOTE_LABEL = /^(sources?|notes?|footnotes?|remarks?|quelle|fuente|copyright|©|\*|\(\d+\)|\[\d+\])/i;
/** Note lines left out at the end of a file; more is data, or a problem. */
export const MAX_NOTE_ROWS = 10;

/** Whether a row below the data is a note: no cell a number or a time, and narrower than the
 *  header or labelled as a note. */
export function isNoteRow(cells: readonly string[], width: number): boolean {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  if (filled.length === 0) return false;
  if (filled.some((c) => parseNumericCell(c) !== undefined || parseTimestamp(c) !== undefined)) return false;
  return cells.length < width || NOTE_LABEL.test(filled[0]);
}

/** The warning for note lines left out: their lines and the first one's text. */
export function notesWarning(lines: readonly number[], first: string): string {
  const where = lines.length === 1 ? `Line ${lines[0]} is` : `Lines ${lines[0]}-${lines[lines.length - 1]} are`;
  const shown = first.length > 60 ? `${first.slice(0, 57)}…` : first;
  return `${where} a note below the table ("${shown}"), not a time step: left out.`;
}
