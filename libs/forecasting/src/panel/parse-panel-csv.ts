// Streams a panel CSV (many series in one file) into a ParsedPanel without holding the file:
// records are parsed as the bytes arrive (csv-parse's stream API) and only the numbers are kept.
//   long: one row per (series, time): `seriesColumn` (one or more id columns, joined with '/'),
//         `timeColumn`, `valueColumn` — statsforecast's unique_id/ds/y.
//   wide: one row per time step, one column per series: `valueColumns`, or every column but the
//         time column.
//   rows: one row per series, its values across the columns (M4's and M5's files, a column per
//         date): the id column(s) and the step columns read off the header (detect-rows-panel.ts).
import {
  describeBadNumber,
  detectRowsPanel,
  hasDecimalComma,
  headerlessColumnNames,
  headerlessWarning,
  isMissingCell,
  isYearRangeColumn,
  locateCsvHeader,
  MIN_STEP_COLUMNS,
  type PanelFormat,
  type RowsPanelLayout,
  type ParsedTimestamp,
  parseNumericCell,
  parseTimeValue,
  parseYearRange,
  skippedLinesWarning,
  VALUE_COLUMN_NAMES,
  yearRangeWarning,
  type Aggregation,
  annualAveragesWarning,
  isUnitsRow,
  MAX_UNITS_ROWS,
  unitsRowsWarning,
  isNoteRow,
  MAX_NOTE_ROWS,
  notesWarning,
} from '@seqcast/contracts';
import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DatasetValidationError } from '../errors';
import { aggregationOption, bucketInstant } from '../time/aggregate-steps';
import { DEFAULT_MAX_COLUMNS } from '../csv/dataset-limits';
import { headerNames } from '../csv/header-names';
import { leadingRowIndex, rowIndexWarning } from '../csv/running-index';
import { decodeCsvStream } from '../csv/decode-text';
import { MAX_SUMMARY_ROWS, SUMMARY_LABEL, summaryRowsWarning } from '../csv/summary-rows';
import { isAverageRow, yearMonthColumns, yearMonthInstant } from './year-month-columns';
import { dayMonthWarning, parseDayMonthCell } from '../time/day-month-dates';
import { clockColumnOfHead } from '../time/time-of-day';
import { isStepNumberColumn, STEP_NUMBER_CELL } from '../time/step-numbers';
import { describeDetectedPanel, detectLongPanel, type LongPanelLayout } from './detect-long-panel';
import { SeriesRowReader } from './series-row-reader';
import { dateColumnOfHead, dayMonthOrderOfHead, readHeadRows, type PanelDayMonth } from './panel-head';
import { clip, PanelBuilder, type PanelLimits, type ParsedPanel } from './panel-builder';
import { SERIES_KEY_SEPARATOR, TIME_NAMES } from './panel-columns';

/** Head read to detect a long panel's id columns (format=long without seriesColumn) or a rows panel's layout. */
const DETECTION_HEAD_BYTES = 4 * 1024 * 1024;
/** Head read otherwise: enough rows to tell `03/05/2020` dates day-first from month-first. */
const DATES_HEAD_CHARS = 256 * 1024;

export interface PanelCsvOptions extends PanelLimits {
  /** Default: long when seriesColumn is given, else wide. */
  format?: PanelFormat;
  /** Long and rows formats: the id column(s) whose values, joined with '/', name a series; default: detected from the first rows. */
  seriesColumn?: string[];
  /** Default: a column named ds, date, time, timestamp, datetime, period, month, quarter, week, day or year. */
  timeColumn?: string;
  /** Long format; default: y or value, else the last other column. */
  valueColumn?: string;
  /** Wide format; default: every column but the time column. */
  valueColumns?: string[];
  maxColumns?: number;
  /** Each series' rows combined per step (aggregate-steps.ts); without it a repeated (series, time) is a 400. */
  aggregate?: Aggregation;
  /** With `aggregate`: the step each series' rows are resampled to (`daily`, `hourly`, `W`, …). */
  frequency?: string;
}

