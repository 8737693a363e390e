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

export type PresetName = 'seed' | 'default';

export interface Run {
  id: string;
  datasetId: string;
  preset: string;
  status: RunStatus;
  params: Record<string, unknown> | null;
  progress: { epoch: number; epochs: number | null; loss: number | null } | null;
  metrics: Metrics | null;
  baselines: Record<string, Metrics> | null;
  /** The model against its baselines on the holdout, with a plain-words verdict. */
  comparison: { metric: string; beatenBy: string[]; verdict: string } | null;
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

export interface HoldoutPoint {
  step: number;
  t: string | null;
  actual: number | null;
  forecast: number;
}

export interface FuturePoint {
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
