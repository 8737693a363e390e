// Fiscal and academic years written as the two calendar years they span (`2019-20`, `2019/20`,
// `2019-2020`, `FY2019-20`), as British, Australian and Indian statistics label them. Each is dated
// by its first year. `2011-12` also reads as December 2011, so the two-digit form is read as a year
// range only where a whole column is one (every cell a range of consecutive years, which no
// monthly column is); the four-digit and `FY` forms are read so anywhere.

/** A date as timestamp.ts parses it (its ParsedTimestamp; not imported, which would make a cycle). */
interface YearStart {
  ms: number;
  dateOnly: true;
}

const YEAR_RANGE = /^(FY\s*)?(\d{4})\s*[-/\u2013]\s*(\d{2}|\d{4})$/i;

/** A year range of two consecutive years, dated by the first; undefined for anything else. */
export function parseYearRange(text: string): YearStart | undefined {
  const m = YEAR_RANGE.exec(text.trim());
  if (!m) return undefined;
  const first = Number(m[2]);
  const consecutive = m[3].length === 4 ? Number(m[3]) === first + 1 : Number(m[3]) === (first + 1) % 100;
  return consecutive ? { ms: Date.UTC(first, 0, 1), dateOnly: true } : undefined;
}

/** A year range no other reading has: a four-digit end (`2019-2020`) or `FY` before it. */
export function parseUnambiguousYearRange(text: string): YearStart | undefined {
  const m = YEAR_RANGE.exec(text.trim());
  return m && (m[1] !== undefined || m[3].length === 4) ? parseYearRange(text) : undefined;
}

/** Whether every cell of a column is a year range (`2018-19`, `2019-20`, …). */
export function isYearRangeColumn(cells: readonly string[]): boolean {
  return cells.length > 0 && cells.every((cell) => parseYearRange(cell) !== undefined);
}

/** The warning that says how a column of year ranges was read. */
export function yearRangeWarning(column: string, firstCell: string): string {
  const first = parseYearRange(firstCell);
  const year = first ? new Date(first.ms).getUTCFullYear() : '';
  return `Column "${column}" holds years that span two calendar years ("${firstCell.trim()}"); each is dated by its first year (${year}).`;
}
