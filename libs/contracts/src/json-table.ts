// A JSON upload that is a table rather than seqcast's own `{ name, values, timestamps }` or
// `{ name, series }` body: what pandas' to_json writes in each orientation, what chart libraries,
// REST and statistics APIs answer, JSON Lines. It is read as the CSV it stands for, so every CSV
// rule applies unchanged (time and value columns found by name or content, a long panel's id
// columns, NA and formatted numbers); messages that name a CSV line name the JSON's row instead.
// Shared by the API and the dashboard's preview, so both read the same columns.
import { DatasetValidationError } from './errors';
import { isSeriesList, readSeriesList } from './json-series-list';
import { isJsonStat, jsonStatRecords } from './json-stat';

/** A JSON table as CSV, and how the JSON names its rows and columns (for messages). */
export interface JsonTable {
  /** A header line, then one line per row; every non-empty cell quoted. */
  csv: string;
  /** The JSON's name for row `i` (0-based; the CSV's line i + 2): `records[3]`, `observations[3]`, `"2020-01-01"`. */
  rowName: (i: number) => string;
  /** What the JSON calls a column: a record's `field`, or a `column` of a table of arrays. */
  columnWord: 'field' | 'column';
}

type Cell = string | number | boolean | null;
type Json = Record<string, unknown>;

/** The column a bare list of values becomes, and the one row labels become (names the CSV reader
 *  takes as the value and the time column). */
const VALUE_COLUMN = 'y';
const LABEL_COLUMN = 'ds';

/** A file named as JSON or JSON Lines. */
export const JSON_FILE_NAME = /\.(json|jsonl|ndjson)$/i;

/** The JSON text of an upload: one JSON document, or JSON Lines (one record per line, as pandas'
 *  `to_json(orient="records", lines=True)` and log pipelines write) read as an array. */
export function parseJsonText(text: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(body);
  } catch (error) {
    const first = body.split(/\r?\n/).find((l) => l.trim());
    if (first !== undefined && first.trim() !== body.trim() && startsJsonLines(first)) return parseJsonLines(body);
    throw new DatasetValidationError(`the file is not valid JSON: ${(error as Error).message}`);
  }
}

/** JSON Lines (a body sent as application/x-ndjson, or a file of them): the array of its lines;
 *  the 400 names the line that does not parse. */
export function parseJsonLines(text: string): unknown[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l, i) => [l.trim(), i + 1] as const)
    .filter(([l]) => l)
    .map(([line, n]) => {
      try {
        return JSON.parse(line) as unknown;
      } catch (lineError) {
        throw new DatasetValidationError(`line ${n} of the JSON Lines file is not valid JSON: ${(lineError as Error).message}`, {
          line: n,
        });
      }
    });
}

function startsJsonLines(line: string): boolean {
  try {
    const first: unknown = JSON.parse(line);
    return typeof first === 'object' && first !== null;
  } catch {
    return false;
  }
}

/** Whether a JSON object is seqcast's own upload body (`values`, or a panel's `series` of
 *  `{ key, values }`; an API's or a chart's `series` of `{ name, data }` is a table). */
export function isSeqcastJsonBody(json: unknown): boolean {
  return isObject(json) && ('values' in json || ('series' in json && !isSeriesList(json.series)));
}

/**
 * The table a JSON upload stands for, or undefined where it is seqcast's own body (or holds no
 * table, which that body's checks then name). Read, in turn:
 * - an array: of records (pandas orient="records", REST APIs), of values, or of rows (`[[ds, y], …]`
 *   as chart libraries and pandas orient="values" write; a first row of names is the header);
 * - pandas orient="split" (`{ columns, index, data }`, a Series' `{ name, index, data }`) and
 *   orient="table" (`{ schema, data }`);
 * - an object of objects: pandas orient="columns" (to_json's default) or "index", by which keys are
 *   fewer (the columns); row labels become a column `ds` unless they only count rows (0, 1, …);
 * - an object of values keyed by time (a Series' to_json()): columns `ds`, `y`;
 * - an object of lists of equal length (`{ "ds": […], "y": […] }`, pandas' to_dict(orient="list")),
 *   beside metadata values (`"name": …`);
 * - an object with exactly one table among metadata (`{ "observations": […] }` from FRED,
 *   `{ "data": […] }`, `{ "Meta Data": …, "Time Series (Daily)": {…} }`);
 * - a list of series holding their points: a Prometheus range query's or an InfluxDB 1.x query's
 *   answer, chart libraries' series (Highcharts, Nivo, Chart.js; json-series-list);
 * - a JSON-stat 2.0 dataset (Eurostat's, ONS', SSB's APIs; json-stat.ts).
 * Nested objects in a record are its columns too, named by their path (`reading.value`), as pandas'
 * json_normalize names them.
 * Throws a DatasetValidationError naming the first row or cell that does not fit its table.
 */
