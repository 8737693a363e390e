// pandas writes a DataFrame whose columns have two levels (a MultiIndex) as one header line per
// level, then a line naming the index; yfinance's download, the most common source of price
// series, is such a frame:
//   Price,Close,High,Low,Open,Volume
//   Ticker,AAPL,AAPL,AAPL,AAPL,AAPL
//   Date,,,,,
//   2020-01-02,72.71,72.77,71.46,71.72,135480400
// Read with its first line as the header, the tickers are a row that is "not a number". This
// rewrites such a file as the CSV it stands for: one value of the series level (one ticker), a plain
// header (`Date,Close,High,…`); several, a long table with a row per date and series
// (`Date,Ticker,Close,High,…`), which reads as a panel. Shared by the API and the dashboard.
import { detectDelimiter, splitCsv } from './csv-header';
import { parseNumericCell } from './numeric-cell';
import { parseTimestamp } from './timestamp';
import { isUnitsRow } from './units-row';

export interface MultiLevelTable {
  csv: string;
  warning: string;
}

/** Names of the level that holds the fields (Close, High…) rather than the series (yfinance's
 *  `Price`; its `group_by="ticker"` puts it second). Failing one, the first level is the fields,
 *  as `df.pivot(columns="unique_id")` leaves them. */
const FIELD_LEVEL_NAME = /^(?:price|field|attribute|variable|metric)s?$/i;
/** Lines read to recognise the layout. */
const HEAD_LINES = 8;

/** The file as the one-level CSV it stands for, with a warning saying how it was read; undefined
 *  for a file whose header has one level. */
export function multiLevelHeaderAsCsv(text: string): MultiLevelTable | undefined {
  const body = text.replace(/^\uFEFF/, '');
  const headEnd = nthLineEnd(body, HEAD_LINES);
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const delimiter = detectDelimiter(firstLine);
  const head = splitCsv(body.slice(0, headEnd), delimiter);
  const layout = levelsOf(head, delimiter !== ',');
  if (!layout) return undefined;
  const rows = splitCsv(body, delimiter).slice(layout.dataStart);
  const [upper, lower] = [head[0], head[1]];
  const fieldLevel = FIELD_LEVEL_NAME.test(lower[0]) && !FIELD_LEVEL_NAME.test(upper[0]) ? 1 : 0;
  const [fieldsRow, seriesRow] = fieldLevel === 0 ? [upper, lower] : [lower, upper];
  const seriesName = seriesRow[0] || 'series';
  const fields = distinct(fieldsRow.slice(1));
  const series = distinct(seriesRow.slice(1));
  const levels = `"${upper[0] || '(unnamed)'}" and "${lower[0] || '(unnamed)'}"`;
  // Written with the file's own delimiter, so a `;` file keeps its decimal commas.
  const quoted = (c: string) => (c.includes(delimiter) || /["\r\n]/.test(c) || c !== c.trim() ? `"${c.replace(/"/g, '""')}"` : c);
  const line = (cells: string[]) => cells.map(quoted).join(delimiter);
  if (series.length === 1) {
    const csv = [line([layout.index, ...fieldsRow.slice(1)]), ...rows.map(line)].join('\n') + '\n';
    return {
      csv,
      warning: `The header has two levels (pandas' MultiIndex columns: ${levels}): read as one, the columns of "${series[0]}".`,
    };
  }
  // Where each (series, field) is: its column, by the two header cells above it.
  const column = new Map<string, number>();
  for (let c = 1; c < fieldsRow.length; c++) column.set(`${seriesRow[c]}\u0000${fieldsRow[c]}`, c);
  const out = [line([layout.index, seriesName, ...fields])];
  for (const row of rows) {
    for (const s of series) {
      out.push(line([row[0], s, ...fields.map((f) => row[column.get(`${s}\u0000${f}`) ?? -1] ?? '')]));
    }
  }
  return {
    csv: out.join('\n') + '\n',
    warning:
      `The header has two levels (pandas' MultiIndex columns: ${levels}): read as a long table, a row per ` +
      `${layout.index} and ${seriesName} (${series.length} series: ${series
        .slice(0, 5)
        .map((s) => `"${s}"`)
        .join(', ')}${series.length > 5 ? ', …' : ''}).`,
  };
}

/** Two header lines as wide as the table, each opening with its level's name (or nothing) and naming
 *  every column, then the index's name alone on its line (or no such line), then rows that open with
 *  a date and hold numbers. */
function levelsOf(head: string[][], decimalComma: boolean): { index: string; dataStart: number } | undefined {
  if (head.length < 3) return undefined;
  const [upper, lower] = head;
  const width = upper.length;
  const names = (r: string[]) => r.length === width && r.slice(1).every((c) => c !== '' && parseNumericCell(c) === undefined);
  if (width < 2 || !names(upper) || !names(lower) || parseTimestamp(lower[0]) || parseTimestamp(upper[0])) return undefined;
  // Units under the header (`°C`, `%`: a logger's export) are no second level.
  if (isUnitsRow(lower, upper)) return undefined;
  const indexRow = head[2].length <= width && head[2][0] !== '' && head[2].slice(1).every((c) => c === '');
  const dataStart = indexRow ? 3 : 2;
  const data = head[dataStart];
  const isData = (r: string[] | undefined) =>
    !!r && parseTimestamp(r[0]) !== undefined && r.slice(1).some((c) => parseNumericCell(c, decimalComma) !== undefined);
  if (!isData(data)) return undefined;
  return { index: indexRow ? head[2][0] : 'date', dataStart };
}

function distinct(cells: readonly string[]): string[] {
  return [...new Set(cells)];
}

/** The index just past the n-th line break (the whole text where it has fewer lines). */
function nthLineEnd(text: string, n: number): number {
  let at = 0;
  for (let i = 0; i < n; i++) {
    const next = text.indexOf('\n', at);
    if (next < 0) return text.length;
    at = next + 1;
  }
  return at;
}
