// One attempt of one candidate of a per-series selection run (the `default` preset, selection
// 'auto'): selectionSetup + scoreCandidate on the run's training part, the validation score stored
// in run_candidates for the run's Train job to choose from. A candidate is a BullMQ child job of its
// run's Train job, so N workers score N candidates at once. Like a fold it claims its row with an
// attempt token (a stale or duplicated delivery writes nothing), rides out short Postgres outages,
// stops within CANCEL_POLL_MS when the run is cancelled or the worker drains (handed back).
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  APP_CONFIG,
  DatasetRepository,
  RunCandidateRepository,
  RunRepository,
  RunStatus,
  type AppConfig,
  type ScoreCandidateJobData,
} from '@seqcast/core';
import {
  ParamValidationError,
  initTfBackend,
  resolveParams,
  scoreCandidate,
  selectionSetup,
  type CandidateScore,
  type CandidateSpec,
  type SeriesInput,
  type TrainingParams,
} from '@seqcast/forecasting';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { describeError, readOrDuringOutage, retryTransient } from './db-retry';
import { describeJobFailure } from './job-failure';
import { TrainingService } from './training.service';

export type CandidateOutcome = 'completed' | 'cancelled' | 'skipped' | 'handed-back';

/** A candidate that can never be scored (its run or dataset is gone, its params do not fit): no retry. */
export class UnrecoverableCandidateError extends Error {}

type StopReason = 'cancel' | 'shutdown';

/** What every scorer of a run shares: its training part, candidates, validation plan and context. */
export type SelectionSetup = ReturnType<typeof selectionSetup>;

const CANCEL_POLL_MS = 500;

@Injectable()
export class CandidateScoreService {
  private readonly logger = new Logger(CandidateScoreService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runs: RunRepository,
    private readonly candidates: RunCandidateRepository,
    private readonly datasets: DatasetRepository,
    // Its drain flag (SIGTERM) stops candidates too: one switch for every attempt of this worker.
    private readonly training: TrainingService,
  ) {}

  private db<T>(label: string, fn: () => Promise<T>): Promise<T> {
    return retryTransient(fn, { budgetMs: this.config.WORKER_DB_RETRY_MS, label, logger: this.logger });
  }

  /** The candidate job, mapped to BullMQ's semantics as the fold and run jobs are. */
  async process(job: Job<ScoreCandidateJobData>, token?: string): Promise<CandidateOutcome> {
    const { runId, slot } = job.data;
    try {
      const outcome = await this.scoreSlot(runId, slot, job.attemptsStarted);
      if (outcome === 'handed-back') {
        // Back to the queue without using up an attempt; its parent keeps waiting for it.
        await job.moveToDelayed(Date.now() + 1_000, token);
        throw new DelayedError();
      }
      return outcome;
    } catch (error) {
      if (error instanceof DelayedError) throw error;
      const message = describeError(error);
      const unrecoverable = error instanceof UnrecoverableCandidateError;
      const final = unrecoverable || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.logger.warn(
        `run ${runId} candidate ${slot} attempt ${job.attemptsStarted} failed${final ? ' (final)' : ', will retry'}: ${message}`,
      );
      try {
        await this.attemptFailed(runId, slot, (error as { attemptToken?: string }).attemptToken, message, final);
      } catch (e) {
        this.logger.warn(`run ${runId} candidate ${slot}: could not record the failed attempt (${describeError(e)})`);
      }
      if (unrecoverable) throw new UnrecoverableError(message);
      throw message === (error as Error).message ? error : new Error(message);
    }
  }

  /** A candidate job BullMQ failed without our processor (e.g. it kept crashing its worker): the slot is failed. */
  async jobFailed(job: Job<ScoreCandidateJobData>, error: Error): Promise<void> {
    if ((await job.getState()) !== 'failed') return; // an attempt that BullMQ will retry
    const { runId, slot } = job.data;
    await this.candidates.endIfActive(
      runId,
      slot,
      RunStatus.failed,
      describeJobFailure(job.failedReason || error.message, job.stalledCounter),
    );
  }

