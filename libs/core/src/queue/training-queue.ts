// Every job the system knows, declared in one place (as immich does): names, payloads, options.
import type { DefaultJobOptions, FlowJob, FlowProducer, JobsOptions, Queue } from 'bullmq';

export const TRAINING_QUEUE = 'training';
/** The FlowProducer that enqueues a backtest run: its training job as the parent of its fold jobs. */
export const TRAINING_FLOW = 'training-flow';

export enum TrainingJob {
  Train = 'train',
  /** One fold of a run's rolling-origin backtest: a child job of the run's Train job. */
  BacktestFold = 'backtest-fold',
  /** One candidate of a run's per-series selection (validation score): a child job of its Train job. */
  ScoreCandidate = 'score-candidate',
  /** One chunk of a local panel run's series (#11): a child job of the run's Train job. */
  PanelChunk = 'panel-chunk',
}

/** The payload is the run id only: Postgres holds everything else. jobId = runId. */
export interface TrainingJobData {
  runId: string;
}

/** jobId = backtestFoldJobId(runId, fold); fold is 1-based. */
export interface BacktestFoldJobData extends TrainingJobData {
  fold: number;
}

/**
 * Deterministic, so enqueueing the same run twice (a retried request, the reconciler racing the API)
 * adds nothing. Not `${runId}:fold:${k}`: BullMQ 5 accepts a ':' in a custom id only in its
 * three-part legacy repeat-key form, and has announced it will refuse ':' altogether.
 */
export const backtestFoldJobId = (runId: string, fold: number) => `${runId}-fold-${fold}`;

/** jobId = scoreCandidateJobId(runId, slot); slot is 1-based (the run's candidate order). */
export interface ScoreCandidateJobData extends TrainingJobData {
  slot: number;
}

export const scoreCandidateJobId = (runId: string, slot: number) => `${runId}-candidate-${slot}`;

export function trainingJobOptions(attempts: number): DefaultJobOptions {
  return {
    attempts,
    backoff: { type: 'exponential', delay: 2_000 },
    removeOnComplete: { count: 1_000, age: 7 * 24 * 3600 },
    removeOnFail: { count: 5_000, age: 30 * 24 * 3600 },
  };
}

/**
 * A fold that fails for good (its last attempt) must not hold its run forever: with
 * ignoreDependencyOnFailure BullMQ moves it to the parent's failed dependencies and releases the
 * parent when the other folds are done, so the run still trains and the summary counts the fold as
 * failed. (failParentOnFailure would instead fail the whole run for one bad fold.)
 */
export function backtestFoldJobOptions(attempts: number): JobsOptions {
  return { ...trainingJobOptions(attempts), ignoreDependencyOnFailure: true };
}

/** A candidate, like a fold, never holds its run: one that fails for good is left out of the choice. */
export const scoreCandidateJobOptions = backtestFoldJobOptions;

/**
 * A run as a flow: its Train job waits for one child job per fold in `folds` and per candidate slot
 * in `candidates` (a run may have both: the Train job starts when every child has finished).
 */
export function trainingFlow(
  runId: string,
  folds: readonly number[],
  attempts: number,
  candidates: readonly number[] = [],
): FlowJob {
  return {
    name: TrainingJob.Train,
    queueName: TRAINING_QUEUE,
    data: { runId } satisfies TrainingJobData,
    opts: { ...trainingJobOptions(attempts), jobId: runId },
    children: [
      ...folds.map((fold) => ({
        name: TrainingJob.BacktestFold,
        queueName: TRAINING_QUEUE,
        data: { runId, fold } satisfies BacktestFoldJobData,
        opts: { ...backtestFoldJobOptions(attempts), jobId: backtestFoldJobId(runId, fold) },
      })),
      ...candidates.map((slot) => ({
        name: TrainingJob.ScoreCandidate,
        queueName: TRAINING_QUEUE,
        data: { runId, slot } satisfies ScoreCandidateJobData,
        opts: { ...scoreCandidateJobOptions(attempts), jobId: scoreCandidateJobId(runId, slot) },
      })),
    ],
  };
}

/**
 * Enqueues a run: a plain Train job, or, while some of its backtest folds are still to do, a flow
 * whose parent (the Train job) BullMQ releases once every fold job has finished. Idempotent: every
 * job id is deterministic and BullMQ ignores an add whose id exists (a child that exists is only
 * linked to the parent again).
 */
export async function enqueueTraining(
  queue: Queue,
  flow: FlowProducer,
  runId: string,
  pendingFolds: readonly number[],
  attempts: number,
  pendingCandidates: readonly number[] = [],
): Promise<void> {
  if (!pendingFolds.length && !pendingCandidates.length) {
    await queue.add(TrainingJob.Train, { runId }, { jobId: runId });
    return;
  }
  // FlowProducer ignores the queue's defaultJobOptions: trainingFlow sets them on every job.
  await flow.add(trainingFlow(runId, pendingFolds, attempts, pendingCandidates));
}

/** jobId = panelChunkJobId(runId, chunk); chunk is 0-based. */
export interface PanelChunkJobData extends TrainingJobData {
  chunk: number;
}

export const panelChunkJobId = (runId: string, chunk: number) => `${runId}-chunk-${chunk}`;

/**
 * A local panel run as a flow: its Train job (which settles the run and stores the aggregate)
 * waits for one child job per chunk of series. Like folds, a chunk that fails for good does not
 * fail the run (its series are recorded failed).
 */
export function panelFlow(runId: string, chunks: readonly number[], attempts: number): FlowJob {
  return {
    name: TrainingJob.Train,
    queueName: TRAINING_QUEUE,
    data: { runId } satisfies TrainingJobData,
    opts: { ...trainingJobOptions(attempts), jobId: runId },
    children: chunks.map((chunk) => ({
      name: TrainingJob.PanelChunk,
      queueName: TRAINING_QUEUE,
      data: { runId, chunk } satisfies PanelChunkJobData,
      opts: { ...backtestFoldJobOptions(attempts), jobId: panelChunkJobId(runId, chunk) },
    })),
  };
}

/** Enqueues a local panel run with its chunks still to do (a plain Train job when none is left). Idempotent. */
export async function enqueuePanelRun(
  queue: Queue,
  flow: FlowProducer,
  runId: string,
  pendingChunks: readonly number[],
  attempts: number,
): Promise<void> {
  if (!pendingChunks.length) {
    await queue.add(TrainingJob.Train, { runId }, { jobId: runId });
    return;
  }
  await flow.add(panelFlow(runId, pendingChunks, attempts));
}

/** Redis pub/sub channel carrying a run's live events from workers to API processes. */
export const runEventsChannel = (prefix: string, runId: string) => `${prefix}:run-events:${runId}`;

export type RunEvent =
  | { type: 'progress'; runId: string; epoch: number; epochs: number; loss: number; valLoss?: number; ms: number }
  | { type: 'status'; runId: string; status: string; error?: string | null }
  // A panel run's series so far (#11); the API throttles them per client.
  | {
      type: 'series';
      runId: string;
      done: number;
      total: number;
      failed: number;
      cancelled: number;
      /** Series being trained now and series waiting for their turn (RunSeriesRepository.counts). */
      running?: number;
      queued?: number;
      etaMs: number | null;
    };
