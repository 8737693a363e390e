import { parse } from 'csv-parse/sync';
import {
  describeBadNumber,
  detectRowsPanel,
  formatTimestamp,
  hasDecimalComma,
  isMissingCell,
  locateCsvHeader,
  mayHoldNumericTime,
  TIME_COLUMN_NAMES,
  type ParsedTimestamp,
  parseMonth,
  parseNumericCell,
  parseTimestamp,
  parseTimeValue,
  parseYearRange,
  isYearRangeColumn,
  yearRangeWarning,
  datePartColumn,
  headerlessColumnNames,
  headerlessWarning,
  skippedLinesWarning,
  utcDate,
  valueColumnByName,
  isUnitsRow,
  MAX_UNITS_ROWS,
  unitsRowsWarning,
  annualAveragesWarning,
  annualAverageTest,
  blsPeriodColumn,
  blsPeriodMonth,
  VALUE_COLUMN_NAMES,
  aggregateSteps,
  stepIsWholeDays,
  type Aggregation,
  isNoteRow,
  MAX_NOTE_ROWS,
  notesWarning,
} from '@seqcast/contracts';
import { headerNames } from './header-names';
import { isRunningIndex } from './running-index';
import { DatasetValidationError } from '../errors';
import { dayMonthWarning, parseDayMonthColumn } from '../time/day-month-dates';
import { aggregateHint, aggregationOption, aggregationWarning, bucketInstant, type ResampleStep } from '../time/aggregate-steps';
import { fillGaps } from '../time/fill-gaps';
import { inferFrequency, inferFrequencyWithMissing } from '../time/frequency';
import { snapToGrid, snapWarning } from '../time/snap-to-grid';
import { decodeCsvBytes } from './decode-text';
import { MAX_SUMMARY_ROWS, SUMMARY_LABEL, summaryRowsWarning } from './summary-rows';
import { isStepNumberColumn } from '../time/step-numbers';
import { clockColumnOfHead, dayPeriodsInStandardTime } from '../time/time-of-day';
import { assertMinLength, DEFAULT_MAX_COLUMNS, DEFAULT_MAX_ROWS } from './dataset-limits';
import type { ParsedDataset } from './parsed-dataset';
import { chronologicalPoints } from './timestamp-checks';

/** Rows looked at to tell whether a `,` file's numbers have a decimal comma (contracts' hasDecimalComma). */
const DECIMAL_SAMPLE_ROWS = 1000;

/** Said of a series whose timestamps follow no step: often a log of events or transactions. */
const IRREGULAR_WARNING =
  'The timestamps follow no regular step: the rows are modelled as consecutive points, and forecasts carry no dates. ' +
  `${upperFirst(aggregateHint('its'))}.`;

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Rows a rows-panel layout is told from, as the panel parser's head. */
const ROWS_PANEL_SAMPLE = 5000;

export interface ParseCsvOptions {
  /** Column holding the series; default: a numeric column named y, value or values, else the last
   *  numeric column that is not a time column. */
  valueColumn?: string;
  /** Column holding timestamps; default: year+month(+day) columns, else the first date column. */
  timeColumn?: string;
  /** Max data rows (header excluded); default DEFAULT_MAX_ROWS. */
  maxRows?: number;
  /** Max columns; default DEFAULT_MAX_COLUMNS. */
  maxColumns?: number;
  /** Rows sharing a time step combined into one value (aggregate-steps.ts): a transaction log. */
  aggregate?: Aggregation;
  /** With `aggregate`: the step rows are resampled to (`daily`, `hourly`, `weekly`, `MS`, …);
   *  default: rows sharing one timestamp are combined. */
  frequency?: string;
}

/** A record and, computed only when a message needs it, the 1-based file line where it ends
 *  (== its line unless a quoted field spans lines). */
class CsvRow {
  constructor(
    readonly cells: string[],
    private readonly index: number,
    private readonly lines: () => number[],
  ) {}

  get line(): number {
    return this.lines()[this.index];
  }
}

/**
 * Parses an uploaded CSV into a validated series. Accepts a UTF-8 BOM, CRLF, quoted fields and
 * `,` `;` tab or `|` delimiters, lines before the header (csv-header.ts). Every problem is a
 * DatasetValidationError whose message names the 1-based file line and the column.
 */
