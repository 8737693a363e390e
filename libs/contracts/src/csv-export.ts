// Writing CSV that is safe to open in a spreadsheet. A cell whose text starts with = + - @, a tab
// or a carriage return would be run as a formula by Excel, LibreOffice or Sheets ("CSV injection",
// OWASP), so such text is prefixed with a single quote. Finite numbers are written as numbers
// ("-3.5" is a number, not a formula); they never come from user text. RFC 4180 quoting otherwise.

const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvCell = string | number | boolean | null | undefined;

export function escapeCsvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to CSV text: CRLF line ends (RFC 4180), every cell through escapeCsvCell. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  return rows.map((row) => row.map(escapeCsvCell).join(',')).join('\r\n') + '\r\n';
}
