// One attempt of one chunk of a local panel run (#11): each of the chunk's series trained with its
// own model through the single-series pipeline (trainAndForecast, so panels get the same `default`
// as one series). The chunk claims its unfinished series with an attempt token, reads them in one
// query and writes finished series in batches (one statement per flush): a retried chunk (a crash,
// BullMQ's at-least-once delivery) skips what is done and a stale attempt writes nothing. A series
// that fails is recorded with its error and the chunk goes on; cancel stops at the next series or
// epoch (finished series stay); SIGTERM hands the rest of the chunk back to the queue. A global
// run's chunks forecast their series from the run's stored model (trained once by its Train job);
// a series too short for that model's window or holdout is then trained on its own, as in a local run.
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
import type { Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ChildAttempts, UnrecoverableChildError, withToken, type ChildOutcome, type StopReason } from './child-attempt';
import { describeError, readOrDuringOutage, retryTransient } from './db-retry';
import { PanelProgress } from './panel-progress';
import { TrainingService } from './training.service';

/** Between series and epochs, the run's cancel flag is read at most this often (one small query). */
const CANCEL_POLL_MS = 1_000;
/** During training the event loop gets a turn at least this often (at epoch ends). */
const YIELD_EVERY_MS = 50;
/** Finished series are written at least this often (and at the end of the chunk), in the background
 *  while training goes on: a crash redoes about this much of a chunk's work (more while the database is
 *  slow), and each write is one statement for every series since the last. */
const FLUSH_EVERY_MS = 2_000;