export function parseCsvDataset(input: string | Buffer, options: ParseCsvOptions = {}): ParsedDataset {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const maxColumns = options.maxColumns ?? DEFAULT_MAX_COLUMNS;
  let text = typeof input === 'string' ? input : decodeCsvBytes(input);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new DatasetValidationError('The file is empty.');

  const resample = aggregationOption(options)?.step;
  const location = locateCsvHeader(text);
  const { delimiter } = location;
  const rows = readRows(text, delimiter, maxRows, location.line);

  const unnamed = headerlessColumnNames(rows[0].cells);
  const header = unnamed ?? headerNames(rows[0].cells, rows[0].line);
  if (header.length > maxColumns) {
    throw new DatasetValidationError(`The file has ${header.length} columns; at most ${maxColumns} are allowed.`);
  }
  const warnings: string[] = [
    skippedLinesWarning(location) ?? [],
    unnamed ? headerlessWarning(rows[0].line, unnamed) : [],
  ].flat();
  const table = unnamed ? rows : withoutUnitsRows(rows.slice(1), header, warnings);
  let data = withoutSummaryRows(withoutTrailingNotes(table, header.length, warnings), warnings);
  if (data.length === 0) throw new DatasetValidationError('The file has a header row but no data rows.');
  if (data.length > maxRows) {
    throw new DatasetValidationError(`The file has more than ${maxRows} data rows, the maximum allowed.`);
  }
  for (const row of data) {
    if (row.cells.length !== header.length) {
      throw new DatasetValidationError(
        `Line ${row.line}: expected ${header.length} fields (as in the header) but found ${row.cells.length}.`,
        { line: row.line },
      );
    }
  }

  data = withoutAnnualAverages(header, data, warnings);

  // One row per series (M4's, M5's files) would read as one series of each row's last value.
  if (options.valueColumn === undefined && options.timeColumn === undefined && !unnamed) {
    const layout = detectRowsPanel(
      rows[0].cells,
      data.slice(0, ROWS_PANEL_SAMPLE).map((r) => r.cells),
    );
    if (layout) {
      throw new DatasetValidationError(
        `The file holds one row per series (ids in "${header[layout.seriesIdx[0]]}", values in columns ` +
          `"${header[layout.stepIdx[0]]}" to "${header[layout.stepIdx.at(-1)!]}"): upload it as a panel with format=rows.`,
      );
    }
  }

  const decimalComma = hasDecimalComma(
    delimiter,
    data.slice(0, DECIMAL_SAMPLE_ROWS).map((r) => r.cells),
  );
  const column = (name: string, role: string) => resolveColumn(header, name, role);
  const explicitValue = options.valueColumn === undefined ? undefined : column(options.valueColumn, 'valueColumn');
  const time = findTimestamps(
    header,
    data,
    options.timeColumn === undefined ? undefined : column(options.timeColumn, 'timeColumn'),
    explicitValue,
    warnings,
  );

  if (options.aggregate && !time) {
    throw new DatasetValidationError(
      `aggregate combines the rows of each time step, and the file has no time column (columns: ${header.join(', ')}); ` +
        'name it with timeColumn.',
    );
  }
  if (options.aggregate === 'count' && explicitValue === undefined && time)
    return countRows(data, header, time, resample, warnings);
  let valueIdx = explicitValue;
  if (valueIdx === undefined) {
    valueIdx = defaultValueColumn(header, data, decimalComma, time?.columns ?? []);
    if (valueIdx === undefined) {
      throw new DatasetValidationError(
        `No numeric column found. Available columns: ${header.join(', ')}. Choose one with valueColumn` +
          (time
            ? ', or count the rows of each step (a log of events) with aggregate=count and frequency=hourly, daily, ….'
            : '.'),
      );
    }
    // Chosen as the last numeric column (not named y/value): say which others were left out.
    const named = (VALUE_COLUMN_NAMES as readonly string[]).includes(header[valueIdx].trim().toLowerCase());
    const unused = named ? [] : otherSeriesColumns(header, data, decimalComma, [valueIdx, ...(time?.columns ?? [])]);
    if (unused.length) {
      warnings.push(
        `Column "${header[valueIdx]}" is the series; ${unused.map((c) => `"${header[c]}"`).join(', ')} ` +
          `${unused.length === 1 ? 'is' : 'are'} not used: pass valueColumn to choose another, or format=wide to upload every ` +
          'numeric column as a series of a panel.',
      );
    }
  } else if (time?.columns.includes(valueIdx)) {
    throw new DatasetValidationError(`Column "${header[valueIdx]}" cannot be both the value and the time column.`);
  }

  const valueName = header[valueIdx];
  // With a time column a missing value (NA, an empty cell) is a missing time step: left out here,
  // filled like any other gap below. Without one there is no telling where it was.
  const observed: number[] = [];
  const missing: CsvRow[] = [];
  const missingAt: number[] = [];
  const values: number[] = [];
  for (const [i, row] of data.entries()) {
    const cell = row.cells[valueIdx];
    if (time && isMissingCell(cell)) {
      missing.push(row);
      missingAt.push(i);
      continue;
    }
    const v = parseNumericCell(cell, decimalComma);
    if (v === undefined || !Number.isFinite(v)) {
      const hint = isMissingCell(cell) ? ' (a missing value is allowed where rows have timestamps: it is filled as a gap)' : '';
      throw new DatasetValidationError(`Line ${row.line}, column "${valueName}": value ${describeBadNumber(cell)}${hint}.`, {
        line: row.line,
        column: valueName,
      });
    }
    observed.push(i);
    values.push(v);
  }
  assertMinLength(values.length);
  if (missing.length) warnings.push(missingValuesWarning(valueName, missing));

  const result: ParsedDataset = { values, columns: header, valueColumn: valueName, warnings };
  if (time && options.aggregate) {
    keyColumnsWarning(header, data, [valueIdx, ...time.columns], warnings);
    return { ...result, ...aggregatedSeries(observed, values, options.aggregate, resample, time, warnings) };
  }
  if (time) {
    const dateOnly = time.parsed.every((p) => p.dateOnly);
    const label = (t: number) => formatTimestamp(t, dateOnly);
    const points = chronologicalPoints(
      observed.map((i) => time.parsed[i].ms),
      values,
      (j) => `Line ${data[observed[j]].line}`,
      label,
    );
    if (points.warning) warnings.push(points.warning);
    let frequency = inferFrequencyWithMissing(
      points.ms,
      missingAt.map((i) => time.parsed[i].ms),
    );
    const snapped = frequency === 'irregular' ? snapToGrid(points.ms, points.values) : undefined;
    if (snapped) {
      warnings.push(snapWarning(snapped, label, snapped.ms[0]));
      [points.ms, points.values, frequency] = [snapped.ms, snapped.values, inferFrequency(snapped.ms)];
    }
    if (frequency === 'irregular') warnings.push(IRREGULAR_WARNING);
    const filled = fillGaps(points.ms, points.values, frequency, label);
    if (filled.warning) warnings.push(filled.warning);
    result.values = filled.values;
    result.timestamps = filled.ms.map(label);
    result.timeColumn = time.name;
    result.frequency = frequency;
  }
  return result;
}

