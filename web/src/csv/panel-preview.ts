// What the upload form guesses about a panel CSV before the API (authoritative) parses it: which
// column names the series (long format), which keys it holds, and one series to chart.
import { SERIES_ID_COLUMN_NAMES as ID_NAMES } from '@seqcast/contracts';
import type { CsvPreview } from './parse-csv-preview';

/**
 * The column that most likely names each row's series: a text column (or a numeric one named like
 * an id: `store_id`, `unique_id`…) that is not the time and whose values repeat (several rows per
 * series). Null: the file looks like one series (or a wide panel, which the user picks).
 */
export function suggestSeriesColumn(preview: CsvPreview): string | null {
  const candidates = preview.columns
    .map((name, i) => ({ name, i }))
    .filter(({ name }) => !preview.timeColumns.includes(name) && (!preview.numericColumns.includes(name) || ID_NAMES.test(name)))
    .filter(({ i }) => {
      const keys = new Set(preview.rows.map((r) => r[i] ?? ''));
      return keys.size >= 2 && !keys.has('') && keys.size * 2 <= preview.rows.length;
    });
  return (candidates.find((c) => ID_NAMES.test(c.name)) ?? candidates[0])?.name ?? null;
}

/** The distinct keys of `seriesColumn`, in the order they first appear. */
export function seriesKeys(preview: CsvPreview, seriesColumn: string): string[] {
  const i = preview.columns.indexOf(seriesColumn);
  if (i < 0) return [];
  return [...new Set(preview.rows.map((r) => r[i] ?? ''))];
}

/** The preview restricted to the rows of one series (to chart it alone). */
export function onlySeries(preview: CsvPreview, seriesColumn: string, key: string): CsvPreview {
  const i = preview.columns.indexOf(seriesColumn);
  return { ...preview, rows: preview.rows.filter((r) => r[i] === key) };
}
