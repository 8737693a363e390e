// One training attempt of one run: claim it in Postgres, train, stream progress, store results.
// Postgres is the record of truth; the attempt token makes every write of a stale attempt a no-op.
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  APP_CONFIG,
  DatasetRepository,
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
  resolveParams,
  trainAndForecast,
  type EpochReport,
  type TrainingParams,
} from '@seqcast/forecasting';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

export type AttemptOutcome = 'completed' | 'cancelled' | 'skipped' | 'handed-back';

export class UnrecoverableRunError extends Error {}

/** Why an attempt stopped early: the user cancelled, or this worker is shutting down. */
type StopReason = 'cancel' | 'shutdown';

const FLUSH_EVERY_MS = 1_000;
const CANCEL_POLL_MS = 500;

@Injectable()
export class TrainingService {
  private readonly logger = new Logger(TrainingService.name);
  private readonly inFlight = new Map<string, AbortController>();
  private draining = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runs: RunRepository,
    private readonly datasets: DatasetRepository,
    private readonly events: RunEventsPublisher,
  ) {}

  get isDraining(): boolean {
    return this.draining;
  }

  /** SIGTERM: stop every attempt at its next epoch boundary so its job can be handed back. */
  drain(): void {
    this.draining = true;
    for (const controller of this.inFlight.values()) controller.abort('shutdown' satisfies StopReason);
  }

  async runAttempt(runId: string, attempt: number): Promise<AttemptOutcome> {
    if (this.draining) return 'handed-back';
    const existing = await this.runs.findById(runId);
    if (!existing || existing.status === RunStatus.completed || existing.status === RunStatus.failed) return 'skipped';
    if (existing.status === RunStatus.cancelled) return 'skipped';

    const backend = await initTfBackend(this.config.TFJS_BACKEND);
    const token = randomUUID();
    const run = await this.runs.claim(runId, {
      token,
      attempts: attempt,
      workerHost: `${hostname()}:${process.pid}`,
      backend: backend.backend,
      device: backend.device,
    });
    if (!run) {
      // Cancelled (or finished) between the read and the claim.
      return 'skipped';
    }
    await this.events.publish({ type: 'status', runId, status: RunStatus.running });

    const controller = new AbortController();
    this.inFlight.set(runId, controller);
    try {
      return await this.train(run, token, attempt, controller);
    } catch (error) {
      if (error instanceof UnrecoverableRunError || error instanceof ParamValidationError) {
        await this.runs.finishAttempt(runId, token, RunStatus.failed, (error as Error).message);
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
    const changed = token
      ? await this.runs.finishAttempt(runId, token, status, message)
      : final && (await this.runs.failIfActive(runId, message));
    if (changed) await this.events.publish({ type: 'status', runId, status, error: message });
  }

  private async train(run: Run, token: string, attempt: number, controller: AbortController): Promise<AttemptOutcome> {
    const dataset = await this.datasets.findWithValues(run.datasetId);
    if (!dataset) throw new UnrecoverableRunError(`dataset ${run.datasetId} no longer exists`);
    const resolved = resolveParams(run.preset, run.params, dataset.values.length);
    // TFJS_GRU forces one GRU implementation for every run of this worker (the run records it).
    const params: TrainingParams = this.config.TFJS_GRU ? { ...resolved, impl: this.config.TFJS_GRU } : resolved;
    const pending: EpochRow[] = [];
    let lastFlush = Date.now();
    let lastCancelPoll = Date.now();
    const flush = async () => {
      const rows = pending.splice(0, pending.length);
      lastFlush = Date.now();
      if (rows.length && !(await this.runs.recordEpochs(run.id, token, rows))) {
        // Another attempt took over (or the run was cancelled): stop writing.
        controller.abort('cancel' satisfies StopReason);
      }
    };
    const faultEpoch = this.config.NODE_ENV === 'test' ? Number(process.env.SEQCAST_TEST_FAIL_AT_EPOCH ?? 0) : 0;

    const onEpochEnd = async (report: EpochReport) => {
      if (faultEpoch && attempt === 1 && report.epoch === faultEpoch) {
        throw new Error(`injected failure in epoch ${report.epoch} (test hook)`);
      }
      pending.push({ epoch: report.epoch, loss: report.loss, valLoss: report.valLoss ?? null, ms: report.ms });
      await this.events.publish({ type: 'progress', runId: run.id, epochs: params.epochs, ...report });
      const now = Date.now();
      if (now - lastFlush >= FLUSH_EVERY_MS) await flush();
      if (now - lastCancelPoll >= CANCEL_POLL_MS) {
        lastCancelPoll = now;
        if (await this.runs.isCancelRequested(run.id)) controller.abort('cancel' satisfies StopReason);
      }
    };

    const started = Date.now();
    const result = await trainAndForecast(
      { values: dataset.values, timestamps: dataset.timestamps.length ? dataset.timestamps : undefined, frequency: dataset.frequency ?? undefined },
      params,
      { onEpochEnd, signal: controller.signal },
    );
    try {
      await flush();
      if (result.fit.stopReason === 'aborted') {
        const reason = controller.signal.reason as StopReason;
        if (reason === 'shutdown') {
          await this.runs.finishAttempt(run.id, token, RunStatus.queued, 'handed back: worker shut down');
          return 'handed-back';
        }
        if (await this.runs.finishAttempt(run.id, token, RunStatus.cancelled)) {
          await this.events.publish({ type: 'status', runId: run.id, status: RunStatus.cancelled });
        }
        return 'cancelled';
      }
      const trainingMs = Date.now() - started;
      const artifacts = await result.model.save();
      const epochsRun = result.fit.epochsRun;
      const stored = await this.runs.complete(run.id, token, {
        epochsRun,
        gruImpl: result.model.impl,
        trainingMs,
        msPerEpoch: result.fit.epochs.reduce((s, e) => s + e.ms, 0) / Math.max(1, result.fit.epochs.length),
        metrics: result.metrics as unknown as Prisma.InputJsonValue,
        baselines: result.baselines as unknown as Prisma.InputJsonValue,
        notes: { ...(result.notes ?? {}), gruImpl: result.model.impl, backendAttempts: (await initTfBackend(this.config.TFJS_BACKEND)).attempts } as unknown as Prisma.InputJsonValue,
        params: result.params as unknown as Prisma.InputJsonValue,
        forecast: [
          ...result.holdout.map((p) => ({ kind: 'holdout' as const, step: p.step, t: p.t ?? null, actual: p.actual, forecast: p.forecast })),
          ...result.future.map((p) => ({ kind: 'future' as const, step: p.step, t: p.t ?? null, forecast: p.forecast })),
        ],
        artifact: {
          topology: artifacts.modelTopology as Prisma.InputJsonValue,
          weightSpecs: artifacts.weightSpecs as unknown as Prisma.InputJsonValue,
          weights: artifacts.weightData,
          scaler: result.scaler as unknown as Prisma.InputJsonValue,
        },
      });
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