export function readJsonTable(json: unknown, path = 'records'): JsonTable | undefined {
  if (path === 'records' && isJsonStat(json)) {
    const stat = jsonStatRecords(json);
    return { ...arrayTable(stat.records, path), rowName: (i) => stat.where[i] ?? `cell ${i}` };
  }
  const listed = readSeriesList(json, path);
  if (listed) return { ...arrayTable(listed.records, path), rowName: (i) => listed.where[i] ?? `point ${i}` };
  // The World Bank's API answers `[pagination, records]`.
  if (Array.isArray(json) && json.length === 2 && isPagination(json[0]) && Array.isArray(json[1]))
    return readJsonTable(json[1], `${path}[1]`);
  if (Array.isArray(json)) return arrayTable(json, path);
  if (!isObject(json) || isSeqcastJsonBody(json)) return undefined;
  const split = splitTable(json, path === 'records' ? '' : path);
  if (split) return split;
  const entries = Object.entries(json);
  if (entries.length && entries.every(([, v]) => isRowObject(v))) return keyedTable(json as Record<string, Json>, path);
  if (entries.length > 1 && entries.every(([, v]) => isCell(v))) {
    const labels = Object.keys(json);
    const keep = !countsRows(labels);
    const rows = labels.map((k) => (keep ? [k, json[k] as Cell] : [json[k] as Cell]));
    return table(keep ? [LABEL_COLUMN, VALUE_COLUMN] : [VALUE_COLUMN], rows, (i) => labelledRow(path, labels[i]), 'field');
  }
  const lists = entries.filter(([, v]) => Array.isArray(v) && v.length > 0 && v.every(isCell));
  if (lists.length > 1 && entries.every(([k, v]) => isCell(v) || lists.some(([name]) => name === k)))
    return listsTable(lists, path);
  const tables = entries.filter(([, v]) => (Array.isArray(v) && v.length > 0) || (isObject(v) && isTableObject(v)));
  const merged = tables.length > 1 ? pairsOnOneTime(tables, path) : undefined;
  if (merged) return merged;
  if (tables.length > 1) {
    throw new DatasetValidationError(
      `the JSON object holds ${tables.length} tables (${tables.map(([k]) => JSON.stringify(k)).join(', ')}): ` +
        'upload one of them, or send {"values": […]} (one series) or {"series": […]} (a panel)',
    );
  }
  if (tables.length === 1) return readJsonTable(tables[0][1], memberPath(path, tables[0][0]));
  return nestedListsTable(json, path);
}

/** Columns as lists nested in wrappers and metadata, as Yahoo Finance's chart API answers
 *  (`{ chart: { result: [{ meta, timestamp: […], indicators: { quote: [{ close: […] }] } }] } }`):
 *  the lists of one length, found through objects and one-element arrays, each named by its key
 *  (`timestamp`, `close`, `adjclose`). Undefined where fewer than two lists share a length. */
function nestedListsTable(json: Json, path: string): JsonTable | undefined {
  const lists: Array<[string, Cell[]]> = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 12) return;
    if (Array.isArray(value)) {
      if (value.length > 0 && value.every(isCell)) return void lists.push(['', value]);
      if (value.length === 1) visit(value[0], depth + 1);
      return;
    }
    if (!isObject(value)) return;
    for (const [key, v] of Object.entries(value)) {
      const before = lists.length;
      visit(v, depth + 1);
      for (let i = before; i < lists.length; i++) if (lists[i][0] === '') lists[i][0] = key;
    }
  };
  visit(json, 0);
  const byLength = new Map<number, Array<[string, Cell[]]>>();
  for (const list of lists) byLength.set(list[1].length, [...(byLength.get(list[1].length) ?? []), list]);
  const columns = [...byLength.values()].sort((a, b) => b.length - a.length)[0];
  if (!columns || columns.length < 2 || new Set(columns.map(([name]) => name)).size !== columns.length) return undefined;
  return listsTable(columns, path);
}

