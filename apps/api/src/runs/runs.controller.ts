import { BadRequestException, Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res, Sse } from '@nestjs/common';
import type { MessageEvent } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, RunRepository, type AppConfig } from '@seqcast/core';
import type { Response } from 'express';
import type { Observable } from 'rxjs';
import { z } from 'zod';
import { keysetPageArgs, parseListQuery, toPage } from '../common/pagination';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { createRunSchema, listRunsQuerySchema, predictSchema, runIdSchema, type CreateRunBody, type PredictBody } from './dto/run.schemas';
import { RunEventsService } from './run-events.service';
import { toForecastDto, toLossesDto, toRunDto } from './run.mapper';
import { RunsService } from './runs.service';

const idPipe = new ZodValidationPipe(runIdSchema);

@ApiTags('runs')
@Controller('v1/runs')
export class RunsController {
  private readonly listQuerySchema;

  constructor(
    private readonly service: RunsService,
    private readonly runs: RunRepository,
    private readonly runEvents: RunEventsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.listQuerySchema = listRunsQuerySchema(config.PAGE_SIZE_MAX);
  }

  /** Newest first; filter by datasetId and status; `nextCursor` gives the next page. */
  @Get()
  async list(@Query() query: unknown) {
    const q = parseListQuery(this.listQuerySchema, query);
    const rows = await this.runs.list({ datasetId: q.datasetId, status: q.status }, keysetPageArgs(q));
    return toPage(rows, q.limit, toRunDto);
  }

  @Post()
  @HttpCode(202)
  @ApiBody({ schema: z.toJSONSchema(createRunSchema, { io: 'input' }) as object })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Replays return the same run; a different body gets 409.' })
  @ApiAcceptedResponse({ description: 'The run, queued.' })
  async create(
    @Body(new ZodValidationPipe(createRunSchema)) body: CreateRunBody,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ) {
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)) {
      throw new BadRequestException('Idempotency-Key must be 1-200 visible ASCII characters');
    }
    const { run } = await this.service.create(body, idempotencyKey);
    return toRunDto(run);
  }

  @Get(':id')
  async get(@Param('id', idPipe) id: string) {
    return toRunDto(await this.service.get(id));
  }

  @Get(':id/losses')
  async losses(@Param('id', idPipe) id: string) {
    await this.service.get(id);
    return toLossesDto(await this.runs.epochs(id));
  }

  @Get(':id/forecast')
  async forecast(@Param('id', idPipe) id: string) {
    await this.service.get(id);
    return toForecastDto(await this.runs.forecast(id));
  }

  @Sse(':id/events')
  async events(@Param('id', idPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<Observable<MessageEvent>> {
    await this.service.get(id);
    res.setHeader('X-Accel-Buffering', 'no');
    return this.runEvents.stream(id);
  }

  @Post(':id/cancel')
  @HttpCode(202)
  async cancel(@Param('id', idPipe) id: string) {
    return toRunDto(await this.service.cancel(id));
  }

  @Post(':id/predict')
  @HttpCode(200)
  @ApiBody({ schema: z.toJSONSchema(predictSchema) as object })
  async predict(@Param('id', idPipe) id: string, @Body(new ZodValidationPipe(predictSchema)) body: PredictBody) {
    return this.service.predict(id, body.horizon);
  }
}
