// The one place a dataset row becomes an HTTP response (the wire types are @seqcast/contracts'),
// with the zod schemas the OpenAPI document is generated from (kept next to the mapping so the two
// cannot drift apart).
import type {
  CreatedDatasetDto,
  DatasetDto,
  DatasetSeriesDto,
  DatasetSeriesWithValuesDto,
  DatasetWithValuesDto,
} from '@seqcast/contracts';
import type { Dataset, DatasetMeta, SeriesMeta } from '@seqcast/core';
import { z } from 'zod';

export const datasetDtoSchema = z.object({
  id: z.string().meta({ format: 'uuid' }),
  name: z.string(),
  length: z.number().int().describe('Number of points.'),
  frequency: z
    .string()
    .nullable()
    .describe(
      'Inferred step: minutely, hourly, daily, business-daily, weekly, monthly, quarterly, yearly, a multiple such as ' +
        '30min, 15min, 5min, 2h, 2w or 6mo, a session (sub-daily data observed in part of the day and/or on some ' +
        'weekdays: the step, its UTC window and weekdays, e.g. "5min 14:30-21:00 mon-fri", "15min mon-fri"), or irregular; ' +
        'null without timestamps.',
    ),
  valueColumn: z.string().nullable().describe('CSV column the values came from ("values" for JSON uploads).'),
  timeColumn: z
    .string()
    .nullable()
    .describe('CSV column the timestamps came from ("year+month" when combined); null without timestamps.'),
  hasTimestamps: z.boolean(),
  checksum: z
    .string()
    .describe('sha256 (hex) of the values as consecutive little-endian float64 (a panel: every series in order).'),
  createdAt: z.string().meta({ format: 'date-time' }),
  panel: z.boolean().describe('True for a panel (many series; their points are listed by GET /v1/datasets/:id/series).'),
  seriesCount: z
    .number()
    .int()
    .describe('1 for a single series; a panel: its number of series (length is then the total points).'),
  seriesColumn: z
    .string()
    .nullable()
    .describe(
      'A panel: the id column(s) its keys came from ("store,item"), "wide" or "series" (JSON); null for a single series.',
    ),
});

export const createdDatasetDtoSchema = datasetDtoSchema.extend({
  columns: z.array(z.string()).describe('Header of the uploaded CSV (empty for JSON).'),
  warnings: z.array(z.string()).describe('Non-fatal observations about the upload.'),
});

export const datasetWithValuesDtoSchema = datasetDtoSchema.extend({
  values: z.array(z.number()).optional().describe('Only with ?include=values.'),
  timestamps: z.array(z.string()).nullable().optional().describe('Only with ?include=values; null when the series has none.'),
});

export const datasetPageDtoSchema = z.object({
  items: z.array(datasetDtoSchema),
  nextCursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last page.'),
});

export function toDatasetDto(row: DatasetMeta): DatasetDto {
  return {
    id: row.id,
    name: row.name,
    length: row.length,
    frequency: row.frequency,
    valueColumn: row.valueColumn,
    timeColumn: row.timeColumn,
    hasTimestamps: row.timeColumn !== null,
    checksum: row.checksum,
    createdAt: row.createdAt.toISOString(),
    panel: row.seriesCount !== null,
    seriesCount: row.seriesCount ?? 1,
    seriesColumn: row.seriesColumn,
  };
}

export const seriesItemDtoSchema = z.object({
  key: z.string(),
  ordinal: z.number().int().describe('Position in the upload (first seen), 0-based.'),
  length: z.number().int(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  frequency: z.string().nullable(),
  sparkline: z.array(z.number()).optional().describe('Only with ?include=sparkline: up to 32 bucket means of the values.'),
});

export const seriesPageDtoSchema = z.object({
  items: z.array(seriesItemDtoSchema),
  nextCursor: z.string().nullable(),
  total: z.number().int().describe('Series in the dataset (not only those matching q).'),
});

const SPARKLINE_POINTS = 32;

/** Up to 32 bucket means: enough for a sparkline, a fixed size whatever the series' length. */
export function sparkline(values: number[]): number[] {
  if (values.length <= SPARKLINE_POINTS) return values;
  const out: number[] = [];
  for (let b = 0; b < SPARKLINE_POINTS; b++) {
    const from = Math.floor((b * values.length) / SPARKLINE_POINTS);
    const to = Math.floor(((b + 1) * values.length) / SPARKLINE_POINTS);
    let sum = 0;
    for (let i = from; i < to; i++) sum += values[i];
    out.push(sum / (to - from));
  }
  return out;
}

export function toSeriesItemDto(row: SeriesMeta & { values?: number[] }): DatasetSeriesDto {
  return {
    key: row.key,
    ordinal: row.ordinal,
    length: row.length,
    start: row.start,
    end: row.end,
    frequency: row.frequency,
    ...(row.values ? { sparkline: sparkline(row.values) } : {}),
  };
}

export function toDatasetSeriesWithValuesDto(
  row: SeriesMeta & { values: number[]; timestamps: string[] },
): DatasetSeriesWithValuesDto {
  return { ...toSeriesItemDto(row), values: row.values, timestamps: row.timestamps.length ? row.timestamps : null };
}

export function toCreatedDatasetDto(row: DatasetMeta, upload: { columns: string[]; warnings: string[] }): CreatedDatasetDto {
  return { ...toDatasetDto(row), columns: upload.columns, warnings: upload.warnings };
}

export function toDatasetWithValuesDto(row: Dataset): DatasetWithValuesDto {
  return { ...toDatasetDto(row), values: row.values, timestamps: row.timestamps.length ? row.timestamps : null };
}

/** OpenAPI 3.0 schema object of a zod schema, for @ApiBody/@ApiOkResponse. */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}
