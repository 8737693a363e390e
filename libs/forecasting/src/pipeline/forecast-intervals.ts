// Prediction intervals by simulation, as forecast::nnetar does for neural autoregressions
// (Hyndman & Athanasopoulos, FPP3 §12.4): run the autoregressive forecast many times, adding a
// one-step error drawn from the model's own residuals at every step before feeding the value
// back, so uncertainty compounds over the horizon the way the model's errors do. Quantiles are
// taken per step across the simulated paths, after inverting the transform path by path (exact
// for any transform, including differences whose inverse depends on the whole path).
import type { GruModel } from '../gru/types';
import { mulberry32 } from '../gru/seeded-random';
import { windowOffset, type WindowNorm } from '../series/window-normalization';

export const INTERVAL_QUANTILES = { p10: 0.1, p50: 0.5, p90: 0.9 } as const;
export type QuantileName = keyof typeof INTERVAL_QUANTILES;
export type QuantileForecast = Record<QuantileName, number[]>;

/** Simulated paths per forecast: the 10 %/90 % quantiles of 200 draws are within ~2 points of
 *  probability; each step is one batched predict (hidden 100: ~0.3 s for holdout + future). */
export const SIMULATED_PATHS = 200;

/**
 * `paths` noisy autoregressive continuations of `lastWindow` in the model's (transformed,
 * scaled) space, all paths advanced together as one batch per step. Row-major [path][step].
 */
export function simulatePaths(
  model: GruModel,
  lastWindow: readonly number[],
  steps: number,
  norm: WindowNorm,
  residuals: readonly number[],
  options: { paths?: number; seed?: number } = {},
): Float64Array[] {
  const { window } = model.spec;
  const paths = options.paths ?? SIMULATED_PATHS;
  if (lastWindow.length !== window) throw new Error(`simulatePaths: need ${window} inputs, got ${lastWindow.length}`);
  if (!residuals.length) throw new Error('simulatePaths: no residuals to draw errors from');
  const random = mulberry32(options.seed ?? 0);
  const inputs = new Float32Array(paths * window);
  for (let p = 0; p < paths; p++) inputs.set(lastWindow, p * window);
  const batch = new Float32Array(paths * window);
  const offsets = new Float64Array(paths);
  const out = Array.from({ length: paths }, () => new Float64Array(steps));
  for (let k = 0; k < steps; k++) {
    for (let p = 0; p < paths; p++) {
      offsets[p] = windowOffset(inputs, p * window, window, norm);
      for (let t = 0; t < window; t++) batch[p * window + t] = inputs[p * window + t] - offsets[p];
    }
    const next = model.predict(batch);
    for (let p = 0; p < paths; p++) {
      const value = next[p] + offsets[p] + residuals[Math.floor(random() * residuals.length)];
      out[p][k] = value;
      inputs.copyWithin(p * window, p * window + 1, (p + 1) * window);
      inputs[(p + 1) * window - 1] = value;
    }
  }
  return out;
}

/**
 * A series never below zero in its history (counts, sales, load, rainfall: any with zeros, which
 * the log transforms cannot take) forecast without negative values: the point forecast and every
 * quantile are floored at 0. Against actuals that are not negative either, flooring can only lower
 * each absolute error; a negative p10 for demand reads as a bug. Other series are returned as is.
 */
export function floorAtZeroWhenNeverNegative<F extends { forecast: number[] } & QuantileForecast>(
  f: F,
  history: readonly number[],
): F {
  if (!history.every((v) => v >= 0)) return f;
  const floor = (xs: number[]) => xs.map((x) => Math.max(0, x));
  return { ...f, forecast: floor(f.forecast), p10: floor(f.p10), p50: floor(f.p50), p90: floor(f.p90) };
}

/** Per-step quantiles (linear interpolation between order statistics) of paths in original scale. */
export function pathQuantiles(paths: readonly ArrayLike<number>[], steps: number): QuantileForecast {
  const result = { p10: [], p50: [], p90: [] } as QuantileForecast;
  const column = new Float64Array(paths.length);
  for (let k = 0; k < steps; k++) {
    for (let p = 0; p < paths.length; p++) column[p] = paths[p][k];
    column.sort();
    for (const [name, q] of Object.entries(INTERVAL_QUANTILES) as Array<[QuantileName, number]>) {
      result[name].push(quantileOfSorted(column, q));
    }
  }
  return result;
}

export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Share of actual values inside [lower, upper] (the empirical coverage of an interval). */
export function intervalCoverage(actual: readonly number[], lower: readonly number[], upper: readonly number[]): number {
  let inside = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i] >= lower[i] && actual[i] <= upper[i]) inside += 1;
  return actual.length ? inside / actual.length : NaN;
}
