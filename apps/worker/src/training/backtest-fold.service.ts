// One attempt of one backtest fold: the run's params trained and scored on the series truncated at
// the fold's origin (libs/core/src/backtest/backtest-folds.ts). A fold is a BullMQ child job of its
// run's Train job. Like a run attempt it claims its row with an attempt token (a stale or duplicated
// delivery writes nothing), rides out short Postgres outages, stops at the next epoch when the run
// is cancelled (the fold ends cancelled) or the worker drains (the fold is handed back to the queue).
// Folds keep no per-epoch losses, forecasts or models: only their metrics and baselines.
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  APP_CONFIG,
  DatasetRepository,
  RunFoldRepository,
  RunRepository,
  RunStatus,
  foldOrigin,
  parseBacktestConfig,
  type AppConfig,
  type BacktestFoldJobData,
  type Prisma,
} from '@seqcast/core';
import {
  ParamValidationError,
  initTfBackend,
  resolveParams,
  trainAndForecast,
  type EpochReport,
  type SeriesInput,
  type TrainingHooks,
  type TrainingParams,
  type TrainingResult,
} from '@seqcast/forecasting';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { describeError, readOrDuringOutage, retryTransient } from './db-retry';
import { workerMetrics } from '../metrics/worker-metrics';
import { describeJobFailure } from './job-failure';
import { TrainingService } from './training.service';

export type FoldOutcome = 'completed' | 'cancelled' | 'skipped' | 'handed-back';

/** A fold that can never succeed (its run or dataset is gone, its params do not fit): no retry. */
export class UnrecoverableFoldError extends Error {}

type StopReason = 'cancel' | 'shutdown';

const CANCEL_POLL_MS = 500;

@Injectable()
export class BacktestFoldService {
  private readonly logger = new Logger(BacktestFoldService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runs: RunRepository,
    private readonly folds: RunFoldRepository,
    private readonly datasets: DatasetRepository,
    // Its drain flag (SIGTERM) stops folds too: one switch for every attempt of this worker.
    private readonly training: TrainingService,
  ) {}

  private db<T>(label: string, fn: () => Promise<T>): Promise<T> {
    return retryTransient(fn, { budgetMs: this.config.WORKER_DB_RETRY_MS, label, logger: this.logger });
  }

  /** The fold job, mapped to BullMQ's semantics as TrainingProcessor does for runs. */
  async process(job: Job<BacktestFoldJobData>, token?: string): Promise<FoldOutcome> {
    const { runId, fold } = job.data;
    try {
      const outcome = await this.runFold(runId, fold, job.attemptsStarted);
      if (outcome === 'handed-back') {
        // Back to the queue without using up an attempt; its parent keeps waiting for it.
        await job.moveToDelayed(Date.now() + 1_000, token);
        throw new DelayedError();
      }
      return outcome;
    } catch (error) {
      if (error instanceof DelayedError) throw error;
      const message = describeError(error);
      const unrecoverable = error instanceof UnrecoverableFoldError;
      const final = unrecoverable || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.logger.warn(
        `run ${runId} fold ${fold} attempt ${job.attemptsStarted} failed${final ? ' (final)' : ', will retry'}: ${message}`,
      );
      try {
        await this.attemptFailed(runId, fold, (error as { attemptToken?: string }).attemptToken, message, final);
      } catch (e) {
        // Once Postgres is back, the next attempt, the run's own job or the reconciler settles the fold.
        this.logger.warn(`run ${runId} fold ${fold}: could not record the failed attempt (${describeError(e)})`);
      }
      if (unrecoverable) throw new UnrecoverableError(message);
      throw message === (error as Error).message ? error : new Error(message);
    }
  }

  /** A fold job BullMQ failed without our processor (e.g. it kept crashing its worker): the fold is failed. */
  async jobFailed(job: Job<BacktestFoldJobData>, error: Error): Promise<void> {
    if ((await job.getState()) !== 'failed') return; // an attempt that BullMQ will retry
    const { runId, fold } = job.data;
    await this.folds.endIfActive(
      runId,
      fold,
      RunStatus.failed,
      describeJobFailure(job.failedReason || error.message, job.stalledCounter),
    );
  }

