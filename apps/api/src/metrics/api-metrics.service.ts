// The API's Prometheus metrics: HTTP requests by route template and status class, the queue
// gauges read at scrape time, Redis errors, and prom-client's process metrics.
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  TRAINING_QUEUE,
  createMetricsRegistry,
  dependencyErrorsCounter,
  metricsResponse,
  registerQueueMetrics,
  type AppConfig,
  type MetricsResponse,
} from '@seqcast/core';
import type { Queue } from 'bullmq';
import { Counter, Histogram } from 'prom-client';

@Injectable()
export class ApiMetricsService {
  private readonly registry = createMetricsRegistry();
  private readonly dependencyErrors = dependencyErrorsCounter(this.registry);
  readonly httpRequests = new Counter({
    name: 'seqcast_http_requests_total',
    help: 'HTTP requests answered, by method, route template (never the raw URL) and status class',
    labelNames: ['method', 'route', 'status_class'],
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'seqcast_http_request_duration_seconds',
    help: 'HTTP request duration by method and route template (an SSE stream lasts as long as its client stays)',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(TRAINING_QUEUE) queue: Queue,
  ) {
    const countRedisError = () => this.dependencyErrors.inc({ dependency: 'redis' });
    registerQueueMetrics(this.registry, queue, countRedisError);
    void queue.client.then((client) => client.on('error', countRedisError)).catch(() => undefined);
  }

  scrape(authorization: string | undefined): Promise<MetricsResponse> {
    return metricsResponse([this.registry], authorization, this.config.METRICS_TOKEN);
  }
}
