// Reversible transforms applied before scaling. A GRU trained on raw airline passengers must
// extrapolate a level it never saw (the holdout is above the training max); after log + seasonal
// differencing the target is the year-over-year log growth, which is roughly stationary, so the
// network only has to learn deviations from "same month last year, same growth".
import type { SeriesTransformName } from '../params/training-params';
import { fitSeasonalProfile } from './seasonal-profile';

export interface TransformSpec {
  name: SeriesTransformName;
  /** Season length: the lag of the seasonal difference, the length of the profile. */
  period: number;
  /** Deseasonalizing transforms: the offset removed at each phase (see fitSeasonalProfile),
   *  indexed by position mod period counted from the series' first point. */
  profile?: readonly number[];
}

/** The transform for a training part: deseasonalizing ones fit their profile on it. */
export function fitTransform(train: readonly number[], name: SeriesTransformName, period: number): TransformSpec {
  if (!isDeseasonalize({ name })) return { name, period };
  const base = usesLog({ name }) ? train.map((v) => Math.log(v)) : train;
  return { name, period, profile: fitSeasonalProfile(base, period) };
}

/** Leading points with no transformed value (the differences need earlier points). */
export function transformLag(spec: TransformSpec): number {
  if (spec.name.endsWith('seasonal-diff')) return Math.max(1, spec.period);
  if (spec.name.endsWith('diff')) return 1;
  return 0;
}

/**
 * z[i] corresponds to values[i + transformLag(spec)]. Log transforms need values > 0. `start` is
 * the position of values[0] in the whole series (deseasonalizing transforms depend on the phase).
 */
export function applyTransform(values: readonly number[], spec: TransformSpec, start = 0): number[] {
  const logs = usesLog(spec) ? values.map((v) => Math.log(v)) : [...values];
  if (usesLog(spec) && logs.some((v) => !Number.isFinite(v))) {
    throw new Error(`transform "${spec.name}" needs all values > 0`);
  }
  const base = isDeseasonalize(spec) ? logs.map((v, i) => v - seasonalOffset(spec, start + i)) : logs;
  const lag = transformLag(spec);
  if (lag === 0) return base;
  const out: number[] = [];
  for (let t = lag; t < base.length; t++) out.push(base[t] - base[t - lag]);
  return out;
}

/**
 * Maps transformed forecasts for the steps right after `history` back to the original scale.
 * Differences are integrated against real history first and then against earlier forecasts, so
 * the inverse is exact: invertTransform(h, applyTransform(h.concat(f)).slice(-f.length)) == f.
 */
export function invertTransform(
  history: readonly number[],
  forecast: readonly number[],
  spec: TransformSpec,
  start = 0,
): number[] {
  const lag = transformLag(spec);
  const log = usesLog(spec);
  if (history.length < lag) throw new Error(`invertTransform: need ${lag} history points, got ${history.length}`);
  const level = (log ? history.map((v) => Math.log(v)) : [...history]) as number[];
  const out: number[] = [];
  for (const [j, z] of forecast.entries()) {
    let w = lag === 0 ? z : level[level.length - lag] + z;
    if (isDeseasonalize(spec)) w += seasonalOffset(spec, start + history.length + j);
    level.push(w);
    out.push(log ? Math.exp(w) : w);
  }
  return out;
}

function usesLog(spec: Pick<TransformSpec, 'name'>): boolean {
  return spec.name.startsWith('log');
}

export function isDeseasonalize(spec: Pick<TransformSpec, 'name'>): boolean {
  return spec.name.endsWith('deseasonalize');
}

function seasonalOffset(spec: TransformSpec, position: number): number {
  if (!spec.profile) throw new Error(`transform "${spec.name}" needs a fitted seasonal profile`);
  return spec.profile[position % spec.profile.length];
}
