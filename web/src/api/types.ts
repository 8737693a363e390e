// The API's JSON shapes as the dashboard reads them (see apps/api/src/runs/run.mapper.ts and the
// datasets controller). Fields the dashboard does not use are left out.

export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface DatasetMeta {
  id: string;
  name: string;
  length: number;
  frequency: string | null;
  valueColumn: string | null;
  timeColumn: string | null;
  createdAt: string;
}

export interface DatasetWithValues extends DatasetMeta {
  values: number[];
  timestamps: string[];
}

export const RUN_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const TERMINAL_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'cancelled'];

export const METRIC_NAMES = ['mae', 'rmse', 'mape', 'smape', 'mase'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];
export type Metrics = Partial<Record<MetricName, number | null>>;
/** The model's holdout metrics: the point metrics plus the share of holdout points inside p10–p90. */
export type ModelMetrics = Metrics & { coverage?: number | null };

export type PresetName = 'seed' | 'default' | 'quick';

/** `backtest` of POST /v1/runs: rolling-origin folds, `step` points apart. */
export interface BacktestConfig {
  folds: number;
  step: number;
}

/** Means over a backtest's completed folds (GET /v1/runs/:id/backtest `summary`). */
export interface BacktestSummary {
  folds: number;
  completed: number;
  failed: number;
  cancelled: number;
  /** Queued or running folds (0 once every fold has finished). */
  pending: number;
  model: Metrics;
  baselines: Record<string, Metrics>;
  /** Baselines whose mean MASE / MAPE is lower than the model's. */
  baselinesBeatingModel: { mase: string[]; mape: string[] };
  /** Share of the completed folds' test points inside the model's p10–p90 interval. */
  coverage: number | null;
}

export interface BacktestFold {
  fold: number;
  /** Points of the series the fold uses (the first `origin`). */
  origin: number;
  trainPoints: number | null;
  /** Scored on points [from, to): 0-based, `to` exclusive. */
  test: { from: number; to: number } | null;
  status: RunStatus;
  metrics: (Metrics & { coverage?: number | null }) | null;
  baselines: Record<string, Metrics> | null;
  epochsRun: number | null;
  ms: number | null;
  attempts: number;
  error: string | null;
}

/** GET /v1/runs/:id/backtest. */
export interface Backtest {
  runId: string;
  folds: number;
  step: number;
  testSize: number | null;
  items: BacktestFold[];
  summary: BacktestSummary;
  /** True once every fold has finished and the summary is stored on the run. */
  final: boolean;
}

export interface RunNotes {
  period?: number;
  scoringPeriod?: number;
  seasonality?: { periods: number[]; primary: number; tested: { period: number; kept: boolean; reason: string }[] };
  baselineModels?: Record<string, string>;
  [key: string]: unknown;
}

export interface Run {
  id: string;
  datasetId: string;
  preset: string;
  status: RunStatus;
  params: Record<string, unknown> | null;
  progress: { epoch: number; epochs: number | null; loss: number | null } | null;
  metrics: ModelMetrics | null;
  baselines: Record<string, Metrics> | null;
  /** The model against its baselines on the holdout, with a plain-words verdict. */
  comparison: { metric: string; beatenBy: string[]; verdict: string } | null;
  /** What the pipeline recorded: seasonal periods tested and used, the models ETS/Theta chose, … */
  notes?: RunNotes | null;
  /** The backtest asked for, with its summary once every fold has finished; null without one. */
  backtest: (BacktestConfig & { summary: BacktestSummary | null }) | null;
  backend: string | null;
  device: string | null;
  gruImpl: string | null;
  workerHost: string | null;
  attempts: number;
  epochsRun: number | null;
  error: string | null;
  cancelRequested: boolean;
  timings: {
    queuedAt: string;
    startedAt: string | null;
    finishedAt: string | null;
    trainingMs: number | null;
    msPerEpoch: number | null;
  };
}

export interface LossPoint {
  epoch: number;
  loss: number;
  valLoss?: number | null;
  ms?: number;
}

/** The prediction interval of a forecast point; absent (or null) for runs made before intervals. */
export interface IntervalFields {
  p10?: number | null;
  p50?: number | null;
  p90?: number | null;
}

export interface HoldoutPoint extends IntervalFields {
  step: number;
  t: string | null;
  actual: number | null;
  forecast: number;
}

export interface FuturePoint extends IntervalFields {
  step: number;
  t: string | null;
  forecast: number;
}

export interface Forecast {
  holdout: HoldoutPoint[];
  future: FuturePoint[];
}

export interface Prediction {
  runId: string;
  horizon: number;
  future: FuturePoint[];
}

/** SSE payloads of GET /v1/runs/:id/events. */
export interface ProgressEvent {
  epoch: number;
  epochs: number;
  loss: number;
  ms: number;
}
export interface StatusEvent {
  status: RunStatus;
  error?: string | null;
}
