// One training attempt of one run: claim it in Postgres, train, stream progress, store results.
// Postgres is the record of truth; the attempt token makes every write of a stale attempt a no-op.
// A Postgres outage is ridden out for WORKER_DB_RETRY_MS per operation (epoch rows stay buffered in
// memory meanwhile); a run is only ever flipped to completed with all its losses and forecast.
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  APP_CONFIG,
  DatasetRepository,
  RunCandidateRepository,
  RunEventsPublisher,
  RunRepository,
  RunStatus,
  type AppConfig,
  type EpochRow,
  type Prisma,
  type Run,
} from '@seqcast/core';
import {
  ParamValidationError,
  initTfBackend,
  type TfBackendInfo,
  resolveParams,
  trainAndForecast,
  trainedGruImpl,
  type EpochProgress,
  type FuturePoint,
  type TrainingParams,
} from '@seqcast/forecasting';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { workerMetrics } from '../metrics/worker-metrics';
import { describeError, isTransientDbError, readOrDuringOutage, retryTransient } from './db-retry';
import { storedCandidateScores } from './stored-candidate-scores';

export type AttemptOutcome = 'completed' | 'cancelled' | 'skipped' | 'handed-back';

export class UnrecoverableRunError extends Error {}

/** Why an attempt stopped early: the user cancelled, this worker is shutting down, or another attempt took over. */
type StopReason = 'cancel' | 'shutdown' | 'superseded';

const FLUSH_EVERY_MS = 1_000;
const CANCEL_POLL_MS = 500;

