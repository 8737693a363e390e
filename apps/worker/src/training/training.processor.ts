import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Logger } from '@nestjs/common';
import {
  TRAINING_QUEUE,
  TrainingJob,
  type BacktestFoldJobData,
  type ScoreCandidateJobData,
  type PanelChunkJobData,
  type TrainingJobData,
} from '@seqcast/core';
import { DelayedError, Job, UnrecoverableError, WaitingChildrenError } from 'bullmq';
import { BacktestFoldService } from './backtest-fold.service';
import { BacktestSummaryService } from './backtest-summary.service';
import { CandidateScoreService } from './candidate-score.service';
import { describeError } from './db-retry';
import { describeJobFailure } from './job-failure';
import { PanelChunkService } from './panel-chunk.service';
import { PanelRunService } from './panel-run.service';
import { trainingWorkerOptions } from './training-worker-options';
import { TrainingService, UnrecoverableRunError } from './training.service';

/** Thin BullMQ adapter: maps attempt outcomes to BullMQ's job semantics. */
@Processor(TRAINING_QUEUE, trainingWorkerOptions())
export class TrainingProcessor extends WorkerHost implements BeforeApplicationShutdown {
  private readonly logger = new Logger(TrainingProcessor.name);
  stalledEvents = 0;
  private readonly lastQueueErrors = new Map<string, number>();

  constructor(
    private readonly training: TrainingService,
    private readonly folds: BacktestFoldService,
    private readonly backtests: BacktestSummaryService,
    private readonly panelChunks: PanelChunkService,
    private readonly panelRuns: PanelRunService,
    private readonly candidates: CandidateScoreService,
  ) {
    super();
  }

  async process(job: Job<TrainingJobData>, token?: string): Promise<string> {
    // One queue, two job names: a backtest fold is a child job of its run's Train job.
    if (job.name === TrainingJob.BacktestFold) return this.folds.process(job as Job<BacktestFoldJobData>, token);
    if (job.name === TrainingJob.ScoreCandidate) return this.candidates.process(job as Job<ScoreCandidateJobData>, token);
    // A panel run's chunk of series (#11): a child job of the run's Train job, like a fold.
    if (job.name === TrainingJob.PanelChunk) return this.panelChunks.process(job as Job<PanelChunkJobData>, token);
    const { runId } = job.data;
    try {
      // A backtest run's job starts once all its folds have finished: store their means first.
      if (!this.training.isDraining) await this.backtests.summarize(runId);
      // A panel run's Train job settles its chunks (local) or trains the global model.
      const panel = await this.panelRuns.panelOf(runId);
      const outcome = panel
        ? await this.panelRuns.runAttempt(panel.run, panel.panel, job, token)
        : await this.training.runAttempt(runId, job.attemptsStarted);
      // A global run's model is trained: the job waits for its forecast chunks and runs again after them.
      if (outcome === 'waiting-children') throw new WaitingChildrenError();
      if (outcome === 'handed-back') {
        // Back to the queue without using up an attempt: another worker (or this one restarted) takes it.
        await job.moveToDelayed(Date.now() + 1_000, token);
        throw new DelayedError();
      }
      return outcome;
    } catch (error) {
      if (error instanceof DelayedError || error instanceof WaitingChildrenError) throw error;
      const message = describeError(error);
      if (error instanceof UnrecoverableRunError) throw new UnrecoverableError(message);
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.logger.warn(`run ${runId} attempt ${job.attemptsStarted} failed${final ? ' (final)' : ', will retry'}: ${message}`);
      try {
        await this.training.attemptFailed(runId, (error as { attemptToken?: string }).attemptToken, message, final);
      } catch (e) {
        // Postgres is unreachable: the job still fails with the attempt's own reason; once Postgres
        // is back, the next attempt (or, after the last one, the reconciler) settles the run.
        this.logger.warn(`run ${runId}: could not record the failed attempt (${describeError(e)})`);
      }
      // BullMQ keeps this message as the job's failedReason (the reconciler's reason if it must fail the run).
      throw message === (error as Error).message ? error : new Error(message);
    }
  }

  /**
   * A job can fail without our processor running: past maxStalledCount (a run that keeps crashing
   * its worker) BullMQ fails it on the next pick-up. Mark the run failed at once; the reconciler is
   * the backstop if this process dies first. A no-op when the processor already recorded the failure.
   */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<TrainingJobData> | undefined, error: Error): Promise<void> {
    if (!job?.data?.runId) return;
    if (job.name === TrainingJob.PanelChunk) {
      await this.panelChunks.jobFailed(job as Job<PanelChunkJobData>, error).catch((e: Error) => {
        this.logger.warn(`run ${job.data.runId}: could not record its failed chunk job (${e.message}); the run's job will`);
      });
      return;
    }
    if (job.name === TrainingJob.BacktestFold) {
      await this.folds.jobFailed(job as Job<BacktestFoldJobData>, error).catch((e: Error) => {
        this.logger.warn(`run ${job.data.runId}: could not record its failed fold job (${e.message}); the reconciler will`);
      });
      return;
    }
    if (job.name === TrainingJob.ScoreCandidate) {
      await this.candidates.jobFailed(job as Job<ScoreCandidateJobData>, error).catch((e: Error) => {
        this.logger.warn(`run ${job.data.runId}: could not record its failed candidate job (${e.message}); the reconciler will`);
      });
      return;
    }
    try {
      if ((await job.getState()) !== 'failed') return; // an attempt that BullMQ will retry
      await this.training.attemptFailed(
        job.data.runId,
        undefined,
        describeJobFailure(job.failedReason || error.message, job.stalledCounter),
        true,
      );
    } catch (e) {
      this.logger.warn(`run ${job.data.runId}: could not record its failed job (${(e as Error).message}); the reconciler will`);
    }
  }

  /**
   * BullMQ's own errors: a lock lost during a Redis outage or to another worker that took the job
   * over, a dropped connection. Without a listener BullMQ prints each as a raw stack trace (every
   * 0.5-15 s while the outage lasts); one warning line per distinct message every 10 s instead.
   */
  @OnWorkerEvent('error')
  onError(error: Error): void {
    const now = Date.now();
    if (now - (this.lastQueueErrors.get(error.message) ?? 0) < 10_000) return;
    if (this.lastQueueErrors.size > 100) this.lastQueueErrors.clear(); // messages name jobs: keep it bounded
    this.lastQueueErrors.set(error.message, now);
    this.logger.warn(`queue: ${error.message}`);
  }

  @OnWorkerEvent('stalled')
  onStalled(jobId: string): void {
    this.stalledEvents += 1;
    this.logger.warn(`job ${jobId} stalled; it will be picked up again`);
  }

  beforeApplicationShutdown(signal?: string): void {
    this.logger.log(`${signal ?? 'shutdown'}: draining, in-flight runs are handed back at their next epoch`);
    this.training.drain();
  }
}
