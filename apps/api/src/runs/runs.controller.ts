import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Header,
  Headers,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Res,
  Sse,
} from '@nestjs/common';
import type { MessageEvent } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@seqcast/core';
import type { Response } from 'express';
import type { Observable } from 'rxjs';
import { z } from 'zod';
import { parseListQuery } from '../common/pagination';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { openApiSchema } from '../datasets/dataset.mapper';
import {
  backtestDoc,
  backtestSummaryDoc,
  createRunSchema,
  eventsQuerySchema,
  listRunSeriesQuerySchema,
  listRunsQuerySchema,
  noQuerySchema,
  predictSchema,
  type CreateRunBody,
  type PredictBody,
} from './dto/run.schemas';
import { RunEventsService } from './run-events.service';
import { toRunDto } from './run.mapper';
import { RunsService } from './runs.service';

const noQuery = new ZodValidationPipe(noQuerySchema);
const noBody = new ZodValidationPipe(noQuerySchema);

@ApiTags('runs')
@ApiBearerAuth()
@Controller('v1/runs')
export class RunsController {
  private readonly listQuerySchema;
  private readonly seriesQuerySchema;

  constructor(
    private readonly service: RunsService,
    private readonly runEvents: RunEventsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.listQuerySchema = listRunsQuerySchema(config.PAGE_SIZE_MAX);
    this.seriesQuerySchema = listRunSeriesQuerySchema(config.PAGE_SIZE_MAX);
  }

