import { createHash } from 'node:crypto';
import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { APP_CONFIG, DatasetRepository, type AppConfig } from '@seqcast/core';
import { DatasetValidationError, parseCsvDataset, validateJsonSeries, type ParsedDataset } from '@seqcast/forecasting';
import { keysetPageArgs, type PaginationQuery, toPage } from '../common/pagination';
import type { CreatedDatasetDto, DatasetDto, DatasetWithValuesDto, Page } from '@seqcast/contracts';
import { toCreatedDatasetDto, toDatasetDto, toDatasetWithValuesDto } from './dataset.mapper';
import type { CsvUploadOptions, JsonDatasetBody } from './dto/dataset.schemas';

export type DatasetUpload =
  | { format: 'csv'; content: Buffer | string; filename?: string; options: CsvUploadOptions }
  | { format: 'json'; body: JsonDatasetBody };

/** sha256 (hex) of the values as consecutive little-endian IEEE-754 float64 (-0 counted as 0). */
export function valuesChecksum(values: readonly number[]): string {
  const bytes = Buffer.allocUnsafe(values.length * 8);
  for (let i = 0; i < values.length; i++) bytes.writeDoubleLE(values[i] === 0 ? 0 : values[i], i * 8);
  return createHash('sha256').update(bytes).digest('hex');
}

/** Default dataset name for a CSV: the upload's file name without its extension. */
function nameFromFilename(filename: string | undefined): string | undefined {
  const base = filename
    ?.split(/[\\/]/)
    .pop()
    ?.replace(/\.[^.]*$/, '')
    .trim();
  return base ? base.slice(0, 200) : undefined;
}

@Injectable()
export class DatasetsService {
  constructor(
    private readonly datasets: DatasetRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(upload: DatasetUpload): Promise<CreatedDatasetDto> {
    const { name, parsed } = this.parse(upload);
    // -0 is stored (and hashed) as 0: Postgres' text form of a float8 does not keep the sign of zero.
    const values = parsed.values.map((v) => (v === 0 ? 0 : v));
    const row = await this.datasets.create({
      name,
      values,
      timestamps: parsed.timestamps,
      frequency: parsed.frequency ?? null,
      valueColumn: parsed.valueColumn,
      timeColumn: parsed.timestamps ? (parsed.timeColumn ?? null) : null,
      checksum: valuesChecksum(values),
    });
    return toCreatedDatasetDto(row, { columns: parsed.columns, warnings: parsed.warnings });
  }

  async list(query: PaginationQuery): Promise<Page<DatasetDto>> {
    const rows = await this.datasets.list(keysetPageArgs(query));
    return toPage(rows, query.limit, toDatasetDto);
  }

  async get(id: string, includeValues: boolean): Promise<DatasetDto | DatasetWithValuesDto> {
    if (includeValues) {
      const row = await this.datasets.findWithValues(id);
      if (!row) throw this.notFound(id);
      return toDatasetWithValuesDto(row);
    }
    const row = await this.datasets.findMeta(id);
    if (!row) throw this.notFound(id);
    return toDatasetDto(row);
  }

  async delete(id: string): Promise<void> {
    if (!(await this.datasets.delete(id))) throw this.notFound(id);
  }

  private notFound(id: string): NotFoundException {
    return new NotFoundException(`dataset ${id} not found`);
  }

  /** Runs the forecasting lib's parser; its DatasetValidationError messages are meant for users. */
  private parse(upload: DatasetUpload): { name: string; parsed: ParsedDataset } {
    try {
      if (upload.format === 'json') {
        const { name, values, timestamps } = upload.body;
        return { name, parsed: validateJsonSeries({ values, timestamps }, { maxRows: this.config.MAX_CSV_ROWS }) };
      }
      const { options } = upload;
      const parsed = parseCsvDataset(upload.content, {
        valueColumn: options.valueColumn,
        timeColumn: options.timeColumn,
        maxRows: this.config.MAX_CSV_ROWS,
        maxColumns: this.config.MAX_CSV_COLUMNS,
      });
      return { name: options.name ?? nameFromFilename(upload.filename) ?? 'untitled', parsed };
    } catch (error) {
      if (error instanceof DatasetValidationError) throw new BadRequestException(error.message);
      throw error;
    }
  }
}
