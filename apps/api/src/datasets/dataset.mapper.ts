// The one place a dataset row becomes an HTTP response (the wire types are @seqcast/contracts'),
// with the zod schemas the OpenAPI document is generated from (kept next to the mapping so the two
// cannot drift apart).
import type { CreatedDatasetDto, DatasetDto, DatasetWithValuesDto } from '@seqcast/contracts';
import type { Dataset, DatasetMeta } from '@seqcast/core';
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
        '30min, 15min, 5min, 2h, 2w or 6mo, or irregular; null without timestamps.',
    ),
  valueColumn: z.string().nullable().describe('CSV column the values came from ("values" for JSON uploads).'),
  timeColumn: z
    .string()
    .nullable()
    .describe('CSV column the timestamps came from ("year+month" when combined); null without timestamps.'),
  hasTimestamps: z.boolean(),
  checksum: z.string().describe('sha256 (hex) of the values as consecutive little-endian float64.'),
  createdAt: z.string().meta({ format: 'date-time' }),
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
  };
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
