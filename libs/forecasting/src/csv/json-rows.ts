// A JSON array uploaded as a dataset: rows as pandas' to_json(orient="records"), a REST API or a
// spreadsheet-to-JSON tool write them ([{ "ds": "2020-01-01", "y": 1 }, …]), or a bare array of
// values ([1, 2, null, 4]). Read as the CSV it stands for, so every CSV rule applies unchanged:
// the time and value columns found by name or content, a long panel's id columns detected, NA and
// formatted numbers read alike. Messages that name a CSV line are renamed to the record's index.
import { DatasetValidationError } from '../errors';

/** The column a bare array of values becomes (a name the value-column default picks). */
const BARE_VALUES_COLUMN = 'y';

type Cell = string | number | boolean | null;

/** The CSV text of a JSON array: a header of every field in the order first seen, one line per
 *  record (an absent field empty, as null is). Throws a DatasetValidationError naming the first
 *  record that is neither a flat object nor a value. */
export function jsonRowsToCsv(rows: readonly unknown[]): string {
  if (!rows.length) throw new DatasetValidationError('The JSON array is empty: it holds no records.');
  if (rows.every((r) => !isObject(r))) {
    return [quote(BARE_VALUES_COLUMN), ...rows.map((r, i) => quote(flatCell(r, `[${i}]`), true))].join('\n') + '\n';
  }
  const fields = new Map<string, number>();
  for (const [i, row] of rows.entries()) {
    if (!isObject(row)) {
      throw new DatasetValidationError(
        `records[${i}] is ${describe(row)}, not a record: every element of the array is an object of fields ` +
          '({"ds": …, "y": …}), or every one a value',
        { index: i },
      );
    }
    for (const key of Object.keys(row)) if (!fields.has(key)) fields.set(key, fields.size);
  }
  const names = [...fields.keys()];
  const lines = [names.map((n) => quote(n)).join(',')];
  for (const [i, row] of rows.entries()) {
    const record = row as Record<string, unknown>;
    lines.push(names.map((k) => quote(flatCell(record[k] ?? null, `[${i}].${k}`), names.length === 1)).join(','));
  }
  return lines.join('\n') + '\n';
}

/** A parser's message about the CSV made of JSON rows, in the JSON's terms: `Line 5` is records[3]
 *  (line 1 is the made-up header). */
export function inJsonRowTerms(message: string): string {
  return message
    .replace(
      /\b(on )?([Ll])ine (\d+)/g,
      (_, on: string | undefined, l: string, n: string) => `${on ? 'in ' : ''}${l === 'L' ? 'R' : 'r'}ecords[${Number(n) - 2}]`,
    )
    .replace(/\bcolumn "/g, 'field "');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function flatCell(value: unknown, where: string): Cell {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return value as Cell;
  throw new DatasetValidationError(
    `records${where} is ${describe(value)}: a record's fields hold numbers, strings, booleans or null`,
  );
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
function quote(value: Cell | string, alone = false): string {
  if (value === null) return alone ? 'NA' : '';
  const text = String(value);
  return typeof value === 'string' ? `"${text.replace(/"/g, '""')}"` : text;
}