  async scoreSlot(runId: string, slot: number, attempt: number): Promise<CandidateOutcome> {
    if (this.training.isDraining) return 'handed-back';
    const run = await this.db(`run ${runId} candidate ${slot}: read`, () => this.runs.findById(runId));
    if (!run) return 'skipped'; // deleted with its dataset: its candidates went with it
    if ((run.status !== RunStatus.queued && run.status !== RunStatus.running) || run.cancelRequested) {
      const why = run.cancelRequested ? 'the run was cancelled' : `the run is ${run.status}`;
      const ended = await this.db(`run ${runId} candidate ${slot}: cancel`, () =>
        this.candidates.endIfActive(runId, slot, RunStatus.cancelled, why),
      );
      return ended ? 'cancelled' : 'skipped';
    }
    const dataset = await this.db(`run ${runId} candidate ${slot}: load dataset`, () =>
      this.datasets.findWithValues(run.datasetId),
    );
    if (!dataset) throw new UnrecoverableCandidateError(`dataset ${run.datasetId} no longer exists`);
    let params: TrainingParams;
    try {
      const resolved = resolveParams(run.preset, run.params, dataset.values.length);
      params = this.config.TFJS_GRU ? { ...resolved, impl: this.config.TFJS_GRU } : resolved;
    } catch (error) {
      if (error instanceof ParamValidationError) throw new UnrecoverableCandidateError(`candidate ${slot}: ${error.message}`);
      throw error;
    }
    const series: SeriesInput = {
      values: dataset.values,
      timestamps: dataset.timestamps.length ? dataset.timestamps : undefined,
      frequency: dataset.frequency ?? undefined,
    };
    const setup = selectionSetup(series, params);
    const spec = setup.candidates[slot - 1];
    if (!spec) throw new UnrecoverableCandidateError(`run ${runId} has no candidate ${slot} (it has ${setup.candidates.length})`);

    await initTfBackend(this.config.TFJS_BACKEND);
    const token = randomUUID();
    const claimed = await this.db(`run ${runId} candidate ${slot}: claim`, () =>
      this.candidates.claim(runId, slot, {
        token,
        attempts: attempt,
        workerHost: `${hostname()}:${process.pid}`,
        name: spec.name,
      }),
    );
    // Finished already (a duplicate delivery), or the run was cancelled or ended in between.
    if (!claimed) return 'skipped';

    const controller = new AbortController();
    const poll = setInterval(() => {
      if (this.training.isDraining) controller.abort('shutdown' satisfies StopReason);
      void readOrDuringOutage(() => this.runs.isCancelRequested(runId), false).then((cancel) => {
        if (cancel) controller.abort('cancel' satisfies StopReason);
      });
    }, CANCEL_POLL_MS);
    try {
      const started = Date.now();
      let score: CandidateScore;
      try {
        await this.testDelay(controller.signal);
        score = await this.score(setup, spec, controller.signal);
      } finally {
        clearInterval(poll);
      }
      if (controller.signal.aborted) {
        if (controller.signal.reason === 'shutdown') {
          await this.db(`run ${runId} candidate ${slot}: hand back`, () =>
            this.candidates.finishAttempt(runId, slot, token, RunStatus.queued, 'handed back: worker shut down'),
          );
          return 'handed-back';
        }
        await this.db(`run ${runId} candidate ${slot}: cancel`, () =>
          this.candidates.finishAttempt(runId, slot, token, RunStatus.cancelled, 'the run was cancelled'),
        );
        return 'cancelled';
      }
      const ms = Date.now() - started;
      const results = {
        score: Number.isFinite(score.score) ? score.score : null,
        error: score.error ?? (Number.isFinite(score.score) ? null : 'the validation error is not finite'),
        ms,
      };
      let stored = await this.db(`run ${runId} candidate ${slot}: store score`, () =>
        this.candidates.complete(runId, slot, token, results),
      );
      if (!stored) {
        // A retried write whose first try committed but lost its reply finds the slot completed by us.
        const state = await this.db(`run ${runId} candidate ${slot}: read`, () => this.candidates.attemptState(runId, slot));
        stored = state?.status === RunStatus.completed && state.attemptToken === token;
      }
      if (!stored) {
        this.logger.warn(`run ${runId} candidate ${slot}: attempt ${attempt} was superseded; it stops without writing`);
        return 'skipped';
      }
      this.logger.log(`run ${runId} candidate ${slot} (${spec.name}) scored ${results.score ?? 'n/a'} in ${ms} ms`);
      return 'completed';
    } catch (error) {
      throw Object.assign(error as Error, { attemptToken: token });
    }
  }

  /** The scoring call; a seam for tests that need a candidate to fail or take long. */
  protected score(setup: SelectionSetup, spec: CandidateSpec, signal: AbortSignal): Promise<CandidateScore> {
    return scoreCandidate(setup.trainRaw, spec, { ...setup.ctx, signal }, setup.plan);
  }

  /** Test hook (NODE_ENV=test): SEQCAST_TEST_CANDIDATE_DELAY_MS keeps a claimed candidate running that
   *  long, so fault tests can kill its worker mid-selection. */
  private async testDelay(signal: AbortSignal): Promise<void> {
    const ms = this.config.NODE_ENV === 'test' ? Number(process.env.SEQCAST_TEST_CANDIDATE_DELAY_MS ?? 0) : 0;
    if (!ms) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
  }

  /** After a thrown attempt: back to queued if BullMQ will retry it, failed if that was its last try. */
  private async attemptFailed(runId: string, slot: number, token: string | undefined, message: string, final: boolean) {
    await this.db(`run ${runId} candidate ${slot}: record failed attempt`, async () => {
      if (token) return this.candidates.finishAttempt(runId, slot, token, final ? RunStatus.failed : RunStatus.queued, message);
      return final && (await this.candidates.endIfActive(runId, slot, RunStatus.failed, message));
    });
  }
}
