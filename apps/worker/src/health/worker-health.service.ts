// A tiny HTTP endpoint for orchestrators and tests, on WORKER_HEALTH_PORT (unset: none).
//   GET /health  200 while the process is alive (liveness), with counters: in-flight and finished
//                attempts, live tfjs tensors and bytes, RSS and heap.
//   GET /ready   200 when the worker takes new runs; 503 once it is draining (SIGTERM) or before
//                it has started. The endpoint stays up until the drain is over.
//   GET /metrics Prometheus metrics (WorkerMetricsService; METRICS_TOKEN, when set, is required).
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@seqcast/core';
import { memory } from '@tensorflow/tfjs';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { WorkerMetricsService } from '../metrics/worker-metrics.service';
import { TrainingService } from '../training/training.service';

export interface WorkerHealthReport {
  status: 'starting' | 'ready' | 'draining';
  ready: boolean;
  pid: number;
  inFlight: number;
  attemptsFinished: number;
  tensors: number;
  tensorBytes: number;
  rssBytes: number;
  heapUsedBytes: number;
}

@Injectable()
export class WorkerHealthService implements OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHealthService.name);
  private server?: Server;
  private started = false;
  private draining = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly training: TrainingService,
    private readonly metrics: WorkerMetricsService,
  ) {}

  report(): WorkerHealthReport {
    const { numTensors, numBytes } = memory();
    const { rss, heapUsed } = process.memoryUsage();
    const status = this.draining ? 'draining' : this.started ? 'ready' : 'starting';
    return {
      status,
      ready: status === 'ready',
      pid: process.pid,
      ...this.training.stats,
      tensors: numTensors,
      tensorBytes: numBytes,
      rssBytes: rss,
      heapUsedBytes: heapUsed,
    };
  }

  /** Listens when WORKER_HEALTH_PORT is set; call once the worker consumes the queue. */
  async start(): Promise<void> {
    this.started = true;
    const port = this.config.WORKER_HEALTH_PORT;
    if (!port || this.server) return;
    const server = createServer((req, res) => {
      const report = this.report();
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/metrics') return void this.serveMetrics(req, res);
      const code = path === '/health' ? 200 : path === '/ready' ? (report.ready ? 200 : 503) : 404;
      res.writeHead(code, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify(code === 404 ? { message: 'GET /health, /ready or /metrics' } : report));
    });
    server.listen(port, this.config.HOST);
    await once(server, 'listening');
    this.server = server;
    this.logger.log(`health on http://${this.config.HOST}:${port}/health, readiness on /ready`);
  }

  private async serveMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const { status, contentType, body } = await this.metrics.scrape(req.headers.authorization);
      res.writeHead(status, { 'content-type': contentType, connection: 'close' });
      res.end(body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain', connection: 'close' });
      res.end(`metrics failed: ${(error as Error).message}\n`);
    }
  }

  setDraining(): void {
    this.draining = true;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
