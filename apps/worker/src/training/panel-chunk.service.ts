// One attempt of one chunk of a local panel run (#11): each of the chunk's series trained with its
// own model through the single-series pipeline (trainAndForecast, so panels get the same `default`
// as one series). The chunk claims its unfinished series with an attempt token, reads them in one
// query and writes finished series in batches (one statement per flush): a retried chunk (a crash,
// BullMQ's at-least-once delivery) skips what is done and a stale attempt writes nothing. A series
// that fails is recorded with its error and the chunk goes on; cancel stops at the next series or
// epoch (finished series stay); SIGTERM hands the rest of the chunk back to the queue. A global
// run's chunks forecast their series from the run's stored model (trained once by its Train job).
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  APP_CONFIG,
  PrismaService,
  RunEventsPublisher,
  RunRepository,
  RunSeriesRepository,
  RunStatus,
  parsePanelConfig,
  type AppConfig,
  type PanelChunkJobData,
  type SeriesFailureRow,
  type SeriesResultRow,
  type SeriesWithValues,
} from '@seqcast/core';
import {
  forecastGlobalSeries,
  initTfBackend,
  loadGruModel,
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
import { describeJobFailure } from './job-failure';
import { PanelProgress } from './panel-progress';
import { TrainingService } from './training.service';

export type ChunkOutcome = 'completed' | 'cancelled' | 'skipped' | 'handed-back';
export class UnrecoverableChunkError extends Error {}
type StopReason = 'cancel' | 'shutdown';

/** Between series and epochs, the run's cancel flag is read at most this often (one small query). */
const CANCEL_POLL_MS = 1_000;
/** Finished series are written at least this often (and at the end of the chunk): a crash redoes at
 *  most this much of a chunk's work, and each write is one statement for every series since the last. */
const FLUSH_EVERY_MS = 2_000;

@Injectable()
export class PanelChunkService {
  private readonly logger = new Logger(PanelChunkService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly runs: RunRepository,
    private readonly series: RunSeriesRepository,
    private readonly events: RunEventsPublisher,
    private readonly training: TrainingService,
  ) {}

  private db<T>(label: string, fn: () => Promise<T>): Promise<T> {
    return retryTransient(fn, { budgetMs: this.config.WORKER_DB_RETRY_MS, label, logger: this.logger });
  }

  /** The chunk job, mapped to BullMQ's semantics as for folds. */
  async process(job: Job<PanelChunkJobData>, token?: string): Promise<ChunkOutcome> {
    const { runId, chunk } = job.data;
    try {
      const outcome = await this.runChunk(runId, chunk, job.attemptsStarted);
      if (outcome === 'handed-back') {
        await job.moveToDelayed(Date.now() + 1_000, token);
        throw new DelayedError();
      }
      return outcome;
    } catch (error) {
      if (error instanceof DelayedError) throw error;
      const message = describeError(error);
      const unrecoverable = error instanceof UnrecoverableChunkError;
      const final = unrecoverable || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.logger.warn(`run ${runId} chunk ${chunk} attempt ${job.attemptsStarted} failed${final ? ' (final)' : ''}: ${message}`);
      const attemptToken = (error as { attemptToken?: string }).attemptToken;
      try {
        await this.db(`run ${runId} chunk ${chunk}: record failed attempt`, () =>
          attemptToken
            ? this.series.endAttempt(
                runId,
                chunk,
                attemptToken,
                final ? RunStatus.failed : RunStatus.queued,
                final ? message : null,
              )
            : final
              ? this.series.endChunkIfActive(runId, chunk, RunStatus.failed, message)
              : Promise.resolve(0),
        );
      } catch (e) {
        this.logger.warn(`run ${runId} chunk ${chunk}: could not record the failed attempt (${describeError(e)})`);
      }
      if (unrecoverable) throw new UnrecoverableError(message);
      throw message === (error as Error).message ? error : new Error(message);
    }
  }

  /** A chunk job BullMQ failed without our processor (it kept crashing its worker): its series are failed. */
  async jobFailed(job: Job<PanelChunkJobData>, error: Error): Promise<void> {
    if ((await job.getState()) !== 'failed') return;
    const { runId, chunk } = job.data;
    await this.series.endChunkIfActive(
      runId,
      chunk,
      RunStatus.failed,
      describeJobFailure(job.failedReason || error.message, job.stalledCounter),
    );
  }

  async runChunk(runId: string, chunk: number, attempt: number): Promise<ChunkOutcome> {
    if (this.training.isDraining) return 'handed-back';
    const started = Date.now();
    const run = await this.db(`run ${runId} chunk ${chunk}: read`, () => this.runs.findById(runId));
    if (!run) return 'skipped';
    const panel = parsePanelConfig(run.panel);
    if (!panel) throw new UnrecoverableChunkError(`run ${runId} is not a panel run`);
    if ((run.status !== RunStatus.queued && run.status !== RunStatus.running) || run.cancelRequested) {
      const why = run.cancelRequested ? 'the run was cancelled' : `the run is ${run.status}`;
      const ended = await this.db(`run ${runId} chunk ${chunk}: cancel`, () =>
        this.series.endChunkIfActive(runId, chunk, RunStatus.cancelled, why),
      );
      return ended ? 'cancelled' : 'skipped';
    }
    const backend = await initTfBackend(this.config.TFJS_BACKEND);
    const token = randomUUID();
    // One statement: the run marked running, the chunk's unfinished series claimed and read.
    const rows = await this.db(`run ${runId} chunk ${chunk}: claim`, () =>
      this.series.claimChunkWithSeries(runId, run.datasetId, chunk, token, attempt, {
        workerHost: `${hostname()}:${process.pid}`,
        backend: backend.backend,
        device: backend.device,
      }),
    );
    if (!rows.length) return 'skipped';
    try {
      if (panel.mode === 'global') return await this.forecastChunk(runId, chunk, token, rows, started, attempt);
      return await this.trainChunk(runId, chunk, run.preset, panel.params, token, rows, started, attempt);
    } catch (error) {
      throw Object.assign(error as Error, { attemptToken: token });
    }
  }

  private async trainChunk(
    runId: string,
    chunk: number,
    preset: string,
    userParams: Record<string, unknown>,
    token: string,
    rows: SeriesWithValues[],
    started: number,
    attempt: number,
  ): Promise<ChunkOutcome> {
    const claimed = rows;
    const progress = new PanelProgress(runId, this.series, this.events, this.runs);
    const done: SeriesResultRow[] = [];
    const failed: SeriesFailureRow[] = [];
    let lastFlush = Date.now();
    let trainingMs = 0;
    let stored = 0;
    const setupMs = Date.now() - started;
    let writeMs = 0;
    let saveMs = 0;
    const flush = async () => {
      if (!done.length && !failed.length) return;
      const [d, f] = [done.splice(0), failed.splice(0)];
      const t = Date.now();
      lastFlush = t;
      stored += await this.db(`run ${runId} chunk ${chunk}: store series`, () => this.series.record(runId, token, d, f));
      await progress.report();
      writeMs += Date.now() - t;
    };
    const controller = new AbortController();
    let lastPoll = Date.now();
    const pollStop = async () => {
      if (this.training.isDraining) controller.abort('shutdown' satisfies StopReason);
      const now = Date.now();
      if (now - lastPoll < CANCEL_POLL_MS) return;
      lastPoll = now;
      if (await readOrDuringOutage(() => this.runs.isCancelRequested(runId), false))
        controller.abort('cancel' satisfies StopReason);
    };

    for (const row of rows) {
      await pollStop();
      if (controller.signal.aborted) break;
      const losses: Array<{ epoch: number; loss: number; valLoss: number | null; ms: number }> = [];
      const onEpochEnd = async (report: EpochReport) => {
        losses.push({ epoch: report.epoch, loss: report.loss, valLoss: report.valLoss ?? null, ms: report.ms });
        await pollStop();
      };
      const t0 = Date.now();
      let result: TrainingResult | undefined;
      try {
        const input: SeriesInput = {
          values: row.values,
          timestamps: row.timestamps.length ? row.timestamps : undefined,
          frequency: row.frequency ?? undefined,
        };
        const min = row.values.reduce((m, v) => Math.min(m, v), Infinity);
        const resolved = resolveParams(preset, userParams, {
          length: row.length,
          frequency: (row.frequency ?? undefined) as never,
          min,
        });
        const params: TrainingParams = this.config.TFJS_GRU ? { ...resolved, impl: this.config.TFJS_GRU } : resolved;
        result = await this.train(input, params, { onEpochEnd, signal: controller.signal });
        trainingMs += Date.now() - t0;
        if (result.fit.stopReason === 'aborted') break;
        const t1 = Date.now();
        const artifacts = await result.model.save();
        saveMs += Date.now() - t1;
        done.push({
          ordinal: row.ordinal,
          metrics: result.metrics,
          baselines: result.baselines,
          notes: { ...result.notes, attempt },
          params: result.params,
          losses,
          forecast: { holdout: result.holdout, future: result.future },
          model: { topology: artifacts.modelTopology, weightSpecs: artifacts.weightSpecs, scaler: result.scaler },
          weights: artifacts.weightData,
          epochsRun: result.fit.epochsRun,
          ms: Date.now() - t0,
        });
      } catch (error) {
        trainingMs += Date.now() - t0;
        failed.push({ ordinal: row.ordinal, error: describeError(error) });
      } finally {
        result?.model.dispose();
      }
      if (Date.now() - lastFlush >= FLUSH_EVERY_MS) await flush();
    }
    await flush();
    const outside = Date.now() - started - trainingMs;
    this.logger.log(
      `run ${runId} chunk ${chunk}: ${stored} of ${claimed.length} series stored, training ${trainingMs} ms, ` +
        `outside training ${outside} ms (${(outside / Math.max(1, claimed.length)).toFixed(1)} ms/series: claim and read ` +
        `${setupMs} ms, model save ${saveMs} ms, batched writes ${writeMs} ms)`,
    );
    if (controller.signal.aborted) {
      const reason = controller.signal.reason as StopReason;
      if (reason === 'shutdown') {
        await this.db(`run ${runId} chunk ${chunk}: hand back`, () =>
          this.series.endAttempt(runId, chunk, token, RunStatus.queued, null),
        );
        return 'handed-back';
      }
      await this.db(`run ${runId} chunk ${chunk}: cancel`, () =>
        this.series.endAttempt(runId, chunk, token, RunStatus.cancelled, 'the run was cancelled'),
      );
      await progress.report(true);
      return 'cancelled';
    }
    return 'completed';
  }

  /** A global run's chunk: its series forecast and scored from the run's model, written in one statement. */
  private async forecastChunk(
    runId: string,
    chunk: number,
    token: string,
    rows: SeriesWithValues[],
    started: number,
    attempt: number,
  ): Promise<ChunkOutcome> {
    const stored = await this.db(`run ${runId} chunk ${chunk}: read model`, () =>
      this.prisma.run.findUnique({ where: { id: runId }, select: { params: true, epochsRun: true, artifact: true } }),
    );
    const artifact = stored?.artifact;
    if (!artifact || !stored.params) throw new Error(`run ${runId}: the global model is not stored`);
    const setupMs = Date.now() - started;
    const t0 = Date.now();
    const model = await loadGruModel({
      modelTopology: artifact.topology as object,
      weightSpecs: artifact.weightSpecs as never,
      weightData: new Uint8Array(artifact.weights),
    });
    let results;
    try {
      const inputs: SeriesInput[] = rows.map((row) => ({
        values: row.values,
        timestamps: row.timestamps.length ? row.timestamps : undefined,
        frequency: row.frequency ?? undefined,
      }));
      results = await forecastGlobalSeries(model, inputs, stored.params as unknown as TrainingParams);
    } finally {
      model.dispose();
    }
    const trainingMs = Date.now() - t0;
    const done: SeriesResultRow[] = [];
    const failed: SeriesFailureRow[] = [];
    rows.forEach((row, i) => {
      const r = results[i];
      if (!r.ok) {
        failed.push({ ordinal: row.ordinal, error: r.error });
        return;
      }
      done.push({
        ordinal: row.ordinal,
        metrics: r.result.metrics,
        baselines: r.result.baselines,
        notes: { ...r.result.notes, mode: 'global', attempt },
        params: r.result.params,
        losses: null,
        forecast: { holdout: r.result.holdout, future: r.result.future },
        model: { scaler: r.result.scaler },
        weights: null,
        epochsRun: stored.epochsRun ?? 0,
        ms: 0,
      });
    });
    const t1 = Date.now();
    const n = await this.db(`run ${runId} chunk ${chunk}: store series`, () => this.series.record(runId, token, done, failed));
    await new PanelProgress(runId, this.series, this.events, this.runs).report(true);
    const writeMs = Date.now() - t1;
    const outside = Date.now() - started - trainingMs;
    this.logger.log(
      `run ${runId} chunk ${chunk}: ${n} of ${rows.length} series stored, training ${trainingMs} ms, ` +
        `outside training ${outside} ms (${(outside / Math.max(1, rows.length)).toFixed(1)} ms/series: claim and read ` +
        `${setupMs} ms, model save 0 ms, batched writes ${writeMs} ms)`,
    );
    return 'completed';
  }

  /** The pipeline call; a seam for tests that need a series to fail. */
  protected train(series: SeriesInput, params: TrainingParams, hooks: TrainingHooks): Promise<TrainingResult> {
    return trainAndForecast(series, params, hooks);
  }
}
