// A long panel uploaded without `seriesColumn` (statsforecast's `unique_id, ds, y`, or a tsibble
// export keyed by several columns: `Quarter, Region, State, Purpose, Trips`) fails as one series on
// its repeated timestamps; the API then asks this whether it reads as a panel. Detected from the
// head of the file: a time column whose values repeat on most rows (or on fewer, where the ids are
// named as such: a ragged panel, a file sorted by series), and id columns (text, or named like an
// id) that make every (series, time) pair in the head unique. Only tried on a file that
// failed as one series: `year, month, passengers` also repeats its year, and is one series.
import { parseNumericCell, parseTimestamp, parseTimeValue, SERIES_ID_COLUMN_NAMES } from '@seqcast/contracts';
import { parse } from 'csv-parse/sync';
import { detectDelimiter } from '../csv/detect-delimiter';
import { SERIES_KEY_SEPARATOR, TIME_NAMES } from './panel-columns';

/** Rows of the head looked at: enough for a few series of a few hundred steps, cheap on any file. */
const SAMPLE_ROWS = 5000;
/** Share of the head's rows whose timestamp some other row shares, for a panel: a shared grid
 *  repeats nearly every instant; a local-clock series repeats one hour a year. */
const MIN_REPEATED_SHARE = 0.5;

export interface LongPanelLayout {
  /** The id column(s), joined with '/' into each series' key. */
  seriesColumn: string[];
  timeColumn: string;
}

export function detectLongPanel(input: string | Buffer, timeColumn?: string): LongPanelLayout | undefined {
  const text = (typeof input === 'string' ? input : input.subarray(0, 4 * 1024 * 1024).toString('utf8')).replace(/^\uFEFF/, '');
  const headerLine = text.split(/\r\n|\n|\r/).find((l) => l.trim() !== '') ?? '';
  let rows: string[][];
  try {
    rows = parse(text, {
      delimiter: detectDelimiter(headerLine),
      to_line: SAMPLE_ROWS + 1,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  } catch {
    return undefined; // a truncated head or broken quoting: the single-series parser names the problem
  }
  const [header, ...data] = rows;
  if (!header || data.length < 4 || data.some((r) => r.length !== header.length)) return undefined;
  // Time columns: named like one (TIME_NAMES) or holding date strings; the finest one (most
  // distinct instants: `Date_Time` over `Date`) is the panel's time, the others are neither ids nor time.
  const isTime = (c: number) =>
    data.every((r) => parseTimeValue(r[c])) &&
    (TIME_NAMES.includes(header[c].trim().toLowerCase()) ||
      data.every((r) => parseNumericCell(r[c]) === undefined && parseTimestamp(r[c])));
  const timeColumns = header.flatMap((_, c) => (isTime(c) ? [c] : []));
  const distinct = (c: number) => new Set(data.map((r) => r[c])).size;
  const timeIdx =
    timeColumn !== undefined
      ? header.findIndex((h) => h.trim().toLowerCase() === timeColumn.trim().toLowerCase())
      : timeColumns.reduce((best, c) => (best < 0 || distinct(c) > distinct(best) ? c : best), -1);
  if (timeIdx < 0 || !data.every((r) => parseTimeValue(r[timeIdx]))) return undefined;

  const timeCounts = new Map<string, number>();
  for (const r of data) timeCounts.set(r[timeIdx], (timeCounts.get(r[timeIdx]) ?? 0) + 1);
  const repeated = data.filter((r) => timeCounts.get(r[timeIdx])! > 1).length;

  // Id columns: named like one first, then text columns, in header order, as many as make every
  // (series, time) pair of the head unique; then one the pairs stay unique without and that changes
  // within a series is dropped (a `holiday` flag beside `sensor`), while one that follows from the
  // others is kept (`State` beside `Region`: tsibble's key).
  const named = (c: number) => SERIES_ID_COLUMN_NAMES.test(header[c].trim());
  const candidates = header
    .flatMap((_, c) =>
      c === timeIdx || timeColumns.includes(c)
        ? []
        : named(c)
          ? [{ c, named: true }]
          : data.some((r) => r[c] !== '' && parseNumericCell(r[c]) === undefined)
            ? [{ c, named: false }]
            : [],
    )
    .sort((a, b) => Number(b.named) - Number(a.named))
    .map(({ c }) => c);
  const unique = (ids: number[]) => {
    const seen = new Set<string>();
    for (const r of data) {
      const pair = `${ids.map((c) => r[c]).join(SERIES_KEY_SEPARATOR)}\u0000${r[timeIdx]}`;
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
  const valueLeft = header.some((_, c) => c !== timeIdx && !timeColumns.includes(c) && !idIdx.includes(c));
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
  return { seriesColumn: idIdx.map((c) => header[c]), timeColumn: header[timeIdx] };
}

/** The warning a detected panel's upload answers with: which columns were read as what. */
export function describeDetectedPanel(layout: LongPanelLayout, valueColumn: string): string {
  return (
    `Read as a long panel: one series per ${layout.seriesColumn.map((c) => `"${c}"`).join(', ')}, ` +
    `time "${layout.timeColumn}", values "${valueColumn}"; ` +
    'pass seriesColumn (and valueColumn) to choose the columns yourself.'
  );
}
