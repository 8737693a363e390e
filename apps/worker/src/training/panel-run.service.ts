// The Train job of a panel run (#11). Local mode: it runs once every chunk job has finished (a flow,
// like backtest folds), settles chunks whose job ended without recording their series, and ends the
// run with the aggregate over its series (cancelled runs keep what finished). Global mode: it trains
// one GRU on the windows of every series (each normalised on its own) and stores it, then hands the
// series out as chunk jobs (its children) that forecast them from the stored model on every worker;
// it runs again once they have finished and settles the run as in local mode.
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  APP_CONFIG,
  DatasetSeriesRepository,
  PrismaService,
  RunEventsPublisher,
  RunRepository,
  RunSeriesRepository,
  RunStatus,
  TRAINING_QUEUE,
  TrainingJob,
  backtestFoldJobOptions,
  globalForecastChunkSize,
  globalModeParams,
  allowLongStatements,
  LONG_WRITE_TRANSACTION,
  panelChunkJobId,
  type PanelChunkJobData,
  parsePanelConfig,
  summarizePanel,
  type AppConfig,
  type EpochRow,
  type PanelConfig,
  type Prisma,
  type Run,
  type TrainingJobData,
} from '@seqcast/core';
import { initTfBackend, resolveParams, trainGlobalModel, type EpochProgress, type TrainingParams } from '@seqcast/forecasting';
import type { Job, Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { describeError, readOrDuringOutage, retryTransient } from './db-retry';
import { describeJobFailure } from './job-failure';
import { PanelProgress } from './panel-progress';
import type { AttemptOutcome } from './training.service';
import { TrainingService } from './training.service';

type StopReason = 'cancel' | 'shutdown' | 'superseded';
/** 'waiting-children': the job moved itself to wait for its forecast chunk jobs (the processor throws WaitingChildrenError). */
export type PanelAttemptOutcome = AttemptOutcome | 'waiting-children';
const CANCEL_POLL_MS = 500;
const FLUSH_EVERY_MS = 1_000;

@Injectable()
export class PanelRunService {
  private readonly logger = new Logger(PanelRunService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(TRAINING_QUEUE) private readonly queue: Queue<TrainingJobData>,
    private readonly prisma: PrismaService,
    private readonly runs: RunRepository,
    private readonly series: RunSeriesRepository,
    private readonly datasetSeries: DatasetSeriesRepository,
    private readonly events: RunEventsPublisher,
    private readonly training: TrainingService,
  ) {}

  private db<T>(label: string, fn: () => Promise<T>): Promise<T> {
    return retryTransient(fn, { budgetMs: this.config.WORKER_DB_RETRY_MS, label, logger: this.logger });
  }

  /** The run's panel config when it is a panel run (one small read), else null. */
  async panelOf(runId: string): Promise<{ run: Run; panel: PanelConfig } | null> {
    const run = await this.db(`run ${runId}: read`, () => this.runs.findById(runId));
    const panel = run ? parsePanelConfig(run.panel) : null;
    return run && panel ? { run, panel } : null;
  }

  async runAttempt(run: Run, panel: PanelConfig, job: Job<TrainingJobData>, lock?: string): Promise<PanelAttemptOutcome> {
    if (run.status !== RunStatus.queued && run.status !== RunStatus.running) return 'skipped';
    if (panel.mode === 'global' && !run.cancelRequested) {
      // The model is stored once trained: a later attempt (a crash after training) only forecasts.
      const trained = await this.db(`run ${run.id}: read model`, () =>
        this.prisma.modelArtifact.findUnique({ where: { runId: run.id }, select: { runId: true } }),
      );
      if (!trained) return this.trainGlobal(run, panel, job, lock);
      if (await this.awaitForecastChunks(run.id, job, lock)) return 'waiting-children';
    }
    if (panel.mode === 'local' && !run.cancelRequested && (await this.awaitLostChunks(run.id, job, lock)))
      return 'waiting-children';
    return this.settleLocal(run);
  }

  /**
   * A trained global run's series still to forecast, as chunk jobs under this (its Train) job, which
   * then waits for them (BullMQ re-runs it when they have finished). Idempotent: chunk jobs keep
   * their ids. False when nothing is left to wait for.
   */
  private async awaitForecastChunks(runId: string, job: Job<TrainingJobData>, lock?: string): Promise<boolean> {
    const chunks = await this.db(`run ${runId}: read chunks`, () => this.series.activeChunks(runId));
    return this.awaitChunks(runId, chunks, job, lock);
  }

  /**
   * A local run's chunks with unfinished series whose job Redis lost (a worker died, an eviction):
   * the Train job ran because no child was left, but those series were never trained. They are added
   * again under this job, which waits for them, rather than failed; the reconciler does the same while
   * the run waits, this covers a loss it has not seen yet. A chunk whose job failed or completed is
   * settled by settleLocal.
   */
  private async awaitLostChunks(runId: string, job: Job<TrainingJobData>, lock?: string): Promise<boolean> {
    const lost: number[] = [];
    for (const chunk of await this.db(`run ${runId}: read chunks`, () => this.series.activeChunks(runId))) {
      const chunkJob = await this.queue.getJob(panelChunkJobId(runId, chunk));
      const state = chunkJob ? await chunkJob.getState() : 'missing';
      if (state === 'missing' || state === 'unknown') lost.push(chunk);
    }
    if (!lost.length) return false;
    this.logger.warn(`panel run ${runId}: chunk jobs lost before the run settled, added again: ${lost.join(', ')}`);
    return this.awaitChunks(runId, lost, job, lock);
  }

  /** `chunks` as chunk jobs under this (the run's Train) job, which then waits for them. */
  private async awaitChunks(runId: string, chunks: number[], job: Job<TrainingJobData>, lock?: string): Promise<boolean> {
    if (!lock || !job.id || !chunks.length) return false;
    const opts = backtestFoldJobOptions(this.config.JOB_ATTEMPTS);
    await this.queue.addBulk(
      chunks.map((chunk) => ({
        name: TrainingJob.PanelChunk,
        data: { runId, chunk } satisfies PanelChunkJobData,
        opts: { ...opts, jobId: panelChunkJobId(runId, chunk), parent: { id: job.id!, queue: job.queueQualifiedName } },
      })),
    );
    return job.moveToWaitingChildren(lock);
  }

  /** Every chunk job has finished: settle the series none recorded, store the aggregate, end the run. */
  private async settleLocal(run: Run): Promise<AttemptOutcome> {
    const runId = run.id;
    const cancelled = run.cancelRequested;
    for (const chunk of await this.db(`run ${runId}: read chunks`, () => this.series.activeChunks(runId))) {
      const job = await this.queue.getJob(panelChunkJobId(runId, chunk));
      const state = job ? await job.getState() : 'missing';
      if (!cancelled && state !== 'missing' && state !== 'failed' && state !== 'completed' && state !== 'unknown') continue;
      const reason = cancelled
        ? 'the run was cancelled'
        : state === 'failed'
          ? describeJobFailure(job!.failedReason, job!.stalledCounter)
          : 'its queue job ended without recording a result';
      await this.db(`run ${runId} chunk ${chunk}: settle`, () =>
        this.series.endChunkIfActive(runId, chunk, cancelled ? RunStatus.cancelled : RunStatus.failed, reason),
      );
    }
    return this.finish(runId, cancelled ? RunStatus.cancelled : RunStatus.completed);
  }

  private async finish(runId: string, status: typeof RunStatus.completed | typeof RunStatus.cancelled): Promise<AttemptOutcome> {
    const summary = summarizePanel(await this.db(`run ${runId}: read series`, () => this.series.outcomes(runId)));
    const changed = await this.db(`run ${runId}: finish`, () => this.series.finishRun(runId, status, summary));
    await new PanelProgress(runId, this.series, this.events, this.runs).report(true);
    if (changed) await this.events.publish({ type: 'status', runId, status });
    this.logger.log(
      `panel run ${runId} ${status}: ${summary.completed}/${summary.series} series, ${summary.failed} failed, ` +
        `mean MASE ${summary.mase.mean?.toFixed(3)}, vs seasonal naive ${summary.relativeMaseVsSeasonalNaive?.toFixed(3)}`,
    );
    return status === RunStatus.completed ? 'completed' : 'cancelled';
  }

  /** Global mode: one model for every series; its losses are the run's, its results per series. */
  private async trainGlobal(
    run: Run,
    panel: PanelConfig,
    job: Job<TrainingJobData>,
    lock?: string,
  ): Promise<PanelAttemptOutcome> {
    const attempt = job.attemptsStarted;
    if (this.training.isDraining) return 'handed-back';
    const runId = run.id;
    const backend = await initTfBackend(this.config.TFJS_BACKEND);
    const token = randomUUID();
    const claimed = await this.db(`run ${runId}: claim`, () =>
      this.runs.claim(runId, {
        token,
        attempts: attempt,
        workerHost: `${hostname()}:${process.pid}`,
        backend: backend.backend,
        device: backend.device,
      }),
    );
    if (!claimed) return 'skipped';
    void this.events.publish({ type: 'status', runId, status: RunStatus.running });
    try {
      const series = await this.db(`run ${runId}: claim series`, () => this.series.claimChunk(runId, 0, token, attempt, true));
      const rows = await this.db(`run ${runId}: read series`, () =>
        this.datasetSeries.findByOrdinals(
          run.datasetId,
          series.map((s) => s.ordinal),
        ),
      );
      const longest = rows.reduce((m, r) => Math.max(m, r.length), 0);
      const min = rows.reduce((m, r) => r.values.reduce((mm, v) => Math.min(mm, v), m), Infinity);
      const resolved = resolveParams(run.preset, globalModeParams(panel.params), {
        length: longest,
        frequency: (rows[0]?.frequency ?? undefined) as never,
        min,
      });
      const params: TrainingParams = this.config.TFJS_GRU ? { ...resolved, impl: this.config.TFJS_GRU } : resolved;

      const controller = new AbortController();
      const pending: EpochRow[] = [];
      let lastFlush = Date.now();
      let lastPoll = Date.now();
      const flushEpochs = async () => {
        if (!pending.length) return;
        const batch = pending.splice(0);
        lastFlush = Date.now();
        // Another attempt took over (e.g. this one's job lock expired): stop without writing anything more.
        if (!(await this.db(`run ${runId}: store losses`, () => this.runs.recordEpochs(runId, token, batch))))
          controller.abort('superseded' satisfies StopReason);
      };
      const onEpochEnd = async (report: EpochProgress) => {
        pending.push(report);
        void this.events.publish({ type: 'progress', runId, ...report });
        if (this.training.isDraining) controller.abort('shutdown' satisfies StopReason);
        const now = Date.now();
        if (now - lastFlush >= FLUSH_EVERY_MS) await flushEpochs();
        if (now - lastPoll >= CANCEL_POLL_MS) {
          lastPoll = now;
          if (await readOrDuringOutage(() => this.runs.isCancelRequested(runId), false))
            controller.abort('cancel' satisfies StopReason);
        }
      };
      const started = Date.now();
      const result = await trainGlobalModel(
        rows.map((r) => ({
          values: r.values,
          timestamps: r.timestamps.length ? r.timestamps : undefined,
          frequency: r.frequency ?? undefined,
        })),
        params,
        { onEpochEnd, signal: controller.signal },
      );
      try {
        if (!controller.signal.aborted) await flushEpochs();
        if (controller.signal.reason === 'superseded') {
          this.logger.warn(`global run ${runId}: attempt ${attempt} was superseded by another attempt; it stops without writing`);
          return 'skipped';
        }
        if (result.fit.stopReason === 'aborted') {
          if (controller.signal.reason === 'shutdown') {
            await this.db(`run ${runId}: hand back`, () => this.series.endAttempt(runId, 0, token, RunStatus.queued, null));
            await this.db(`run ${runId}: hand back`, () =>
              this.runs.finishAttempt(runId, token, RunStatus.queued, 'handed back: worker shut down'),
            );
            return 'handed-back';
          }
          await this.db(`run ${runId}: cancel`, () =>
            this.series.endAttempt(runId, 0, token, RunStatus.cancelled, 'the run was cancelled'),
          );
          return this.finish(runId, RunStatus.cancelled);
        }
        const trainingMs = Date.now() - started;
        const artifacts = await result.model.save();
        const stored = await this.db(`run ${runId}: store model`, () =>
          this.prisma.$transaction(async (tx) => {
            await allowLongStatements(tx);
            const { count } = await tx.run.updateMany({
              where: { id: runId, attemptToken: token, status: RunStatus.running },
              data: {
                epochsRun: result.fit.epochsRun,
                gruImpl: result.model.impl,
                trainingMs,
                msPerEpoch: result.fit.epochs.reduce((s, e) => s + e.ms, 0) / Math.max(1, result.fit.epochs.length),
                params: params as unknown as Prisma.InputJsonValue,
                notes: { ...result.notes, backendAttempts: backend.attempts } as unknown as Prisma.InputJsonValue,
              },
            });
            if (!count) return false;
            await tx.runEpoch.deleteMany({ where: { runId, epoch: { gt: result.fit.epochsRun } } });
            const artifact = {
              topology: artifacts.modelTopology as Prisma.InputJsonValue,
              weightSpecs: artifacts.weightSpecs as unknown as Prisma.InputJsonValue,
              weights: Buffer.from(artifacts.weightData),
              scaler: {} as Prisma.InputJsonValue,
            };
            await tx.modelArtifact.upsert({ where: { runId }, create: { runId, ...artifact }, update: artifact });
            // The series go back to the queue in forecast chunks, for chunk jobs on every worker.
            await tx.$executeRaw`
              UPDATE run_series SET chunk = ordinal / ${globalForecastChunkSize(rows.length)}, status = 'queued',
                attempt_token = NULL
              WHERE run_id = ${runId}::uuid AND attempt_token = ${token} AND status = 'running'`;
            return true;
          }, LONG_WRITE_TRANSACTION),
        );
        if (!stored) return 'skipped';
        this.logger.log(`global run ${runId}: ${rows.length} series, ${result.fit.epochsRun} epochs in ${trainingMs} ms`);
        if (await this.awaitForecastChunks(runId, job, lock)) return 'waiting-children';
        return this.settleLocal((await this.db(`run ${runId}: read`, () => this.runs.findById(runId)))!);
      } finally {
        result.model.dispose();
      }
    } catch (error) {
      this.logger.warn(`global run ${runId}: ${describeError(error)}`);
      throw Object.assign(error as Error, { attemptToken: token });
    }
  }
}
