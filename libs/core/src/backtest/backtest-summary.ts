// The means a backtest reports: per metric, the mean over the completed folds for the model and for
// each baseline, which baselines beat the model on mean MASE and on mean MAPE, and the model's
// p10-p90 interval coverage pooled over the folds (baselines have no intervals). A metric that is undefined for a fold (NaN, stored as null: MAPE with a zero
// actual) is left out of that metric's mean; a mean with no value at all is null.

export const BACKTEST_METRICS = ['mae', 'rmse', 'mape', 'smape', 'mase'] as const;
export type BacktestMetric = (typeof BACKTEST_METRICS)[number];
export type MetricMeans = Record<BacktestMetric, number | null>;

type FoldStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

/** What the summary needs of a fold row. */
export interface FoldOutcome {
  fold: number;
  status: FoldStatus;
  metrics: unknown;
  baselines: unknown;
}

export interface BacktestSummary {
  folds: number;
  completed: number;
  failed: number;
  cancelled: number;
  /** Queued or running: non-zero only in a summary computed while the backtest is in progress. */
  pending: number;
  /** Means over the completed folds. */
  model: MetricMeans;
  baselines: Record<string, MetricMeans>;
  /** Baselines whose mean is lower (better) than the model's. */
  baselinesBeatingModel: { mase: string[]; mape: string[] };
  /** Share of the completed folds' test points inside the model's p10-p90 interval (nominal 0.8). */
  coverage: number | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Mean of the finite numbers among `values`; null when there are none. Folds have equal test sizes,
 *  so the mean of per-fold coverages is the pooled coverage. */
function meanOf(values: unknown[]): number | null {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return finite.length ? finite.reduce((s, v) => s + v, 0) / finite.length : null;
}

function means(metricsPerFold: unknown[]): MetricMeans {
  const out = {} as MetricMeans;
  for (const name of BACKTEST_METRICS) out[name] = meanOf(metricsPerFold.map((m) => (isRecord(m) ? m[name] : undefined)));
  return out;
}

export function summarizeFolds(rows: readonly FoldOutcome[]): BacktestSummary {
  const completed = rows.filter((r) => r.status === 'completed');
  const count = (status: FoldStatus) => rows.filter((r) => r.status === status).length;
  const model = means(completed.map((r) => r.metrics));
  const names = [...new Set(completed.flatMap((r) => (isRecord(r.baselines) ? Object.keys(r.baselines) : [])))].sort();
  const baselines: Record<string, MetricMeans> = {};
  for (const name of names) {
    baselines[name] = means(completed.map((r) => (isRecord(r.baselines) ? r.baselines[name] : undefined)));
  }
  const beating = (metric: BacktestMetric) =>
    names.filter((n) => {
      const b = baselines[n][metric];
      const m = model[metric];
      return b !== null && m !== null && b < m;
    });
  return {
    folds: rows.length,
    completed: completed.length,
    failed: count('failed'),
    cancelled: count('cancelled'),
    pending: count('queued') + count('running'),
    model,
    baselines,
    baselinesBeatingModel: { mase: beating('mase'), mape: beating('mape') },
    coverage: meanOf(completed.map((r) => (isRecord(r.metrics) ? r.metrics.coverage : undefined))),
  };
}
