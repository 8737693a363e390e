import { createHash } from 'node:crypto';
import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { APP_CONFIG, DatasetRepository, DatasetSeriesRepository, currentOwnerId, type AppConfig } from '@seqcast/core';
import {
  DatasetValidationError,
  detectLongPanel,
  isKeyedBySeriesId,
  isRowsPanelCsv,
  numberedWidePanelColumns,
  parseCsvDataset,
  validateJsonPanel,
  validateJsonSeries,
  type ParsedDataset,
  type ParsedPanel,
} from '@seqcast/forecasting';
import { Readable } from 'node:stream';
import { keysetPageArgs, type PaginationQuery, toPage } from '../common/pagination';
import {
  inJsonTableTerms,
  type CreatedDatasetDto,
  DatasetDto,
  type DatasetSeriesPage,
  type DatasetSeriesWithValuesDto,
  type DatasetWithValuesDto,
  type Page,
} from '@seqcast/contracts';
import {
  toCreatedDatasetDto,
  toDatasetDto,
  toDatasetSeriesWithValuesDto,
  toDatasetWithValuesDto,
  toSeriesItemDto,
} from './dataset.mapper';
import type { ListSeriesQuery } from './dto/dataset.schemas';
import { datasetNameOf } from './dataset-name';
import type { DatasetUpload } from './dataset-upload';
import { parsePanelStream } from './panel-upload';
import { uploadAsCsv } from './upload-as-csv';

function float64Bytes(values: readonly number[]): Buffer {
  const bytes = Buffer.allocUnsafe(values.length * 8);
  for (let i = 0; i < values.length; i++) bytes.writeDoubleLE(values[i], i * 8);
  return bytes;
}

/** sha256 (hex) of the values as consecutive little-endian IEEE-754 float64 (-0 counted as 0). */
export function valuesChecksum(values: readonly number[]): string {
  const bytes = Buffer.allocUnsafe(values.length * 8);
  for (let i = 0; i < values.length; i++) bytes.writeDoubleLE(values[i] === 0 ? 0 : values[i], i * 8);
  return createHash('sha256').update(bytes).digest('hex');
}

@Injectable()
export class DatasetsService {
  constructor(
    private readonly datasets: DatasetRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly series: DatasetSeriesRepository,
  ) {}

  async create(given: DatasetUpload): Promise<CreatedDatasetDto> {
    const upload = await uploadAsCsv(given, this.config.MAX_UPLOAD_BYTES);
    if (upload.format === 'panel' || upload.format === 'panel-stream' || upload.format === 'panel-json') {
      return this.createPanel(upload);
    }
    const read = this.parse(upload);
    if ('panel' in read) {
      // parsePanelCsv detects the layout again and warns which columns it took.
      const { options, filename, content, jsonTable, notes = [] } = read.panel;
      const panelOptions = { ...options, name: options.name ?? datasetNameOf(filename), format: read.layout };
      return this.createPanel(
        {
          format: 'panel-stream',
          stream: Readable.from([content]),
          options: panelOptions,
          jsonTable,
          notes: read.note ? [...notes, read.note] : notes,
        },
        read.layout === 'rows',
      );
    }
    const { name, parsed } = read;
    return this.storeSeries(name, parsed, warningsOf(upload, parsed.warnings));
  }

  /** One series stored as a single-series dataset. */
  private async storeSeries(name: string, parsed: ParsedDataset, warnings: string[]): Promise<CreatedDatasetDto> {
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
    return toCreatedDatasetDto(row, { columns: parsed.columns, warnings });
  }

