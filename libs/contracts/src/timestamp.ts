// Timestamp parsing is deliberately strict: only unambiguous forms are accepted (ISO-like dates,
// dates with an English month name, and the quarter, month and week labels R, tsibble, pandas and
// spreadsheets print: `2020 Q1`, `2020Q1`, `Jan 1949`, `1991 W06`), because guessing "01/02/2020"
// as Jan 2 or Feb 1 silently corrupts every derived frequency and forecast date.

import { parseNumericCell } from './numeric-cell';
import { parseUnambiguousYearRange } from './year-range';

const DATE_ONLY = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
/** `2020-03`, `2020/3`, `2020.03`: a month. */
const YEAR_MONTH = /^(\d{4})[-/.](\d{1,2})$/;
/** ISO 8601's ordinal date, the day of the year (`2023-001`, `2023-365`: satellite and hydrology data). */
const ORDINAL_DATE = /^(\d{4})-(\d{3})$/;
/** `2020 Q1`, `2020-Q1`, `2020Q1`, `Q1 2020`, `Q1-2020`, `2020:Q1` (EViews, BEA). */
const QUARTER = /^(?:(\d{4})\s*[-/ :]?\s*Q([1-4])|Q([1-4])\s*[-/ ]?\s*(\d{4}))$/i;
/** `1Q20`, `3Q2021`: the quarter first, as analysts' reports write it. */
const QUARTER_FIRST = /^([1-4])Q(\d{2}|\d{4})$/i;
/** Half years: `2020-H1`, `2020H2`, `H1 2020`, Eurostat's semesters `2020-S1`, `2020S2`. */
const HALF_YEAR = /^(?:(\d{4})\s*[-/ ]?\s*[HS]([12])|[HS]([12])\s*[-/ ]?\s*(\d{4}))$/i;
/** Fiscal years: `FY2020`, `FY 2021`, `FY-22` (the year's label; where it starts differs by company). */
const FISCAL_YEAR = /^FY\s*-?\s*(\d{4}|\d{2})$/i;
/** `Jan 1949`, `January-1949`, `1949 Jan`. */
const MONTH_NAME = /^(?:(\p{L}{3,10})\.?[ -](\d{4})|(\d{4})[ -](\p{L}{3,10})\.?)$/iu;
/** `Jan-98`: a spreadsheet's mmm-yy (hyphen only: `Jan 05` may be a day without its year). */
const MONTH_YY = /^(\p{L}{3,10})\.?-(\d{2})$/iu;
/** `01/2018`, `1-2018`, `03.2020`: a month number before a four-digit year, as spreadsheets print it. */
const MONTH_NUMBER_YEAR = /^(\d{1,2})[-/.](\d{4})$/;
/** ISO weeks as tsibble's yearweek and ISO 8601 print them: `1991 W06`, `1991-W06`, `1991W06`, `1991-W06-1`. */
const ISO_WEEK = /^(\d{4})\s*-?\s*W(\d{1,2})(?:-?([1-7]))?$/i;
/** Weeks as reports label them: `W1 2020`, `Week 12, 2020`, `Wk 5/2020`, German `KW 12 2020`, `2020 Week 3` (ISO weeks). */
const WEEK_LABEL = /^(?:(?:W|Wk|Week|KW)\.?\s*(\d{1,2})[\s,/-]+(\d{4})|(\d{4})[\s,/-]+(?:Wk|Week|KW)\.?\s*(\d{1,2}))$/i;
/** `1998M01`, `1998m1` (Eurostat, ONS, Stata). */
const YEAR_M_MONTH = /^(\d{4})M(\d{1,2})$/i;
/** Chinese, Japanese and Korean dates: `2020年1月`, `2020年1月15日`, `2020년 1월 15일`. */
const CJK_DATE = /^(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월](?:\s*(\d{1,2})\s*[日일])?$/;
/** `YYYYMMDD`, only before a time of day (alone it is a number: numeric-timestamp.ts reads it where
 *  the column is named as time). */
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
/** `04-Jan-2021`, `4 January 2021`, `4-Jan-21` (spreadsheets' d-mmm-yy, finance exports), `1. März 2020`. */
const DAY_MONTH_NAME = /^(\d{1,2})(?:st|nd|rd|th)?(?:\.\s?|[ -])(\p{L}{3,10})\.?,?[ -](\d{4}|\d{2})$/iu;
/** `Jan 4, 2021`, `January 04 2021` (US prose and Yahoo/Investing.com exports). */
const MONTH_NAME_DAY = /^(\p{L}{3,10})\.?[ -](\d{1,2})(?:st|nd|rd|th)?,?[ -](\d{4})$/iu;
/** A leading weekday, as in `Mon, 04 Jan 2021` or `Monday, January 4, 2021`: no month name starts alike. */
const WEEKDAY_PREFIX = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i;
/** Zone abbreviations that name one offset, in hours (a clock written with its summer or winter
 *  name, `01:00 CEST`, is exact across the change; `IST` and other ambiguous ones are not read). */
