// A client-side preview of an upload: columns, which look numeric, which hold time, and the
// chosen column as a series to chart before saving. Deliberately lenient — the API's parser is
// authoritative and its errors are shown next to the form fields; this only helps choose columns.

import {
  mayHoldNumericTime,
  MISSING_VALUE_CELL,
  parseNumericCell,
  parseTimestamp,
  parseTimeValue,
  valueColumnByName,
  datePartColumn,
  detectNumberedWidePanel,
  detectRowsPanel,
  hasDecimalComma,
  blsPeriodColumn,
  blsPeriodMonth,
  annualAverageTest,
  isUnitsRow,
  MAX_UNITS_ROWS,
  isNoteRow,
  MAX_NOTE_ROWS,
  parseMonth,
  headerlessColumnNames,
  locateCsvHeader,
  splitCsv,
  usedWidth,
  aggregateSteps,
  type Aggregation,
  type RowsPanelLayout,
  type StepLength,
} from '@seqcast/contracts';

export interface CsvPreview {
  delimiter: string;
  columns: string[];
  rows: string[][];
  numericColumns: string[];
  /** Column(s) the time axis comes from: one date column, or year+month(+day). */
  timeColumns: string[];
  suggestedValueColumn: string | null;
  /** The file has no header row: its columns are named as the API names them (ds, y). */
  headerless: boolean;
  /** Non-empty lines before the header (a title block, Excel's `sep=`), skipped as the API skips them. */
  skippedLines: number;
  /** Lines of units or sampling notes under the header (contracts' isUnitsRow), skipped as the API skips them. */
  unitsLines: number;
  /** Whether its numbers are written with a decimal comma (contracts' hasDecimalComma), as the API reads them. */
  decimalComma: boolean;
  /** One row per series (M4, M5, a column per date), as the API will read it; absent otherwise. */
  rowsLayout?: RowsPanelLayout;
  /** Value columns named alike but for a number (`MT_001` …): a wide panel, as the API will read it. */
  numberedColumns?: string[];
}

export interface PreviewSeries {
  values: (number | null)[];
  /** Unix seconds per row when the time columns parse, else null (indices are used). */
  times: number[] | null;
  /** 1-based data-row numbers (counted from the header: file line - 1 without a title block) whose value is not a number. */
  badRows: number[];
  /** The same for cells that say "not observed" (NA, empty): gaps to the API where rows are dated. */
  missingRows: number[];
  /** The first data row whose time an earlier row has (a log of events, or several series): rows to
   *  combine, or a panel's. */
  repeatedTimeRow?: number;
}

/** A value cell as the API reads it (contracts' parseNumericCell); null when it is not a number. */
export function parseNumber(cell: string, decimalComma: boolean): number | null {
  return parseNumericCell(cell, decimalComma) ?? null;
}

/** A time cell as the API reads it (contracts' parseTimestamp: ISO dates and date-times, `2020 Q1`,
 *  `Jan 1949`, `1991 W06`…; numeric time, e.g. years or epoch seconds, only where `numeric`: a
 *  column named as time). Unix seconds, or null. */
export function parseDateCell(cell: string, numeric = false): number | null {
  const t = numeric ? parseTimeValue(cell) : parseTimestamp(cell);
  return t ? t.ms / 1000 : null;
}

export function parseCsvPreview(text: string): CsvPreview {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // The header where the API finds it: after Excel's `sep=` line or a title block.
  const { delimiter, line, skipped } = locateCsvHeader(clean);
  const table =
    line > 1
      ? clean
          .split(/\r\n|\n|\r/)
          .slice(line - 1)
          .join('\n')
      : clean;
  const [first = [], ...rest] = splitCsv(table, delimiter);
  // A file without a header row (its first line is data) is named as the API names it.
  const unnamed = headerlessColumnNames(first);
  const header = unnamed ?? first;
  // Units under the header (a logger's `,°C,%`) are skipped, as the API skips them.
  let unitsLines = 0;
  while (!unnamed && unitsLines < MAX_UNITS_ROWS && unitsLines < rest.length - 1 && isUnitsRow(rest[unitsLines], first))
    unitsLines++;
  const rows = unnamed ? [first, ...rest] : rest.slice(unitsLines);
  // Notes below the table (`Source: …`) are left out, as the API leaves them out.
  for (let n = 0; n < MAX_NOTE_ROWS && rows.length > 1 && isNoteRow(rows[rows.length - 1], header.length); n++) rows.pop();
  // Lines ending in a delimiter (Excel, the World Bank): their empty last column left out.
  const width = Math.max(1, usedWidth(header, rows));
  header.length = Math.min(header.length, width);
  for (const r of rows) if (r.length > width) r.length = width;
  const columns = header.map((c, i) => c || `column${i + 1}`);
  const sample = rows.slice(0, 200);
  const decimalComma = hasDecimalComma(delimiter, sample);
  const share = (i: number, ok: (cell: string) => boolean) =>
    sample.filter((r) => ok(r[i] ?? '')).length / Math.max(1, sample.length);

  let timeColumns: string[] = [];
  const y = datePartColumn(columns, 'year');
  // The month, or BLS' period codes (M01…) beside the year, as the API reads them.
  const m = datePartColumn(columns, 'month') ?? (y === undefined ? undefined : blsPeriodColumn(columns, sample));
  if (y !== undefined && m !== undefined) {
    const d = datePartColumn(columns, 'day');
    timeColumns = [columns[y], columns[m], ...(d !== undefined ? [columns[d]] : [])];
    // BLS' annual averages (M13) are left out, as the API leaves them out.
    if (m !== datePartColumn(columns, 'month')) {
      const isAverage = annualAverageTest(rows.map((r) => r[m] ?? ''));
      for (let i = rows.length - 1; i >= 0; i--) if (isAverage(rows[i][m] ?? '')) rows.splice(i, 1);
    }
  } else {
    const dateCol = columns.findIndex((name, i) => share(i, (c) => parseDateCell(c, mayHoldNumericTime(name)) !== null) >= 0.9);
    if (dateCol >= 0) timeColumns = [columns[dateCol]];
  }

  const numericColumns = columns.filter(
    (c, i) => !timeColumns.includes(c) && share(i, (cell) => parseNumber(cell, decimalComma) !== null) >= 0.9,
  );
  const rowsLayout = unnamed ? undefined : detectRowsPanel(header, sample);
  const numberedColumns = unnamed || rowsLayout ? undefined : detectNumberedWidePanel(header, sample);
  return {
    delimiter,
    decimalComma,
    columns,
    rows,
    numericColumns,
    timeColumns,
    suggestedValueColumn: suggestValueColumn(numericColumns),
    skippedLines: skipped.length,
    unitsLines,
    headerless: !!unnamed,
    ...(rowsLayout ? { rowsLayout } : {}),
    ...(numberedColumns ? { numberedColumns } : {}),
  };
}

