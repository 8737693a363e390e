// A long panel uploaded without `seriesColumn` (statsforecast's `unique_id, ds, y`, or a tsibble
// export keyed by several columns: `Quarter, Region, State, Purpose, Trips`) fails as one series on
// its repeated timestamps; the API then asks this whether it reads as a panel. Detected from the
// head of the file: a time column whose values repeat on most rows (or on fewer, where the ids are
// named as such: a ragged panel, a file sorted by series), and id columns (text, or named like an
// id) that make every (series, time) pair in the head unique. Only tried on a file that
// failed as one series (`year, month, passengers` also repeats its year, and is one series), or
// one keyed by `unique_id` (isKeyedBySeriesId).
import {
  binaryUploadProblem,
  headerlessColumnNames,
  locateCsvHeader,
  splitCsv,
  isDateStringColumn,
  isMissingCell,
  isSeriesIdColumnName,
  parseNumericCell,
  parseTimeValue,
  isYearRangeColumn,
  VALUE_COLUMN_NAMES,
} from '@seqcast/contracts';
import { decodeCsvBytes } from '../csv/decode-text';
import { isDayMonthColumn } from '../time/day-month-dates';
import { isStepNumberColumn } from '../time/step-numbers';
import { clockColumnOfHead, isTimeOfDayColumn } from '../time/time-of-day';
import { SERIES_KEY_SEPARATOR, TIME_NAMES } from './panel-columns';
import { readUploadHeadRows } from './panel-head';
import { isAverageRow, yearMonthColumns } from './year-month-columns';

/** Share of the head's rows whose timestamp some other row shares, for a panel: a shared grid
 *  repeats nearly every instant; a local-clock series repeats one hour a year. */
const MIN_REPEATED_SHARE = 0.5;

/** Names of what panels are usually forecast for, preferred among numeric columns for the values. */
const TARGET_NAMES = /sales|demand|qty|quantity|units|volume|load|consumption|usage|target|count|price|close|revenue|amount|kwh/i;

export interface LongPanelLayout {
  /** The id column(s), joined with '/' into each series' key. */
  seriesColumn: string[];
  timeColumn: string;
  /** Where no column is named y or value: the numeric column named like what is forecast (sales,
   *  demand, load, …: Favorita's `sales` beside `onpromotion`), else the last other numeric one
   *  (Walmart's `Weekly_Sales` before its `IsHoliday` flag). Absent where the parser's own default
   *  (y or value, else the last column) is it. */
  valueColumn?: string;
}

