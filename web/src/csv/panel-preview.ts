// What the upload form guesses about a panel CSV before the API (authoritative) parses it: which
// column(s) name the series (long format), which keys they hold, and one series to chart (a rows
// panel's first row, turned into a column).
import {
  isMissingCell,
  isSeriesIdColumnName,
  rowsPanelKey,
  SERIES_KEY_SEPARATOR,
  type RowsPanelLayout,
} from '@seqcast/contracts';
import type { CsvPreview } from './parse-csv-preview';

/** Several id columns are sent as one comma-separated seriesColumn; the API joins their values with '/'. */
const COLUMN_SEPARATOR = ',';

/**
 * The column(s) that most likely name each row's series: text columns (or numeric ones named like
 * an id: `store_id`, `unique_id`…) that are not the time and whose values repeat (several rows per
 * series), id-named first. With a time column, as many as make every (series, time) pair of the
 * preview unique (tsibble's `Region, State, Purpose`), as the API's own detection takes them.
 * Empty: the file looks like one series (or a wide panel, which the user picks).
 */
export function suggestSeriesColumns(preview: CsvPreview): string[] {
  const candidates = preview.columns
    .map((name, i) => ({ name, i }))
    .filter(
      ({ name }) => !preview.timeColumns.includes(name) && (!preview.numericColumns.includes(name) || isSeriesIdColumnName(name)),
    )
    .filter(({ i }) => {
      const keys = new Set(preview.rows.map((r) => r[i] ?? ''));
      return keys.size >= 2 && !keys.has('') && keys.size * 2 <= preview.rows.length;
    })
    .sort((a, b) => Number(isSeriesIdColumnName(b.name)) - Number(isSeriesIdColumnName(a.name)));
  if (!candidates.length) return [];
  const time = preview.timeColumns.map((c) => preview.columns.indexOf(c));
  if (!time.length) return [candidates[0].name];
  const unique = (ids: number[]) => {
    const seen = new Set<string>();
    return preview.rows.every((r) => {
      const pair = [...ids, ...time].map((i) => r[i] ?? '').join('\u0000');
      return !seen.has(pair) && !!seen.add(pair);
    });
  };
  const chosen: number[] = [];
  for (const { i } of candidates) {
    chosen.push(i);
    if (unique(chosen)) return chosen.sort((a, b) => a - b).map((i) => preview.columns[i]);
  }
  return [candidates[0].name];
}

/** The distinct keys of `seriesColumn` (one column, or several comma-separated), in the order they first appear. */
export function seriesKeys(preview: CsvPreview, seriesColumn: string): string[] {
  const key = keyOf(preview, seriesColumn);
  return key ? [...new Set(preview.rows.map(key))] : [];
}

/** The preview restricted to the rows of one series (to chart it alone). */
export function onlySeries(preview: CsvPreview, seriesColumn: string, key: string): CsvPreview {
  const keyOfRow = keyOf(preview, seriesColumn);
  return { ...preview, rows: keyOfRow ? preview.rows.filter((r) => keyOfRow(r) === key) : [] };
}

function keyOf(preview: CsvPreview, seriesColumn: string): ((row: string[]) => string) | undefined {
  const idx = seriesColumn.split(COLUMN_SEPARATOR).map((c) => preview.columns.indexOf(c));
  if (!idx.length || idx.some((i) => i < 0)) return undefined;
  return (row) => idx.map((i) => row[i] ?? '').join(SERIES_KEY_SEPARATOR);
}

/** A rows panel's first series as a two-column preview (`time` or `step`, `value`), cut after its last value
 *  (M4's shorter series end in empty cells), with the chart's label and a note on the panel. */
export function firstRowSeries(preview: CsvPreview, layout: RowsPanelLayout) {
  const first = preview.rows[0] ?? [];
  // Dated columns by the dates the API reads off their names (`1/22/20` is no date on its own).
  const cells = layout.stepIdx.map((c, i) => [
    layout.times ? new Date(layout.times[i].ms).toISOString().slice(0, layout.times[i].dateOnly ? 10 : 24) : preview.columns[c],
    first[c] ?? '',
  ]);
  while (cells.length && isMissingCell(cells[cells.length - 1][1])) cells.pop();
  const key = rowsPanelKey(first, layout.seriesIdx);
  // Named `time` where the columns are dated: a time column's name lets years (`1960`) read as time.
  const time = layout.times ? 'time' : 'step';
  const steps: CsvPreview = {
    ...preview,
    columns: [time, 'value'],
    rows: cells,
    numericColumns: ['value'],
    timeColumns: layout.times ? [time] : [],
  };
  return {
    rows: steps,
    column: 'value',
    label: `series ${key}`,
    panelNote: ` · ${preview.rows.length} series, one per row, ${layout.stepIdx.length} steps (columns ${preview.columns[layout.stepIdx[0]]} … ${preview.columns[layout.stepIdx.at(-1)!]}); chart: the first`,
  };
}