// prettier-ignore
const ZONE_HOURS: Readonly<Record<string, number>> = {
  WET: 0, WEST: 1, BST: 1, CET: 1, CEST: 2, EET: 2, EEST: 3, MSK: 3,
  EST: -5, EDT: -4, CST: -6, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7, AKST: -9, AKDT: -8, HST: -10,
  JST: 9, KST: 9, AEST: 10, AEDT: 11, ACST: 9.5, ACDT: 10.5, AWST: 8, NZST: 12, NZDT: 13,
};
/** A date, a time of day (`T` or spaces between), then an optional zone: `Z`, `UTC`, `GMT`, `+01:00`,
 *  `-0500`, or a ZONE_HOURS abbreviation (`CET`, `EDT`). */
const DATE_TIME =
  /^(.*?[\d日일])(?:T|\s+)(\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:\s*[ap]\.?m\.?)?)\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2}|[A-Z]{3,4})?$/i;
/** ISO 8601's interval, start/end or start/duration (`2020-01-01/2020-01-31`, `…T00:00Z/PT1H`), as
 *  SDMX and grid data APIs label periods. */
const ISO_INTERVAL = /^(\d{4}-\d{2}(?:-\d{2})?(?:T[^/]+)?)\/(P(?:\d|T\d)[\dYMWDTHS.]*|\d{4}-[^/]+)$/;
/** Two timestamps joined by a spaced dash or en dash. */
const INTERVAL = /^(.+?)\s+[-\u2013]\s+(.+)$/;
/** `14:30`, `9:05:00`, `14:30:00.250`, `2:30 PM`, `12:00 a.m.`. */
const CLOCK = /^(\d{1,2}):([0-5]\d)(?::([0-5]\d)(?:\.(\d{1,9}))?)?(?:\s*([ap])\.?m\.?)?$/i;

/** A parsed timestamp: UTC epoch milliseconds, plus whether it carried a time of day. */
export interface ParsedTimestamp {
  ms: number;
  dateOnly: boolean;
  /** The zone offset the cell was written with (ms ahead of UTC), where not 0: its local clock is
   *  ms + offsetMs (a shop's day for daily totals). */
  offsetMs?: number;
}

/** Parses `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY-MM`, dates with an English month name (`04-Jan-2021`,
 *  `Jan 4, 2021`), quarter labels (the quarter's first day), month labels with an English name,
 *  `Jan-98`, `01/2018` or `1998M01` (the month's first day), ISO weeks (`1991 W06`: its Monday), and
 *  any of those full dates followed by a time of day (`2020-03-05 14:30`, `2020/03/05 2:30 PM`,
 *  `…T14:30:00+01:00`; no zone = UTC), and a period written as its two ends (its start: splitInterval)
 *  or as an ISO 8601 interval (`2020-01-01/2020-01-31`, `2020-01-01T00:00Z/PT1H`: its start).
 *  Returns undefined for anything else, including impossible
 *  dates like 2021-02-30 and day/month orders it cannot tell apart (`03/05/2020`). */