/** Distinct timestamp cells remembered: panels repeat the same few hundred instants per series. */
const TIME_CACHE_MAX = 200_000;

/** Parses a streamed panel CSV; throws a DatasetValidationError naming every problem (line and series). */
export async function parsePanelCsv(input: AsyncIterable<Buffer | string>, options: PanelCsvOptions = {}): Promise<ParsedPanel> {
  // `format=long` without seriesColumn: the id columns are read off the file's first rows.
  const detect = options.format === 'long' && !options.seriesColumn?.length;
  const { head, rest, complete } = await readHead(
    input,
    detect || options.format === 'rows' ? DETECTION_HEAD_BYTES : DATES_HEAD_CHARS,
  );
  let detected: LongPanelLayout | undefined;
  if (detect) {
    detected = detectLongPanel(head.slice(0, Math.max(head.lastIndexOf('\n'), 0)) || head, options.timeColumn);
    if (!detected) {
      throw new DatasetValidationError(
        'Long format needs seriesColumn: the column(s) naming each row’s series. None could be told from the first rows ' +
          (options.aggregate
            ? '(with aggregate, rows repeat a series and time, so no column is told apart as its key: name it, e.g. seriesColumn=store).'
            : '(a time column repeating across series, and text or id-named columns that make each series and time unique).'),
      );
    }
    options = { ...options, ...detected, valueColumn: options.valueColumn ?? detected.valueColumn };
  }
  if (head.replace(/^\uFEFF/, '').trim() === '') throw new DatasetValidationError('The file is empty.');
  const location = locateCsvHeader(head);
  const { delimiter } = location;
  const builder = new PanelBuilder(options, (line) => `line ${line}`);
  builder.aggregation = aggregationOption(options);
  const headRows = readHeadRows(head, location, complete);
  const decimalComma = hasDecimalComma(delimiter, headRows.slice(1));
  const rowsLayout = options.format === 'rows' ? rowsLayoutOfHead(headRows, options) : undefined;
  if (!rowsLayout) options = withTimeColumnOfHead(options, headRows);
  // The head's columns, planned once for the two things read off its time cells.
  const headColumns = rowsLayout ? undefined : headPlan(headRows, options);
  const dayMonth = headColumns && headDayMonthOrder(headRows, headColumns);
  const yearRanges = headColumns && headYearRanges(headRows, headColumns);
  const timeCache = new Map<string, ParsedTimestamp | null>();
  const parseTime = (cell: string): ParsedTimestamp | null => {
    let t = timeCache.get(cell);
    if (t === undefined) {
      t =
        (yearRanges === undefined ? parseTimeValue(cell) : parseYearRange(cell)) ??
        (dayMonth?.order === 'day-first' || dayMonth?.order === 'month-first'
          ? parseDayMonthCell(cell, dayMonth.order)
          : undefined) ??
        null;
      if (timeCache.size < TIME_CACHE_MAX) timeCache.set(cell, t);
    }
    return t;
  };

  let header: string[] | undefined;
  let unnamed: { names: string[]; line: number } | undefined;
  let layout: ReturnType<typeof planColumns> | undefined;
  let rowReader: SeriesRowReader | undefined;
  /** Rows whose time cell is a summary label (`Total`), held until the file ends or data follows. */
  const summaryRows: Array<{ line: number; label: string }> = [];
  /** Missing values (NA, empty) of dated series, left out as missing time steps. */
  const missing: { count: number; firstLine?: number } = { count: 0 };
  let dataRows = 0;
  /** Rows that read as notes below the table (trailing-notes.ts), held until the file ends or data follows. */
  const noteRows: Array<{ record: string[]; line: number }> = [];
  const unitsRows: Array<{ record: string[]; line: number }> = [];
  /** BLS' annual averages (period M13) beside a year column, left out. */
  const averageRows: { count: number; firstLine?: number; code?: string } = { count: 0 };
  /** One record, handled synchronously as csv-parse reads it (no per-record promise or stream object);
   *  `asData`: a held note row replayed because data followed it. */
  const handle = (record: string[], line: number, asData = false): void => {
    if (!header) {
      // A file without a header row: its first record is data, under the names the head gave it.
      const names = headerlessColumnNames(record);
      unnamed = names && { names, line };
      header = readHeader(unnamed?.names ?? record, line, options.maxColumns ?? DEFAULT_MAX_COLUMNS);
      if (rowsLayout) rowReader = new SeriesRowReader(builder, header, rowsLayout, decimalComma);
      else {
        layout = planColumns(header, options, headRows.slice(1));
        builder.dayPeriods = layout.clock?.periods;
        if (layout.format === 'wide') for (const c of layout.valueIdx) builder.series(header[c]);
      }
      if (!unnamed) return;
    }
    // Units or sampling notes right under the header (units-row.ts).
    if (dataRows === 0 && !noteRows.length && unitsRows.length < MAX_UNITS_ROWS && isUnitsRow(record, header)) {
      unitsRows.push({ record, line });
      return;
    }
    if (!asData && noteRows.length < MAX_NOTE_ROWS && isNoteRow(record, header.length)) {
      noteRows.push({ record, line });
      return;
    }
    // A data row after note rows: they were not at the end, so they are read as what they are.
    for (const held of noteRows.splice(0)) handle(held.record, held.line, true);
    dataRows += 1;
    if (record.length !== header.length) {
      throw new DatasetValidationError(
        `Line ${line}: expected ${header.length} fields (as in the header) but found ${record.length}.`,
        { line },
      );
    }
    if (rowReader) return rowReader.read(record, line);
    const plan = layout!;
    let time: ParsedTimestamp | null | undefined;
    // A numbered period of the day (settlement periods): its start after midnight, for the builder.
    let periodOffset: number | undefined;
    if (plan.timeIdx !== undefined) {
      const cell = record[plan.timeIdx];
      if (SUMMARY_LABEL.test(cell.trim()) && summaryRows.length < MAX_SUMMARY_ROWS) {
        summaryRows.push({ line, label: cell.trim() }); // left out if no data row follows
        return;
      }
      // The first row says whether the column dates the steps or numbers them (1, 2, 3, …).
      if (dataRows === 1) builder.stepNumbers = isStepNumberColumn([cell]);
      if (builder.stepNumbers) {
        time = STEP_NUMBER_CELL.test(cell) ? { ms: Number(cell), dateOnly: true } : null;
        if (!time) {
          builder.problem(
            `line ${line}, column "${header[plan.timeIdx]}": "${clip(cell, 40)}" is not a step number (the column numbers ` +
              `each series' steps: 1, 2, 3, …)${plan.format === 'long' ? ` (series "${clip(plan.keyOf(record))}")` : ''}`,
          );
          return;
        }
      } else if (plan.yearMonth) {
        if (isAverageRow(plan.yearMonth, record)) {
          averageRows.count += 1;
          averageRows.firstLine ??= line;
          averageRows.code ??= record[plan.yearMonth.month].trim();
          return;
        }
        const ms = yearMonthInstant(plan.yearMonth, record);
        if (ms === undefined) {
          builder.problem(
            `line ${line}, columns "${header[plan.timeIdx]}", "${header[plan.yearMonth.month]}": "${clip(cell, 20)}", ` +
              `"${clip(record[plan.yearMonth.month], 20)}" is not a year and a month` +
              (plan.format === 'long' ? ` (series "${clip(plan.keyOf(record))}")` : ''),
          );
          return;
        }
        time = { ms, dateOnly: true };
      } else {
        time = parseTime(cell);
        if (time && plan.clock !== undefined) {
          const clock = plan.clock.read(record[plan.clock.index]);
          if (clock === undefined) {
            builder.problem(
              `line ${line}, column "${header[plan.clock.index]}": "${clip(record[plan.clock.index], 40)}" is not a time of day` +
                (plan.format === 'long' ? ` (series "${clip(plan.keyOf(record))}")` : ''),
            );
            return;
          }
          time = { ms: time.ms + clock, dateOnly: false };
          if (plan.clock.periods) periodOffset = clock;
        }
        // Rows combined into days, weeks or months: on the clock they were written in.
        if (time?.offsetMs && builder.aggregation) time = { ms: bucketInstant(time, builder.aggregation.step), dateOnly: false };
      }
      if (!time) {
        const why =
          dayMonth?.order === 'ambiguous'
            ? 'reads as a day-first and as a month-first date in this file; write dates as YYYY-MM-DD'
            : 'is not a date (use YYYY-MM-DD or ISO 8601)';
        builder.problem(
          `line ${line}, column "${header[plan.timeIdx]}": "${clip(cell, 40)}" ${why}` +
            (plan.format === 'long' ? ` (series "${clip(plan.keyOf(record))}")` : ''),
        );
        return;
      }
    }
    // A data row after summary rows: they were not at the end, so they are what they look like.
    for (const row of summaryRows.splice(0)) {
      builder.problem(
        `line ${row.line}, column "${header[plan.timeIdx!]}": "${clip(row.label, 40)}" is not a date (use YYYY-MM-DD or ISO 8601)`,
      );
    }
    if (plan.format === 'long') {
      let key = '';
      for (let k = 0; k < plan.seriesIdx.length; k++) {
        const cell = record[plan.seriesIdx[k]];
        if (cell === '') {
          builder.problem(`line ${line}, column "${header[plan.seriesIdx[k]]}": empty series id; every row needs one`);
          return;
        }
        key = k === 0 ? cell : `${key}${SERIES_KEY_SEPARATOR}${cell}`;
      }
      const cell = record[plan.valueIdx[0]];
      const acc = builder.series(key);
      if (time && isMissingCell(cell)) {
        missing.count += 1;
        missing.firstLine ??= line;
        builder.addMissing(acc, time.ms);
        return;
      }
      const value = parseNumericCell(cell, decimalComma);
      if (value === undefined || !Number.isFinite(value)) {
        builder.problem(
          `line ${line}, column "${header[plan.valueIdx[0]]}" (series "${clip(key)}"): value ${describeBadNumber(cell)}`,
        );
        return;
      }
      builder.add(acc, value, line, time?.ms, time?.dateOnly, periodOffset);
      return;
    }
    for (let j = 0; j < plan.valueIdx.length; j++) {
      const c = plan.valueIdx[j];
      const cell = record[c];
      const acc = builder.series(header[c]);
      if (time && isMissingCell(cell)) {
        // A dated series' missing value is a missing time step (filled like other gaps); blanks
        // before a series starts or after it ends are no values at all.
        if (plan.state[j] === 1) {
          missing.count += 1;
          missing.firstLine ??= line;
          builder.addMissing(acc, time.ms);
        }
        continue;
      }
      if (cell === '') {
        if (plan.state[j] === 1) plan.state[j] = 2;
        continue;
      }
      const value = parseNumericCell(cell, decimalComma);
      if (value === undefined || !Number.isFinite(value)) {
        if (!plan.badColumn[j]) {
          plan.badColumn[j] = true;
          builder.problem(
            `line ${line}, column "${clip(header[c])}": value ${describeBadNumber(cell)}; in wide format every column but ` +
              'the time column is a series (choose them with valueColumns)',
          );
        }
        continue;
      }
      if (plan.state[j] === 2 && !plan.badColumn[j]) {
        plan.badColumn[j] = true;
        builder.problem(`series "${clip(header[c])}" has an empty cell before line ${line}, between values; fill the gap`);
      }
      plan.state[j] = 1;
      builder.add(acc, value, line, time?.ms, time?.dateOnly, periodOffset);
    }
  };

  let fatal: unknown;
  let rejected!: () => void;
  // Settles as soon as a record fails: the answer must not wait for the client's next bytes (it may
  // send none until it hears back).
  const failedEarly = new Promise<void>((resolve) => (rejected = resolve));
  const parser = parse({
    delimiter,
    from_line: location.line,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
  });
  // Records are handled as csv-parse pushes them (flowing mode: synchronously, while it parses), so
  // parser.info.lines is the line the record ended on. csv-parse's `info`/`on_record` would build an
  // object per record instead: a quarter of the time on a 5-million-row file.
  parser.on('data', (record: string[]) => {
    if (fatal !== undefined) return;
    try {
      handle(record, parser.info.lines);
    } catch (error) {
      fatal = error;
      rejected();
    }
  });
  const source = Readable.from(
    (async function* () {
      yield head;
      for await (const chunk of rest) {
        if (fatal !== undefined) return; // stop reading: the upload is rejected anyway
        yield chunk;
      }
    })(),
  );
  try {
    const parsed = pipeline(source, parser);
    await Promise.race([parsed, failedEarly]);
    // Left behind on an early failure: it ends when the input's next chunk or end arrives.
    if (fatal !== undefined) parsed.catch(() => undefined);
    else await parsed;
  } catch (err) {
    if (fatal === undefined) {
      const code = (err as { code?: unknown })?.code;
      if (typeof code === 'string' && /^(CSV_|INVALID_)/.test(code)) throw csvError(err);
      throw err;
    }
  }
  if (fatal !== undefined) throw fatal;
  if (!header) throw new DatasetValidationError('The file is empty.');
  if (!dataRows) throw new DatasetValidationError('The file has a header row but no data rows.');
  const headerless = unnamed && headerlessWarning(unnamed.line, unnamed.names);
  const units = unitsRows.length
    ? unitsRowsWarning(
        unitsRows.map((r) => r.line),
        unitsRows[0].record,
      )
    : undefined;
  const notes = noteRows.length
    ? notesWarning(
        noteRows.map((r) => r.line),
        noteRows[0].record.find((c) => c.trim() !== '')!.trim(),
      )
    : undefined;
  if (rowsLayout && rowReader) {
    return finishRows(builder, header, rowsLayout, rowReader, [skippedLinesWarning(location), headerless, units, notes]);
  }
  const plan = layout!;
  return builder.finish({
    columns: header,
    seriesColumn: plan.format === 'long' ? plan.seriesIdx.map((i) => header![i]).join(',') : 'wide',
    valueColumn: plan.format === 'long' ? header[plan.valueIdx[0]] : plan.valueIdx.map((i) => header![i]).join(','),
    ...(plan.timeIdx !== undefined
      ? {
          timeColumn:
            header[plan.timeIdx] +
            (plan.clock !== undefined ? `+${header[plan.clock.index]}` : '') +
            (plan.yearMonth !== undefined ? `+${header[plan.yearMonth.month]}` : ''),
        }
      : {}),
    warnings: [
      ...[skippedLinesWarning(location) ?? [], headerless ?? []].flat(),
      ...(plan.rowIndex !== undefined ? [rowIndexWarning(header[plan.rowIndex], headRows.slice(1))] : []),
      ...(units ? [units] : []),
      ...(averageRows.count ? [annualAveragesWarning(averageRows.count, averageRows.code!, averageRows.firstLine!)] : []),
      ...(detected ? [describeDetectedPanel(detected, header[plan.valueIdx[0]])] : []),
      ...[plan.clock?.note ?? []].flat(),
      ...(yearRanges !== undefined && plan.timeIdx !== undefined ? [yearRangeWarning(header[plan.timeIdx], yearRanges)] : []),
      ...(dayMonth && dayMonth.order !== 'ambiguous' && plan.timeIdx !== undefined
        ? [dayMonthWarning(header[plan.timeIdx], dayMonth.firstCell, dayMonth.order, dayMonth.first)]
        : []),
      ...(notes ? [notes] : []),
      ...(summaryRows.length
        ? [
            summaryRowsWarning(
              summaryRows.map((r) => r.line),
              summaryRows[0].label,
            ),
          ]
        : []),
      ...(missing.count
        ? [
            `${missing.count} missing value${missing.count === 1 ? '' : 's'} (NA or empty, first on line ${missing.firstLine}) ` +
              'treated as missing time steps: filled like other gaps inside a series.',
          ]
        : []),
    ],
  });
}

