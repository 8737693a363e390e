/** The point metrics every forecast (model or baseline) is scored with. */
export const METRIC_NAMES = ['mae', 'rmse', 'mape', 'smape', 'mase'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** Null (or absent) where a metric is undefined, e.g. MAPE with a zero actual. */
export type Metrics = Partial<Record<MetricName, number | null>>;

/** The model's holdout metrics: the point metrics plus the share of holdout points inside p10–p90. */
export type ModelMetrics = Metrics & { coverage?: number | null };

/** Baseline name (naive, seasonalNaive, …) → its metrics on the same holdout. */
export type BaselineMetrics = Record<string, Metrics>;

/** The model against its baselines on the holdout, ranked, with a plain-words verdict. */
export interface BaselineComparison {
  /** The metric used to rank: MASE, else MAPE, else RMSE; RMSE where demand is intermittent. */
  metric: string;
  /** Best first; "model" is the GRU. */
  ranking: Array<{ name: string; value: number }>;
  /** Baselines that did strictly better than the model. */
  beatenBy: string[];
  verdict: string;
}
