// Time written as a number: bare years, R's decimal time (`time(x)` of a monthly or quarterly ts),
// Unix epoch seconds or milliseconds, and compact YYYYMMDD dates and YYYYMM months. A number is only read as time in
// a column or field that is known to hold time (named so, or chosen with timeColumn): a value
// column of 1990..2030 would otherwise become years. parseTimestamp stays strict about strings.
import { parseTimestamp, utcDate, type ParsedTimestamp } from './timestamp';

/** Column names that announce timestamps (an upload warns when such a column does not parse), with
 *  a unit or zone after them as loggers write it (`timestamp_ms`, `epoch (s)`, `time (UTC)`). */
export const TIME_COLUMN_NAMES =
  /^(date|time|time_?stamp|date_?time|ds|period|day|week|month_start|year_?month|yyyy_?mm|dt|ts|epoch|unix|unix_?time(stamp)?|created_?at)([ _]\(?(utc|local|gmt|ms|millis|milliseconds|s|sec|secs|seconds)\)?|\((utc|local|gmt|ms|s)\))?$/i;

/** Whether a column may hold numeric time (years, epoch seconds…): one named as a time column,
 *  `year`, or `month` (YYYYMM keys such as `201901`; a month-of-year 1..12 reads as no time).
 *  Elsewhere a value column of 1990..2030 would be mistaken for years. */
export function mayHoldNumericTime(columnName: string): boolean {
  return TIME_COLUMN_NAMES.test(columnName.trim()) || /^(year|month)$/i.test(columnName.trim());
}

/** `1871`, `1949.08333333333`, `1949.083`: plausible years (1000–2999) with an optional fraction. */
const DECIMAL_YEAR = /^([12]\d{3})(?:\.(\d+))?$/;
/** 9–10 digits: 1973-03-03 to 2286 in seconds. */
const EPOCH_SECONDS = /^\d{9,10}(?:\.\d+)?$/;
/** 12–13 digits: the same span in milliseconds (Date.now()). */
const EPOCH_MILLIS = /^\d{12,13}$/;
const COMPACT_DATE = /^([12]\d{3})(\d{2})(\d{2})$/;
/** YYYYMM, as SQL exports and statistics tables key months (`202001`). */
const COMPACT_MONTH = /^([12]\d{3})(0[1-9]|1[0-2])$/;
/** A spreadsheet's date serial: days since 1899-12-30 (Excel, LibreOffice, Google Sheets), a
 *  fraction for the time of day; 5 digits, 1927-10-16 to 2173-10-14, which no other encoding uses. */
const SPREADSHEET_SERIAL = /^[1-9]\d{4}(?:\.\d+)?$/;
/** Serial 25569 is 1970-01-01. */
const SERIAL_EPOCH_DAYS = 25_569;
/** R prints 1949 + 1/12 as `1949.08333333333`, or `1949.083` with fewer digits: 0.996 months. */
const MONTH_TOLERANCE = 0.01;

/** A timestamp from a cell or field known to hold time: a numeric encoding
 *  (parseNumericTimestamp), else a date string (parseTimestamp); undefined for anything else. */
export function parseTimeValue(value: unknown): ParsedTimestamp | undefined {
  if (typeof value === 'number') return parseNumericTimestamp(value);
  if (typeof value !== 'string') return undefined;
  // Numeric first: the two readings overlap only on `1990.5`, which is R's mid-year (July) beside
  // `1990.25`, not parseTimestamp's dotted year-month (May). `2020.05` and `2020.10` stay months.
  return parseNumericTimestamp(value) ?? parseTimestamp(value);
}

/**
 * Reads numeric time. A string may be a year (Jan 1), decimal time on the month grid (the first
 * of month round(frac·12)+1; other fractions such as weekly k/52 are not time), epoch seconds or
 * milliseconds (date-times), YYYYMMDD, YYYYMM or a spreadsheet's date serial (`43831` is 2020-01-01). A JSON number is epoch milliseconds, the JavaScript
 * convention, and only in the 12–13-digit span: 2020 would otherwise be two seconds after 1970.
 */
export function parseNumericTimestamp(value: string | number): ParsedTimestamp | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 1e11 && value < 1e13 ? { ms: Math.round(value), dateOnly: false } : undefined;
  }
  const s = value.trim();
  let m = DECIMAL_YEAR.exec(s);
  if (m) {
    const months = m[2] === undefined ? 0 : Number(`0.${m[2]}`) * 12;
    const month = Math.round(months);
    // Month 12 would be next January: no decimal time R writes lies that close below a whole year.
    if (Math.abs(months - month) > MONTH_TOLERANCE || month > 11) return undefined;
    return { ms: Date.UTC(Number(m[1]), month, 1), dateOnly: true };
  }
  if (EPOCH_SECONDS.test(s)) return { ms: Math.round(Number(s) * 1000), dateOnly: false };
  if (EPOCH_MILLIS.test(s)) return { ms: Number(s), dateOnly: false };
  m = COMPACT_DATE.exec(s);
  if (m) {
    const ms = utcDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return ms === undefined ? undefined : { ms, dateOnly: true };
  }
  m = COMPACT_MONTH.exec(s);
  if (m) return { ms: Date.UTC(Number(m[1]), Number(m[2]) - 1, 1), dateOnly: true };
  if (SPREADSHEET_SERIAL.test(s)) {
    const days = Number(s);
    return { ms: Math.round((days - SERIAL_EPOCH_DAYS) * 86_400_000), dateOnly: Number.isInteger(days) };
  }
  return undefined;
}
