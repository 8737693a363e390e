import type { BaselineMetrics, Metrics, ModelMetrics } from './metrics';
import type { RunNotes } from './run-notes';
import type { RunStatus } from './run-status';

/** `backtest` of POST /v1/runs: rolling-origin folds, `step` points apart. */
export interface BacktestConfig {
  folds: number;
  step: number;
}

/** Means over a backtest's completed folds (GET /v1/runs/:id/backtest `summary`, the run's `backtest.summary`). */
export interface BacktestSummary {
  folds: number;
  completed: number;
  failed: number;
  cancelled: number;
  /** Queued or running folds (0 once every fold has finished). */
  pending: number;
  model: Metrics;
  baselines: BaselineMetrics;
  /** Baselines whose mean MASE / MAPE is lower than the model's. */
  baselinesBeatingModel: { mase: string[]; mape: string[] };
  /** Share of the completed folds' test points inside the model's p10–p90 interval. */
  coverage: number | null;
}

/** One fold of GET /v1/runs/:id/backtest. */
export interface BacktestFoldDto {
  /** 1 = earliest origin. */
  fold: number;
  /** Points of the series the fold uses (the first `origin`). */
  origin: number;
  /** Trained on points [0, trainPoints). */
  trainPoints: number | null;
  /** Scored on points [from, to): 0-based, `to` exclusive. */
  test: { from: number; to: number } | null;
  status: RunStatus;
  metrics: ModelMetrics | null;
  baselines: BaselineMetrics | null;
  notes: RunNotes | null;
  epochsRun: number | null;
  /** Training and scoring time of the fold. */
  ms: number | null;
  attempts: number;
  /** Why the fold failed or was stopped. */
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

/** GET /v1/runs/:id/backtest. */
export interface BacktestDto {
  runId: string;
  folds: number;
  step: number;
  testSize: number | null;
  items: BacktestFoldDto[];
  summary: BacktestSummary;
  /** True once every fold has finished and the summary is stored on the run. */
  final: boolean;
}