  /** A panel: every series checked (the upload is all or nothing), then stored in batches.
   *  `oneRowAlone`: a file read as a row per series without asking for one (its dates across the
   *  header) that holds one row is that one series, stored as a single-series dataset. */
  private async createPanel(
    upload: Extract<DatasetUpload, { format: 'panel' | 'panel-stream' | 'panel-json' }>,
    oneRowAlone = false,
  ): Promise<CreatedDatasetDto> {
    const ownerId = currentOwnerId();
    let parsed: ParsedPanel;
    let name: string;
    try {
      if (upload.format === 'panel-json') {
        parsed = validateJsonPanel(upload.body.series, {
          maxSeries: this.config.MAX_PANEL_SERIES,
          maxPoints: this.config.MAX_PANEL_POINTS,
        });
        name = upload.body.name ?? 'untitled';
      } else if (upload.format === 'panel-stream') {
        parsed = await parsePanelStream(upload.stream, upload.options, this.config);
        name = upload.options.name ?? 'untitled';
      } else {
        parsed = upload.parsed;
        name = upload.options.name ?? datasetNameOf(upload.filename) ?? 'untitled';
      }
    } catch (error) {
      if (error instanceof DatasetValidationError) throw new BadRequestException(inUploadTerms(upload, [error.message])[0]);
      throw error;
    }
    if (oneRowAlone && parsed.series.length === 1) {
      // A series laid out sideways: named by its row's key as a value column is, its steps the columns.
      const [only] = parsed.series;
      const series = {
        ...parsed,
        values: only.values,
        timestamps: only.timestamps,
        valueColumn: only.key,
        timeColumn: undefined,
      };
      return this.storeSeries(name, series, [
        ...warningsOf(upload, parsed.warnings),
        `It holds one row, "${only.key}": stored as one series, its steps the columns.`,
      ]);
    }
    const hash = createHash('sha256');
    for (const s of parsed.series) {
      for (let i = 0; i < s.values.length; i++) if (s.values[i] === 0) s.values[i] = 0; // -0 is stored as 0
      hash.update(float64Bytes(s.values));
    }
    const row = await this.series.createPanel({
      name,
      series: parsed.series,
      frequency: parsed.frequency ?? null,
      seriesColumn: parsed.seriesColumn,
      valueColumn: parsed.valueColumn,
      timeColumn: parsed.timeColumn ?? null,
      checksum: hash.digest('hex'),
      ownerId,
    });
    return toCreatedDatasetDto(row, { columns: parsed.columns, warnings: warningsOf(upload, parsed.warnings) });
  }

  /** GET /v1/datasets/:id/series: keys and shapes in upload order, `q` filters keys. */
  async listSeries(id: string, query: ListSeriesQuery): Promise<DatasetSeriesPage> {
    const meta = await this.datasets.findMeta(id);
    if (!meta) throw this.notFound(id);
    if (meta.seriesCount === null) {
      throw new BadRequestException(`dataset ${id} is a single series, not a panel: GET /v1/datasets/${id}?include=values`);
    }
    const rows = await this.series.list(id, {
      limit: query.limit,
      after: query.cursor,
      q: query.q,
      withValues: query.include === 'sparkline',
    });
    const more = rows.length > query.limit;
    const kept = more ? rows.slice(0, query.limit) : rows;
    return {
      items: kept.map(toSeriesItemDto),
      nextCursor: more ? `s${kept[kept.length - 1].ordinal}` : null,
      total: meta.seriesCount,
    };
  }

  /** GET /v1/datasets/:id/series/:key: one series with its points. */
  async getSeries(id: string, key: string): Promise<DatasetSeriesWithValuesDto> {
    const row = await this.series.findByKey(id, key);
    if (!row) {
      if (!(await this.datasets.findMeta(id))) throw this.notFound(id);
      throw new NotFoundException(`dataset ${id} has no series "${key.slice(0, 100)}"`);
    }
    return toDatasetSeriesWithValuesDto(row);
  }

  async list(query: PaginationQuery): Promise<Page<DatasetDto>> {
    const rows = await this.datasets.list(keysetPageArgs(query));
    return toPage(rows, query.limit, toDatasetDto);
  }

