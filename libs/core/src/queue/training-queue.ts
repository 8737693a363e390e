// Every job the system knows, declared in one place (as immich does): names, payloads, options.
import type { DefaultJobOptions } from 'bullmq';

export const TRAINING_QUEUE = 'training';

export enum TrainingJob {
  Train = 'train',
}

/** The payload is the run id only: Postgres holds everything else. jobId = runId. */
export interface TrainingJobData {
  runId: string;
}

export function trainingJobOptions(attempts: number): DefaultJobOptions {
  return {
    attempts,
    backoff: { type: 'exponential', delay: 2_000 },
    removeOnComplete: { count: 1_000, age: 7 * 24 * 3600 },
    removeOnFail: { count: 5_000, age: 30 * 24 * 3600 },
  };
}

/** Redis pub/sub channel carrying a run's live events from workers to API processes. */
export const runEventsChannel = (prefix: string, runId: string) => `${prefix}:run-events:${runId}`;

export type RunEvent =
  | { type: 'progress'; runId: string; epoch: number; epochs: number; loss: number; valLoss?: number; ms: number }
  | { type: 'status'; runId: string; status: string; error?: string | null };