/** The data rows `rows` (their `values`) combined per step (or per timestamp), in time order, with
 *  the step's gaps filled. */
function aggregatedSeries(
  rows: number[],
  values: number[],
  how: Aggregation,
  step: ResampleStep | undefined,
  time: FoundTimestamps,
  warnings: string[],
): Pick<ParsedDataset, 'values' | 'timestamps' | 'timeColumn' | 'frequency'> {
  const ms = rows.map((i) => bucketInstant(time.parsed[i], step));
  const agg = aggregateSteps(ms, values, how, step);
  assertMinLength(agg.ms.length);
  const dateOnly = step ? stepIsWholeDays(step) : time.parsed.every((p) => p.dateOnly);
  const label = (t: number) => formatTimestamp(t, dateOnly);
  const frequency = step?.label ?? inferFrequency(agg.ms);
  warnings.push(aggregationWarning({ rows: agg.rows, steps: agg.ms.length, zeroSteps: agg.zeroSteps }, how, step));
  if (frequency === 'irregular') {
    warnings.push(
      'The combined timestamps still follow no regular step: send frequency (hourly, daily, weekly, monthly, …) to ' +
        'resample them to one.',
    );
  }
  const filled = fillGaps(agg.ms, agg.values, frequency, label);
  if (filled.warning) warnings.push(filled.warning);
  return { values: filled.values, timestamps: filled.ms.map(label), timeColumn: time.name, frequency };
}

/** Rows combined across a text column that repeats (a store, a product) sum up what may be one
 *  series each: say so, and how to keep them apart. A column unique to each row (an order id) is not one. */
