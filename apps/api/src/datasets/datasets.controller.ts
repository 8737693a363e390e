import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiQuery,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { AGGREGATIONS, OPEN_DOCUMENT_TYPE, PARQUET_TYPES, WORKBOOK_TYPE } from '@seqcast/contracts';
import { APP_CONFIG, type AppConfig } from '@seqcast/core';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { paginationQuerySchema, parseListQuery } from '../common/pagination';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { DatasetFileInterceptor, type UploadedCsv } from './dataset-file.interceptor';
import {
  createdDatasetDtoSchema,
  datasetPageDtoSchema,
  datasetWithValuesDtoSchema,
  openApiSchema,
  seriesItemDtoSchema,
  seriesPageDtoSchema,
} from './dataset.mapper';
import { readDatasetUpload } from './dataset-upload.request';
import { DatasetsService } from './datasets.service';
import {
  DATASET_UPLOAD_TYPES,
  getDatasetQuerySchema,
  jsonDatasetBodyDoc,
  jsonPanelBodyDoc,
  listSeriesQuerySchema,
  multipartDatasetBodyDoc,
} from './dto/dataset.schemas';
import { UuidParamPipe } from '../common/uuid-param.pipe';

const getQueryPipe = new ZodValidationPipe(getDatasetQuerySchema);
const noQueryPipe = new ZodValidationPipe(z.strictObject({}));
const errorDoc = { description: 'Message names the problem (line, column, field or parameter).' };

@ApiTags('datasets')
@ApiBearerAuth()
@Controller('v1/datasets')
export class DatasetsController {
  private readonly listQuerySchema;
  private readonly seriesQuerySchema;
  private readonly maxUploadBytes: number;

  constructor(
    private readonly service: DatasetsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.listQuerySchema = paginationQuerySchema(config.PAGE_SIZE_MAX);
    this.seriesQuerySchema = listSeriesQuerySchema(config.PAGE_SIZE_MAX);
    this.maxUploadBytes = config.MAX_UPLOAD_BYTES;
  }

  @Post()
  @UseInterceptors(DatasetFileInterceptor)
  @ApiOperation({
    summary: 'Upload a series',
    description:
      'A CSV as multipart/form-data (field "file", options as fields) or as a raw text/csv body (options as query ' +
      'parameters), or JSON {name, values, timestamps?}. CSV: header row, `,` `;` tab or `|` separated, UTF-8 (BOM ok), ' +
      'quoted fields, CRLF. A panel (many series): CSV with `seriesColumn` (long: id column(s), time, value) or ' +
      '`format=wide` / `valueColumns` (one column per series), streamed up to MAX_PANEL_UPLOAD_BYTES; or JSON ' +
      '{name, series: [{key, values, timestamps?}]}. JSON that is a table is read as the CSV it stands for (its fields ' +
      'the columns, options as query parameters; errors name its rows, e.g. `records[i]`): an array of records ' +
      '(`[{"ds": …, "y": …}, …]`), of values or of `[ds, y]` rows; pandas\' `to_json()` in every orientation (columns, ' +
      'index, split, table, a Series); one table inside an API\'s answer (`{"observations": […]}`). A multipart file ' +
      'that is JSON (by type, name or content; JSON Lines too) is read as such a body would be. An Excel .xlsx or OpenDocument .ods workbook ' +
      '(a multipart file, or a raw body of its media type) is read as the CSV of one sheet (`sheet`, default: the first ' +
      'holding a table); a Parquet file (a multipart file, or a raw body of its media type) as the CSV of its columns. ' +
      'A gzip file (`sales.csv.gz`) or a ZIP or tar archive holding one data file is read as the file inside it. A long CSV without `seriesColumn` (`unique_id, ds, y`) is read as a ' +
      'panel when it fails as one series and its time column repeats (or streamed with `format=long`): the id columns are ' +
      'detected and named in `warnings`. ' +
      'In a dated series a missing value (NA, empty, null) is a missing time step, filled. A log of orders or events ' +
      'takes `aggregate` (sum, mean, count, min, max, last) and `frequency` (the step): one value per step. ' +
      'Every bad series is listed (series and line); any rejects the upload.',
  })
  @ApiConsumes(...DATASET_UPLOAD_TYPES)
  @ApiBody({
    schema: {
      oneOf: [
        { ...openApiSchema(multipartDatasetBodyDoc, 'input'), title: 'multipart/form-data' },
        { ...openApiSchema(jsonDatasetBodyDoc, 'input'), title: 'application/json' },
        { ...openApiSchema(jsonPanelBodyDoc, 'input'), title: 'application/json (panel)' },
        {
          type: 'array',
          items: { oneOf: [{ type: 'object' }, { type: 'number' }, { type: 'null' }] },
          title: 'application/json (records)',
          description:
            'Records read as CSV rows (fields = columns), bare values or [ds, y] rows; options as query parameters. ' +
            "Objects in pandas' other orientations are read alike.",
        },
        { type: 'string', title: 'text/csv', description: 'The CSV text; options as query parameters.' },
        {
          type: 'string',
          format: 'binary',
          title: WORKBOOK_TYPE,
          description: 'An Excel .xlsx workbook, read as the CSV of one sheet (`sheet`); options as query parameters.',
        },
        {
          type: 'string',
          format: 'binary',
          title: OPEN_DOCUMENT_TYPE,
          description: 'An OpenDocument .ods workbook, read as an .xlsx workbook is; options as query parameters.',
        },
        {
          type: 'string',
          format: 'binary',
          title: PARQUET_TYPES[0],
          description: 'A Parquet file, read as the CSV of its columns; options as query parameters.',
        },
        {
          type: 'string',
          format: 'binary',
          title: 'application/gzip, application/zip, application/x-tar',
          description:
            'A gzip file, or a ZIP or tar archive holding one data file: read as the file inside it; options as query parameters.',
        },
      ],
    },
  })
  @ApiQuery({ name: 'name', required: false, type: String, description: 'Raw text/csv bodies and JSON tables only.' })
  @ApiQuery({
    name: 'valueColumn',
    required: false,
    type: String,
    description: 'Raw text/csv bodies and JSON tables only.',
  })
  @ApiQuery({
    name: 'timeColumn',
    required: false,
    type: String,
    description: 'Raw text/csv bodies and JSON tables only.',
  })
  @ApiQuery({
    name: 'sheet',
    required: false,
    type: String,
    description: 'Raw .xlsx bodies only: the sheet to read; default: the first holding a table.',
  })
  @ApiQuery({
    name: 'aggregate',
    required: false,
    enum: AGGREGATIONS,
    description: 'CSV bodies and JSON tables: combine the rows of each time step (a log of orders or events).',
  })
  @ApiQuery({
    name: 'frequency',
    required: false,
    type: String,
    description: 'With aggregate: the step rows are resampled to (hourly, daily, weekly, monthly, 15min, D, W, MS, …).',
  })
  @ApiCreatedResponse({ schema: openApiSchema(createdDatasetDtoSchema) })
  @ApiBadRequestResponse(errorDoc)
  @ApiPayloadTooLargeResponse({ description: 'Body or file over MAX_UPLOAD_BYTES.' })
  @ApiUnsupportedMediaTypeResponse({ description: `Accepted: ${DATASET_UPLOAD_TYPES.join(', ')}.` })
  async create(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @UploadedFile() file: UploadedCsv | undefined,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
  ) {
    const dataset = await this.service.create(readDatasetUpload(req, file, body, query, this.maxUploadBytes));
    res.location(`/v1/datasets/${dataset.id}`);
    return dataset;
  }

