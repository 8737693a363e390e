import { ConflictException, Controller, Get, Header, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DatasetRepository, RunRepository } from '@seqcast/core';
import { z } from 'zod';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { renderForecastSvg } from './render-forecast-svg';

const sizeSchema = z.strictObject({
  width: z.coerce.number().int().min(320).max(2400).default(960),
  height: z.coerce.number().int().min(200).max(1600).default(420),
});

/** GET /v1/runs/:id/forecast.svg — the forecast chart for READMEs, e-mails and tickets. */
@ApiTags('runs')
@Controller('v1/runs')
export class ForecastSvgController {
  constructor(
    private readonly runs: RunRepository,
    private readonly datasets: DatasetRepository,
  ) {}

  @Get(':id/forecast.svg')
  @ApiProduces('image/svg+xml')
  @ApiOkResponse({ description: 'History, holdout actuals, the forecast over them and the future horizon, as SVG.' })
  // An SVG opened directly is a document: forbid scripts and external loads in it.
  @Header('Content-Type', 'image/svg+xml; charset=utf-8')
  @Header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'private, max-age=60')
  async svg(@Param('id', UuidParamPipe) id: string, @Query(new ZodValidationPipe(sizeSchema)) size: z.infer<typeof sizeSchema>) {
    const run = await this.runs.findById(id);
    if (!run) throw new NotFoundException(`run ${id} not found`);
    const points = await this.runs.forecast(id);
    if (run.status !== 'completed' || !points.length)
      throw new ConflictException(`run ${id} has no forecast (status ${run.status})`);
    const dataset = await this.datasets.findWithValues(run.datasetId);
    if (!dataset) throw new NotFoundException(`dataset ${run.datasetId} not found`);
    const mape = (run.metrics as { mape?: number } | null)?.mape;
    return renderForecastSvg({
      title: `${dataset.name} · run ${id.slice(0, 8)} (${run.preset})`,
      subtitle: typeof mape === 'number' && Number.isFinite(mape) ? `holdout MAPE ${mape.toFixed(2)} %` : undefined,
      values: dataset.values,
      timestamps: dataset.timestamps,
      holdout: points
        .filter((p) => p.kind === 'holdout')
        .map((p) => ({ step: p.step, t: p.t, actual: p.actual, forecast: p.forecast })),
      future: points.filter((p) => p.kind === 'future').map((p) => ({ step: p.step, t: p.t, forecast: p.forecast })),
      ...size,
    });
  }
}