/** A rows panel's layout from the head, or a 400 saying what such a file looks like. */
function rowsLayoutOfHead(rows: string[][], options: PanelCsvOptions): RowsPanelLayout {
  if (options.valueColumns?.length || options.valueColumn !== undefined || options.timeColumn !== undefined) {
    throw new DatasetValidationError(
      'format=rows reads its values and dates off the header; it takes only seriesColumn (the id column(s)).',
    );
  }
  const [names = [], ...data] = rows;
  const header = readHeader(names, 1, options.maxColumns ?? DEFAULT_MAX_COLUMNS);
  const seriesIdx = options.seriesColumn?.map((c) => resolveColumn(header, c, 'seriesColumn'));
  const layout = detectRowsPanel(names, data, seriesIdx);
  if (!layout) {
    throw new DatasetValidationError(
      `format=rows needs one row per series: id column(s), then at least ${MIN_STEP_COLUMNS} columns of numbers ` +
        'named by consecutive step numbers (`V2, V3, …`, `d_1, d_2, …`) or by dates (`2020-01, 2020-02, …`).',
    );
  }
  return layout;
}

function finishRows(
  builder: PanelBuilder,
  header: string[],
  layout: RowsPanelLayout,
  reader: SeriesRowReader,
  /** Lines skipped before the header, notes left out after the table. */
  around: ReadonlyArray<string | undefined>,
): ParsedPanel {
  const [first, last] = [header[layout.stepIdx[0]], header[layout.stepIdx.at(-1)!]];
  const seriesColumn = layout.seriesIdx.map((c) => header[c]).join(',');
  return builder.finish({
    columns: header,
    seriesColumn,
    valueColumn: `${first}…${last}`,
    warnings: [
      ...around.filter((w) => w !== undefined),
      `Read as one row per series: ids from ${layout.seriesIdx.map((c) => `"${header[c]}"`).join(', ')}, ` +
        `${layout.stepIdx.length} steps from columns "${first}" to "${last}"` +
        `${layout.times ? ', dated by their names' : ' (numbered, not dated)'}.`,
      ...(reader.missingCount
        ? [
            `${reader.missingCount} missing value${reader.missingCount === 1 ? '' : 's'} (NA or empty, first on line ` +
              `${reader.firstMissingLine}) inside series treated as missing time steps: filled like other gaps.`,
          ]
        : []),
    ],
  });
}