  async runFold(runId: string, fold: number, attempt: number): Promise<FoldOutcome> {
    if (this.training.isDraining) return 'handed-back';
    const run = await this.db(`run ${runId} fold ${fold}: read`, () => this.runs.findById(runId));
    if (!run) return 'skipped'; // deleted with its dataset: its folds went with it
    const backtest = parseBacktestConfig(run.backtest);
    if (!backtest || !Number.isInteger(fold) || fold < 1 || fold > backtest.folds) {
      throw new UnrecoverableFoldError(`run ${runId} has no backtest fold ${fold}`);
    }
    if ((run.status !== RunStatus.queued && run.status !== RunStatus.running) || run.cancelRequested) {
      const why = run.cancelRequested ? 'the run was cancelled' : `the run is ${run.status}`;
      const ended = await this.db(`run ${runId} fold ${fold}: cancel`, () =>
        this.folds.endIfActive(runId, fold, RunStatus.cancelled, why),
      );
      return ended ? 'cancelled' : 'skipped'; // 'skipped': the fold had finished already (a late duplicate)
    }
    const dataset = await this.db(`run ${runId} fold ${fold}: load dataset`, () => this.datasets.findWithValues(run.datasetId));
    if (!dataset) throw new UnrecoverableFoldError(`dataset ${run.datasetId} no longer exists`);
    const origin = foldOrigin(dataset.values.length, backtest, fold);

    const backend = await initTfBackend(this.config.TFJS_BACKEND);
    const token = randomUUID();
    const claimed = await this.db(`run ${runId} fold ${fold}: claim`, () =>
      this.folds.claim(runId, fold, { token, attempts: attempt, workerHost: `${hostname()}:${process.pid}`, origin }),
    );
    // Finished already (a duplicate delivery), or the run was cancelled or ended in between.
    if (!claimed) return 'skipped';

    const controller = new AbortController();
    try {
      let params: TrainingParams;
      try {
        const resolved = resolveParams(run.preset, run.params, origin);
        params = this.config.TFJS_GRU ? { ...resolved, impl: this.config.TFJS_GRU } : resolved;
      } catch (error) {
        if (error instanceof ParamValidationError) throw new UnrecoverableFoldError(`fold ${fold}: ${error.message}`);
        throw error;
      }
      let lastPoll = Date.now();
      const onEpochEnd = async (_report: EpochReport) => {
        workerMetrics.epochs.inc({ job: 'backtest-fold' });
        if (this.training.isDraining) controller.abort('shutdown' satisfies StopReason);
        const now = Date.now();
        if (now - lastPoll < CANCEL_POLL_MS) return;
        lastPoll = now;
        if (await readOrDuringOutage(() => this.runs.isCancelRequested(runId), false))
          controller.abort('cancel' satisfies StopReason);
      };
      const started = Date.now();
      const result = await this.train(
        {
          values: dataset.values.slice(0, origin),
          timestamps: dataset.timestamps.length ? dataset.timestamps.slice(0, origin) : undefined,
          frequency: dataset.frequency ?? undefined,
        },
        params,
        { onEpochEnd, signal: controller.signal },
      );
      try {
        if (result.fit.stopReason === 'aborted') {
          if (controller.signal.reason === 'shutdown') {
            await this.db(`run ${runId} fold ${fold}: hand back`, () =>
              this.folds.finishAttempt(runId, fold, token, RunStatus.queued, 'handed back: worker shut down'),
            );
            return 'handed-back';
          }
          await this.db(`run ${runId} fold ${fold}: cancel`, () =>
            this.folds.finishAttempt(runId, fold, token, RunStatus.cancelled, 'the run was cancelled'),
          );
          return 'cancelled';
        }
        const ms = Date.now() - started;
        const results = {
          metrics: result.metrics as unknown as Prisma.InputJsonValue,
          baselines: result.baselines as unknown as Prisma.InputJsonValue,
          notes: {
            transform: result.params.transform,
            seasonalPeriod: result.params.seasonalPeriod,
            baselineModels: result.notes.baselineModels,
            trainPoints: origin - params.testSize,
            gruImpl: result.model.impl,
            backend: backend.backend,
          } as Prisma.InputJsonValue,
          epochsRun: result.fit.epochsRun,
          ms,
        };
        let stored = await this.db(`run ${runId} fold ${fold}: store results`, () =>
          this.folds.complete(runId, fold, token, results),
        );
        if (!stored) {
          // A retried write whose first try committed but lost its reply finds the fold completed by us.
          const state = await this.db(`run ${runId} fold ${fold}: read`, () => this.folds.attemptState(runId, fold));
          stored = state?.status === RunStatus.completed && state.attemptToken === token;
        }
        if (!stored) {
          this.logger.warn(`run ${runId} fold ${fold}: attempt ${attempt} was superseded; it stops without writing`);
          return 'skipped';
        }
        this.logger.log(
          `run ${runId} fold ${fold} completed: ${origin} points, ${results.epochsRun} epochs in ${ms} ms, MAPE ${result.metrics.mape}`,
        );
        return 'completed';
      } finally {
        result.model.dispose();
      }
    } catch (error) {
      throw Object.assign(error as Error, { attemptToken: token });
    }
  }

  /** The pipeline call; a seam for tests that need a fold to fail. */
  protected train(series: SeriesInput, params: TrainingParams, hooks: TrainingHooks): Promise<TrainingResult> {
    return trainAndForecast(series, params, hooks);
  }

  /** After a thrown attempt: back to queued if BullMQ will retry it, failed if that was its last try. */
  private async attemptFailed(runId: string, fold: number, token: string | undefined, message: string, final: boolean) {
    await this.db(`run ${runId} fold ${fold}: record failed attempt`, async () => {
      if (token) return this.folds.finishAttempt(runId, fold, token, final ? RunStatus.failed : RunStatus.queued, message);
      return final && (await this.folds.endIfActive(runId, fold, RunStatus.failed, message));
    });
  }
}
