// Simple reference forecasts. A GRU that cannot beat these on the holdout is not worth its
// training time, so the pipeline always reports them next to the model's metrics.

export type BaselineName = 'naive' | 'seasonalNaive' | 'seasonalNaiveGrowth' | 'drift';

/** Repeats the last observed value. */
export function naiveForecast(train: ArrayLike<number>, horizon: number): number[] {
  assertTrain(train, 1);
  return Array.from({ length: horizon }, () => train[train.length - 1]);
}

/** Repeats the last full season: step h (1-based) gets the value one, two… periods earlier.
 *  Falls back to naive when period <= 1 or the series is shorter than one period. */
export function seasonalNaiveForecast(train: ArrayLike<number>, horizon: number, period: number): number[] {
  assertTrain(train, 1);
  const n = train.length;
  if (period <= 1 || n < period) return naiveForecast(train, horizon);
  return Array.from({ length: horizon }, (_, k) => train[n - period + (k % period)]);
}

/** Seasonal naive scaled by the last year-over-year growth: the ratio of the last full season's
 *  sum to the season before it, compounded once per season ahead. Captures trend + multiplicative
 *  seasonality (airline passengers). Falls back to seasonal naive without two full seasons or when
 *  the earlier season sums to <= 0 (growth undefined). */
export function seasonalNaiveGrowthForecast(train: ArrayLike<number>, horizon: number, period: number): number[] {
  const base = seasonalNaiveForecast(train, horizon, period);
  const n = train.length;
  if (period <= 1 || n < 2 * period) return base;
  let last = 0;
  let previous = 0;
  for (let i = 0; i < period; i++) {
    last += train[n - period + i];
    previous += train[n - 2 * period + i];
  }
  if (!(previous > 0) || !(last > 0)) return base;
  const growth = last / previous;
  return base.map((v, k) => v * growth ** (Math.floor(k / period) + 1));
}

/** Straight line from the first to the last observation, extended `horizon` steps. */
export function driftForecast(train: ArrayLike<number>, horizon: number): number[] {
  assertTrain(train, 1);
  const n = train.length;
  const slope = n > 1 ? (train[n - 1] - train[0]) / (n - 1) : 0;
  return Array.from({ length: horizon }, (_, k) => train[n - 1] + slope * (k + 1));
}

/** All baselines by name, with a uniform signature for the pipeline. */
export const BASELINES: Record<BaselineName, (train: ArrayLike<number>, horizon: number, period: number) => number[]> = {
  naive: (train, horizon) => naiveForecast(train, horizon),
  seasonalNaive: seasonalNaiveForecast,
  seasonalNaiveGrowth: seasonalNaiveGrowthForecast,
  drift: (train, horizon) => driftForecast(train, horizon),
};

function assertTrain(train: ArrayLike<number>, min: number): void {
  if (train.length < min) throw new Error(`baseline: need at least ${min} training value(s)`);
}
