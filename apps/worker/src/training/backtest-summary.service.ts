// A backtest run's Train job is the parent of its fold jobs: BullMQ starts it only once every fold
// job has finished (completed, or failed for good: ignoreDependencyOnFailure). Before the run trains,
// this settles folds whose job ended without recording an outcome (e.g. it failed while Postgres was
// unreachable) and stores the means over the completed folds on the run. Idempotent: a retried or
// handed-back Train job writes the same summary again.
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  APP_CONFIG,
  RunFoldRepository,
  RunStatus,
  TRAINING_QUEUE,
  backtestFoldJobId,
  parseBacktestConfig,
  summarizeFolds,
  type AppConfig,
  type BacktestSummary,
  type TrainingJobData,
} from '@seqcast/core';
import type { Queue } from 'bullmq';
import { retryTransient } from './db-retry';
import { describeJobFailure } from './job-failure';

@Injectable()
export class BacktestSummaryService {
  private readonly logger = new Logger(BacktestSummaryService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(TRAINING_QUEUE) private readonly queue: Queue<TrainingJobData>,
    private readonly folds: RunFoldRepository,
  ) {}

  private db<T>(label: string, fn: () => Promise<T>): Promise<T> {
    return retryTransient(fn, { budgetMs: this.config.WORKER_DB_RETRY_MS, label, logger: this.logger });
  }

  /** Called as the run's Train job starts; a no-op (one small read) for a run without a backtest. */
  async summarize(runId: string): Promise<BacktestSummary | null> {
    const config = parseBacktestConfig(await this.db(`run ${runId}: read backtest`, () => this.folds.backtestOf(runId)));
    if (!config) return null;
    for (const fold of await this.db(`run ${runId}: read folds`, () => this.folds.listActive(runId))) {
      const job = await this.queue.getJob(backtestFoldJobId(runId, fold));
      const state = job ? await job.getState() : 'missing';
      // Still waiting or running: only when something re-added it after the run's job was released.
      if (state !== 'missing' && state !== 'failed' && state !== 'completed' && state !== 'unknown') continue;
      const reason =
        state === 'failed'
          ? describeJobFailure(job!.failedReason, job!.stalledCounter)
          : 'its queue job ended without recording a result';
      await this.db(`run ${runId} fold ${fold}: settle`, () => this.folds.endIfActive(runId, fold, RunStatus.failed, reason));
    }
    const summary = summarizeFolds(await this.db(`run ${runId}: read folds`, () => this.folds.list(runId)));
    await this.db(`run ${runId}: store backtest summary`, () => this.folds.storeSummary(runId, summary));
    this.logger.log(
      `run ${runId} backtest: ${summary.completed}/${summary.folds} folds completed, mean MAPE ${summary.model.mape}, ` +
        `mean MASE ${summary.model.mase}`,
    );
    return summary;
  }
}
