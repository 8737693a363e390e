import { Module } from '@nestjs/common';
import { DatasetRepository, RunRepository } from '@seqcast/core';
import { ForecastSvgController } from './forecast-svg.controller';

/** GET /v1/runs/:id/forecast.svg, kept apart from RunsModule: it only reads. */
@Module({ controllers: [ForecastSvgController], providers: [RunRepository, DatasetRepository] })
export class ForecastSvgModule {}
