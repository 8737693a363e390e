// Wires the worker's metrics to what happens: BullMQ's job events on this process's Worker (claim,
// completion, failure, stall), gauges read at scrape time, and GET /metrics on the health port.
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import {
  APP_CONFIG,
  TRAINING_QUEUE,
  TrainingJob,
  metricsResponse,
  registerQueueMetrics,
  type AppConfig,
  type MetricsResponse,
} from '@seqcast/core';
import { memory } from '@tensorflow/tfjs';
import type { Job, Queue } from 'bullmq';
import { Gauge, Registry } from 'prom-client';
import { TrainingProcessor } from '../training/training.processor';
import { TrainingService } from '../training/training.service';
import { countDependencyError, jobLabel, workerMetrics, workerRegistry } from './worker-metrics';

/** What an attempt returned (TrainingProcessor / BacktestFoldService): bounded `outcome` label values. */
const OUTCOMES = new Set(['completed', 'cancelled', 'skipped']);

@Injectable()
export class WorkerMetricsService implements OnApplicationBootstrap {
  /** This instance's scrape-time gauges (the module-level registry holds the event counters). */
  private readonly registry = new Registry();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(TRAINING_QUEUE) private readonly queue: Queue,
    private readonly processor: TrainingProcessor,
    private readonly training: TrainingService,
  ) {
    registerQueueMetrics(this.registry, queue, () => countDependencyError('redis'));
    new Gauge({
      name: 'seqcast_attempts_in_flight',
      help: 'Run and fold attempts this worker is training now',
      registers: [this.registry],
      collect() {
        this.set(training.stats.inFlight);
      },
    });
    new Gauge({
      name: 'seqcast_tfjs_tensors',
      help: 'Live TensorFlow.js tensors in this worker (should return to the same level after every run)',
      registers: [this.registry],
      collect() {
        this.set(memory().numTensors);
      },
    });
  }

  onApplicationBootstrap(): void {
    const worker = this.processor.worker;
    worker.on('active', (job: Job) => void this.claimed(job));
    worker.on('completed', (job: Job, result: unknown) => this.ended(job, typeof result === 'string' ? result : ''));
    worker.on('failed', (job: Job | undefined, error: Error) => this.failed(job, error));
    worker.on('stalled', () => workerMetrics.stalled.inc());
    // BullMQ already listens to its ioredis client's errors; one more listener only counts them.
    void worker.client.then((client) => client.on('error', () => countDependencyError('redis'))).catch(() => undefined);
  }

  scrape(authorization: string | undefined): Promise<MetricsResponse> {
    return metricsResponse([workerRegistry, this.registry], authorization, this.config.METRICS_TOKEN);
  }

  /** Wait time: only a job's first claim (a retry or a handed-back job would count its backoff as waiting). */
  private async claimed(job: Job): Promise<void> {
    if (job.attemptsStarted !== 1 || !job.processedOn) return;
    if (job.name === TrainingJob.Train) {
      // A backtest run's job waits for its fold jobs in waiting-children: not queue wait.
      const deps = await job.getDependenciesCount().catch(() => undefined);
      if (!deps || Object.values(deps).some((n) => n > 0)) return;
    }
    workerMetrics.jobWait.observe({ job: jobLabel(job.name) }, Math.max(0, job.processedOn - job.timestamp) / 1000);
  }

  private ended(job: Job, outcome: string): void {
    const label = OUTCOMES.has(outcome) ? outcome : 'other';
    this.observeDuration(job, label);
    if (job.name === TrainingJob.Train && (label === 'completed' || label === 'cancelled'))
      workerMetrics.runsFinished.inc({ status: label });
  }

  private failed(job: Job | undefined, error: Error): void {
    if (!job) return;
    this.observeDuration(job, 'failed');
    // moveToFailed has counted this attempt: BullMQ retries unless attempts are used up or it is unrecoverable.
    const final = error?.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (!final) workerMetrics.retries.inc({ job: jobLabel(job.name) });
    else if (job.name === TrainingJob.Train) workerMetrics.runsFinished.inc({ status: 'failed' });
  }

  private observeDuration(job: Job, outcome: string): void {
    if (!job.processedOn) return;
    const seconds = Math.max(0, (job.finishedOn ?? Date.now()) - job.processedOn) / 1000;
    workerMetrics.runDuration.observe({ job: jobLabel(job.name), outcome }, seconds);
  }
}