/** Options naming the time column where the header names none as such but the head shows one
 *  holding dates (panel-head.ts). */
function withTimeColumnOfHead(options: PanelCsvOptions, rows: string[][]): PanelCsvOptions {
  if (options.timeColumn !== undefined || !rows.length) return options;
  try {
    const header = readHeader(rows[0], 1, options.maxColumns ?? DEFAULT_MAX_COLUMNS);
    const seriesIdx = (options.seriesColumn ?? []).map((c) => resolveColumn(header, c, 'seriesColumn'));
    if (byName(header, TIME_NAMES, seriesIdx) !== undefined) return options;
    const c = dateColumnOfHead([header, ...rows.slice(1)], seriesIdx);
    return c === undefined ? options : { ...options, timeColumn: header[c] };
  } catch {
    return options; // the streaming pass names what is wrong with the header
  }
}

/** The order of the time column's `03/05/2020` dates, from the head (panel-head.ts); undefined
 *  when it holds none or the columns do not resolve (the streaming pass names that problem). */
function headDayMonthOrder(rows: string[][], plan: ReturnType<typeof planColumns>): PanelDayMonth {
  if (plan.timeIdx === undefined) return undefined;
  return dayMonthOrderOfHead(rows, plan.timeIdx, plan.format === 'long' ? plan.keyOf : undefined);
}