  @Get()
  @ApiOperation({ summary: 'List datasets, newest first' })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: 'Default 20, at most PAGE_SIZE_MAX.' })
  @ApiQuery({ name: 'cursor', required: false, type: String, description: 'nextCursor of the previous page.' })
  @ApiOkResponse({ schema: openApiSchema(datasetPageDtoSchema) })
  @ApiBadRequestResponse(errorDoc)
  list(@Query() query: Record<string, unknown>) {
    return this.service.list(parseListQuery(this.listQuerySchema, query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A dataset; its values and timestamps only with ?include=values' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiQuery({ name: 'include', required: false, enum: ['values'] })
  @ApiOkResponse({ schema: openApiSchema(datasetWithValuesDtoSchema) })
  @ApiBadRequestResponse(errorDoc)
  @ApiNotFoundResponse({ description: 'No dataset with this id.' })
  get(@Param('id', UuidParamPipe) id: string, @Query(getQueryPipe) query: { include?: 'values' }) {
    return this.service.get(id, query.include === 'values');
  }

  @Get(':id/series')
  @ApiOperation({ summary: "A panel's series: key, length, start, end, frequency; paginated, in upload order" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'cursor', required: false, type: String })
  @ApiQuery({ name: 'q', required: false, type: String, description: 'Keys containing this text (case-insensitive).' })
  @ApiQuery({ name: 'include', required: false, enum: ['sparkline'] })
  @ApiOkResponse({ schema: openApiSchema(seriesPageDtoSchema) })
  @ApiBadRequestResponse(errorDoc)
  @ApiNotFoundResponse({ description: 'No dataset with this id.' })
  listSeries(@Param('id', UuidParamPipe) id: string, @Query() query: Record<string, unknown>) {
    return this.service.listSeries(id, parseListQuery(this.seriesQuerySchema, query));
  }

  @Get(':id/series/:key')
  @ApiOperation({ summary: "One series of a panel with its values and timestamps (key URL-encoded: 3%2F17 for '3/17')" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ schema: openApiSchema(seriesItemDtoSchema) })
  @ApiNotFoundResponse({ description: 'No dataset with this id, or no series with this key.' })
  getSeries(@Param('id', UuidParamPipe) id: string, @Param('key') key: string, @Query(noQueryPipe) _query: unknown) {
    return this.service.getSeries(id, key);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a dataset and its runs' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Deleted, with its runs.' })
  @ApiBadRequestResponse(errorDoc)
  @ApiNotFoundResponse({ description: 'No dataset with this id.' })
  async delete(@Param('id', UuidParamPipe) id: string, @Query(noQueryPipe) _query: unknown): Promise<void> {
    await this.service.delete(id);
  }
}
