// Request shapes of /v1/datasets. The series itself (values, timestamps, CSV cells) is checked by
// @seqcast/forecasting (parseCsvDataset / validateJsonSeries), whose messages name the line,
// column or index; these schemas only check the envelope, strictly (unknown fields are a 400).
import { AGGREGATIONS, OPEN_DOCUMENT_TYPE, PANEL_FORMATS, PARQUET_TYPES, WORKBOOK_TYPE } from '@seqcast/contracts';
import { z } from 'zod';

const stringError = { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : 'must be a string') };

export const datasetNameSchema = z
  .string(stringError)
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(200, { error: 'must be at most 200 characters' });

const columnName = z.string(stringError).trim().min(1, { error: 'must not be empty' }).max(200);

/** `store,item` or repeated parameters: a list of column names. */
const columnList = z
  .union([z.string(stringError), z.array(z.string(stringError))])
  .transform((v) =>
    (Array.isArray(v) ? v : [v])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string()).min(1, { error: 'must name at least one column' }).max(20));

/** CSV options: multipart fields next to `file`, or query parameters of a raw text/csv body. */
export const csvUploadOptionsSchema = z.strictObject({
  name: datasetNameSchema.optional(),
  // Panels (#11): any of these makes the upload a panel (many series), streamed.
  format: z
    .enum(PANEL_FORMATS, { error: `must be ${PANEL_FORMATS.map((f) => `"${f}"`).join(', ')}` })
    .optional()
    .describe(
      'Panel layout: long (a row per series and time), wide (a column per series) or rows (a row per series, its values ' +
        'across columns named by step numbers or dates, as M4 and M5 files are); default: long with seriesColumn, else wide.',
    ),
  seriesColumn: columnList
    .optional()
    .describe(
      'Long or rows panel: id column(s) naming each row’s series, e.g. "store,item" (joined with "/"); default: detected.',
    ),
  valueColumns: columnList
    .optional()
    .describe('Wide panel: the columns that are series; default: every column but the time column.'),
  valueColumn: columnName
    .optional()
    .describe('Column holding the series; default: a numeric column named y, value or values, else the last numeric column.'),
  timeColumn: columnName
    .optional()
    .describe('Column holding timestamps; default: year+month(+day) columns, else the first date column.'),
  aggregate: z
    .enum(AGGREGATIONS, { error: `must be ${AGGREGATIONS.map((a) => `"${a}"`).join(', ')}` })
    .optional()
    .describe(
      'Combine the rows of each time step (a log of orders, sales or events) by their sum, mean, count, min, max or last ' +
        'value; steps without rows are 0 for sum and count, else missing. Without frequency, rows sharing a timestamp.',
    ),
  frequency: z
    .string(stringError)
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(40)
    .optional()
    .describe(
      'With aggregate: the step rows are resampled to: minutely, 15min, 30min, hourly, daily, weekly (from Monday), ' +
        'monthly, quarterly, yearly, a multiple such as 2h or 6mo, or a pandas alias (D, h, W, MS, QS, YS).',
    ),
  sheet: z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(100, { error: 'must be at most 100 characters' })
    .optional()
    .describe('An .xlsx workbook: the sheet to read (by name); default: the first sheet holding a table.'),
});
export type CsvUploadOptions = z.infer<typeof csvUploadOptionsSchema>;

/**
 * A JSON upload. `values`/`timestamps` are left to validateJsonSeries, which says which index is
 * wrong (`values[3] is a string ("x"), not a number`) where a schema would only say "expected number".
 */
export const jsonDatasetBodySchema = z.strictObject({
  name: datasetNameSchema.optional(),
  values: z.unknown(),
  timestamps: z.unknown().optional(),
});

/** A panel as JSON: { name, series: [{ key, values, timestamps? }] }; the series are checked by validateJsonPanel. */
export const jsonPanelBodySchema = z.strictObject({
  name: datasetNameSchema.optional(),
  series: z.unknown(),
});
export type JsonPanelBody = z.infer<typeof jsonPanelBodySchema>;

/** Options that make a CSV upload a panel. */
export const PANEL_OPTION_NAMES = ['format', 'seriesColumn', 'valueColumns'] as const;