/** How the upload will combine each step's rows (`aggregate`, `frequency`). */
export interface PreviewCombine {
  how: Aggregation;
  step?: StepLength;
}

/** The chosen value column as a series; `timeColumn` '' means "as the API would detect"; with
 *  `combine`, its rows combined per step as the API will. */
export function previewSeries(
  preview: CsvPreview,
  valueColumn: string,
  timeColumn = '',
  combine?: PreviewCombine,
): PreviewSeries {
  const vi = preview.columns.indexOf(valueColumn);
  const decimalComma = preview.decimalComma;
  const badRows: number[] = [];
  const missingRows: number[] = [];
  const values = preview.rows.map((r, i) => {
    const v = vi >= 0 ? parseNumber(r[vi] ?? '', decimalComma) : null;
    if (v === null) (vi >= 0 && MISSING_VALUE_CELL.test((r[vi] ?? '').trim()) ? missingRows : badRows).push(i + 1);
    return v;
  });
  const timeCols = timeColumn ? [timeColumn] : preview.timeColumns;
  let times: number[] | null = null;
  if (timeCols.length === 1) {
    const ti = preview.columns.indexOf(timeCols[0]);
    const parsed = preview.rows.map((r) => parseDateCell(r[ti] ?? '', mayHoldNumericTime(timeCols[0])));
    times = parsed.every((t) => t !== null) ? (parsed as number[]) : null;
  } else if (timeCols.length >= 2) {
    const [yi, mi, di] = timeCols.map((c) => preview.columns.indexOf(c));
    const parsed = preview.rows.map((r) => {
      const year = Number(r[yi]);
      const month = parseMonth(r[mi] ?? '') ?? blsPeriodMonth(r[mi] ?? '') ?? null;
      const day = di !== undefined ? Number(r[di]) : 1;
      return Number.isInteger(year) && month !== null && Number.isInteger(day) ? Date.UTC(year, month - 1, day) / 1000 : null;
    });
    times = parsed.every((t) => t !== null) ? (parsed as number[]) : null;
  }
  if (combine && times) return combinedSeries(times, values, combine, badRows, missingRows);
  const seen = new Set<number>();
  const repeated =
    times?.findIndex((t) => {
      if (seen.has(t)) return true;
      seen.add(t);
      return false;
    }) ?? -1;
  // A time axis must increase, or uPlot draws nonsense; fall back to indices.
  if (times && times.some((t, i) => i > 0 && t <= times![i - 1])) times = null;
  return { values, times, badRows, missingRows, ...(repeated >= 0 ? { repeatedTimeRow: repeated + 1 } : {}) };
}

/** The rows combined per step as the API will store them (contracts' aggregateSteps); steps it
 *  leaves missing show as gaps. */
function combinedSeries(
  times: number[],
  values: Array<number | null>,
  combine: PreviewCombine,
  badRows: number[],
  missingRows: number[],
): PreviewSeries {
  const counted = combine.how === 'count';
  const kept = times.map((_, i) => i).filter((i) => counted || values[i] !== null);
  const agg = aggregateSteps(
    kept.map((i) => times[i] * 1000),
    kept.map((i) => values[i] ?? 1),
    combine.how,
    combine.step,
  );
  return { values: agg.values, times: agg.ms.map((t) => t / 1000), badRows: counted ? [] : badRows, missingRows };
}

/** The column the API takes when none is chosen: one named y/value/values, else the last numeric. */
function suggestValueColumn(numericColumns: string[]): string | null {
  const named = valueColumnByName(numericColumns, () => true);
  return numericColumns[named ?? numericColumns.length - 1] ?? null;
}
