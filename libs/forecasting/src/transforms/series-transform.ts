// Reversible transforms applied before scaling. A GRU trained on raw airline passengers must
// extrapolate a level it never saw (the holdout is above the training max); after log + seasonal
// differencing the target is the year-over-year log growth, which is roughly stationary, so the
// network only has to learn deviations from "same month last year, same growth".
import type { SeriesTransformName } from '../params/training-params';
import { fitSeasonalProfiles } from './seasonal-profile';

/** A seasonal cycle removed besides the transform's own period (see TransformSpec.cycles). */
export interface SeasonalCycle {
  period: number;
  /** Offset per phase, indexed by position mod period from the series' first point. */
  profile: readonly number[];
}

export interface TransformSpec {
  name: SeriesTransformName;
  /** Season length: the lag of the seasonal difference, the length of the profile. */
  period: number;
  /** Deseasonalizing transforms: the offset removed at each phase (see fitSeasonalProfile),
   *  indexed by position mod period counted from the series' first point. */
  profile?: readonly number[];
  /** Longer cycles removed as well, by every transform (sub-daily data: the week beside the day),
   *  fitted jointly with the period's own cycle, MSTL-style (fitSeasonalProfiles), and forecast by
   *  repeating their profile. Deseasonalizing transforms remove both; the others remove these and
   *  then difference (a daily seasonal difference of a series without its weekly cycle). */
  cycles?: readonly SeasonalCycle[];
}

/** The transform for a training part: deseasonalizing ones fit their profile on it, and the
 *  `longer` cycles (periods > period, shortest first) are fitted on it for any transform;
 *  `smoothed`: the cycles whose profiles are smoothed along their phases (smoothedCycles). */
export function fitTransform(
  train: readonly number[],
  name: SeriesTransformName,
  period: number,
  longer: readonly number[] = [],
  smoothed: readonly number[] = [],
): TransformSpec {
  if (!isDeseasonalize({ name }) && !longer.length) return { name, period };
  const base = usesLog({ name }) ? train.map((v) => Math.log(v)) : train;
  const [profile, ...rest] = fitSeasonalProfiles(base, [period, ...longer], undefined, smoothed);
  const cycles = longer.length ? { cycles: longer.map((m, i) => ({ period: m, profile: rest[i] })) } : {};
  return { name, period, ...(isDeseasonalize({ name }) ? { profile } : {}), ...cycles };
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
  const base = removesSeason(spec) ? logs.map((v, i) => v - seasonalOffset(spec, start + i)) : logs;
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
  const removes = removesSeason(spec);
  // Differences are of the series with its cycles removed: integrate there, then add them back.
  const base = (v: number, position: number) => (log ? Math.log(v) : v) - (removes ? seasonalOffset(spec, position) : 0);
  const first = history.length - lag;
  const level = history.slice(first).map((v, i) => base(v, start + first + i));
  const out: number[] = [];
  for (const [j, z] of forecast.entries()) {
    const w = lag === 0 ? z : level[level.length - lag] + z;
    level.push(w);
    const y = removes ? w + seasonalOffset(spec, start + history.length + j) : w;
    out.push(log ? Math.exp(y) : y);
  }
  return out;
}

function usesLog(spec: Pick<TransformSpec, 'name'>): boolean {
  return spec.name.startsWith('log');
}

export function isDeseasonalize(spec: Pick<TransformSpec, 'name'>): boolean {
  return spec.name.endsWith('deseasonalize');
}

function removesSeason(spec: TransformSpec): boolean {
  return isDeseasonalize(spec) || !!spec.cycles?.length;
}

/** What is removed at `position`: the period's profile (deseasonalizing transforms) plus the cycles'. */
function seasonalOffset(spec: TransformSpec, position: number): number {
  let offset = 0;
  if (isDeseasonalize(spec)) {
    if (!spec.profile) throw new Error(`transform "${spec.name}" needs a fitted seasonal profile`);
    offset = spec.profile[position % spec.profile.length];
  }
  for (const c of spec.cycles ?? []) offset += c.profile[position % c.period];
  return offset;
}
