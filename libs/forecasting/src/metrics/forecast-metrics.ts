// Point-forecast accuracy metrics. All take `actual` and `forecast` of equal length.
//
// Conventions (percent, so 2.95 means 2.95 %):
//   MAPE  = 100/n * Σ |a - f| / |a|                    undefined (NaN) if any actual is 0
//   sMAPE = 100/n * Σ 2|a - f| / (|a| + |f|)           in [0, 200]; a term with a = f = 0 counts 0
//   MASE  = MAE / mean_t |train[t] - train[t - period]| (in-sample seasonal-naive MAE, Hyndman &
//           Koehler 2006); < 1 means better than the seasonal naive forecast on the training data.
// NaN rather than a thrown error: a metric that is undefined for one series must not fail a run.

export interface ForecastMetrics {
  mae: number;
  rmse: number;
  mape: number;
  smape: number;
  mase: number;
}

function checkLengths(actual: ArrayLike<number>, forecast: ArrayLike<number>): void {
  if (actual.length !== forecast.length) {
    throw new Error(`metrics: actual has ${actual.length} points, forecast ${forecast.length}`);
  }
  if (actual.length === 0) throw new Error('metrics: empty series');
}

export function mae(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  checkLengths(actual, forecast);
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs(actual[i] - forecast[i]);
  return s / actual.length;
}

export function rmse(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  checkLengths(actual, forecast);
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += (actual[i] - forecast[i]) ** 2;
  return Math.sqrt(s / actual.length);
}

export function mape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  checkLengths(actual, forecast);
  let s = 0;
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] === 0) return NaN;
    s += Math.abs(actual[i] - forecast[i]) / Math.abs(actual[i]);
  }
  return (100 * s) / actual.length;
}

export function smape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  checkLengths(actual, forecast);
  let s = 0;
  for (let i = 0; i < actual.length; i++) {
    const denom = Math.abs(actual[i]) + Math.abs(forecast[i]);
    if (denom > 0) s += (2 * Math.abs(actual[i] - forecast[i])) / denom;
  }
  return (100 * s) / actual.length;
}

/** MASE's denominator: the in-sample seasonal-naive MAE. `period` falls back to 1 (naive
 *  differences) when the training part is too short for it; NaN when there is no difference at all,
 *  0 when the training part is constant. */
export function seasonalNaiveScale(train: ArrayLike<number>, period = 1): number {
  const m = period >= 1 && train.length > period ? period : 1;
  if (train.length <= m) return NaN;
  let s = 0;
  for (let t = m; t < train.length; t++) s += Math.abs(train[t] - train[t - m]);
  return s / (train.length - m);
}

/** NaN when the training part is constant (scale 0) or too short for one difference. */
export function mase(actual: ArrayLike<number>, forecast: ArrayLike<number>, train: ArrayLike<number>, period = 1): number {
  const scale = seasonalNaiveScale(train, period);
  return scale > 0 ? mae(actual, forecast) / scale : NaN;
}

export function forecastMetrics(
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  train: ArrayLike<number>,
  period = 1,
): ForecastMetrics {
  return {
    mae: mae(actual, forecast),
    rmse: rmse(actual, forecast),
    mape: mape(actual, forecast),
    smape: smape(actual, forecast),
    mase: mase(actual, forecast, train, period),
  };
}