/** The time column's first cell when the head's time cells are all year ranges (`2019-20`). */
function headYearRanges(rows: string[][], plan: ReturnType<typeof planColumns>): string | undefined {
  const { timeIdx } = plan;
  if (timeIdx === undefined) return undefined;
  const cells = rows.slice(1).flatMap((r) => (r.length > timeIdx ? [r[timeIdx]] : []));
  return isYearRangeColumn(cells) ? cells[0] : undefined;
}

/** The columns as the head's header names them; undefined where they do not resolve. */
function headPlan(rows: string[][], options: PanelCsvOptions): ReturnType<typeof planColumns> | undefined {
  if (!rows.length) return undefined;
  try {
    return planColumns(readHeader(rows[0], 1, options.maxColumns ?? DEFAULT_MAX_COLUMNS), options);
  } catch {
    return undefined;
  }
}

/** Enough of the stream to see the header line (for the delimiter) and `minChars` (`complete` when
 *  that is the whole stream), and an iterator over the rest, as text (decode-text.ts: UTF-8, or Windows-1252 where it is not UTF-8). */
async function readHead(input: AsyncIterable<Buffer | string>, minChars: number) {
  const it = decodeCsvStream(input)[Symbol.asyncIterator]();
  let head = '';
  let complete = false;
  for (;;) {
    const { value, done } = await it.next();
    if (done) {
      complete = true;
      break;
    }
    head += value;
    if (head.length >= minChars && (/[\r\n]/.test(head) || head.length > 64 * 1024)) break;
  }
  return { head, complete, rest: { [Symbol.asyncIterator]: () => it } as AsyncIterable<string> };
}