export function parseTimestamp(text: string): ParsedTimestamp | undefined {
  const s = text.trim();
  const at = parseInstant(s);
  if (at) return at;
  const iso = ISO_INTERVAL.exec(s);
  if (iso) {
    const start = parseInstant(iso[1]);
    const end = iso[2].startsWith('P') ? undefined : parseInstant(iso[2]);
    return start && (end === undefined ? iso[2].startsWith('P') : end.ms > start.ms) ? start : undefined;
  }
  const interval = splitInterval(s);
  if (!interval) return undefined;
  const [start, end] = interval.map(parseInstant);
  return start && end && end.ms > start.ms ? start : undefined;
}

/** `01.01.2020 00:00 - 01.01.2020 01:00`, `2020-01-06 – 2020-01-12`: a period written as its two
 *  ends (ENTSO-E's and meter exports' MTU, a week's range), split at a spaced dash; the caller keeps
 *  the start when both ends read and the end comes later. */
export function splitInterval(text: string): [string, string] | undefined {
  const m = INTERVAL.exec(text.trim());
  return m ? [m[1], m[2]] : undefined;
}

function parseInstant(s: string): ParsedTimestamp | undefined {
  const m = DATE_TIME.exec(s);
  if (m) {
    const compact = COMPACT_DATE.exec(m[1]);
    const day = compact ? utcDate(+compact[1], +compact[2], +compact[3]) : parseCalendarDate(m[1]);
    const clock = parseClock(m[2]);
    const offset = zoneOffsetMs(m[3]);
    if (day === undefined || clock === undefined || offset === undefined) return undefined;
    return { ms: day + clock - offset, dateOnly: false, ...(offset ? { offsetMs: offset } : {}) };
  }
  const day = parseCalendarDate(s);
  return day === undefined ? parsePeriodLabel(s) : { ms: day, dateOnly: true };
}

/** Whether every cell is a date string (not a number: a value column of 1990..2030 is not years),
 *  the test a column not named as time passes to be read as one. */
export function isDateStringColumn(cells: readonly string[]): boolean {
  return cells.length > 0 && cells.every((cell) => parseNumericCell(cell) === undefined && parseTimestamp(cell) !== undefined);
}

/** Milliseconds since midnight of a time of day (`14:30`, `9:05:00.5`, `2:30 PM`), and `24:00`, ISO
 *  8601's end of the day (the next midnight), as hour-ending exports write the last hour (ERCOT's
 *  `01:00` … `24:00`); undefined for anything else, including 24:30 and 13:00 PM. */
export function parseClock(text: string): number | undefined {
  const m = CLOCK.exec(text.trim());
  if (!m) return undefined;
  const [, hour, min, sec = '0', frac, meridiem] = m;
  let h = Number(hour);
  if (meridiem === undefined) {
    if (h > 24 || (h === 24 && (Number(min) > 0 || Number(sec) > 0 || Number(frac ?? 0) > 0))) return undefined;
  } else {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0);
  }
  const ms = frac === undefined ? 0 : Math.round(Number(`0.${frac}`) * 1000);
  return ((h * 60 + Number(min)) * 60 + Number(sec)) * 1000 + ms;
}

/** How far ahead of UTC a zone suffix is, in ms: 0 for none, `Z`, `UTC` and `GMT`. */
function zoneOffsetMs(zone: string | undefined): number | undefined {
  if (zone !== undefined && /^[a-z]{3,4}$/i.test(zone) && !/^(utc|gmt)$/i.test(zone)) {
    const hours = ZONE_HOURS[zone.toUpperCase()];
    return hours === undefined ? undefined : hours * 3_600_000;
  }
  if (zone === undefined || !/^[+-]/.test(zone)) return 0;
  const off = zone.replace(':', '');
  const minutes = Number(off.slice(1, 3)) * 60 + Number(off.slice(3, 5));
  return (off[0] === '-' ? -1 : 1) * minutes * 60_000;
}