export function detectLongPanel(input: string | Buffer, timeColumn?: string): LongPanelLayout | undefined {
  // Broken quoting reads as no rows: the single-series parser names the problem.
  const rows = readUploadHeadRows(input);
  const [header, ...head] = rows;
  if (!header || head.length < 4 || head.some((r) => r.length !== header.length)) return undefined;
  // A year and a month column (`state, year, month, value`; BLS' period codes) date the rows together.
  const found = timeColumn === undefined ? yearMonthColumns(header, head) : undefined;
  // …unless a column holds whole dates (`date, year, month, sales`): that one is the time.
  const yearMonth =
    found && !header.some((_, c) => c !== found.year && c !== found.month && isDateStringColumn(head.map((r) => r[c])))
      ? found
      : undefined;
  const data = yearMonth ? head.filter((r) => !isAverageRow(yearMonth, r)) : head;
  if (data.length < 4) return undefined;
  // Time columns: named like one (TIME_NAMES) or holding date strings; the finest one (most
  // distinct instants: `Date_Time` over `Date`) is the panel's time, the others are neither ids nor time.
  // `03/05/2020` dates count too: the panel parser tells their order from the first series.
  const isTime = (c: number) =>
    (data.every((r) => parseTimeValue(r[c])) &&
      (TIME_NAMES.includes(header[c].trim().toLowerCase()) || isDateStringColumn(data.map((r) => r[c])))) ||
    isDayMonthColumn(data.map((r) => r[c])) ||
    isYearRangeColumn(data.map((r) => r[c]));
  // Without dates, a time column named so that numbers the steps (M4 as datasetsforecast loads it:
  // `unique_id, ds, y` with ds 1, 2, 3, …): an undated panel ordered by it.
  const isStepIndex = (c: number) =>
    TIME_NAMES.includes(header[c].trim().toLowerCase()) && isStepNumberColumn(data.map((r) => r[c]));
  const timeColumns = yearMonth ? [yearMonth.year, yearMonth.month] : header.flatMap((_, c) => (isTime(c) ? [c] : []));
  if (!timeColumns.length) timeColumns.push(...header.flatMap((_, c) => (isStepIndex(c) ? [c] : [])));
  const distinct = (c: number) => new Set(data.map((r) => r[c])).size;
  const timeIdx =
    timeColumn !== undefined
      ? header.findIndex((h) => h.trim().toLowerCase() === timeColumn.trim().toLowerCase())
      : yearMonth
        ? yearMonth.year
        : timeColumns.reduce((best, c) => (best < 0 || distinct(c) > distinct(best) ? c : best), -1);
  const timeCells = timeIdx < 0 ? [] : data.map((r) => r[timeIdx]);
  if (
    timeIdx < 0 ||
    !(
      timeCells.every((cell) => parseTimeValue(cell)) ||
      isStepNumberColumn(timeCells) ||
      isDayMonthColumn(timeCells) ||
      isYearRangeColumn(timeCells)
    )
  )
    return undefined;

  // A time of day in a column of its own (`sensor, Date, Time, value`), or the month beside the
  // year: each row's instant is both.
  const clockIdx = yearMonth ? yearMonth.month : clockColumnOfHead(header, data, timeIdx)?.index;
  const instant = (r: string[]) => (clockIdx === undefined ? r[timeIdx] : `${r[timeIdx]} ${r[clockIdx]}`);
  const timeCounts = new Map<string, number>();
  for (const r of data) timeCounts.set(instant(r), (timeCounts.get(instant(r)) ?? 0) + 1);
  const repeated = data.filter((r) => timeCounts.get(instant(r))! > 1).length;

  // Id columns: named like one first, then text columns, in header order, as many as make every
  // (series, time) pair of the head unique; then one the pairs stay unique without and that changes
  // within a series is dropped (a `holiday` flag beside `sensor`), while one that follows from the
  // others is kept (`State` beside `Region`: tsibble's key).
  const named = (c: number) => isSeriesIdColumnName(header[c]);
  const candidates = header
    .flatMap((_, c) =>
      c === timeIdx || c === clockIdx || timeColumns.includes(c)
        ? []
        : named(c)
          ? [{ c, named: true }]
          : // Text, not a time of day, and not the same on every row (InfluxDB's `_measurement`: it keys nothing).
            data.some((r) => r[c] !== '' && parseNumericCell(r[c]) === undefined) &&
              !isTimeOfDayColumn(data.map((r) => r[c])) &&
              distinct(c) > 1
            ? [{ c, named: false }]
            : [],
    )
    // A column with a different value on every row of the head is tried last: a row number (`id`
    // before Favorita's `store_nbr, family`), unless nothing else keys the rows (a head that holds
    // one instant of a panel of more series than it has rows). Over more instants than that it
    // keys no series, each row being its own: an order or transaction id (rows to aggregate).
    .map(({ c, named }) => ({ c, named, rowNumber: distinct(c) === data.length }))
    .filter(({ rowNumber }) => !rowNumber || timeCounts.size <= 2)
    .sort((a, b) => Number(a.rowNumber) - Number(b.rowNumber) || Number(b.named) - Number(a.named))
    .map(({ c }) => c);
  const unique = (ids: number[]) => {
    const seen = new Set<string>();
    for (const r of data) {
      const pair = `${ids.map((c) => r[c]).join(SERIES_KEY_SEPARATOR)}\u0000${instant(r)}`;
      if (seen.has(pair)) return false;
      seen.add(pair);
    }
    return true;
  };
  let idIdx: number[] = [];
  for (const c of candidates) {
    idIdx.push(c);
    if (unique(idIdx)) break;
  }
  const valueLeft = header.some((_, c) => c !== timeIdx && c !== clockIdx && !timeColumns.includes(c) && !idIdx.includes(c));
  if (!idIdx.length || !unique(idIdx) || !valueLeft) return undefined;
  const variesWithin = (ids: number[], c: number) => {
    const value = new Map<string, string>();
    return data.some((r) => {
      const key = ids.map((i) => r[i]).join(SERIES_KEY_SEPARATOR);
      const v = value.get(key);
      value.set(key, r[c]);
      return v !== undefined && v !== r[c];
    });
  };
  for (const c of [...idIdx]) {
    const rest = idIdx.filter((i) => i !== c);
    if (rest.length && unique(rest) && variesWithin(rest, c)) idIdx = rest;
  }
  idIdx.sort((a, b) => a - b);
  // Few repeated instants: a panel only when its ids are named as such and group the rows (a ragged
  // panel, or a head that is all one series of a file sorted by series); else a local-clock series.
  const keys = new Set(data.map((r) => idIdx.map((c) => r[c]).join(SERIES_KEY_SEPARATOR))).size;
  if (repeated < MIN_REPEATED_SHARE * data.length && !(idIdx.every(named) && keys <= data.length / 2)) return undefined;
  const others = header.flatMap((_, c) =>
    c === timeIdx || c === clockIdx || timeColumns.includes(c) || idIdx.includes(c) ? [] : [c],
  );
  const numeric = (c: number) => data.every((r) => isMissingCell(r[c]) || parseNumericCell(r[c]) !== undefined);
  const byName = others.some((c) => (VALUE_COLUMN_NAMES as readonly string[]).includes(header[c].trim().toLowerCase()));
  const numericOthers = others.filter(numeric);
  const valueIdx = byName ? undefined : (numericOthers.find((c) => TARGET_NAMES.test(header[c])) ?? numericOthers.at(-1));
  return {
    seriesColumn: idIdx.map((c) => header[c]),
    timeColumn: header[timeIdx],
    ...(valueIdx !== undefined && valueIdx !== others.at(-1) ? { valueColumn: header[valueIdx] } : {}),
  };
}

