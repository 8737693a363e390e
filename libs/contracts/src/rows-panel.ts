// A panel written one row per series, its values across the columns: M4's original files
// (`V1, V2, …, Vn`: the id, then the values, a shorter series ending in empty cells), M5's
// (`id, item_id, …, d_1, …, d_1941`) and spreadsheets or statistics offices with a column per
// period (`Country Name, Country Code, 1960, 1961, …`; `Region, 2020-01, 2020-02, …`). Told by the
// header: a run of at least MIN_STEP_COLUMNS columns at its end that number the steps (one prefix,
// consecutive numbers) or date them, whose cells are numbers, after at least one id column. The
// API reads such a file as a panel; the dashboard's preview offers the same layout.
import { isSeriesIdColumnName, MIN_SERIES_LENGTH } from './dataset';
import { isMissingCell, parseNumericCell } from './numeric-cell';
import { parseTimeValue } from './numeric-timestamp';
import { SERIES_KEY_SEPARATOR } from './panel';
import { fullYear, isDateStringColumn, utcDate, type ParsedTimestamp } from './timestamp';

/** `1/22/20`, `22/01/2020`: a date column name in a spreadsheet's short form. */
const SLASH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/;

/** The run of step columns a header needs: a series' minimum length. */
export const MIN_STEP_COLUMNS = MIN_SERIES_LENGTH;

export interface RowsPanelLayout {
  /** The id column(s) whose values, joined with '/', name a row's series. */
  seriesIdx: number[];
  /** The columns holding the values, in step order. */
  stepIdx: number[];
  /** Each step column's timestamp; absent where the columns number the steps (`V2`, `d_1`, `1`). */
  times?: ParsedTimestamp[];
}

/** The columns in use: Excel and the World Bank end every line with a delimiter, an unnamed
 *  column empty on every row, which is left out. */
export function usedWidth(header: readonly string[], data: readonly (readonly string[])[]): number {
  let end = header.length;
  while (end > 0 && header[end - 1].trim() === '' && data.every((r) => (r[end - 1] ?? '').trim() === '')) end--;
  return end;
}

/** `V12` → ['V', 12], `d_1` → ['d_', 1], `7` → ['', 7]. */
function numbered(name: string): [string, number] | undefined {
  const m = /^(.*?)(\d{1,6})$/.exec(name.trim());
  return m ? [m[1], Number(m[2])] : undefined;
}

/** The layout of a rows panel from its header and head rows; undefined when the file is not one. */
export function detectRowsPanel(
  header: readonly string[],
  data: readonly string[][],
  seriesColumn?: number[],
): RowsPanelLayout | undefined {
  const end = usedWidth(header, data);
  const numericCells = (c: number) => data.every((r) => isMissingCell(r[c] ?? '') || parseNumericCell(r[c] ?? '') !== undefined);
  const stepRun = (read: (name: string) => number | undefined, consecutive: boolean): number => {
    let start = end - 1;
    const last = read(header[start]);
    if (last === undefined || !numericCells(start)) return end;
    let previous = last;
    while (start > 0 && !seriesColumn?.includes(start - 1)) {
      const v = read(header[start - 1]);
      if (v === undefined || !numericCells(start - 1) || (consecutive ? v !== previous - 1 : v >= previous)) break;
      previous = v;
      start--;
    }
    return start;
  };
  if (end < 1) return undefined;
  const lastNumbered = numbered(header[end - 1]);
  const byNumber = lastNumbered
    ? stepRun((name) => {
        const n = numbered(name);
        return n && n[0] === lastNumbered[0] ? n[1] : undefined;
      }, true)
    : end;
  const readName = stepNameReader(header.slice(0, end));
  const ascending = stepRun((name) => readName(name)?.ms, false);
  // Newest first, as Eurostat's older TSV downloads (`2018M12 2018M11 …`) and some reports order them.
  const descending = stepRun((name) => {
    const ms = readName(name)?.ms;
    return ms === undefined ? undefined : -ms;
  }, false);
  const newestFirst = descending < ascending;
  const byDate = newestFirst ? descending : ascending;
  // Years (`1960 … 2022`) read both ways: dated wins.
  const start = byDate <= byNumber && end - byDate >= MIN_STEP_COLUMNS ? byDate : byNumber;
  if (end - start < MIN_STEP_COLUMNS || start === 0) return undefined;
  // A date column before the run makes it a wide panel whose series are numbered (`ds, s1, …, s12`).
  if (Array.from({ length: start }, (_, c) => c).some((c) => isDateStringColumn(data.map((r) => r[c] ?? '')))) return undefined;
  const stepIdx = Array.from({ length: end - start }, (_, i) => start + i);
  if (start === byDate && newestFirst) stepIdx.reverse();
  const times = start === byDate ? stepIdx.map((c) => readName(header[c])!) : undefined;
  const seriesIdx = seriesColumn ?? idColumns(header, data, start);
  if (!seriesIdx.length) return undefined;
  return { seriesIdx, stepIdx, ...(times ? { times } : {}) };
}

