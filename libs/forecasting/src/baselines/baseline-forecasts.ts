// Reference forecasts. A GRU that cannot beat these on the holdout is not worth its training
// time, so the pipeline always reports them next to the model's metrics: the simple ones, and
// the statistical models a forecaster would try first (automatic ETS and Theta, as R's forecast
// package fits them).
import { etsForecast } from './ets/ets-forecast';
import { thetaForecast } from './theta';

export const BASELINE_NAMES = ['naive', 'seasonalNaive', 'seasonalNaiveGrowth', 'drift', 'ets', 'theta'] as const;
export type BaselineName = (typeof BASELINE_NAMES)[number];

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

/** A baseline's forecast and, for fitted models, what was fitted ("ETS(M,Ad,M)"). */
export interface BaselineForecast {
  forecast: number[];
  model?: string;
}

type Baseline = (train: ArrayLike<number>, horizon: number, period: number) => BaselineForecast;

/** Every baseline with a description of the model it fitted. */
export const DESCRIBED_BASELINES: Record<BaselineName, Baseline> = {
  naive: (train, horizon) => ({ forecast: naiveForecast(train, horizon) }),
  seasonalNaive: (train, horizon, period) => ({ forecast: seasonalNaiveForecast(train, horizon, period) }),
  seasonalNaiveGrowth: (train, horizon, period) => ({ forecast: seasonalNaiveGrowthForecast(train, horizon, period) }),
  drift: (train, horizon) => ({ forecast: driftForecast(train, horizon) }),
  ets: (train, horizon, period) => {
    assertTrain(train, 1);
    const r = etsForecast(train, horizon, period);
    return { forecast: r.forecast, model: r.model };
  },
  theta: (train, horizon, period) => {
    assertTrain(train, 1);
    const r = thetaForecast(train, horizon, period);
    return { forecast: r.forecast, model: r.seasonal ? `Theta, seasonally adjusted (period ${period})` : 'Theta' };
  },
};

/** All baselines by name, with a uniform signature for the pipeline. */
export const BASELINES = Object.fromEntries(
  BASELINE_NAMES.map((name) => [name, (train, horizon, period) => DESCRIBED_BASELINES[name](train, horizon, period).forecast]),
) as Record<BaselineName, (train: ArrayLike<number>, horizon: number, period: number) => number[]>;

function assertTrain(train: ArrayLike<number>, min: number): void {
  if (train.length < min) throw new Error(`baseline: need at least ${min} training value(s)`);
}