/** GET /v1/datasets/:id/series */
export const listSeriesQuerySchema = (maxLimit: number) =>
  z.strictObject({
    limit: z.coerce
      .number({ error: 'must be an integer' })
      .int({ error: 'must be an integer' })
      .min(1, { error: 'must be at least 1' })
      .max(maxLimit, { error: `must be at most ${maxLimit} (PAGE_SIZE_MAX)` })
      .default(Math.min(20, maxLimit)),
    cursor: z
      .string()
      .regex(/^s\d{1,9}$/, { error: 'is not a cursor returned by this API (use nextCursor as given)' })
      .transform((s) => Number(s.slice(1)))
      .optional(),
    q: z.string().max(200).optional().describe('Only keys containing this text (case-insensitive).'),
    include: z.enum(['sparkline'], { error: 'must be "sparkline"' }).optional(),
  });
export type ListSeriesQuery = z.infer<ReturnType<typeof listSeriesQuerySchema>>;
export type JsonDatasetBody = z.infer<typeof jsonDatasetBodySchema>;

const timestampsDoc = z
  .array(z.union([z.string(), z.number()]))
  .optional()
  .describe(
    'One per value, strictly increasing (a local clock repeating an hour when daylight saving ends is averaged): ' +
      'YYYY-MM-DD, ISO 8601, `2020 Q1`, `Jan 1949`, `1949M01`, ISO weeks (`1991 W06`), years, R decimal time, epoch seconds, YYYYMMDD or spreadsheet date serials as strings; numbers are epoch milliseconds.',
  );

/** What the OpenAPI document shows for a JSON upload (the real checks are stricter, see above). */
export const jsonDatasetBodyDoc = z.strictObject({
  name: datasetNameSchema.optional().describe('Default: the file name of a multipart upload, else "untitled".'),
  values: z.array(z.number()).describe('The series, oldest first; finite numbers only.'),
  timestamps: timestampsDoc,
});

export const jsonPanelBodyDoc = z.strictObject({
  name: datasetNameSchema.optional(),
  series: z
    .array(z.object({ key: z.string(), values: z.array(z.number()), timestamps: timestampsDoc }))
    .describe('A panel: many series, each with a unique key.'),
});

export const multipartDatasetBodyDoc = z.object({
  file: z
    .string()
    .meta({ format: 'binary' })
    .describe(
      'The CSV file (header row; `,` `;` tab or `|` separated), a JSON one (read as a JSON body), an Excel .xlsx ' +
        'workbook (read as the CSV of its sheet) or a Parquet file (read as the CSV of its columns).',
    ),
  name: datasetNameSchema.optional().describe('Default: the file name without its extension.'),
  valueColumn: csvUploadOptionsSchema.shape.valueColumn,
  timeColumn: csvUploadOptionsSchema.shape.timeColumn,
  format: csvUploadOptionsSchema.shape.format,
  seriesColumn: z.string().optional().describe('Long panel: id column(s), comma separated. Panel options go before "file".'),
  valueColumns: z.string().optional().describe('Wide panel: series columns, comma separated.'),
  sheet: csvUploadOptionsSchema.shape.sheet,
  aggregate: csvUploadOptionsSchema.shape.aggregate,
  frequency: csvUploadOptionsSchema.shape.frequency,
});

export const getDatasetQuerySchema = z.strictObject({
  include: z.enum(['values'], { error: 'must be "values"' }).optional(),
});
export type GetDatasetQuery = z.infer<typeof getDatasetQuerySchema>;

/** Media types POST /v1/datasets understands, in the order the 415 message lists them. */
export const DATASET_UPLOAD_TYPES = [
  'multipart/form-data',
  'text/csv',
  'application/json',
  'application/x-ndjson',
  WORKBOOK_TYPE,
  OPEN_DOCUMENT_TYPE,
  PARQUET_TYPES[0],
  'application/gzip',
  'application/zip',
] as const;
/** JSON Lines bodies (one record per line), read as the array of their lines (bootstrap's text parser accepts them). */
export const JSON_LINES_TYPES = [
  'application/x-ndjson',
  'application/jsonl',
  'application/jsonlines',
  'application/x-jsonlines',
] as const;
/** Also read as raw CSV (bootstrap's text parser accepts them). */
export const RAW_CSV_TYPES = ['text/csv', 'text/plain', 'text/tab-separated-values'] as const;
