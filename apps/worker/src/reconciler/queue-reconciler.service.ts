// Postgres is the record of truth, Redis only carries the queue. If Redis lost jobs (a restart
// without persistence, FLUSHALL), every queued or running run is enqueued again from Postgres; a
// run whose job BullMQ gave up on (e.g. it kept crashing its worker) is marked failed, never left running.
//
// Backtest runs are flows (their Train job waits for one child job per fold). A lost flow is enqueued
// again with only the folds that Postgres says are still to do (finished folds are not run again);
// a Train job still waiting for its folds gets back any fold job Redis lost (or it would wait forever).
// Per-series selection runs are flows the same way, with one ScoreCandidate child job per candidate
// slot (a run may have folds and candidates both); lost candidate jobs are put back like folds.
// Every job id is deterministic, so racing the API's own enqueue duplicates nothing.
import { InjectFlowProducer, InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import {
  APP_CONFIG,
  RunCandidateRepository,
  RunFoldRepository,
  RunRepository,
  RunSeriesRepository,
  RunStatus,
  TRAINING_FLOW,
  TRAINING_QUEUE,
  TrainingJob,
  backtestFoldJobId,
  backtestFoldJobOptions,
  enqueuePanelRun,
  enqueueTraining,
  scoreCandidateJobId,
  scoreCandidateJobOptions,
  panelChunkJobId,
  parsePanelConfig,
  type AppConfig,
  type BacktestFoldJobData,
  type ScoreCandidateJobData,
  type TrainingJobData,
} from '@seqcast/core';
import type { FlowProducer, Queue } from 'bullmq';
import { countReconcilerActions } from '../metrics/worker-metrics';
import { describeError } from '../training/db-retry';
import { describeJobFailure } from '../training/job-failure';

export interface ReconcileReport {
  requeued: string[];
  failed: string[];
  /** `${runId}-fold-${k}` of fold jobs put back under a Train job that was waiting for them. */
  requeuedFolds: string[];
  /** `${runId}-candidate-${slot}` of candidate jobs put back under a Train job that was waiting for them. */
  requeuedCandidates?: string[];
}

@Injectable()
export class QueueReconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(QueueReconciler.name);
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(TRAINING_QUEUE) private readonly queue: Queue<TrainingJobData>,
    private readonly runs: RunRepository,
    private readonly folds: RunFoldRepository,
    @InjectFlowProducer(TRAINING_FLOW) private readonly flow: FlowProducer,
    private readonly series: RunSeriesRepository,
    private readonly candidates: RunCandidateRepository,
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => void this.reconcile().catch((e: Error) => this.logger.warn(`reconcile failed: ${describeError(e)}`));
    tick();
    this.timer = setInterval(tick, this.config.RECONCILE_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async reconcile(): Promise<ReconcileReport> {
    const report: ReconcileReport = { requeued: [], failed: [], requeuedFolds: [] };
    if (this.running) return report;
    this.running = true;
    try {
      for (const run of await this.runs.listActive()) await this.reconcileRun(run.id, report);
    } finally {
      this.running = false;
    }
    countReconcilerActions(report);
    const candidateJobs = report.requeuedCandidates?.length ?? 0;
    if (report.requeued.length || report.failed.length || report.requeuedFolds.length || candidateJobs) {
      this.logger.warn(
        `reconciled: requeued ${report.requeued.length}, failed ${report.failed.length}, fold jobs requeued ${report.requeuedFolds.length}` +
          `, candidate jobs requeued ${candidateJobs}`,
      );
    }
    return report;
  }

  /** One queued or running run: make sure its job (and, for a backtest, its fold jobs) is in the queue. */
  async reconcileRun(runId: string, report: ReconcileReport): Promise<void> {
    const job = await this.queue.getJob(runId);
    if (!job) {
      // jobId = runId makes this a no-op if the API's own add lands at the same moment.
      await this.enqueue(runId);
      report.requeued.push(runId);
      return;
    }
    const state = await job.getState();
    if (state === 'completed') {
      // The job ended but the run did not (e.g. its attempt was superseded and lost): run it again.
      // Re-read first: a run that just completed normally flips in Postgres before its job does.
      const now = await this.runs.findById(runId);
      if (!now || (now.status !== RunStatus.queued && now.status !== RunStatus.running)) return;
      await job.remove();
      await this.enqueue(runId);
      report.requeued.push(runId);
    } else if (state === 'failed') {
      // Read the job again: the copy above may predate the stall check that failed it (no reason yet).
      const failed = (await this.queue.getJob(runId)) ?? job;
      if (await this.runs.failIfActive(runId, describeJobFailure(failed.failedReason, failed.stalledCounter)))
        report.failed.push(runId);
    } else if (state === 'waiting-children') {
      for (const chunk of await this.chunksToEnqueue(runId, false)) {
        await this.queue.add(TrainingJob.PanelChunk, { runId, chunk } as TrainingJobData, {
          ...backtestFoldJobOptions(this.config.JOB_ATTEMPTS),
          jobId: panelChunkJobId(runId, chunk),
          parent: { id: runId, queue: this.queue.qualifiedName },
        });
        report.requeuedFolds.push(panelChunkJobId(runId, chunk));
      }
      for (const fold of await this.foldsToEnqueue(runId, false)) {
        const data: BacktestFoldJobData = { runId, fold };
        await this.queue.add(TrainingJob.BacktestFold, data, {
          ...backtestFoldJobOptions(this.config.JOB_ATTEMPTS),
          jobId: backtestFoldJobId(runId, fold),
          parent: { id: runId, queue: this.queue.qualifiedName },
        });
        report.requeuedFolds.push(backtestFoldJobId(runId, fold));
      }
      for (const slot of await this.candidatesToEnqueue(runId, false)) {
        const data: ScoreCandidateJobData = { runId, slot };
        await this.queue.add(TrainingJob.ScoreCandidate, data, {
          ...scoreCandidateJobOptions(this.config.JOB_ATTEMPTS),
          jobId: scoreCandidateJobId(runId, slot),
          parent: { id: runId, queue: this.queue.qualifiedName },
        });
        (report.requeuedCandidates ??= []).push(scoreCandidateJobId(runId, slot));
      }
    }
  }

  /**
   * The run's job again, as the parent of every fold still to do: a fold job that survived is linked
   * to the new parent (BullMQ only links an existing child again), a lost one is added anew.
   */
  private async enqueue(runId: string): Promise<void> {
    const run = await this.runs.findById(runId);
    if (parsePanelConfig(run?.panel)?.mode === 'local') {
      await enqueuePanelRun(this.queue, this.flow, runId, await this.chunksToEnqueue(runId, true), this.config.JOB_ATTEMPTS);
      return;
    }
    const folds = await this.foldsToEnqueue(runId, true);
    const candidates = await this.candidatesToEnqueue(runId, true);
    await enqueueTraining(this.queue, this.flow, runId, folds, this.config.JOB_ATTEMPTS, candidates);
  }

  /** As foldsToEnqueue, for the candidate slots of a per-series selection run. */
  private async candidatesToEnqueue(runId: string, withSurviving: boolean): Promise<number[]> {
    const slots: number[] = [];
    for (const slot of await this.candidates.listActive(runId)) {
      const job = await this.queue.getJob(scoreCandidateJobId(runId, slot));
      const state = job ? await job.getState() : 'missing';
      if (state === 'failed') {
        await this.candidates.endIfActive(
          runId,
          slot,
          RunStatus.failed,
          describeJobFailure(job!.failedReason, job!.stalledCounter),
        );
      } else if (state === 'missing' || state === 'unknown' || withSurviving) {
        slots.push(slot);
      }
    }
    return slots;
  }

  /** A local panel run's chunks with unfinished series whose job is gone (or, `withSurviving`, any); as for folds. */
  private async chunksToEnqueue(runId: string, withSurviving: boolean): Promise<number[]> {
    const chunks: number[] = [];
    for (const chunk of await this.series.activeChunks(runId)) {
      const job = await this.queue.getJob(panelChunkJobId(runId, chunk));
      const state = job ? await job.getState() : 'missing';
      if (state === 'failed') {
        await this.series.endChunkIfActive(
          runId,
          chunk,
          RunStatus.failed,
          describeJobFailure(job!.failedReason, job!.stalledCounter),
        );
      } else if (state === 'missing' || state === 'unknown' || withSurviving) {
        chunks.push(chunk);
      }
    }
    return chunks;
  }

  /**
   * Folds Postgres says are queued or running whose job is gone (and, with `withSurviving`, those whose
   * job is still there). A fold whose job failed for good is marked failed instead: re-adding it would
   * make it a dependency again that never completes.
   */
  private async foldsToEnqueue(runId: string, withSurviving: boolean): Promise<number[]> {
    const folds: number[] = [];
    for (const fold of await this.folds.listActive(runId)) {
      const job = await this.queue.getJob(backtestFoldJobId(runId, fold));
      const state = job ? await job.getState() : 'missing';
      if (state === 'failed') {
        await this.folds.endIfActive(runId, fold, RunStatus.failed, describeJobFailure(job!.failedReason, job!.stalledCounter));
      } else if (state === 'missing' || state === 'unknown' || withSurviving) {
        folds.push(fold);
      }
    }
    return folds;
  }
}