/** Column names as dates: parseTimeValue's forms, and `1/22/20` or `22/01/2020` read in the one order
 *  the names allow (a first number above 12 makes them day-first, a second month-first; JHU's
 *  COVID-19 files name their columns M/D/YY); names no number above 12 orders are not dates. */
function stepNameReader(names: readonly string[]): (name: string) => ParsedTimestamp | undefined {
  const parts = names.map((n) => SLASH_DATE.exec(n.trim())).filter((m): m is RegExpExecArray => m !== null);
  const dayFirst = parts.some((m) => +m[1] > 12);
  const monthFirst = parts.some((m) => +m[2] > 12);
  if (dayFirst === monthFirst) return parseTimeValue;
  return (name) => {
    const m = SLASH_DATE.exec(name.trim());
    if (!m) return parseTimeValue(name);
    const [day, month] = dayFirst ? [+m[1], +m[2]] : [+m[2], +m[1]];
    const ms = utcDate(fullYear(m[3]), month, day);
    return ms === undefined ? undefined : { ms, dateOnly: true };
  };
}

/** The columns before the steps that name a row's series: the first named like an id or holding
 *  text whose head values are all different (M5's `id` before its `item_id`, `store_id`), else
 *  every such column together, and where those still repeat, with the text columns that are empty
 *  on some rows (JHU's `Province/State` beside `Country/Region`: Australia's states, one row for
 *  Albania; a key leaves the empty part out, see rowsPanelKey). */
function idColumns(header: readonly string[], data: readonly string[][], before: number): number[] {
  const text = (c: number) => isSeriesIdColumnName(header[c]) || data.some((r) => parseNumericCell(r[c] ?? '') === undefined);
  const filled = (c: number) => data.every((r) => (r[c] ?? '').trim() !== '');
  const columns = Array.from({ length: before }, (_, c) => c);
  const candidates = columns.filter((c) => filled(c) && text(c));
  const unique = (cs: number[]) => new Set(data.map((r) => rowsPanelKey(r, cs))).size === data.length;
  const alone = candidates.find((c) => unique([c]));
  if (alone !== undefined) return [alone];
  if (!candidates.length || unique(candidates)) return candidates;
  const withPartial = columns.filter(
    (c) => candidates.includes(c) || (!filled(c) && text(c) && data.some((r) => (r[c] ?? '').trim() !== '')),
  );
  return unique(withPartial) ? withPartial : candidates;
}

/** A row's series key: its id cells joined with '/', empty ones left out (`Albania`, and
 *  `New South Wales/Australia` where a state is given). */
export function rowsPanelKey(record: readonly string[], seriesIdx: readonly number[]): string {
  return seriesIdx
    .map((c) => (record[c] ?? '').trim())
    .filter((cell) => cell !== '')
    .join(SERIES_KEY_SEPARATOR);
}