/** statsforecast's series column: a file keyed by it is a panel, whatever its timestamps look like. */
const UNIQUE_ID = /^(unique_?id|series_?id)$/i;
/** Where a header can be: after a title block or an export's preamble, well inside this. */
const NAME_SCAN_BYTES = 64 * 1024;

/**
 * Whether the file names its series in a `unique_id` (or `series_id`) column holding two or more
 * of them in its head. Such a file is a long panel even where it also reads as one series: series
 * that never share a timestamp (one product's months, then the next's; a monthly and a daily
 * series) have no repeated time for the single-series parser to fail on, and it would join them
 * into one irregular or, worse, one regular series.
 */
export function isKeyedBySeriesId(input: string | Buffer): boolean {
  // Every CSV upload asks: one without the name anywhere near its start is not read twice. A
  // binary file is no panel: the single-series parser names what it is.
  if (typeof input !== 'string' && binaryUploadProblem(input)) return false;
  const start = typeof input === 'string' ? input.slice(0, NAME_SCAN_BYTES) : decodeCsvBytes(input.subarray(0, NAME_SCAN_BYTES));
  if (!/unique_?id|series_?id/i.test(start) && !startsHeaderless(start)) return false;
  const [header, ...head] = readUploadHeadRows(input);
  const c = header?.findIndex((name) => UNIQUE_ID.test(name.trim())) ?? -1;
  return c >= 0 && new Set(head.map((r) => r[c]).filter((v) => v !== undefined && v.trim() !== '')).size >= 2;
}

/** Whether the file's first line is data, not a header (csv-header.ts then names a text column
 *  `unique_id`). */
function startsHeaderless(start: string): boolean {
  const location = locateCsvHeader(start);
  const line = start.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)[location.line - 1] ?? '';
  return headerlessColumnNames(splitCsv(line, location.delimiter)[0] ?? [])?.includes('unique_id') ?? false;
}

/** The warning a detected panel's upload answers with: which columns were read as what. */
export function describeDetectedPanel(layout: LongPanelLayout, valueColumn: string): string {
  return (
    `Read as a long panel: one series per ${layout.seriesColumn.map((c) => `"${c}"`).join(', ')}, ` +
    `time "${layout.timeColumn}", values "${valueColumn}"; ` +
    'pass seriesColumn (and valueColumn) to choose the columns yourself.'
  );
}