  async get(id: string, includeValues: boolean): Promise<DatasetDto | DatasetWithValuesDto> {
    if (includeValues) {
      const meta = await this.datasets.findMeta(id);
      if (meta?.seriesCount != null) {
        throw new BadRequestException(
          `dataset ${id} is a panel of ${meta.seriesCount} series: list them with GET /v1/datasets/${id}/series, ` +
            `read one with GET /v1/datasets/${id}/series/{key}`,
        );
      }
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

  /** Runs the forecasting lib's parser; its DatasetValidationError messages are meant for users. A
   *  CSV of numbered value columns (numberedWidePanelColumns), one keyed by `unique_id`
   *  (isKeyedBySeriesId), or one that fails as one series but has one row per series
   *  (isRowsPanelCsv) or reads as a long panel (detectLongPanel), is handed back as a panel. */
  private parse(
    upload: Extract<DatasetUpload, { format: 'csv' | 'json' }>,
  ):
    | { name: string; parsed: ParsedDataset }
    | { panel: Extract<DatasetUpload, { format: 'csv' }>; layout: 'long' | 'rows' | 'wide'; note?: string } {
    const named =
      upload.format === 'csv' && (upload.options.valueColumn || upload.options.timeColumn || upload.options.aggregate);
    const numbered = upload.format === 'csv' && !named ? numberedWidePanelColumns(upload.content) : undefined;
    if (upload.format === 'csv' && numbered) {
      const shown =
        numbered.length > 4
          ? `"${numbered[0]}", "${numbered[1]}" … "${numbered.at(-1)}"`
          : numbered.map((c) => `"${c}"`).join(', ');
      const note = `Read as a wide panel: the columns named alike but for a number (${shown}) are ${numbered.length} series; pass valueColumn to read one of them alone.`;
      return { panel: upload, layout: 'wide', note };
    }
    if (upload.format === 'csv' && !named && isKeyedBySeriesId(upload.content) && detectLongPanel(upload.content)) {
      return { panel: upload, layout: 'long' };
    }
    try {
      if (upload.format === 'json') {
        const { name = 'untitled', values, timestamps } = upload.body;
        return { name, parsed: validateJsonSeries({ values, timestamps }, { maxRows: this.config.MAX_CSV_ROWS }) };
      }
      const { options } = upload;
      const parsed = parseCsvDataset(upload.content, {
        valueColumn: options.valueColumn,
        timeColumn: options.timeColumn,
        aggregate: options.aggregate,
        frequency: options.frequency,
        maxRows: this.config.MAX_CSV_ROWS,
        maxColumns: this.config.MAX_CSV_COLUMNS,
      });
      return { name: options.name ?? datasetNameOf(upload.filename) ?? 'untitled', parsed };
    } catch (error) {
      if (!(error instanceof DatasetValidationError)) throw error;
      // Rows combined on request may repeat times anyway: the failure is not that of a panel read as one series.
      if (upload.format === 'csv' && upload.options.aggregate)
        throw new BadRequestException(inUploadTerms(upload, [error.message])[0]);
      if (
        upload.format === 'csv' &&
        !upload.options.valueColumn &&
        !upload.options.timeColumn &&
        isRowsPanelCsv(upload.content)
      ) {
        return { panel: upload, layout: 'rows' };
      }
      if (upload.format === 'csv' && detectLongPanel(upload.content, upload.options.timeColumn)) {
        return { panel: upload, layout: 'long' };
      }
      throw new BadRequestException(inUploadTerms(upload, [error.message])[0]);
    }
  }
}

/** The upload's notes (how its file was read), then the parser's warnings in the upload's terms. */
function warningsOf(upload: DatasetUpload, warnings: string[]): string[] {
  return [...(('notes' in upload && upload.notes) || []), ...inUploadTerms(upload, warnings)];
}

/** The parser's messages as the user wrote the upload: a JSON table's rows, not CSV lines. */
function inUploadTerms(upload: DatasetUpload, messages: string[]): string[] {
  const terms = 'jsonTable' in upload ? upload.jsonTable : undefined;
  return terms ? messages.map((m) => inJsonTableTerms(m, terms)) : messages;
}
