// Panels (#11): a dataset of many series and the runs over it — what the series routes, the
// panel fields of datasets and runs, and the SSE `series` event send.
import type { RankingMetric } from './demand';
import type { FuturePoint } from './forecast';
import type { BaselineComparison, BaselineMetrics, ModelMetrics } from './metrics';
import type { Page } from './pagination';
import type { RunStatus } from './run-status';

/** How a panel CSV lays out its series: long (a row per series and time step), wide (a column per
 *  series) or rows (a row per series, its values across the columns: M4, M5). */
export const PANEL_FORMATS = ['long', 'wide', 'rows'] as const;
/** Joins a row's id columns into its series' key: store=3, item=17 -> "3/17". */
export const SERIES_KEY_SEPARATOR = '/';
export type PanelFormat = (typeof PANEL_FORMATS)[number];

export const PANEL_MODES = ['local', 'global'] as const;
/** local: one model per series (fanned out over workers); global: one model on every series. */
export type PanelMode = (typeof PANEL_MODES)[number];

/** One item of GET /v1/datasets/:id/series. */
export interface DatasetSeriesDto {
  key: string;
  /** Position in the upload (first seen), 0-based. */
  ordinal: number;
  length: number;
  start: string | null;
  end: string | null;
  frequency: string | null;
  /** Only with ?include=sparkline: up to 32 bucket means of the values. */
  sparkline?: number[];
}

/** GET /v1/datasets/:id/series. */
export interface DatasetSeriesPage extends Page<DatasetSeriesDto> {
  /** Series in the dataset (not only those matching q). */
  total: number;
}

/** GET /v1/datasets/:id/series/:key. */
export interface DatasetSeriesWithValuesDto extends DatasetSeriesDto {
  values: number[];
  timestamps: string[] | null;
}

/** A panel run's series by state (`progress.series` of a run, and the SSE `series` event). */
export interface SeriesCountsDto {
  total: number;
  done: number;
  failed: number;
  cancelled: number;
  running: number;
}

export interface MeanMedian {
  mean: number | null;
  median: number | null;
}

/** Aggregates over a panel run's completed series. */
export interface PanelSummaryDto {
  series: number;
  completed: number;
  failed: number;
  cancelled: number;
  pending: number;
  mase: MeanMedian;
  smape: MeanMedian;
  /** Geometric mean over series of model MASE / seasonal-naive MASE (< 1: the model wins overall);
   *  series either forecasts exactly are left out. */
  relativeMaseVsSeasonalNaive: number | null;
  /** Per baseline: the share of completed series whose model MASE is lower than the baseline's. */
  beatsBaseline: Record<string, number | null>;
  /** Mean share of holdout points inside the p10–p90 interval (nominal 0.8). */
  coverage: number | null;
}

/** `panel` of a run over a panel dataset (null for a single-series run). */
export interface PanelRunInfo {
  mode: PanelMode;
  seriesCount: number;
  /** The keys asked for; null: every series. */
  series: string[] | null;
  chunkSize: number;
  chunks: number;
  /** Stored once the run has finished. */
  summary: PanelSummaryDto | null;
}

/** The baselines that beat the model on one series on the holdout. */
export interface SeriesVerdict {
  beatsAllBaselines: boolean;
  beatenBy: string[];
  /** What they were compared by (rankingMetric): MASE; RMSE where the series' demand is intermittent;
   *  MAPE or RMSE where MASE is undefined. */
  metric: RankingMetric;
}

/** One item of GET /v1/runs/:id/series. */
export interface RunSeriesDto {
  key: string;
  ordinal: number;
  status: RunStatus;
  metrics: ModelMetrics | null;
  baselines: BaselineMetrics | null;
  verdict: SeriesVerdict | null;
  epochsRun: number | null;
  ms: number | null;
  attempts: number;
  error: string | null;
}

/** GET /v1/runs/:id/series. */
export interface RunSeriesPage extends Page<RunSeriesDto> {
  /** Series in the run. */
  total: number;
}

/** GET /v1/runs/:id/series/:key. */
export interface RunSeriesDetailDto extends Omit<RunSeriesDto, 'ms'> {
  params: Record<string, unknown> | null;
  comparison: BaselineComparison | null;
  notes: Record<string, unknown> | null;
  ms: number | null;
  finishedAt: string | null;
}

/** The `sort` values GET /v1/runs/:id/series takes. */
export type RunSeriesSortKey = 'ordinal' | 'key' | 'status' | 'mase' | 'smape' | 'mape' | 'rmse' | 'mae' | 'coverage';

/** POST /v1/runs/:id/predict on a panel run. */
export interface PanelPredictionDto {
  runId: string;
  horizon: number;
  series: Array<{ key: string; future: FuturePoint[] }>;
}

/** Series counts as a reader should keep them: workers compute them concurrently and the stream and a
 *  poll cross, so an older count may arrive after a newer one; finished series never become
 *  unfinished, so the count that finished fewer (of the same total) is the stale one. */
export function isStaleSeriesCount(
  shown: Pick<SeriesCountsDto, 'total' | 'done' | 'failed' | 'cancelled'> | null | undefined,
  arriving: Pick<SeriesCountsDto, 'total' | 'done' | 'failed' | 'cancelled'>,
): boolean {
  if (!shown || shown.total !== arriving.total) return false;
  return arriving.done + arriving.failed + arriving.cancelled < shown.done + shown.failed + shown.cancelled;
}