function keyColumnsWarning(header: string[], data: CsvRow[], exclude: number[], warnings: string[]): void {
  const keys = header.flatMap((name, c) => {
    if (exclude.includes(c)) return [];
    const cells = data.map((r) => r.cells[c]);
    const distinct = new Set(cells).size;
    const text = cells.some((cell) => cell !== '' && parseNumericCell(cell) === undefined);
    return text && distinct > 1 && distinct <= data.length / 2 ? [name] : [];
  });
  if (!keys.length) return;
  const named = keys.map((k) => `"${k}"`).join(', ');
  warnings.push(
    `The rows of every ${named} are combined into one series; to forecast one series per ${named}, upload the file as ` +
      `a panel with seriesColumn=${keys.join(',')}.`,
  );
}

/** aggregate=count without a value column: the rows of each step, whatever they hold. */
function countRows(
  data: CsvRow[],
  header: string[],
  time: FoundTimestamps,
  step: ResampleStep | undefined,
  warnings: string[],
): ParsedDataset {
  keyColumnsWarning(header, data, time.columns, warnings);
  const rows = data.map((_, i) => i);
  const series = aggregatedSeries(rows, new Array<number>(rows.length).fill(1), 'count', step, time, warnings);
  return { ...series, columns: header, valueColumn: 'count', warnings };
}

/** The data rows without a spreadsheet's summary rows at the end (summary-rows.ts). */
/** The rows without BLS' annual averages (period M13, Q05, S03; contracts' bls-period.ts) where a
 *  year column and a column of period codes date them: a summary of the year, not a time step. */
function withoutAnnualAverages(header: readonly string[], data: CsvRow[], warnings: string[]): CsvRow[] {
  if (datePartColumn(header, 'year') === undefined || datePartColumn(header, 'month') !== undefined) return data;
  const c = blsPeriodColumn(
    header,
    data.map((r) => r.cells),
  );
  if (c === undefined) return data;
  const isAverage = annualAverageTest(data.map((r) => r.cells[c]));
  const averages = data.filter((r) => isAverage(r.cells[c]));
  if (!averages.length) return data;
  warnings.push(annualAveragesWarning(averages.length, averages[0].cells[c].trim(), averages[0].line));
  const left = new Set(averages);
  return data.filter((r) => !left.has(r));
}

/** The rows without the units or sampling notes a logger writes under the header (units-row.ts). */
function withoutUnitsRows(data: CsvRow[], header: readonly string[], warnings: string[]): CsvRow[] {
  let n = 0;
  while (n < MAX_UNITS_ROWS && n < data.length - 1 && isUnitsRow(data[n].cells, header)) n++;
  if (n === 0) return data;
  warnings.push(
    unitsRowsWarning(
      data.slice(0, n).map((r) => r.line),
      data[0].cells,
    ),
  );
  return data.slice(n);
}

function withoutTrailingNotes(data: CsvRow[], width: number, warnings: string[]): CsvRow[] {
  let end = data.length;
  while (end > 1 && data.length - end < MAX_NOTE_ROWS && isNoteRow(data[end - 1].cells, width)) end--;
  if (end === data.length) return data;
  const first = data[end].cells.find((c) => c.trim() !== '')!.trim();
  warnings.push(
    notesWarning(
      data.slice(end).map((r) => r.line),
      first,
    ),
  );
  return data.slice(0, end);
}

function withoutSummaryRows(data: CsvRow[], warnings: string[]): CsvRow[] {
  // A label in a column whose first row has none (a column of "total …" on every row is data).
  const label = (row: CsvRow) =>
    row.cells.find((c, i) => SUMMARY_LABEL.test(c.trim()) && !SUMMARY_LABEL.test(data[0].cells[i]?.trim() ?? ''));
  let end = data.length;
  while (end > 1 && data.length - end < MAX_SUMMARY_ROWS && label(data[end - 1]) !== undefined) end--;
  if (end === data.length) return data;
  warnings.push(
    summaryRowsWarning(
      data.slice(end).map((r) => r.line),
      label(data[end])!.trim(),
    ),
  );
  return data.slice(0, end);
}

