import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiMetricsService } from './api-metrics.service';

@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: ApiMetricsService) {}

  /** Prometheus text format. Public like /health unless METRICS_TOKEN is set (then a Bearer token). */
  @Get()
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus exposition format (text/plain; version=0.0.4)' })
  @ApiUnauthorizedResponse({ description: 'METRICS_TOKEN is set and the request does not carry it' })
  async get(@Headers('authorization') authorization: string | undefined, @Res() res: Response): Promise<void> {
    const { status, contentType, body } = await this.metrics.scrape(authorization);
    res.status(status).setHeader('Content-Type', contentType).setHeader('Cache-Control', 'no-store');
    res.send(body);
  }
}
