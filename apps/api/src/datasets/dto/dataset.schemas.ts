// Request shapes of /v1/datasets. The series itself (values, timestamps, CSV cells) is checked by
// @seqcast/forecasting (parseCsvDataset / validateJsonSeries), whose messages name the line,
// column or index; these schemas only check the envelope, strictly (unknown fields are a 400).
import { z } from 'zod';

const stringError = { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : 'must be a string') };

export const datasetNameSchema = z
  .string(stringError)
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(200, { error: 'must be at most 200 characters' });

const columnName = z.string(stringError).trim().min(1, { error: 'must not be empty' }).max(200);

/** CSV options: multipart fields next to `file`, or query parameters of a raw text/csv body. */
export const csvUploadOptionsSchema = z.strictObject({
  name: datasetNameSchema.optional(),
  valueColumn: columnName.optional().describe('Column holding the series; default: the last numeric column.'),
  timeColumn: columnName
    .optional()
    .describe('Column holding timestamps; default: year+month(+day) columns, else the first date column.'),
});
export type CsvUploadOptions = z.infer<typeof csvUploadOptionsSchema>;

/**
 * A JSON upload. `values`/`timestamps` are left to validateJsonSeries, which says which index is
 * wrong (`values[3] is a string ("x"), not a number`) where a schema would only say "expected number".
 */
export const jsonDatasetBodySchema = z.strictObject({
  name: datasetNameSchema,
  values: z.unknown(),
  timestamps: z.unknown().optional(),
});
export type JsonDatasetBody = z.infer<typeof jsonDatasetBodySchema>;

/** What the OpenAPI document shows for a JSON upload (the real checks are stricter, see above). */
export const jsonDatasetBodyDoc = z.strictObject({
  name: datasetNameSchema,
  values: z.array(z.number()).describe('The series, oldest first; finite numbers only.'),
  timestamps: z.array(z.string()).optional().describe('One per value, strictly increasing; YYYY-MM-DD or ISO 8601.'),
});

export const multipartDatasetBodyDoc = z.object({
  file: z.string().meta({ format: 'binary' }).describe('The CSV file (header row; `,` `;` or tab separated).'),
  name: datasetNameSchema.optional().describe('Default: the file name without its extension.'),
  valueColumn: csvUploadOptionsSchema.shape.valueColumn,
  timeColumn: csvUploadOptionsSchema.shape.timeColumn,
});

export const getDatasetQuerySchema = z.strictObject({
  include: z.enum(['values'], { error: 'must be "values"' }).optional(),
});
export type GetDatasetQuery = z.infer<typeof getDatasetQuerySchema>;

/** Media types POST /v1/datasets understands, in the order the 415 message lists them. */
export const DATASET_UPLOAD_TYPES = ['multipart/form-data', 'text/csv', 'application/json'] as const;
/** Also read as raw CSV (bootstrap's text parser accepts them). */
export const RAW_CSV_TYPES = ['text/csv', 'text/plain', 'text/tab-separated-values'] as const;