function readRows(text: string, delimiter: string, maxRows: number, fromLine: number): CsvRow[] {
  const options = {
    delimiter,
    from_line: fromLine, // after a title block (csv-header.ts); info.lines still counts from the file's start
    relax_column_count: true, // ragged rows are reported below with a clearer message
    skip_empty_lines: true,
    trim: true,
    to: maxRows + 2, // header + maxRows + 1: enough to detect "too many rows" without parsing it all
  };
  try {
    // Line numbers are only needed for error messages, and csv-parse's `info` option builds an
    // object per record (a third of the parse time on 100k rows), so they come from a second
    // parse, run only when a message asks for a line.
    const records = parse(text, options) as string[][];
    let lines: number[] | undefined;
    const lineNumbers = () =>
      (lines ??= (parse(text, { ...options, info: true }) as Array<{ info: { lines: number } }>).map((r) => r.info.lines));
    return records.map((cells, i) => new CsvRow(cells, i, lineNumbers));
  } catch (err) {
    const e = err as { code?: string; lines?: number; message?: string };
    const where = e.lines ? `Line ${e.lines}: ` : '';
    const why =
      e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted field is never closed'
        : e.code === 'CSV_INVALID_CLOSING_QUOTE' || e.code === 'INVALID_OPENING_QUOTE'
          ? 'a quote character appears inside an unquoted field'
          : `the file is not valid CSV (${e.message ?? 'unknown error'})`;
    throw new DatasetValidationError(`${where}${why}.`, e.lines ? { line: e.lines } : undefined);
  }
}

/** Exact name first, then a unique case-insensitive match; otherwise list what exists. */
function resolveColumn(header: string[], name: string, role: string): number {
  const exact = header.indexOf(name);
  if (exact >= 0) return exact;
  const loose = header.flatMap((h, i) => (h.trim().toLowerCase() === name.trim().toLowerCase() ? [i] : []));
  if (loose.length === 1) return loose[0];
  throw new DatasetValidationError(
    `Unknown column "${name}" (${role}). Available columns: ${header.map((h) => `"${h}"`).join(', ')}.`,
    { column: name },
  );
}

/** A numeric column named as a value column (`y`, `value`: extra columns such as a promotion flag
 *  often follow it; a market close), else the last numeric column. */
function defaultValueColumn(header: string[], data: CsvRow[], decimalComma: boolean, exclude: number[]): number | undefined {
  const named = valueColumnByName(header, (c) => !exclude.includes(c) && mostlyNumeric(data, c, decimalComma));
  return named ?? lastNumericColumn(header, data, decimalComma, exclude);
}

/** Most cells numeric => a value column; a single typo must not hide the column (it is reported
 *  by line instead when the column is parsed). */
function mostlyNumeric(data: CsvRow[], c: number, decimalComma: boolean): boolean {
  const numeric = data.filter((r) => parseNumericCell(r.cells[c], decimalComma) !== undefined).length;
  return numeric > 0 && numeric >= data.length / 2;
}

/** Numeric columns left beside the chosen one that look like series of their own: not a running
 *  index (R's rownames, pandas' index: 1, 2, 3…), not constant. */
function otherSeriesColumns(header: string[], data: CsvRow[], decimalComma: boolean, exclude: number[]): number[] {
  return header.flatMap((_, c) => {
    if (exclude.includes(c) || mayHoldNumericTime(header[c]) || !mostlyNumeric(data, c, decimalComma)) return [];
    const v = data.map((r) => parseNumericCell(r.cells[c], decimalComma));
    const constant = v.every((x) => x === v[0]);
    return isRunningIndex(v) || constant ? [] : [c];
  });
}

function lastNumericColumn(header: string[], data: CsvRow[], decimalComma: boolean, exclude: number[]): number | undefined {
  for (let c = header.length - 1; c >= 0; c--) {
    if (!exclude.includes(c) && mostlyNumeric(data, c, decimalComma)) return c;
  }
  return undefined;
}

interface FoundTimestamps {
  name: string;
  columns: number[];
  parsed: ParsedTimestamp[];
}

function findTimestamps(
  header: string[],
  data: CsvRow[],
  explicit: number | undefined,
  valueIdx: number | undefined,
  warnings: string[],
): FoundTimestamps | undefined {
  const dates = findDates(header, data, explicit, valueIdx, warnings);
  return dates && withClockColumn(dates, header, data, valueIdx, warnings);
}

/** Dates with the time of day in a column of its own (`Date;Time;Global_active_power`, `Date,HE,Load`):
 *  one timestamp of the two. Read from the date alone, a half-hourly series repeated each date 48 times. */
