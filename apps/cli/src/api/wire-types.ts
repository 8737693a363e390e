// The parts of the API's JSON that the CLI reads (see the README's API overview and /docs-json).
// Loose on purpose: fields a newer API adds are passed through to --json output untouched.

export type RunStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Dataset {
  id: string;
  name: string;
  length: number;
  frequency: string | null;
  valueColumn: string | null;
  timeColumn: string | null;
  hasTimestamps: boolean;
  createdAt: string;
  panel?: boolean;
  seriesCount?: number;
  seriesColumn?: string | null;
  columns?: string[];
  warnings?: string[];
  values?: number[];
  timestamps?: string[] | null;
}

/** Series progress of a panel run (`progress.series`, SSE `series` events); absent for single-series runs. */
export interface SeriesProgress {
  /** Series completed; failed and cancelled ones are counted apart. */
  done: number;
  total: number;
  failed?: number;
  cancelled?: number;
}

/** Point metrics of the model or a baseline; any may be null (undefined for the series). */
export type Metrics = Record<string, number | null | undefined>;

export interface Comparison {
  metric: string;
  ranking: Array<{ name: string; value: number }>;
  beatenBy: string[];
  verdict: string;
}

export interface BacktestSummary {
  folds: number;
  completed: number;
  failed: number;
  cancelled: number;
  pending: number;
  model: Metrics;
  baselines: Record<string, Metrics>;
  coverage?: number | null;
  baselinesBeatingModel?: { mase: string[]; mape: string[] };
}

export interface Run {
  id: string;
  datasetId: string;
  preset: string;
  status: RunStatus;
  params: Record<string, unknown> | null;
  progress: {
    epoch: number | null;
    epochs: number | null;
    loss: number | null;
    series?: SeriesProgress | null;
    /** Panel runs: time left at the pace so far. */
    etaMs?: number | null;
  } | null;
  metrics: Metrics | null;
  baselines: Record<string, Metrics> | null;
  comparison: Comparison | null;
  notes: Record<string, unknown> | null;
  backtest: { folds: number; step: number; summary: BacktestSummary | null } | null;
  /** Panel runs: `local` trains a model per series, `global` one model on every series. */
  panel?: { mode: string; seriesCount?: number; summary?: PanelSummary | null } | null;
  backend: string | null;
  device: string | null;
  gruImpl: string | null;
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

/** The aggregate of a finished panel run over its series. */
export interface PanelSummary {
  series?: number;
  completed?: number;
  failed?: number;
  cancelled?: number;
  mase?: { mean: number | null; median: number | null };
  smape?: { mean: number | null; median: number | null };
  coverage?: number | null;
  /** Share of the series on which the model beats each baseline. */
  beatsBaseline?: Record<string, number>;
}

export interface BacktestFold {
  fold: number;
  origin: number;
  test: { from: number; to: number } | null;
  status: RunStatus;
  metrics: Metrics | null;
  baselines: Record<string, Metrics> | null;
  epochsRun: number | null;
  ms: number | null;
  error: string | null;
}

export interface Backtest {
  runId: string;
  folds: number;
  step: number;
  testSize: number | null;
  items: BacktestFold[];
  summary: BacktestSummary;
  final: boolean;
}

export interface ForecastPoint {
  step: number;
  t: string | null;
  forecast: number;
  actual?: number;
  p10?: number | null;
  p50?: number | null;
  p90?: number | null;
}

export interface Forecast {
  holdout: ForecastPoint[];
  future: ForecastPoint[];
}
