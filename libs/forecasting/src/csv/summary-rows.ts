// Spreadsheets add summary rows below the data (`Total`, `Average`, …). Read as a time step, one
// cost a series its timestamps and added a value 50 times the others; at the end of a file (up to
// MAX_SUMMARY_ROWS) they are left out, with a warning saying so.

/** A label that says a row sums up the others rather than being one of them. */
export const SUMMARY_LABEL = /^(total|totals|grand total|sum|subtotal|average|avg|mean|summe|gesamt|totale|moyenne)\b/i;
/** Summary rows left out at the end of a file; more is data, or a problem. */
export const MAX_SUMMARY_ROWS = 3;

/** The warning for summary rows left out: their lines and the first one's label. */
export function summaryRowsWarning(lines: readonly number[], label: string): string {
  const where = lines.length === 1 ? `Line ${lines[0]} is` : `Lines ${lines[0]}-${lines[lines.length - 1]} are`;
  return `${where} a summary ("${label}"), not a time step: left out.`;
}