@Injectable()
export class TrainingService {
  private readonly logger = new Logger(TrainingService.name);
  private readonly inFlight = new Map<string, AbortController>();
  private draining = false;
  private finished = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runs: RunRepository,
    private readonly datasets: DatasetRepository,
    private readonly events: RunEventsPublisher,
    private readonly candidates: RunCandidateRepository,
  ) {}

  get isDraining(): boolean {
    return this.draining;
  }

  /** For the health endpoint: attempts in flight now, and attempts finished (any outcome) so far. */
  get stats(): { inFlight: number; attemptsFinished: number } {
    return { inFlight: this.inFlight.size, attemptsFinished: this.finished };
  }

  /** Retries a Postgres operation through an outage, within WORKER_DB_RETRY_MS. */
  private db<T>(label: string, fn: () => Promise<T>): Promise<T> {
    return retryTransient(fn, { budgetMs: this.config.WORKER_DB_RETRY_MS, label, logger: this.logger });
  }

  /** SIGTERM: stop every attempt at its next epoch boundary so its job can be handed back. */
  drain(): void {
    this.draining = true;
    for (const controller of this.inFlight.values()) controller.abort('shutdown' satisfies StopReason);
  }

  async runAttempt(runId: string, attempt: number): Promise<AttemptOutcome> {
    if (this.draining) return 'handed-back';
    try {
      return await this.attempt(runId, attempt);
    } finally {
      this.finished += 1;
    }
  }

  private async attempt(runId: string, attempt: number): Promise<AttemptOutcome> {
    const existing = await this.db(`run ${runId}: read`, () => this.runs.findById(runId));
    if (!existing || existing.status === RunStatus.completed || existing.status === RunStatus.failed) return 'skipped';
    if (existing.status === RunStatus.cancelled) return 'skipped';

    const backend = await initTfBackend(this.config.TFJS_BACKEND);
    const token = randomUUID();
    // Retrying a claim whose reply was lost is harmless: same token, and the run is still active.
    const run = await this.db(`run ${runId}: claim`, () =>
      this.runs.claim(runId, {
        token,
        attempts: attempt,
        workerHost: `${hostname()}:${process.pid}`,
        backend: backend.backend,
        device: backend.device,
      }),
    );
    if (!run) {
      // Finished, or asked to cancel: a cancel its last attempt did not live to act on ends here,
      // or the run would stay running (every later delivery refused too).
      if (!(await this.db(`run ${runId}: cancel`, () => this.runs.cancelIfRequested(runId)))) return 'skipped';
      await this.events.publish({ type: 'status', runId, status: RunStatus.cancelled });
      return 'cancelled';
    }
    void this.events.publish({ type: 'status', runId, status: RunStatus.running });

    const controller = new AbortController();
    this.inFlight.set(runId, controller);
    // SIGTERM arrived while we were claiming: stop at the first epoch boundary.
    if (this.draining) controller.abort('shutdown' satisfies StopReason);
    try {
      return await this.train(run, token, attempt, controller, backend);
    } catch (error) {
      if (error instanceof UnrecoverableRunError || error instanceof ParamValidationError) {
        await this.db(`run ${runId}: fail`, () =>
          this.runs.finishAttempt(runId, token, RunStatus.failed, (error as Error).message),
        );
        await this.events.publish({ type: 'status', runId, status: RunStatus.failed, error: (error as Error).message });
        throw new UnrecoverableRunError((error as Error).message);
      }
      throw Object.assign(error as Error, { attemptToken: token });
    } finally {
      this.inFlight.delete(runId);
    }
  }

  /** After a thrown attempt: back to queued if BullMQ will retry, failed if that was the last try. */
  async attemptFailed(runId: string, token: string | undefined, message: string, final: boolean): Promise<void> {
    const status = final ? RunStatus.failed : RunStatus.queued;
    const changed = await this.db(`run ${runId}: record failed attempt`, async () =>
      token ? this.runs.finishAttempt(runId, token, status, message) : final && (await this.runs.failIfActive(runId, message)),
    );
    if (changed) await this.events.publish({ type: 'status', runId, status, error: message });
  }

  private async train(
    run: Run,
    token: string,
    attempt: number,
    controller: AbortController,
    backend: TfBackendInfo,
  ): Promise<AttemptOutcome> {
    const dataset = await this.db(`run ${run.id}: load dataset`, () => this.datasets.findWithValues(run.datasetId));
    if (!dataset) throw new UnrecoverableRunError(`dataset ${run.datasetId} no longer exists`);
    const resolved = resolveParams(run.preset, run.params, dataset.values.length);
    // TFJS_GRU forces one GRU implementation for every run of this worker (the run records it).
    const params: TrainingParams = this.config.TFJS_GRU ? { ...resolved, impl: this.config.TFJS_GRU } : resolved;
    const pending: EpochRow[] = [];
    let lastFlush = Date.now();
    let lastCancelPoll = Date.now();
    let outageLogged = false;
    /** Writes the buffered epoch rows. During training an outage only delays them (they stay buffered); the final flush retries. */
    const flush = async (final: boolean) => {
      if (!pending.length) return;
      const rows = pending.slice();
      lastFlush = Date.now();
      let current: boolean;
      try {
        current = final
          ? await this.db(`run ${run.id}: store losses`, () => this.runs.recordEpochs(run.id, token, rows))
          : await this.runs.recordEpochs(run.id, token, rows);
      } catch (error) {
        if (final || !isTransientDbError(error)) throw error;
        if (!outageLogged) this.logger.warn(`run ${run.id}: ${describeError(error)}; buffering epoch losses until it is back`);
        outageLogged = true;
        return;
      }
      pending.splice(0, rows.length);
      // Another attempt took over, or the run was ended under us (e.g. failed by the reconciler): stop writing.
      if (!current) controller.abort('superseded' satisfies StopReason);
    };
    const testHooks = this.config.NODE_ENV === 'test';
    const faultEpoch = testHooks ? Number(process.env.SEQCAST_TEST_FAIL_AT_EPOCH ?? 0) : 0;
    const crashEpoch = testHooks ? Number(process.env.SEQCAST_TEST_CRASH_AT_EPOCH ?? 0) : 0;

    const onEpochEnd = async (report: EpochProgress) => {
      if (faultEpoch && attempt === 1 && report.epoch === faultEpoch) {
        throw new Error(`injected failure in epoch ${report.epoch} (test hook)`);
      }
      if (crashEpoch && report.epoch === crashEpoch) {
        this.logger.warn(`injected crash in epoch ${report.epoch} (test hook)`);
        process.kill(process.pid, 'SIGKILL');
      }
      pending.push(report);
      workerMetrics.epochs.inc({ job: 'train' });
      // Best effort and not awaited: a Redis outage must not slow training down.
      void this.events.publish({ type: 'progress', runId: run.id, ...report });
      const now = Date.now();
      if (now - lastFlush >= FLUSH_EVERY_MS) await flush(false);
      if (now - lastCancelPoll >= CANCEL_POLL_MS) {
        lastCancelPoll = now;
        if (await readOrDuringOutage(() => this.runs.isCancelRequested(run.id), false))
          controller.abort('cancel' satisfies StopReason);
      }
    };

    const series = {
      values: dataset.values,
      timestamps: dataset.timestamps.length ? dataset.timestamps : undefined,
      frequency: dataset.frequency ?? undefined,
    };
    // Per-series selection as a flow: the candidates' ScoreCandidate child jobs stored their scores.
    const candidateRows = await this.db(`run ${run.id}: read candidate scores`, () => this.candidates.list(run.id));
    const candidateScores = candidateRows.length ? storedCandidateScores(candidateRows, series, params) : undefined;
    const started = Date.now();
    const result = await trainAndForecast(series, params, { onEpochEnd, signal: controller.signal, candidateScores });
    try {
      const superseded = () => controller.signal.aborted && controller.signal.reason === 'superseded';
      if (!superseded()) await flush(true);
      if (superseded()) {
        this.logger.warn(`run ${run.id}: attempt ${attempt} was superseded by another attempt; it stops without writing`);
        return 'skipped';
      }
      if (result.fit.stopReason === 'aborted') {
        const reason = controller.signal.reason as StopReason;
        if (reason === 'shutdown') {
          await this.db(`run ${run.id}: hand back`, () =>
            this.runs.finishAttempt(run.id, token, RunStatus.queued, 'handed back: worker shut down'),
          );
          return 'handed-back';
        }
        if (await this.db(`run ${run.id}: cancel`, () => this.runs.finishAttempt(run.id, token, RunStatus.cancelled))) {
          await this.events.publish({ type: 'status', runId: run.id, status: RunStatus.cancelled });
        }
        return 'cancelled';
      }
      const trainingMs = Date.now() - started;
      const artifacts = await result.model.save();
      const epochsRun = result.fit.epochsRun;
      const results = {
        epochsRun,
        gruImpl: trainedGruImpl(result),
        trainingMs,
        msPerEpoch: result.fit.epochs.reduce((s, e) => s + e.ms, 0) / Math.max(1, result.fit.epochs.length),
        metrics: result.metrics as unknown as Prisma.InputJsonValue,
        baselines: result.baselines as unknown as Prisma.InputJsonValue,
        notes: {
          ...(result.notes ?? {}),
          backendAttempts: backend.attempts,
        } as unknown as Prisma.InputJsonValue,
        params: result.params as unknown as Prisma.InputJsonValue,
        forecast: [
          ...result.holdout.map((p) => ({ kind: 'holdout' as const, ...forecastRow(p), actual: p.actual })),
          ...result.future.map((p) => ({ kind: 'future' as const, ...forecastRow(p) })),
        ],
        artifact: {
          topology: artifacts.modelTopology as Prisma.InputJsonValue,
          weightSpecs: artifacts.weightSpecs as unknown as Prisma.InputJsonValue,
          weights: artifacts.weightData,
          scaler: result.scaler as unknown as Prisma.InputJsonValue,
        },
      };
      let stored = await this.db(`run ${run.id}: store results`, () => this.runs.complete(run.id, token, results));
      if (!stored) {
        // A retried complete() whose first try committed but lost its reply finds the run already completed by us.
        const state = await this.db(`run ${run.id}: read`, () => this.runs.attemptState(run.id));
        stored = state?.status === RunStatus.completed && state.attemptToken === token;
      }
      if (stored) {
        await this.events.publish({ type: 'status', runId: run.id, status: RunStatus.completed });
        this.logger.log(`run ${run.id} completed: ${epochsRun} epochs in ${trainingMs} ms`);
      }
      return stored ? 'completed' : 'skipped';
    } finally {
      result.model.dispose();
    }
  }
}

/** The stored columns of a forecast point: the point forecast and its p10/p50/p90 interval. */
function forecastRow(p: FuturePoint) {
  return { step: p.step, t: p.t ?? null, forecast: p.forecast, p10: p.p10 ?? null, p50: p.p50 ?? null, p90: p.p90 ?? null };
}