function withClockColumn(
  dates: FoundTimestamps,
  header: string[],
  data: CsvRow[],
  valueIdx: number | undefined,
  warnings: string[],
): FoundTimestamps {
  if (dates.columns.length !== 1 || !dates.parsed.every((p) => p.dateOnly)) return dates;
  const exclude = valueIdx === undefined ? [] : [valueIdx];
  const clock = clockColumnOfHead(
    header,
    data.map((r) => r.cells),
    dates.columns[0],
    exclude,
  );
  if (!clock) return dates;
  const name = header[clock.index];
  const offsets = data.map((row) => {
    const ms = clock.read(row.cells[clock.index]);
    if (ms === undefined) {
      throw new DatasetValidationError(`Line ${row.line}, column "${name}": "${row.cells[clock.index]}" is not a time of day.`, {
        line: row.line,
        column: name,
      });
    }
    return ms;
  });
  const days = dates.parsed.map((p) => p.ms);
  const standard = clock.periods && dayPeriodsInStandardTime(days, offsets, clock.periods);
  const ms = standard?.ms ?? days.map((d, i) => d + offsets[i]);
  if (clock.note) warnings.push(clock.note);
  if (standard) {
    warnings.push(
      `${standard.changes} day${standard.changes === 1 ? ' has' : 's have'} an hour's periods fewer or more (the clocks change): ` +
        'the periods are read as consecutive from each midnight, in standard time.',
    );
  }
  const parsed = ms.map((t) => ({ ms: t, dateOnly: false }));
  return { name: `${dates.name}+${name}`, columns: [...dates.columns, clock.index], parsed };
}

function findDates(
  header: string[],
  data: CsvRow[],
  explicit: number | undefined,
  valueIdx: number | undefined,
  warnings: string[],
): FoundTimestamps | undefined {
  if (explicit !== undefined) {
    const name = header[explicit];
    const dayMonth = dayMonthDates(header, data, explicit, warnings);
    if (dayMonth) return dayMonth;
    const parsed = data.map((row) => {
      // An explicitly chosen column may hold numeric time (years, epoch seconds, …).
      const p = parseTimeValue(row.cells[explicit]);
      if (!p) {
        throw new DatasetValidationError(
          `Line ${row.line}, column "${name}": "${row.cells[explicit]}" is not a date (use YYYY-MM-DD or ISO 8601).`,
          { line: row.line, column: name },
        );
      }
      return p;
    });
    return { name, columns: [explicit], parsed };
  }

  const year = datePartColumn(header, 'year');
  // BLS' period codes (M01, Q02, …) beside the year stand for its month.
  const month =
    datePartColumn(header, 'month') ??
    (year === undefined
      ? undefined
      : blsPeriodColumn(
          header,
          data.map((r) => r.cells),
        ));
  const day = datePartColumn(header, 'day');
  if (year !== undefined && year !== valueIdx && month !== undefined && month !== valueIdx) {
    const columns = day !== undefined && day !== valueIdx ? [year, month, day] : [year, month];
    const parsed = data.map((row) => combineYearMonthDay(row, header, columns));
    return { name: columns.map((c) => header[c]).join('+'), columns, parsed };
  }
  if (year !== undefined && year !== valueIdx && data.every((r) => /^\d{4}$/.test(r.cells[year].trim()))) {
    const parsed = data.map((r) => ({ ms: Date.UTC(+r.cells[year].trim(), 0, 1), dateOnly: true }));
    return { name: header[year], columns: [year], parsed };
  }

  // A date that is the same on every row (FRED's realtime_start, an export's as-of date) dates the
  // file, not its rows: a later date column is the time column; failing one, it still is.
  let constant: FoundTimestamps | undefined;
  for (let c = 0; c < header.length; c++) {
    if (c === valueIdx) continue;
    // How a day-month or year-range column was read is said only where it is the time column.
    const notes: string[] = [];
    const yearRanges = isYearRangeColumn(data.map((r) => r.cells[c]));
    if (yearRanges) notes.push(yearRangeWarning(header[c], data[0].cells[c]));
    const parse = yearRanges ? parseYearRange : mayHoldNumericTime(header[c]) ? parseTimeValue : parseTimestamp;
    const parsed = data.map((r) => parse(r.cells[c]));
    const found = parsed.every((p) => p !== undefined)
      ? { name: header[c], columns: [c], parsed: parsed as ParsedTimestamp[] }
      : dayMonthDates(header, data, c, notes);
    if (found) {
      if (data.length < 2 || found.parsed.some((p) => p.ms !== found.parsed[0].ms)) {
        warnings.push(...notes);
        return found;
      }
      constant ??= found;
      continue;
    }
    warnings.push(...notes);
    if (TIME_COLUMN_NAMES.test(header[c].trim()) && isStepNumberColumn(data.map((r) => r.cells[c]))) {
      assertStepsAscend(header[c], data, c);
      warnings.push(
        `Column "${header[c]}" numbers the steps (1, 2, 3, …) rather than dating them: the series has no timestamps, ` +
          'its points in that order.',
      );
      continue;
    }
    if (TIME_COLUMN_NAMES.test(header[c].trim()) && !warnings.some((w) => w.startsWith(`Column "${header[c]}"`))) {
      warnings.push(
        `Column "${header[c]}" looks like a date column but not every cell is a YYYY-MM-DD / ISO 8601 date; ` +
          'the series has no timestamps. Pass timeColumn to get a line-by-line error.',
      );
    }
  }
  return constant;
}