/** Epoch ms of a full calendar date (`2020-03-05`, `2020/3/5`, `04-Jan-2021`, `Jan 4, 2021`,
 *  `Mon, 04 Jan 2021`, `Wed, 2020-01-01`); undefined for anything else. */
function parseCalendarDate(text: string): number | undefined {
  const s = text.replace(WEEKDAY_PREFIX, '');
  let m = DATE_ONLY.exec(s);
  if (m) return utcDate(+m[1], +m[2], +m[3]);
  m = ORDINAL_DATE.exec(s);
  if (m) {
    const jan1 = Date.UTC(+m[1], 0, 1);
    const ms = jan1 + (+m[2] - 1) * 86_400_000;
    return +m[2] >= 1 && new Date(ms).getUTCFullYear() === +m[1] ? ms : undefined;
  }
  m = CJK_DATE.exec(s);
  if (m && m[3] !== undefined) return utcDate(+m[1], +m[2], +m[3]);
  m = DAY_MONTH_NAME.exec(s);
  if (m) {
    const month = parseMonth(m[2]);
    return month === undefined ? undefined : utcDate(fullYear(m[3]), month, +m[1]);
  }
  m = MONTH_NAME_DAY.exec(s);
  if (m) {
    const month = parseMonth(m[1]);
    return month === undefined ? undefined : utcDate(+m[3], month, +m[2]);
  }
  return undefined;
}

/** A two-digit year as strptime's %y reads it (69-99 are the 1900s, 00-68 the 2000s); four digits as they are. */
export function fullYear(text: string): number {
  const y = Number(text);
  if (text.length === 4) return y;
  return y >= 69 ? 1900 + y : 2000 + y;
}

