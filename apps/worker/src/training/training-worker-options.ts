import { loadConfig } from '@seqcast/core';
import type { WorkerOptions } from 'bullmq';

/** Worker options come from the environment because @Processor() reads them at class definition. */
export function trainingWorkerOptions(): Omit<WorkerOptions, 'connection'> {
  const config = loadConfig();
  return {
    concurrency: config.WORKER_CONCURRENCY,
    lockDuration: config.JOB_LOCK_MS,
    stalledInterval: config.JOB_STALLED_INTERVAL_MS,
    maxStalledCount: 1,
  };
}
