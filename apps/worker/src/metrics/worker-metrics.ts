// The worker's Prometheus metrics, defined once per process. Module-level (prom-client's usual
// form) so that the training services count an event with one call and no constructor change;
// WorkerMetricsService adds what is read at scrape time and the BullMQ job events.
import { createMetricsRegistry, dependencyErrorsCounter, TrainingJob, type Dependency } from '@seqcast/core';
import { Counter, Histogram } from 'prom-client';

export const workerRegistry = createMetricsRegistry();

/** The `job` label: the queue's two job names, nothing else (bounded cardinality). */
export type JobLabel = `${TrainingJob}`;
export const jobLabel = (name: string): JobLabel | 'other' =>
  name === TrainingJob.Train || name === TrainingJob.BacktestFold ? name : 'other';

const JOBS: JobLabel[] = [TrainingJob.Train, TrainingJob.BacktestFold];

export const workerMetrics = {
  jobWait: new Histogram({
    name: 'seqcast_job_wait_seconds',
    help: "Time from enqueue to a worker's first claim of the job (a backtest run's training job, which waits for its folds by design, is left out)",
    labelNames: ['job'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
    registers: [workerRegistry],
  }),
  runDuration: new Histogram({
    name: 'seqcast_run_duration_seconds',
    help: 'Time a worker spent on one attempt of a run (job="train") or backtest fold, from claim to its end, by outcome',
    labelNames: ['job', 'outcome'],
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200],
    registers: [workerRegistry],
  }),
  epochs: new Counter({
    name: 'seqcast_epochs_total',
    help: 'Training epochs finished (rate() gives epochs per second)',
    labelNames: ['job'],
    registers: [workerRegistry],
  }),
  runsFinished: new Counter({
    name: 'seqcast_runs_finished_total',
    help: "Runs whose job ended in this worker, by the run's final status",
    labelNames: ['status'],
    registers: [workerRegistry],
  }),
  stalled: new Counter({
    name: 'seqcast_stalled_jobs_total',
    help: 'Jobs whose lock expired (worker crashed or blocked) and were moved back to waiting by this worker',
    registers: [workerRegistry],
  }),
  retries: new Counter({
    name: 'seqcast_job_retries_total',
    help: 'Failed attempts that BullMQ retries',
    labelNames: ['job'],
    registers: [workerRegistry],
  }),
  reconcilerActions: new Counter({
    name: 'seqcast_reconciler_actions_total',
    help: 'Repairs by the queue reconciler: runs re-enqueued from Postgres, runs failed after their job failed, fold jobs re-enqueued',
    labelNames: ['action'],
    registers: [workerRegistry],
  }),
  dependencyErrors: dependencyErrorsCounter(workerRegistry),
};

// Every bounded label value from the start, so increase() sees the first event.
for (const job of JOBS) {
  workerMetrics.epochs.inc({ job }, 0);
  workerMetrics.retries.inc({ job }, 0);
  workerMetrics.jobWait.zero({ job });
}
for (const status of ['completed', 'failed', 'cancelled']) workerMetrics.runsFinished.inc({ status }, 0);
for (const action of ['requeued_run', 'failed_run', 'requeued_fold']) workerMetrics.reconcilerActions.inc({ action }, 0);
workerMetrics.stalled.inc(0);

export function countDependencyError(dependency: Dependency): void {
  workerMetrics.dependencyErrors.inc({ dependency });
}

export function countReconcilerActions(report: { requeued: unknown[]; failed: unknown[]; requeuedFolds: unknown[] }): void {
  workerMetrics.reconcilerActions.inc({ action: 'requeued_run' }, report.requeued.length);
  workerMetrics.reconcilerActions.inc({ action: 'failed_run' }, report.failed.length);
  workerMetrics.reconcilerActions.inc({ action: 'requeued_fold' }, report.requeuedFolds.length);
}