/** The first day of a period named by a label: a year-month, quarter, month name, ISO week or `1998M01`. */
function parsePeriodLabel(s: string): ParsedTimestamp | undefined {
  const at = (ms: number | undefined) => (ms === undefined ? undefined : { ms, dateOnly: true });
  let m = QUARTER.exec(s);
  if (m) {
    const [year, quarter] = m[1] ? [+m[1], +m[2]] : [+m[4], +m[3]];
    return at(Date.UTC(year, 3 * (quarter - 1), 1));
  }
  m = QUARTER_FIRST.exec(s);
  if (m) return at(Date.UTC(fullYear(m[2]), 3 * (+m[1] - 1), 1));
  m = HALF_YEAR.exec(s);
  if (m) {
    const [year, half] = m[1] ? [+m[1], +m[2]] : [+m[4], +m[3]];
    return at(Date.UTC(year, 6 * (half - 1), 1));
  }
  m = FISCAL_YEAR.exec(s);
  if (m) return at(Date.UTC(fullYear(m[1]), 0, 1));
  const yearRange = parseUnambiguousYearRange(s);
  if (yearRange) return yearRange;
  m = MONTH_YY.exec(s);
  if (m) {
    const month = parseMonth(m[1]);
    return month === undefined ? undefined : at(Date.UTC(fullYear(m[2]), month - 1, 1));
  }
  m = MONTH_NAME.exec(s);
  if (m) {
    const month = parseMonth(m[1] ?? m[4]);
    return month === undefined ? undefined : at(Date.UTC(+(m[2] ?? m[3]), month - 1, 1));
  }
  m = ISO_WEEK.exec(s);
  if (m) return at(isoWeekDay(+m[1], +m[2], m[3] === undefined ? 1 : +m[3]));
  m = WEEK_LABEL.exec(s);
  if (m) return at(m[1] ? isoWeekDay(+m[2], +m[1], 1) : isoWeekDay(+m[3], +m[4], 1));
  m = YEAR_M_MONTH.exec(s) ?? YEAR_MONTH.exec(s);
  if (m) return at(utcDate(+m[1], +m[2], 1));
  m = MONTH_NUMBER_YEAR.exec(s);
  if (m) return at(utcDate(+m[2], +m[1], 1));
  m = CJK_DATE.exec(s);
  if (m && m[3] === undefined) return at(utcDate(+m[1], +m[2], 1));
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

/** Names of the columns a date is split into (`year, month, value`; German `Jahr;Monat;Umsatz`,
 *  French `Année;Mois`, Spanish `Año;Mes`, Italian `Anno;Mese`, Dutch `Jaar;Maand`). */
const DATE_PART_NAMES = {
  year: ['year', 'jahr', 'annee', 'ano', 'anno', 'jaar'],
  month: ['month', 'monat', 'mois', 'mes', 'mese', 'maand'],
  day: ['day', 'tag', 'jour', 'dia', 'giorno', 'dag'],
} as const;

/** The column of `header` named as the year, month or day of a date split into columns. */
export function datePartColumn(header: readonly string[], part: keyof typeof DATE_PART_NAMES): number | undefined {
  const names: readonly string[] = DATE_PART_NAMES[part];
  const i = header.findIndex((h) => names.includes(foldAccents(h.trim().toLowerCase())));
  return i < 0 ? undefined : i;
}

function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

/** Month names in the languages spreadsheets and statistics offices export them in (English,
 *  German, French, Spanish, Italian, Dutch, Portuguese), accents stripped. */
const MONTH_NAMES: readonly (readonly string[])[] = [
  ['january', 'januar', 'janvier', 'enero', 'gennaio', 'januari', 'janeiro'],
  ['february', 'februar', 'fevrier', 'febrero', 'febbraio', 'februari', 'fevereiro'],
  ['march', 'marz', 'mars', 'marzo', 'maart', 'marco'],
  ['april', 'avril', 'abril', 'aprile'],
  ['may', 'mai', 'mayo', 'maggio', 'mei', 'maio'],
  ['june', 'juni', 'juin', 'junio', 'giugno', 'junho'],
  ['july', 'juli', 'juillet', 'julio', 'luglio', 'julho'],
  ['august', 'aout', 'agosto', 'augustus'],
  ['september', 'septembre', 'septiembre', 'setiembre', 'settembre', 'setembro'],
  ['october', 'oktober', 'octobre', 'octubre', 'ottobre', 'outubro'],
  ['november', 'novembre', 'noviembre', 'novembro'],
  ['december', 'dezember', 'decembre', 'diciembre', 'dicembre', 'dezembro'],
];
/** Abbreviations that are no prefix of their month's name: German `Mrz`, Dutch `mrt`. */
const MONTH_ABBREVIATIONS: Readonly<Record<string, number>> = { mrz: 3, mrt: 3 };

/** Month number 1..12 from `3`, `03`, `Mar`, `march`, `Sept`, and the same in German, French,
 *  Spanish, Italian, Dutch and Portuguese (`Mrz`, `März`, `janv.`, `févr`, `ene`, `gen`, `mei`,
 *  `out`); undefined otherwise. */
export function parseMonth(text: string): number | undefined {
  const s = text.trim().toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/\.$/, '');
  if (/^\d{1,2}$/.test(s)) {
    const n = Number(s);
    return n >= 1 && n <= 12 ? n : undefined;
  }
  if (s.length < 3) return undefined;
  if (MONTH_ABBREVIATIONS[s]) return MONTH_ABBREVIATIONS[s];
  // Any prefix of at least 3 letters of a name that only one month's names start with: "Sep",
  // "Sept", "September", "juil"; not "jui" (juin or juillet), not "Marchx".
  const months = MONTH_NAMES.flatMap((names, i) => (names.some((name) => name.startsWith(s)) ? [i + 1] : []));
  return months.length === 1 ? months[0] : undefined;
}