  /** Newest first; filter by datasetId and status; `nextCursor` gives the next page. */
  @Get()
  list(@Query() query: unknown) {
    return this.service.list(parseListQuery(this.listQuerySchema, query));
  }

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start a training run',
    description:
      'Optional `backtest: { folds: 1-20, step: >= 1 }` adds a rolling-origin backtest: fold k trains and scores the ' +
      "run's params on the series truncated to its first n − (folds − k + 1)·step points (scored on their last testSize " +
      "points, trained on the rest). Each fold is a queue job of its own; the run's own training starts once every fold " +
      'has finished. 400 naming `backtest` when the earliest fold is too short for the params.',
  })
  @ApiBody({ schema: z.toJSONSchema(createRunSchema, { io: 'input' }) as object })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Replays return the same run; a different body gets 409.' })
  @ApiAcceptedResponse({ description: 'The run, queued.' })
  @ApiTooManyRequestsResponse({
    description: 'MAX_ACTIVE_RUNS_PER_KEY queued or running runs already, or RATE_LIMIT_PER_MINUTE.',
  })
  async create(
    @Body(new ZodValidationPipe(createRunSchema)) body: CreateRunBody,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Query(noQuery) _query: unknown,
  ) {
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)) {
      throw new BadRequestException('Idempotency-Key must be 1-200 visible ASCII characters');
    }
    const { run } = await this.service.create(body, idempotencyKey);
    return toRunDto(run);
  }

  @Get(':id')
  @ApiOkResponse({
    description:
      'The run. `backtest` is null for a run without one, else `{ folds, step, summary }`: summary is null until every ' +
      'fold has finished, then the means over the completed folds.',
    schema: {
      type: 'object',
      properties: {
        backtest: {
          type: 'object',
          nullable: true,
          properties: {
            folds: { type: 'integer' },
            step: { type: 'integer' },
            summary: { ...openApiSchema(backtestSummaryDoc), nullable: true },
          },
        },
      },
      additionalProperties: true,
    },
  })
  async get(@Param('id', UuidParamPipe) id: string, @Query(noQuery) _query: unknown) {
    return this.service.getDto(id);
  }

  @Get(':id/series')
  @ApiOperation({
    summary: "A panel run's series: status, metrics, baselines and the verdict against them",
    description:
      '`?sort=mase&order=desc` lists the worst first (series without the metric last). sort: ordinal (upload order, ' +
      'default), key, status, mase, smape, mape, rmse, mae, coverage; `status` filters; `limit`/`cursor` page.',
  })
  async listSeries(@Param('id', UuidParamPipe) id: string, @Query() query: unknown) {
    const run = await this.panelRun(id);
    const q = parseListQuery(this.seriesQuerySchema, query);
    return this.service.panels.list(run, { ...q, offset: q.cursor ?? 0 });
  }

  @Get(':id/series/:key')
  @ApiOperation({ summary: 'One series of a panel run (key URL-encoded): status, params, metrics, baselines, comparison' })
  async seriesDetail(@Param('id', UuidParamPipe) id: string, @Param('key') key: string, @Query(noQuery) _query: unknown) {
    return this.service.panels.detail(await this.panelRun(id), key);
  }

  @Get(':id/series/:key/forecast')
  @ApiOperation({ summary: "One series' forecast: { holdout: [{ step, t, actual, forecast, p10, p50, p90 }], future: […] }" })
  async seriesForecast(@Param('id', UuidParamPipe) id: string, @Param('key') key: string, @Query(noQuery) _query: unknown) {
    return this.service.panels.forecast(await this.panelRun(id), key);
  }

  @Get(':id/series/:key/losses')
  @ApiOperation({ summary: "One series' losses [{ epoch, loss, valLoss, ms }] (a global run: the shared model's)" })
  async seriesLosses(@Param('id', UuidParamPipe) id: string, @Param('key') key: string, @Query(noQuery) _query: unknown) {
    return this.service.panels.losses(await this.panelRun(id), key);
  }

  private async panelRun(id: string) {
    const run = await this.service.get(id);
    if (run.panel === null) throw new BadRequestException(`run ${id} is not a panel run: GET /v1/runs/${id}/forecast`);
    return run;
  }

  @Get(':id/backtest')
  @ApiOperation({
    summary: "A run's backtest folds and their means",
    description:
      'One item per fold, earliest origin first (queued, running, completed, failed or cancelled), and the means over ' +
      'the completed folds for the model and each baseline. A fold that failed for good (after JOB_ATTEMPTS attempts) ' +
      'has its error and does not hold the run back.',
  })
  @ApiOkResponse({ schema: openApiSchema(backtestDoc) })
  @ApiNotFoundResponse({ description: 'No such run (or another owner’s), or a run created without a backtest.' })
  backtest(@Param('id', UuidParamPipe) id: string, @Query(noQuery) _query: unknown) {
    return this.service.backtest(id);
  }

  @Get(':id/candidates')
  @ApiOperation({
    summary: "A run's selection candidates and their validation scores",
    description:
      'For a run of the `default` preset that selects per series: one item per candidate (queued, running, completed, ' +
      'failed or cancelled), each scored by its own queue job (rolling-origin validation MASE inside the training ' +
      'part), and `chosen` (the combined candidates, as in notes.selection) once the run completed. A candidate whose ' +
      'job failed for good is left out of the choice.',
  })
  @ApiNotFoundResponse({ description: 'No such run (or another owner’s), or a run that does not select per series.' })
  candidates(@Param('id', UuidParamPipe) id: string, @Query(noQuery) _query: unknown) {
    return this.service.candidateScores(id);
  }

  @Get(':id/losses')
  losses(@Param('id', UuidParamPipe) id: string, @Query(noQuery) _query: unknown) {
    return this.service.losses(id);
  }

  @Get(':id/forecast')
  forecast(@Param('id', UuidParamPipe) id: string, @Query(noQuery) _query: unknown) {
    return this.service.forecast(id);
  }

  @Get(':id/forecast.csv')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('X-Content-Type-Options', 'nosniff')
  async forecastCsv(@Param('id', UuidParamPipe) id: string, @Query(noQuery) _query: unknown, @Res() res: Response) {
    const run = await this.service.get(id);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Disposition', `attachment; filename="run-${id.slice(0, 8)}-forecast.csv"`);
    // A panel run: every series (`series,kind,step,t,actual,forecast,p10,p50,p90`), streamed page by page.
    if (run.panel !== null) return this.service.panels.streamCsv(run, res);
    res.send(await this.service.forecastCsv(id));
  }

  @Sse(':id/events')
  @ApiQuery({ name: 'access_token', required: false, description: 'The API key, for EventSource (cannot send headers).' })
  async events(
    @Param('id', UuidParamPipe) id: string,
    @Query(new ZodValidationPipe(eventsQuerySchema)) _query: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Observable<MessageEvent>> {
    await this.service.get(id);
    res.setHeader('X-Accel-Buffering', 'no');
    return this.runEvents.stream(id);
  }

  @Post(':id/cancel')
  @HttpCode(202)
  async cancel(@Param('id', UuidParamPipe) id: string, @Query(noQuery) _query: unknown, @Body(noBody) _body: unknown) {
    return toRunDto(await this.service.cancel(id));
  }

  @Post(':id/predict')
  @HttpCode(200)
  @ApiBody({ schema: z.toJSONSchema(predictSchema) as object })
  async predict(
    @Param('id', UuidParamPipe) id: string,
    @Query(noQuery) _query: unknown,
    @Body(new ZodValidationPipe(predictSchema)) body: PredictBody,
  ) {
    return this.service.predict(id, body.horizon, body.series);
  }
}