/** A parser's message about the CSV of a JSON table, in the JSON's terms: `Line 5` is row 3, the
 *  CSV's header being line 1. */
export function inJsonTableTerms(message: string, terms: Pick<JsonTable, 'rowName' | 'columnWord'>): string {
  const named = message.replace(/\b(on )?([Ll])ine (\d+)/g, (_, on: string | undefined, l: string, n: string) => {
    const row = terms.rowName(Number(n) - 2);
    return `${on ? 'in ' : ''}${l === 'L' ? row.charAt(0).toUpperCase() + row.slice(1) : row}`;
  });
  return terms.columnWord === 'field' ? named.replace(/\bcolumn "/g, 'field "') : named;
}

function arrayTable(rows: readonly unknown[], path: string): JsonTable {
  const where = (i: number) => `${path}[${i}]`;
  if (!rows.length)
    throw new DatasetValidationError(`The JSON array${path === 'records' ? '' : ` ${path}`} is empty: it holds no records.`);
  const kind = rowKind(rows[0]);
  const odd = rows.findIndex((r) => rowKind(r) !== kind);
  if (odd >= 0) {
    throw new DatasetValidationError(
      `${where(odd)} is ${describe(rows[odd])}, not ${kind}: every element of the array is a record ({"ds": …, "y": …}), ` +
        'every one a row ([ds, y]) or every one a value',
      { index: odd },
    );
  }
  if (kind === 'a row') return rowsTable(rows as unknown[][], path);
  if (kind === 'a value')
    return table(
      [VALUE_COLUMN],
      rows.map((r, i) => [flatCell(r, where(i))]),
      where,
      'field',
    );
  const records = rows.map((row) => flatRecord(row as Json));
  const fields = new Map<string, number>();
  for (const row of records) for (const key of Object.keys(row)) if (!fields.has(key)) fields.set(key, fields.size);
  const names = [...fields.keys()];
  const cells = records.map((row, i) => names.map((k) => flatCell(row[k] ?? null, `${where(i)}.${k}`)));
  return table(names, cells, where, 'field');
}

/** A record with its nested objects' fields brought up, named by their path (`reading.value`);
 *  lists of records in it (BLS' `footnotes: [{ code, text }]`) are notes on the row, not cells, and
 *  are left out; other arrays stay, for flatCell to name. */
function flatRecord(record: Json, prefix = '', into: Json = {}): Json {
  for (const [key, value] of Object.entries(record)) {
    if (isObject(value) && Object.keys(value).length) flatRecord(value, `${prefix}${key}.`, into);
    else if (Array.isArray(value) && value.every(isObject)) continue;
    else into[`${prefix}${key}`] = value;
  }
  return into;
}

function rowKind(row: unknown): 'a record' | 'a row' | 'a value' {
  return Array.isArray(row) ? 'a row' : isObject(row) ? 'a record' : 'a value';
}

/** `[[ds, y], …]`: a first row of names (and only names, where later rows hold a number) is the header;
 *  otherwise the columns are `y`, `ds, y`, or `ds, y1, y2, …`. */
function rowsTable(rows: readonly unknown[][], path: string): JsonTable {
  const where = (i: number) => `${path}[${i}]`;
  const cells = rows.map((row, i) => row.map((cell, j) => flatCell(cell, `${where(i)}[${j}]`)));
  const headed =
    rows.length > 1 &&
    cells[0].every((c) => typeof c === 'string') &&
    cells.slice(1).some((r) => r.some((c) => typeof c === 'number'));
  const width = cells.reduce((w, r) => Math.max(w, r.length), 0);
  const header = headed
    ? (cells[0] as string[])
    : width === 1
      ? [VALUE_COLUMN]
      : width === 2
        ? [LABEL_COLUMN, VALUE_COLUMN]
        : [LABEL_COLUMN, ...Array.from({ length: width - 1 }, (_, j) => `${VALUE_COLUMN}${j + 1}`)];
  const body = headed ? cells.slice(1) : cells;
  const offset = headed ? 1 : 0;
  body.forEach((row, i) => {
    const expected = headed ? header.length : body[0].length;
    if (headed ? row.length > expected : row.length !== expected) {
      throw new DatasetValidationError(
        `${where(i + offset)} holds ${row.length} values where ${headed ? `the header names ${expected} columns` : `${where(offset)} holds ${expected}`}`,
        { index: i + offset },
      );
    }
  });
  return table(header, body, (i) => where(i + offset), 'column');
}

/** Several `[[t, v], …]` lists on the same times (CoinGecko's `prices`, `market_caps`,
 *  `total_volumes`) are the columns of one table: `ds` and a column per list. */
function pairsOnOneTime(tables: ReadonlyArray<[string, unknown]>, path: string): JsonTable | undefined {
  const lists = tables.map(([, v]) => v);
  const pairs = (v: unknown): v is Cell[][] =>
    Array.isArray(v) && v.every((r) => Array.isArray(r) && r.length === 2 && r.every(isCell));
  if (!lists.every(pairs)) return undefined;
  const first = lists[0] as Cell[][];
  if (!lists.every((l) => (l as Cell[][]).length === first.length && (l as Cell[][]).every((r, i) => r[0] === first[i][0])))
    return undefined;
  const rows = first.map((r, i) => [r[0], ...lists.map((l) => (l as Cell[][])[i][1])]);
  const where = path === 'records' ? '' : `${path} `;
  return table([LABEL_COLUMN, ...tables.map(([name]) => name)], rows, (i) => `${where}index ${i}`, 'field');
}

/** A page's description as paged APIs put it before the records (`page`, `pages`, `per_page`, `total`). */
function isPagination(value: unknown): boolean {
  return isObject(value) && 'page' in value && ('pages' in value || 'total' in value || 'per_page' in value);
}

/** Columns as lists of equal length (`{ "ds": […], "y": […] }`: pandas' to_dict(orient="list"), R's
 *  jsonlite on a data frame by column, many REST APIs). */
function listsTable(entries: ReadonlyArray<[string, unknown]>, path: string): JsonTable {
  const columns = entries as ReadonlyArray<[string, Cell[]]>;
  const [first, length] = [columns[0][0], columns[0][1].length];
  const other = columns.find(([, v]) => v.length !== length);
  if (other) {
    throw new DatasetValidationError(
      `the JSON's columns differ in length: ${JSON.stringify(first)} holds ${length} values, ${JSON.stringify(other[0])} ` +
        `${other[1].length}; as columns of one table they hold one value per row`,
    );
  }
  const rows = Array.from({ length }, (_, i) => columns.map(([, v]) => v[i]));
  const where = path === 'records' ? '' : `${path} `;
  return table(
    columns.map(([name]) => name),
    rows,
    (i) => `${where}index ${i}`,
    'field',
  );
}

/** pandas orient="split" (a DataFrame's `{ columns, index, data }`, a Series' `{ name, index, data }`)
 *  or orient="table" (`{ schema: { fields, primaryKey }, data: [records] }`). */
function splitTable(json: Json, path: string): JsonTable | undefined {
  const data = json.data;
  if (!Array.isArray(data)) return undefined;
  // Nasdaq Data Link's (Quandl's) `{ …, column_names: […], data: [[…], …] }`, among its metadata.
  if (Array.isArray(json.column_names) && data.every(Array.isArray) && !('columns' in json))
    return splitTable({ columns: json.column_names, data }, path);
  const dataPath = memberPath(path || 'records', 'data').replace(/^records\./, '');
  if (isObject(json.schema) && Array.isArray(json.schema.fields)) {
    const records = data.every(isObject) ? data.map((r) => dropRowCounter(r, json.schema as Json)) : data;
    return readJsonTable(records, dataPath);
  }
  const keys = Object.keys(json);
  if (!keys.every((k) => ['columns', 'index', 'data', 'name'].includes(k)) || !('index' in json || 'columns' in json))
    return undefined;
  const index = Array.isArray(json.index) && !countsRows(json.index) ? json.index : undefined;
  const where = (i: number) => `${dataPath}[${i}]`;
  if (Array.isArray(json.columns)) {
    const columns = json.columns.map((c, j) => String(flatCell(c, `columns[${j}]`)));
    const rows = data.map((row, i) => {
      if (!Array.isArray(row))
        throw new DatasetValidationError(`${where(i)} is ${describe(row)}, not a row of values`, { index: i });
      return row.map((c, j) => flatCell(c, `${where(i)}[${j}]`));
    });
    const header = index ? [LABEL_COLUMN, ...columns] : columns;
    return table(header, index ? rows.map((r, i) => [flatCell(index[i] ?? null, `index[${i}]`), ...r]) : rows, where, 'column');
  }
  const name = typeof json.name === 'string' && json.name.trim() ? json.name : VALUE_COLUMN;
  const values = data.map((c, i) => flatCell(c, where(i)));
  return table(
    index ? [LABEL_COLUMN, name] : [name],
    values.map((v, i) => (index ? [flatCell(index[i] ?? null, `index[${i}]`), v] : [v])),
    where,
    'column',
  );
}

/** pandas orient="columns" ({ column: { row: value } }) or "index" ({ row: { column: value } }): the
 *  side with fewer keys is the columns. Row labels become a column `ds` unless they count rows. */
function keyedTable(json: Record<string, Json>, path: string): JsonTable {
  const outer = Object.keys(json);
  const inner = [...new Set(outer.flatMap((k) => Object.keys(json[k])))];
  const byColumn = outer.length <= inner.length;
  const [columns, labels] = byColumn ? [outer, inner] : [inner, outer];
  const cell = (label: string, column: string) => (byColumn ? (json[column][label] ?? null) : (json[label][column] ?? null));
  const rowName = (i: number) => labelledRow(path, labels[i]);
  const keepLabels = !countsRows(labels);
  const rows = labels.map((label, i) => [
    ...(keepLabels ? [label] : []),
    ...columns.map((c) => flatCell(cell(label, c), `${rowName(i)}, field ${JSON.stringify(c)}`)),
  ]);
  return table(keepLabels ? [LABEL_COLUMN, ...columns] : columns, rows, rowName, 'field');
}

/** A pandas table schema's primary key when it only counts rows (`index`: 0, 1, …), left out. */
function dropRowCounter(record: Json, schema: Json): Json {
  const key = Array.isArray(schema.primaryKey) && schema.primaryKey.length === 1 ? String(schema.primaryKey[0]) : undefined;
  if (key !== 'index' || typeof record[key] !== 'number') return record;
  const { [key]: _dropped, ...rest } = record;
  return rest;
}

/** Row labels 0, 1, …, n - 1 (pandas' default RangeIndex, as numbers or strings) name no time. */
function countsRows(labels: readonly unknown[]): boolean {
  return labels.every((l, i) => String(l) === String(i));
}

function table(
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  rowName: (i: number) => string,
  columnWord: JsonTable['columnWord'],
): JsonTable {
  const alone = header.length === 1;
  const lines = [
    header.map((n) => quote(n)).join(','),
    ...rows.map((r) => header.map((_, j) => quote(r[j] ?? null, alone)).join(',')),
  ];
  return { csv: lines.join('\n') + '\n', rowName, columnWord };
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCell(value: unknown): value is Cell {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** An object of cells: one row of pandas orient="index", or one column of orient="columns". */
function isRowObject(value: unknown): value is Json {
  return isObject(value) && Object.values(value).every(isCell);
}

/** An object holding rows keyed by label (orient="columns"/"index", Alpha Vantage's time series). */
function isTableObject(value: Json): boolean {
  const entries = Object.values(value);
  return (
    entries.length > 0 &&
    (entries.every(isRowObject) ||
      'data' in value ||
      // A wrapper around a list of series (BLS' `Results: { series: [{ seriesID, data }] }`).
      isSeriesList(value.series))
  );
}

/** A row of an object keyed by row label: `row "2020-01-01"`, or `data["2020-01-01"]` inside a wrapper. */
function labelledRow(path: string, label: string): string {
  return path === 'records' ? `row ${JSON.stringify(label)}` : `${path}[${JSON.stringify(label)}]`;
}

function memberPath(path: string, key: string): string {
  const member = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
  return path === 'records' ? member : /^[A-Za-z_$]/.test(member) ? `${path}.${member}` : `${path}[${member}]`;
}

function flatCell(value: unknown, where: string): Cell {
  if (isCell(value)) return value;
  throw new DatasetValidationError(`${where} is ${describe(value)}: a table's cells hold numbers, strings, booleans or null`);
}

function describe(value: unknown): string {
  return Array.isArray(value)
    ? 'an array'
    : value === null
      ? 'null'
      : `a ${typeof value === 'object' ? 'nested object' : typeof value}`;
}

/** RFC 4180 quoting of every non-empty cell, numbers as JSON wrote them. null is an empty cell, or
 *  `NA` where it would be the whole line (an empty line is no row to the CSV parser). */
function quote(value: Cell, alone = false): string {
  if (value === null) return alone ? 'NA' : '';
  const text = String(value);
  return typeof value === 'string' ? `"${text.replace(/"/g, '""')}"` : text;
}
