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
  RunEventsPublisher,
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
import type { Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ChildAttempts, UnrecoverableChildError, withToken, type ChildOutcome, type StopReason } from './child-attempt';
import { readOrDuringOutage, retryTransient } from './db-retry';
import { TrainingService } from './training.service';

/** What every scorer of a run shares: its training part, candidates, validation plan and context. */
export type SelectionSetup = ReturnType<typeof selectionSetup>;

const CANCEL_POLL_MS = 500;

@Injectable()
export class CandidateScoreService {
  private readonly logger = new Logger(CandidateScoreService.name);
  private readonly attempts: ChildAttempts;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runs: RunRepository,
    private readonly candidates: RunCandidateRepository,
    private readonly datasets: DatasetRepository,
    private readonly events: RunEventsPublisher,
    // Its drain flag (SIGTERM) stops candidates too: one switch for every attempt of this worker.
    private readonly training: TrainingService,
  ) {
    this.attempts = new ChildAttempts('candidate', candidates, (label, fn) => this.db(label, fn), this.logger);
  }

  private db<T>(label: string, fn: () => Promise<T>): Promise<T> {
    return retryTransient(fn, { budgetMs: this.config.WORKER_DB_RETRY_MS, label, logger: this.logger });
  }

  /** The candidate job, mapped to BullMQ's semantics as the fold and run jobs are. */
  process(job: Job<ScoreCandidateJobData>, token?: string): Promise<ChildOutcome> {
    const { runId, slot } = job.data;
    return this.attempts.process(job, runId, slot, token, () => this.scoreSlot(runId, slot, job.attemptsStarted));
  }

  /** A candidate job BullMQ failed without our processor (e.g. it kept crashing its worker): the slot is failed. */
  jobFailed(job: Job<ScoreCandidateJobData>, error: Error): Promise<void> {
    return this.attempts.jobFailed(job, job.data.runId, job.data.slot, error);
  }

  async scoreSlot(runId: string, slot: number, attempt: number): Promise<ChildOutcome> {
    if (this.training.isDraining) return 'handed-back';
    const label = this.attempts.label(runId, slot);
    const run = await this.db(`${label}: read`, () => this.runs.findById(runId));
    if (!run) return 'skipped'; // deleted with its dataset: its candidates went with it
    if ((run.status !== RunStatus.queued && run.status !== RunStatus.running) || run.cancelRequested) {
      return this.attempts.endBeforeClaim(
        runId,
        slot,
        run.cancelRequested ? 'the run was cancelled' : `the run is ${run.status}`,
      );
    }
    const dataset = await this.db(`${label}: load dataset`, () => this.datasets.findWithValues(run.datasetId));
    if (!dataset) throw new UnrecoverableChildError(`dataset ${run.datasetId} no longer exists`);
    let params: TrainingParams;
    try {
      const resolved = resolveParams(run.preset, run.params, dataset.values.length);
      params = this.config.TFJS_GRU ? { ...resolved, impl: this.config.TFJS_GRU } : resolved;
    } catch (error) {
      if (error instanceof ParamValidationError) throw new UnrecoverableChildError(`candidate ${slot}: ${error.message}`);
      throw error;
    }
    const series: SeriesInput = {
      values: dataset.values,
      timestamps: dataset.timestamps.length ? dataset.timestamps : undefined,
      frequency: dataset.frequency ?? undefined,
    };
    const setup = selectionSetup(series, params);
    const spec = setup.candidates[slot - 1];
    if (!spec) throw new UnrecoverableChildError(`run ${runId} has no candidate ${slot} (it has ${setup.candidates.length})`);

    await initTfBackend(this.config.TFJS_BACKEND);
    const token = randomUUID();
    const claimed = await this.db(`${label}: claim`, () =>
      this.candidates.claim(runId, slot, {
        token,
        attempts: attempt,
        workerHost: `${hostname()}:${process.pid}`,
        name: spec.name,
      }),
    );
    // Finished already (a duplicate delivery), or the run was cancelled or ended in between.
    if (!claimed) return 'skipped';
    if (run.status === RunStatus.queued) void this.events.publish({ type: 'status', runId, status: RunStatus.running });

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
      if (controller.signal.aborted)
        return await this.attempts.stopped(runId, slot, token, controller.signal.reason as StopReason);
      const ms = Date.now() - started;
      const results = {
        score: Number.isFinite(score.score) ? score.score : null,
        error: score.error ?? (Number.isFinite(score.score) ? null : 'the validation error is not finite'),
        ms,
      };
      if (
        !(await this.attempts.store(
          runId,
          slot,
          token,
          attempt,
          () => this.candidates.complete(runId, slot, token, results),
          () => this.candidates.attemptState(runId, slot),
        ))
      ) {
        return 'skipped';
      }
      this.logger.log(`${label} (${spec.name}) scored ${results.score ?? 'n/a'} in ${ms} ms`);
      return 'completed';
    } catch (error) {
      throw withToken(error, token);
    }
  }

  /** The scoring call; a seam for tests that need a candidate to fail or take long. */
  protected score(setup: SelectionSetup, spec: CandidateSpec, signal: AbortSignal): Promise<CandidateScore> {
    return scoreCandidate(setup.train, spec, { ...setup.ctx, signal }, setup.plan);
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
}
