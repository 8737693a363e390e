import { Module } from '@nestjs/common';
import { ApiMetricsService } from './api-metrics.service';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';

/** GET /metrics and the HTTP request counter that bootstrap.ts mounts in front of everything. */
@Module({
  controllers: [MetricsController],
  providers: [ApiMetricsService, HttpMetricsMiddleware],
  exports: [ApiMetricsService, HttpMetricsMiddleware],
})
export class MetricsModule {}
