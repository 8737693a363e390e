import type { BacktestConfig, BacktestSummary } from './backtest';
import type { PanelRunInfo, SeriesCountsDto } from './panel';
import type { BaselineComparison, BaselineMetrics, ModelMetrics } from './metrics';
import type { RunNotes } from './run-notes';
import type { RunStatus } from './run-status';

/** The last epoch a worker reported; a panel run also its series so far. */
export interface RunProgress {
  /** A local panel run: null (its series train separately). */
  epoch: number | null;
  epochs: number | null;
  loss: number | null;
  /** Panel runs only. */
  series?: SeriesCountsDto | null;
  /** Panel runs only: milliseconds left at the pace so far. */
  etaMs?: number | null;
}

export interface RunTimings {
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  trainingMs: number | null;
  msPerEpoch: number | null;
}

/** GET /v1/runs/:id, every item of GET /v1/runs, and the answer of POST /v1/runs and …/cancel. */
export interface RunDto {
  id: string;
  datasetId: string;
  preset: string;
  status: RunStatus;
  /** The resolved training params (preset + overrides). */
  params: Record<string, unknown> | null;
  progress: RunProgress | null;
  /** Holdout metrics once completed. */
  metrics: ModelMetrics | null;
  baselines: BaselineMetrics | null;
  comparison: BaselineComparison | null;
  notes: RunNotes | null;
  /** The backtest asked for, with its summary once every fold has finished; null without one. */
  backtest: (BacktestConfig & { summary: BacktestSummary | null }) | null;
  /** A run over a panel dataset: mode, series asked for, chunking and (once finished) the aggregate. */
  panel: PanelRunInfo | null;
  backend: string | null;
  device: string | null;
  gruImpl: string | null;
  workerHost: string | null;
  attempts: number;
  epochsRun: number | null;
  error: string | null;
  cancelRequested: boolean;
  timings: RunTimings;
}
