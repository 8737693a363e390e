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
  RunEventsPublisher,
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
  trainedGruImpl,
  type EpochReport,
  type SeriesInput,
  type TrainingHooks,
  type TrainingParams,
  type TrainingResult,
} from '@seqcast/forecasting';
import type { Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ChildAttempts, UnrecoverableChildError, withToken, type ChildOutcome, type StopReason } from './child-attempt';
import { readOrDuringOutage, retryTransient } from './db-retry';
import { workerMetrics } from '../metrics/worker-metrics';
import { TrainingService } from './training.service';

const CANCEL_POLL_MS = 500;

@Injectable()
export class BacktestFoldService {
  private readonly logger = new Logger(BacktestFoldService.name);
  private readonly attempts: ChildAttempts;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runs: RunRepository,
    private readonly folds: RunFoldRepository,
    private readonly datasets: DatasetRepository,
    private readonly events: RunEventsPublisher,
    // Its drain flag (SIGTERM) stops folds too: one switch for every attempt of this worker.
    private readonly training: TrainingService,
  ) {
    this.attempts = new ChildAttempts('fold', folds, (label, fn) => this.db(label, fn), this.logger);
  }

  private db<T>(label: string, fn: () => Promise<T>): Promise<T> {
    return retryTransient(fn, { budgetMs: this.config.WORKER_DB_RETRY_MS, label, logger: this.logger });
  }

  /** The fold job, mapped to BullMQ's semantics as TrainingProcessor does for runs. */
  process(job: Job<BacktestFoldJobData>, token?: string): Promise<ChildOutcome> {
    const { runId, fold } = job.data;
    return this.attempts.process(job, runId, fold, token, () => this.runFold(runId, fold, job.attemptsStarted));
  }

  /** A fold job BullMQ failed without our processor (e.g. it kept crashing its worker): the fold is failed. */
  jobFailed(job: Job<BacktestFoldJobData>, error: Error): Promise<void> {
    return this.attempts.jobFailed(job, job.data.runId, job.data.fold, error);
  }

  async runFold(runId: string, fold: number, attempt: number): Promise<ChildOutcome> {
    if (this.training.isDraining) return 'handed-back';
    const run = await this.db(`run ${runId} fold ${fold}: read`, () => this.runs.findById(runId));
    if (!run) return 'skipped'; // deleted with its dataset: its folds went with it
    const backtest = parseBacktestConfig(run.backtest);
    if (!backtest || !Number.isInteger(fold) || fold < 1 || fold > backtest.folds) {
      throw new UnrecoverableChildError(`run ${runId} has no backtest fold ${fold}`);
    }
    if ((run.status !== RunStatus.queued && run.status !== RunStatus.running) || run.cancelRequested) {
      return this.attempts.endBeforeClaim(
        runId,
        fold,
        run.cancelRequested ? 'the run was cancelled' : `the run is ${run.status}`,
      );
    }
    const dataset = await this.db(`run ${runId} fold ${fold}: load dataset`, () => this.datasets.findWithValues(run.datasetId));
    if (!dataset) throw new UnrecoverableChildError(`dataset ${run.datasetId} no longer exists`);
    const origin = foldOrigin(dataset.values.length, backtest, fold);

    const backend = await initTfBackend(this.config.TFJS_BACKEND);
    const token = randomUUID();
    const claimed = await this.db(`run ${runId} fold ${fold}: claim`, () =>
      this.folds.claim(runId, fold, { token, attempts: attempt, workerHost: `${hostname()}:${process.pid}`, origin }),
    );
    // Finished already (a duplicate delivery), or the run was cancelled or ended in between.
    if (!claimed) return 'skipped';
    if (run.status === RunStatus.queued) void this.events.publish({ type: 'status', runId, status: RunStatus.running });

    const controller = new AbortController();
    try {
      let params: TrainingParams;
      try {
        const resolved = resolveParams(run.preset, run.params, origin);
        params = this.config.TFJS_GRU ? { ...resolved, impl: this.config.TFJS_GRU } : resolved;
      } catch (error) {
        if (error instanceof ParamValidationError) throw new UnrecoverableChildError(`fold ${fold}: ${error.message}`);
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
          return await this.attempts.stopped(runId, fold, token, controller.signal.reason as StopReason);
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
            gruImpl: trainedGruImpl(result),
            backend: backend.backend,
          } as Prisma.InputJsonValue,
          epochsRun: result.fit.epochsRun,
          ms,
        };
        if (
          !(await this.attempts.store(
            runId,
            fold,
            token,
            attempt,
            () => this.folds.complete(runId, fold, token, results),
            () => this.folds.attemptState(runId, fold),
          ))
        ) {
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
      throw withToken(error, token);
    }
  }

  /** The pipeline call; a seam for tests that need a fold to fail. */
  protected train(series: SeriesInput, params: TrainingParams, hooks: TrainingHooks): Promise<TrainingResult> {
    return trainAndForecast(series, params, hooks);
  }
}
