// Timestamp parsing is deliberately strict: only unambiguous forms are accepted (ISO-like dates,
// and the quarter, month and week labels R, tsibble, pandas and spreadsheets print: `2020 Q1`,
// `2020Q1`, `Jan 1949`, `1991 W06`), because guessing "01/02/2020" as Jan 2 or Feb 1 silently corrupts every derived
// frequency and forecast date.

const DATE_ONLY = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$/;
/** `2020 Q1`, `2020-Q1`, `2020Q1`, `Q1 2020`, `Q1-2020`. */
const QUARTER = /^(?:(\d{4})\s*[-/ ]?\s*Q([1-4])|Q([1-4])\s*[-/ ]?\s*(\d{4}))$/i;
/** `Jan 1949`, `January-1949`, `1949 Jan`. */
const MONTH_NAME = /^(?:([a-z]{3,9})\.?[ -](\d{4})|(\d{4})[ -]([a-z]{3,9})\.?)$/i;
/** `Jan-98`: a spreadsheet's mmm-yy (hyphen only: `Jan 05` may be a day without its year). */
const MONTH_YY = /^([a-z]{3,9})-(\d{2})$/i;
/** ISO weeks as tsibble's yearweek and ISO 8601 print them: `1991 W06`, `1991-W06`, `1991W06`, `1991-W06-1`. */
const ISO_WEEK = /^(\d{4})\s*-?\s*W(\d{1,2})(?:-?([1-7]))?$/i;
/** `1998M01`, `1998m1` (Eurostat, ONS, Stata). */
const YEAR_M_MONTH = /^(\d{4})M(\d{1,2})$/i;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** A parsed timestamp: UTC epoch milliseconds, plus whether it carried a time of day. */
export interface ParsedTimestamp {
  ms: number;
  dateOnly: boolean;
}

/** Parses `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY-MM`, quarter labels (the quarter's first day), month
 *  labels with an English name, `Jan-98` or `1998M01` (the month's first day), ISO weeks (`1991 W06`: its
 *  Monday) and ISO date-times (no offset = UTC).
 *  Returns undefined for anything else, including impossible dates like 2021-02-30. */
export function parseTimestamp(text: string): ParsedTimestamp | undefined {
  const s = text.trim();
  let m = QUARTER.exec(s);
  if (m) {
    const [year, quarter] = m[1] ? [+m[1], +m[2]] : [+m[4], +m[3]];
    return { ms: Date.UTC(year, 3 * (quarter - 1), 1), dateOnly: true };
  }
  m = MONTH_YY.exec(s);
  if (m) {
    const month = parseMonth(m[1]);
    const yy = Number(m[2]);
    // strptime's %y: 69-99 are the 1900s, 00-68 the 2000s.
    return month === undefined ? undefined : { ms: Date.UTC(yy >= 69 ? 1900 + yy : 2000 + yy, month - 1, 1), dateOnly: true };
  }
  m = MONTH_NAME.exec(s);
  if (m) {
    const month = parseMonth(m[1] ?? m[4]);
    return month === undefined ? undefined : { ms: Date.UTC(+(m[2] ?? m[3]), month - 1, 1), dateOnly: true };
  }
  m = ISO_WEEK.exec(s);
  if (m) {
    const ms = isoWeekDay(+m[1], +m[2], m[3] === undefined ? 1 : +m[3]);
    return ms === undefined ? undefined : { ms, dateOnly: true };
  }
  m = YEAR_M_MONTH.exec(s);
  if (m) {
    const ms = utcDate(+m[1], +m[2], 1);
    return ms === undefined ? undefined : { ms, dateOnly: true };
  }
  m = DATE_ONLY.exec(s);
  if (m) {
    const ms = utcDate(+m[1], +m[2], m[3] === undefined ? 1 : +m[3]);
    return ms === undefined ? undefined : { ms, dateOnly: true };
  }
  m = DATE_TIME.exec(s);
  if (m) {
    const day = utcDate(+m[1], +m[2], +m[3]);
    const [h, min, sec] = [+m[4], +m[5], m[6] === undefined ? 0 : +m[6]];
    if (day === undefined || h > 23 || min > 59 || sec > 59) return undefined;
    const frac = m[7] === undefined ? 0 : Math.round(Number(`0.${m[7]}`) * 1000);
    let ms = day + ((h * 60 + min) * 60 + sec) * 1000 + frac;
    if (m[8] !== undefined && m[8].toUpperCase() !== 'Z') {
      const off = m[8].replace(':', '');
      const minutes = +off.slice(1, 3) * 60 + +off.slice(3, 5);
      ms -= (off[0] === '-' ? -1 : 1) * minutes * 60_000;
    }
    return { ms, dateOnly: false };
  }
  return undefined;
}

/** Epoch ms of day `weekday` (1 = Monday) of ISO week `week` of ISO year `year`: week 1 holds the
 *  year's first Thursday. Undefined for a week the year does not have (W53 of most years). */
function isoWeekDay(year: number, week: number, weekday: number): number | undefined {
  const jan4 = Date.UTC(year, 0, 4);
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000;
  const ms = mondayOfWeek1 + ((week - 1) * 7 + weekday - 1) * 86_400_000;
  // The week's Thursday decides its ISO year: W53 of a 52-week year lands in the next one.
  const thursday = new Date(mondayOfWeek1 + ((week - 1) * 7 + 3) * 86_400_000);
  return week >= 1 && thursday.getUTCFullYear() === year ? ms : undefined;
}

/** Epoch ms of a calendar date in UTC, or undefined when the date does not exist. */
export function utcDate(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  // Date.UTC rolls 2021-02-30 over to March; reject instead.
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return ms;
}

/** Canonical string form used everywhere in seqcast: `YYYY-MM-DD` for dates, full ISO otherwise. */
export function formatTimestamp(ms: number, dateOnly: boolean): string {
  const iso = new Date(ms).toISOString();
  return dateOnly ? iso.slice(0, 10) : iso;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** Month number 1..12 from `3`, `03`, `Mar`, `march`, `Sept`; undefined otherwise. */
export function parseMonth(text: string): number | undefined {
  const s = text.trim().toLowerCase().replace(/\.$/, '');
  if (/^\d{1,2}$/.test(s)) {
    const n = Number(s);
    return n >= 1 && n <= 12 ? n : undefined;
  }
  if (s.length < 3) return undefined;
  // Any prefix of at least 3 letters of the English name: "Sep", "Sept", "September"; not "Marchx".
  const idx = MONTHS.findIndex((name) => name.startsWith(s));
  return idx < 0 ? undefined : idx + 1;
}