/** A series numbered by its steps is read in the file's order: they must ascend. */
function assertStepsAscend(name: string, data: CsvRow[], c: number): void {
  for (let i = 1; i < data.length; i++) {
    const [prev, step] = [Number(data[i - 1].cells[c]), Number(data[i].cells[c])];
    if (step <= prev) {
      throw new DatasetValidationError(
        `Line ${data[i].line}: step ${step} in column "${name}" comes after step ${prev}; rows must be in the order of their steps.`,
        { line: data[i].line, column: name },
      );
    }
  }
}

/** Column `c` read as day- or month-first dates when the column itself says which (see
 *  day-month-dates.ts); an ambiguous column gets a warning and no timestamps. */
function dayMonthDates(header: string[], data: CsvRow[], c: number, warnings: string[]): FoundTimestamps | undefined {
  const column = parseDayMonthColumn(data.map((r) => r.cells[c]));
  if (!column) return undefined;
  const name = header[c];
  if (column.order === 'ambiguous') {
    // Dates that repeat cannot be one series either way: say so, so that a long panel (one row per
    // series and date) is read as one rather than as an undated series.
    const firstSeen = new Map<string, CsvRow>();
    for (const row of data) {
      const cell = row.cells[c].trim();
      const earlier = firstSeen.get(cell);
      if (earlier) {
        throw new DatasetValidationError(
          `Line ${row.line}: timestamp "${cell}" in column "${name}" repeats line ${earlier.line}; ` +
            'rows must be in chronological order with one row per time step.',
          { line: row.line, column: name },
        );
      }
      firstSeen.set(cell, row);
    }
    warnings.push(
      `Column "${name}" holds dates like "${data[0].cells[c].trim()}" that read as day-first and as month-first; ` +
        'the series has no timestamps. Write them as YYYY-MM-DD.',
    );
    return undefined;
  }
  warnings.push(dayMonthWarning(name, data[0].cells[c], column.order, column.parsed[0]));
  return { name, columns: [c], parsed: column.parsed };
}

function combineYearMonthDay(row: CsvRow, header: string[], columns: number[]): ParsedTimestamp {
  const [yc, mc, dc] = columns;
  const fail = (c: number, what: string): never => {
    throw new DatasetValidationError(`Line ${row.line}, column "${header[c]}": "${row.cells[c]}" is not ${what}.`, {
      line: row.line,
      column: header[c],
    });
  };
  const yText = row.cells[yc].trim();
  const y = /^\d{4}$/.test(yText) ? Number(yText) : fail(yc, 'a four-digit year');
  const m = parseMonth(row.cells[mc]) ?? blsPeriodMonth(row.cells[mc]) ?? fail(mc, 'a month (1-12 or a month name)');
  const dText = dc === undefined ? '1' : row.cells[dc].trim();
  const d = /^\d{1,2}$/.test(dText) ? Number(dText) : fail(dc, 'a day of the month');
  const ms = utcDate(y, m, d) ?? fail(dc ?? mc, 'a valid calendar date');
  return { ms, dateOnly: true };
}

/** Which values were missing and what becomes of them (fillGaps' own warning says how gaps were filled). */
function missingValuesWarning(column: string, missing: CsvRow[]): string {
  const n = missing.length;
  return (
    `Column "${column}" has ${n} missing value${n === 1 ? '' : 's'} (NA or empty, first on line ${missing[0].line}): ` +
    'treated as missing time steps, filled like other gaps inside the series and left out at its ends.'
  );
}