function readHeader(cells: string[], line: number, maxColumns: number): string[] {
  if (cells.length > maxColumns) {
    throw new DatasetValidationError(`The file has ${cells.length} columns; at most ${maxColumns} are allowed.`);
  }
  return headerNames(cells, line);
}

function resolveColumn(header: string[], name: string, role: string): number {
  const exact = header.indexOf(name);
  if (exact >= 0) return exact;
  const loose = header.flatMap((h, i) => (h.toLowerCase() === name.trim().toLowerCase() ? [i] : []));
  if (loose.length === 1) return loose[0];
  throw new DatasetValidationError(
    `Unknown column "${clip(name)}" (${role}). Available columns: ${header.map((h) => `"${clip(h, 40)}"`).join(', ')}.`,
    { column: name },
  );
}

function byName(header: string[], names: readonly string[], exclude: number[]): number | undefined {
  for (const n of names) {
    const i = header.findIndex((h, idx) => !exclude.includes(idx) && h.trim().toLowerCase() === n);
    if (i >= 0) return i;
  }
  return undefined;
}

/** Which column plays which role, from the options or the header's names. */
/** Which columns are the series, the time (and a time of day beside a date column, read off the
 *  `head` rows: `sensor, Date, Time, value`) and the values. */
function planColumns(header: string[], options: PanelCsvOptions, head: readonly string[][] = []) {
  const format: PanelFormat = options.format ?? (options.seriesColumn?.length ? 'long' : 'wide');
  if (format === 'wide' && options.seriesColumn?.length) {
    throw new DatasetValidationError(
      'seriesColumn is for long format (one row per series and time); wide format takes valueColumns.',
    );
  }
  if (format === 'long' && options.valueColumns?.length) {
    throw new DatasetValidationError('valueColumns is for wide format (one column per series); long format takes valueColumn.');
  }
  const seriesIdx = (options.seriesColumn ?? []).map((c) => resolveColumn(header, c, 'seriesColumn'));
  if (format === 'long' && !seriesIdx.length) {
    throw new DatasetValidationError('Long format needs seriesColumn: the column(s) naming each row’s series.');
  }
  // A year and a month column (year-month-columns.ts) date the rows together, unless one is an id.
  const found = yearMonthColumns(header, head);
  const parts = found && !seriesIdx.includes(found.year) && !seriesIdx.includes(found.month) ? found : undefined;
  const timeIdx =
    options.timeColumn !== undefined
      ? resolveColumn(header, options.timeColumn, 'timeColumn')
      : (parts?.year ?? byName(header, TIME_NAMES, seriesIdx));
  if (format === 'long' && timeIdx === undefined) {
    throw new DatasetValidationError(
      `Long format needs timeColumn (no column is named ${TIME_NAMES.join(', ')}). Available columns: ${header.join(', ')}.`,
    );
  }
  const yearMonth = parts && parts.year === timeIdx ? parts : undefined;
  const clock = timeIdx === undefined || yearMonth ? undefined : clockColumnOfHead(header, head, timeIdx, seriesIdx);
  const used = [
    ...seriesIdx,
    ...(timeIdx === undefined ? [] : [timeIdx]),
    ...(clock === undefined ? [] : [clock.index]),
    ...(yearMonth === undefined ? [] : [yearMonth.month]),
  ];
  if (timeIdx !== undefined && seriesIdx.includes(timeIdx)) {
    throw new DatasetValidationError(`Column "${header[timeIdx]}" cannot be both a series id and the time column.`);
  }
  let valueIdx: number[];
  let rowIndex: number | undefined;
  if (format === 'long') {
    const explicit = options.valueColumn === undefined ? undefined : resolveColumn(header, options.valueColumn, 'valueColumn');
    const v = explicit ?? byName(header, VALUE_COLUMN_NAMES, used) ?? [...header.keys()].reverse().find((i) => !used.includes(i));
    if (v === undefined) throw new DatasetValidationError('Long format needs a value column; choose it with valueColumn.');
    if (used.includes(v))
      throw new DatasetValidationError(`Column "${header[v]}" cannot be both the value and an id or time column.`);
    valueIdx = [v];
  } else {
    // R's and pandas' row index (`write.csv`, `to_csv`) is left out of the series they export.
    rowIndex = options.valueColumns?.length ? undefined : leadingRowIndex(head, used);
    valueIdx = options.valueColumns?.length
      ? options.valueColumns.map((c) => resolveColumn(header, c, 'valueColumns'))
      : [...header.keys()].filter((i) => !used.includes(i) && i !== rowIndex);
    if (!valueIdx.length)
      throw new DatasetValidationError('Wide format needs at least one value column besides the time column.');
    const clash = valueIdx.find((i) => used.includes(i));
    if (clash !== undefined)
      throw new DatasetValidationError(`Column "${header[clash]}" cannot be both a series and the time column.`);
  }
  const keyOf = (record: string[]) => seriesIdx.map((i) => record[i]).join(SERIES_KEY_SEPARATOR);
  return {
    format,
    seriesIdx,
    timeIdx,
    clock,
    yearMonth,
    valueIdx,
    /** A leading column that counts the rows, left out of a wide panel's series. */
    rowIndex,
    keyOf,
    /** Wide: per value column, 0 before its first value, 1 inside, 2 after a blank that followed a value. */
    state: new Uint8Array(valueIdx.length),
    badColumn: new Array<boolean>(valueIdx.length).fill(false),
  };
}

function csvError(err: unknown): DatasetValidationError {
  const e = err as { code?: string; lines?: number; message?: string };
  const where = e.lines ? `Line ${e.lines}: ` : '';
  const why =
    e.code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a quoted field is never closed'
      : e.code === 'CSV_INVALID_CLOSING_QUOTE' || e.code === 'INVALID_OPENING_QUOTE'
        ? 'a quote character appears inside an unquoted field'
        : `the file is not valid CSV (${e.message ?? 'unknown error'})`;
  return new DatasetValidationError(`${where}${why}.`, e.lines ? { line: e.lines } : undefined);
}