@Injectable()
export class PanelChunkService {
  private readonly logger = new Logger(PanelChunkService.name);
  private readonly attempts: ChildAttempts;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly runs: RunRepository,
    private readonly series: RunSeriesRepository,
    private readonly events: RunEventsPublisher,
    private readonly training: TrainingService,
  ) {
    // A chunk's rows are its series: an attempt ends all of them that it still holds. A retried
    // series keeps no error text (only a final failure explains itself).
    const chunkRows = {
      finishAttempt: async (
        runId: string,
        chunk: number,
        token: string,
        status: typeof RunStatus.failed | typeof RunStatus.queued | typeof RunStatus.cancelled,
        error?: string,
      ) => (await series.endAttempt(runId, chunk, token, status, status === RunStatus.queued ? null : (error ?? null))) > 0,
      endIfActive: async (
        runId: string,
        chunk: number,
        status: typeof RunStatus.failed | typeof RunStatus.cancelled,
        error: string | null,
      ) => (await series.endChunkIfActive(runId, chunk, status, error ?? '')) > 0,
    };
    this.attempts = new ChildAttempts('chunk', chunkRows, (label, fn) => this.db(label, fn), this.logger);
  }

  private db<T>(label: string, fn: () => Promise<T>): Promise<T> {
    return retryTransient(fn, { budgetMs: this.config.WORKER_DB_RETRY_MS, label, logger: this.logger });
  }

  /** The chunk job, mapped to BullMQ's semantics as for folds. */
  process(job: Job<PanelChunkJobData>, token?: string): Promise<ChildOutcome> {
    const { runId, chunk } = job.data;
    return this.attempts.process(job, runId, chunk, token, () => this.runChunk(runId, chunk, job.attemptsStarted));
  }

  /** A chunk job BullMQ failed without our processor (it kept crashing its worker): its series are failed. */
  jobFailed(job: Job<PanelChunkJobData>, error: Error): Promise<void> {
    return this.attempts.jobFailed(job, job.data.runId, job.data.chunk, error);
  }

  async runChunk(runId: string, chunk: number, attempt: number): Promise<ChildOutcome> {
    if (this.training.isDraining) return 'handed-back';
    const started = Date.now();
    const run = await this.db(`run ${runId} chunk ${chunk}: read`, () => this.runs.findById(runId));
    if (!run) return 'skipped';
    const panel = parsePanelConfig(run.panel);
    if (!panel) throw new UnrecoverableChildError(`run ${runId} is not a panel run`);
    if ((run.status !== RunStatus.queued && run.status !== RunStatus.running) || run.cancelRequested) {
      return this.attempts.endBeforeClaim(
        runId,
        chunk,
        run.cancelRequested ? 'the run was cancelled' : `the run is ${run.status}`,
      );
    }
    const backend = await initTfBackend(this.config.TFJS_BACKEND);
    const token = randomUUID();
    // One statement: the run marked running, the chunk's unfinished series claimed and read.
    const rows = await this.db(`run ${runId} chunk ${chunk}: claim`, () =>
      this.series.claimChunkWithSeries(runId, run.datasetId, chunk, token, attempt, {
        workerHost: `${hostname()}:${process.pid}`,
        backend: backend.backend,
        device: backend.device,
        // A global chunk forecasts all its series at once; a local one marks each as it begins it.
        seriesStarted: panel.mode === 'global',
      }),
    );
    if (!rows.length) return 'skipped';
    // The first chunk to start starts a local run: its watchers' streams say so, as a single run's do.
    if (run.status === RunStatus.queued) void this.events.publish({ type: 'status', runId, status: RunStatus.running });
    try {
      if (panel.mode === 'global') {
        const short = await this.forecastChunk(runId, chunk, token, rows, started, attempt);
        if (!short.length) return 'completed';
        // Too short for the shared params (window, holdout): each is fitted on its own, as a local run
        // would (the user's params without the global defaults), rather than left without a forecast.
        return await this.trainChunk(runId, chunk, run.preset, panel.params, token, short, Date.now(), attempt, {
          mode: 'local',
          fallback: "too short for the global model's window or holdout: fitted on its own",
        });
      }
      return await this.trainChunk(runId, chunk, run.preset, panel.params, token, rows, started, attempt);
    } catch (error) {
      throw withToken(error, token);
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
    seriesNotes: Record<string, unknown> = {},
  ): Promise<ChildOutcome> {
    const claimed = rows;
    const progress = new PanelProgress(runId, this.series, this.events, this.runs);
    const done: SeriesResultRow[] = [];
    const failed: SeriesFailureRow[] = [];
    let lastFlush = Date.now();
    let trainingMs = 0;
    let stored = 0;
    const setupMs = Date.now() - started;
    let waitMs = 0;
    let saveMs = 0;
    // Writes run in the background while the next series trains, one at a time: series that finish
    // while a write is in flight go into the next one (a slow database gets bigger batches, not a
    // queue of writes). The loop waits for them only at the end of the chunk (and before it hands the
    // chunk back), where the rest goes out at once beside a write still in flight (other rows).
    const writes = new Set<Promise<void>>();
    let statements = 0;
    let writeError: unknown;
    const write = () => {
      const [d, f] = [done.splice(0), failed.splice(0)];
      lastFlush = Date.now();
      statements += 1;
      const w = this.db(`run ${runId} chunk ${chunk}: store series`, () => this.series.record(runId, token, d, f)).then(
        (n) => {
          stored += n;
          void progress.report();
        },
        (error: unknown) => void (writeError ??= error),
      );
      writes.add(w);
      void w.finally(() => writes.delete(w));
    };
    const flush = () => {
      if (!writes.size && !writeError && (done.length || failed.length)) write();
    };
    /** Writes everything finished so far; a write that failed (past its retries) fails the chunk. */
    const settleWrites = async () => {
      const t = Date.now();
      if (!writeError && (done.length || failed.length)) write();
      await Promise.all(writes);
      waitMs += Date.now() - t;
      if (writeError) throw writeError;
    };
    // The fused kernel trains without giving the event loop a turn: without one now and then, the
    // background writes and polls would not complete until the chunk ends (nor BullMQ renew its lock).
    let lastYield = Date.now();
    const yieldNowAndThen = async () => {
      if (Date.now() - lastYield < YIELD_EVERY_MS) return;
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = Date.now();
    };
    const controller = new AbortController();
    let lastPoll = Date.now();
    let polling = false;
    // The cancel flag is read in the background too: a poll never holds up training.
    const pollStop = () => {
      if (this.training.isDraining) controller.abort('shutdown' satisfies StopReason);
      const now = Date.now();
      if (polling || now - lastPoll < CANCEL_POLL_MS) return;
      lastPoll = now;
      polling = true;
      readOrDuringOutage(() => this.runs.isCancelRequested(runId), false)
        .then((cancel) => cancel && controller.abort('cancel' satisfies StopReason))
        .catch((error: unknown) => this.logger.warn(`run ${runId} chunk ${chunk}: cancel poll failed (${describeError(error)})`))
        .finally(() => (polling = false));
    };

    for (const row of rows) {
      pollStop();
      if (writeError) break;
      if (controller.signal.aborted) break;
      const losses: Array<{ epoch: number; loss: number; valLoss: number | null; ms: number }> = [];
      const onEpochEnd = async (report: EpochReport) => {
        losses.push({ epoch: report.epoch, loss: report.loss, valLoss: report.valLoss ?? null, ms: report.ms });
        pollStop();
        await yieldNowAndThen();
      };
      // Advisory (which series the chunk is on): never waited for, a failed write is only logged.
      this.series
        .markStarted(runId, token, [row.ordinal])
        .catch((error: unknown) =>
          this.logger.warn(`run ${runId} chunk ${chunk}: mark started failed (${describeError(error)})`),
        );
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
          notes: { ...result.notes, ...seriesNotes, attempt },
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
      if (Date.now() - lastFlush >= FLUSH_EVERY_MS) flush();
      await yieldNowAndThen();
    }
    await settleWrites();
    const outside = Date.now() - started - trainingMs;
    this.logger.log(
      `run ${runId} chunk ${chunk}: ${stored} of ${claimed.length} series stored, training ${trainingMs} ms, ` +
        `outside training ${outside} ms (${(outside / Math.max(1, claimed.length)).toFixed(1)} ms/series: claim and read ` +
        `${setupMs} ms, model save ${saveMs} ms, batched writes ${waitMs} ms waited (${statements} statements in the background))`,
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

  /**
   * A global run's chunk: its series forecast and scored from the run's model, written in one
   * statement. Returns the series too short for the model's window or holdout, still claimed and unwritten.
   */
  private async forecastChunk(
    runId: string,
    chunk: number,
    token: string,
    rows: SeriesWithValues[],
    started: number,
    attempt: number,
  ): Promise<SeriesWithValues[]> {
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
    const short: SeriesWithValues[] = [];
    rows.forEach((row, i) => {
      const r = results[i];
      if (!r.ok) {
        if (r.tooShort) short.push(row);
        else failed.push({ ordinal: row.ordinal, error: r.error });
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
        `${setupMs} ms, model save 0 ms, batched writes ${writeMs} ms)${short.length ? `; ${short.length} too short for the shared params, fitted on their own` : ''}`,
    );
    return short;
  }

  /** The pipeline call; a seam for tests that need a series to fail. */
  protected train(series: SeriesInput, params: TrainingParams, hooks: TrainingHooks): Promise<TrainingResult> {
    return trainAndForecast(series, params, hooks);
  }
}
