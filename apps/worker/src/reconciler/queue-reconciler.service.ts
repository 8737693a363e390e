// Postgres is the record of truth, Redis only carries the queue. If Redis lost jobs (a restart
// without persistence, FLUSHALL), every queued or running run is enqueued again from Postgres; a
// run whose job BullMQ gave up on (e.g. it kept crashing its worker) is marked failed, never left running.
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import {
  APP_CONFIG,
  RunRepository,
  RunStatus,
  TRAINING_QUEUE,
  TrainingJob,
  type AppConfig,
  type TrainingJobData,
} from '@seqcast/core';
import type { Queue } from 'bullmq';
import { describeError } from '../training/db-retry';
import { describeJobFailure } from '../training/job-failure';

export interface ReconcileReport {
  requeued: string[];
  failed: string[];
}

@Injectable()
export class QueueReconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(QueueReconciler.name);
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(TRAINING_QUEUE) private readonly queue: Queue<TrainingJobData>,
    private readonly runs: RunRepository,
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => void this.reconcile().catch((e: Error) => this.logger.warn(`reconcile failed: ${describeError(e)}`));
    tick();
    this.timer = setInterval(tick, this.config.RECONCILE_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async reconcile(): Promise<ReconcileReport> {
    const report: ReconcileReport = { requeued: [], failed: [] };
    if (this.running) return report;
    this.running = true;
    try {
      for (const run of await this.runs.listActive()) {
        const job = await this.queue.getJob(run.id);
        if (!job) {
          // jobId = runId makes this a no-op if the API's own add lands at the same moment.
          await this.queue.add(TrainingJob.Train, { runId: run.id }, { jobId: run.id });
          report.requeued.push(run.id);
          continue;
        }
        const state = await job.getState();
        if (state === 'completed') {
          // The job ended but the run did not (e.g. its attempt was superseded and lost): run it again.
          // Re-read first: a run that just completed normally flips in Postgres before its job does.
          const now = await this.runs.findById(run.id);
          if (!now || (now.status !== RunStatus.queued && now.status !== RunStatus.running)) continue;
          await job.remove();
          await this.queue.add(TrainingJob.Train, { runId: run.id }, { jobId: run.id });
          report.requeued.push(run.id);
        } else if (state === 'failed') {
          if (await this.runs.failIfActive(run.id, describeJobFailure(job.failedReason, job.stalledCounter)))
            report.failed.push(run.id);
        }
      }
    } finally {
      this.running = false;
    }
    if (report.requeued.length || report.failed.length) {
      this.logger.warn(`reconciled: requeued ${report.requeued.length}, failed ${report.failed.length}`);
    }
    return report;
  }
}
