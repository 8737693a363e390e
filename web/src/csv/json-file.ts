// A JSON file chosen for upload, as the API reads it: a table (contracts' readJsonTable: records,
// pandas' orientations, JSON Lines) whose CSV the preview shows, or seqcast's own body, shown as its
// columns (timestamps, values; a panel's series too), whose columns are its own.
import { isSeqcastJsonBody, JSON_FILE_NAME, parseJsonText, readJsonTable } from '@seqcast/contracts';

export interface JsonFile {
  /** The JSON as sent (JSON Lines as the array of its lines). */
  json: unknown;
  /** The CSV the preview reads. */
  csv: string;
  /** seqcast's own { values } / { series } body: no column options apply. */
  ownBody: boolean;
  /** That body's own name, if it has one. */
  name?: string;
}

/** A file to read as JSON: named so, or opening with `{` / `[` (a CSV's header does not). */
export function isJsonFile(name: string, text: string): boolean {
  return JSON_FILE_NAME.test(name) || /^\uFEFF?\s*[[{]/.test(text);
}

/** Throws an Error whose message is for the user (the API's own words where it has them). */
export function readJsonFile(text: string): JsonFile {
  const json = parseJsonText(text);
  const table = readJsonTable(json);
  if (table) return { json, csv: table.csv, ownBody: false };
  if (!isSeqcastJsonBody(json)) {
    throw new Error(
      'This JSON holds no table: upload {"values": […], "timestamps": […]}, {"series": [{"key", "values"}, …]}, ' +
        'an array of records, or a pandas to_json() file',
    );
  }
  const body = json as { name?: unknown; values?: unknown; timestamps?: unknown; series?: unknown };
  const rows = Array.isArray(body.series)
    ? body.series.flatMap((s: { key?: unknown; values?: unknown; timestamps?: unknown }) =>
        columnsOf(s.values, s.timestamps).map((r) => ({ series: s.key ?? null, ...r })),
      )
    : columnsOf(body.values, body.timestamps);
  const csv = readJsonTable(rows)?.csv;
  if (!csv) throw new Error('The JSON body holds no values.');
  return { json, csv, ownBody: true, name: typeof body.name === 'string' ? body.name : undefined };
}

function columnsOf(values: unknown, timestamps: unknown): Array<Record<string, unknown>> {
  if (!Array.isArray(values)) throw new Error('"values" is not an array of numbers.');
  const dated = Array.isArray(timestamps) ? timestamps : undefined;
  return values.map((v, i) => (dated ? { timestamps: dated[i] ?? null, values: v } : { values: v }));
}
