// Fits one candidate (see candidates.ts) on a history and forecasts from any longer history of
// the same series without refitting: what rolling-origin validation and the final forecast need.
import { createGruModel } from '../gru/create-gru-model';
import { mulberry32 } from '../gru/seeded-random';
import type { EpochProgress, FitResult, GruModel } from '../gru/types';
import type { SeriesTransformName, TrainingParams } from '../params/training-params';
import { autoregressiveForecast } from '../pipeline/autoregressive-forecast';
import { simulatePaths } from '../pipeline/forecast-intervals';
import { makeWindows, type Windows } from '../series/make-windows';
import { MinMaxScaler, type MinMaxScalerParams } from '../series/min-max-scaler';
import { normalizeWindows, type WindowNorm } from '../series/window-normalization';
import { AveragedGruModel } from './averaged-gru-model';
import { applyTransform, fitTransform, invertTransform, transformLag, type TransformSpec } from '../transforms/series-transform';
import type { CandidateSpec } from './candidates';
import {
  filterSmoothing,
  fitSmoothing,
  smoothingForecast,
  updateState,
  type SmoothingParams,
  type SmoothingState,
} from './exponential-smoothing';
import { etsBaseForecast, etsBaseUpdate, filterEtsBase, fitEtsBase, type EtsBase } from './ets-base';
import { MAX_ETS_SEASON } from '../baselines/ets/auto-ets';
import { arOrderAic } from './ar-order';
import { MIN_FIT_WINDOWS } from './candidates';
import { NnarModel, nnarHidden } from './nnar-model';
import { SeasonalNaiveModel } from './seasonal-naive-model';

/** Series-level facts every candidate of a run shares (decided on the training part only). */
export interface CandidateContext {
  period: number;
  seasonal: boolean;
  /** Longer seasonal cycles every candidate removes besides `period` (sub-daily data: the week
   *  beside the day; see TransformSpec.cycles); absent or empty when only `period` is modelled. */
  longerPeriods?: readonly number[];
  /** Cycles whose profiles are smoothed along their phases (the year of daily data: smoothedCycles). */
  smoothedPeriods?: readonly number[];
  /** Hybrids: fit the smoothing for this many steps ahead (long horizons only; see
   *  exponential-smoothing.ts); absent: one step. */
  fitHorizon?: number;
  /** All training values > 0: model logs (multiplicative season and growth become additive). */
  positive: boolean;
  seed: number;
  onEpochEnd?: (progress: EpochProgress) => void | Promise<void>;
  signal?: AbortSignal;
}

/** Training settings shared by the candidates' networks (the former default preset's, which
 *  early-stop flights.csv after ~20-60 epochs). */
export const CANDIDATE_TRAINING = { epochs: 150, batchSize: 16, learningRate: 0.002, patience: 15 } as const;
/** Epochs of a net with too few windows to hold any out for early stopping (fewer than 20). */
export const UNVALIDATED_EPOCHS = 40;
/** Most recent windows a network trains on: long series (3,000+ points) stay fast, and the
 *  recent regime is the one the forecast starts from. */
export const MAX_FIT_WINDOWS = 480;

/** Nets averaged per candidate: several where the training has few windows (short series, where
 *  one net's initialisation decides too much and fits are cheap), one otherwise. */
export const AVERAGED_NETS = 3;
export const AVERAGE_BELOW_WINDOWS = 100;

function netsFor(windows: number): number {
  return windows < AVERAGE_BELOW_WINDOWS ? AVERAGED_NETS : 1;
}

/** What is needed besides the network to forecast with a fitted candidate (JSON-safe). */
export interface CandidateState {
  transform: TransformSpec;
  windowNorm: WindowNorm;
  scaler: MinMaxScalerParams;
  smoothing?: SmoothingParams;
  /** 'ets+gru' only: the fitted ETS model. */
  ets?: EtsBase;
  /** Share of the GRU's correction a hybrid adds (1 when absent): the least-squares weight of the
   *  correction on the held-out windows, clipped to [0, 1]; 0 when there are none to judge it. */
  correctionWeight?: number;
  /** One-step errors of the network (model space for 'gru'/'gru-diff', smoothing-error space for hybrids). */
  residuals: number[];
}

export interface FittedCandidate {
  spec: CandidateSpec;
  model: GruModel;
  fit: FitResult;
  state: CandidateState;
  /** How its GRU was trained (members trained by epochs only): what a run it reports for shows. */
  training?: Pick<TrainingParams, 'epochs' | 'validationSize' | 'patience'>;
}

/** The transform a candidate models the series in. */
export function candidateTransform(
  spec: CandidateSpec,
  ctx: Pick<CandidateContext, 'seasonal' | 'positive' | 'period'>,
): {
  name: SeriesTransformName;
  windowNorm: WindowNorm;
} {
  const log = ctx.positive ? 'log-' : '';
  if (spec.kind === 'nnar' || spec.kind === 'snaive') return { name: 'none', windowNorm: 'none' };
  if (spec.kind === 'ets-hybrid') {
    // ETS models the season itself up to R's limit; longer seasons are removed first (as stlf).
    const adjust = ctx.seasonal && ctx.period > MAX_ETS_SEASON;
    return { name: adjust ? 'deseasonalize' : 'none', windowNorm: 'none' };
  }
  if (spec.kind === 'gru-diff') {
    return ctx.seasonal
      ? { name: `${log}seasonal-diff` as SeriesTransformName, windowNorm: 'mean' }
      : { name: `${log}diff` as SeriesTransformName, windowNorm: 'none' };
  }
  const name = (ctx.seasonal ? `${log}deseasonalize` : ctx.positive ? 'log' : 'none') as SeriesTransformName;
  return { name, windowNorm: spec.kind === 'gru' ? 'mean' : 'none' };
}

export async function fitCandidate(
  history: readonly number[],
  spec: CandidateSpec,
  ctx: CandidateContext,
): Promise<FittedCandidate> {
  if (spec.kind === 'nnar') return fitNnarCandidate(history, spec, ctx);
  if (spec.kind === 'snaive') return fitSeasonalNaiveCandidate(history, spec);
  const { name, windowNorm } = candidateTransform(spec, ctx);
  const transform = fitTransform(history, name, ctx.period, ctx.longerPeriods, ctx.smoothedPeriods);
  const z = applyTransform(history, transform);
  let smoothing: SmoothingParams | undefined;
  let ets: EtsBase | undefined;
  let target = z;
  if (spec.kind === 'hybrid') {
    smoothing = fitSmoothing(z, spec.smoothing ?? 'damped', ctx.fitHorizon);
    target = filterSmoothing(z, smoothing).innovations;
  } else if (spec.kind === 'ets-hybrid') {
    ets = fitEtsBase(z, ctx.period > MAX_ETS_SEASON ? 1 : ctx.period);
    if (!ets) throw new Error(`candidate ${spec.name}: no ETS model could be fitted to ${z.length} points`);
    target = filterEtsBase(ets, z).innovations;
  }
  const scaler = MinMaxScaler.fit(target);
  const all = normalizeWindows(makeWindows(scaler.transform(target), spec.window), spec.window, windowNorm);
  const windows = recentWindows(all, spec.window, MAX_FIT_WINDOWS);
  const valCount = windows.count >= 20 ? Math.min(12, Math.floor(windows.count / 5)) : 0;
  const fitCount = windows.count - valCount;
  const w = spec.window;
  const seed = candidateSeed(ctx.seed, spec);
  const training = valCount
    ? { epochs: CANDIDATE_TRAINING.epochs, validationSize: valCount, patience: CANDIDATE_TRAINING.patience }
    : { epochs: UNVALIDATED_EPOCHS, validationSize: 0, patience: 0 };
  const nets: GruModel[] = [];
  let fit: FitResult | undefined;
  try {
    for (let r = 0; r < netsFor(windows.count); r++) {
      const netSeed = (seed + r * 7919) % 2 ** 31;
      const net = createGruModel({ window: w, hidden: spec.hidden, convention: 'reset-after', impl: 'auto', seed: netSeed });
      nets.push(net);
      const result = await net.fit(windows.xs.subarray(0, fitCount * w), windows.ys.subarray(0, fitCount), {
        epochs: training.epochs,
        batchSize: CANDIDATE_TRAINING.batchSize,
        learningRate: CANDIDATE_TRAINING.learningRate,
        shuffle: true,
        seed: netSeed,
        validation: valCount ? { xs: windows.xs.subarray(fitCount * w), ys: windows.ys.subarray(fitCount) } : undefined,
        patience: training.patience || undefined,
        onEpochEnd: r === 0 ? ctx.onEpochEnd : undefined,
        signal: ctx.signal,
      });
      fit ??= result;
      if (result.stopReason === 'aborted') break;
    }
  } catch (err) {
    for (const net of nets) net.dispose();
    throw err;
  }
  const model = nets.length === 1 ? nets[0] : new AveragedGruModel(nets);
  const predicted = model.predict(windows.xs);
  if (spec.kind === 'hybrid' || spec.kind === 'ets-hybrid') {
    const errors = Array.from(windows.ys, (y) => scaler.inverseOne(y));
    const corrections = Array.from(predicted, (p) => scaler.inverseOne(p));
    // The correction counts only as far as it helps on windows the net did not train on: where
    // it finds nothing, the hybrid is its statistical base.
    const correctionWeight = heldOutWeight(errors.slice(fitCount), corrections.slice(fitCount));
    const residuals = errors.map((e, i) => e - correctionWeight * corrections[i]);
    const state = { transform, windowNorm, scaler: scaler.toJSON(), smoothing, ets, correctionWeight, residuals };
    return { spec, model, fit: fit!, state, training };
  }
  const residuals = Array.from(predicted, (p, i) => windows.ys[i] - p);
  return { spec, model, fit: fit!, state: { transform, windowNorm, scaler: scaler.toJSON(), residuals }, training };
}

/** Least-squares weight w of the corrections c on the errors e they predict (min Σ(e - w·c)²) over
 *  windows the net did not train on, clipped to [0, 1]: a correction that does not help out of
 *  sample is dropped, one that helps partly is shrunk. No held-out windows: no evidence, w = 0. */
export function heldOutWeight(errors: readonly number[], corrections: readonly number[]): number {
  let ec = 0;
  let cc = 0;
  for (let i = 0; i < errors.length; i++) {
    ec += errors[i] * corrections[i];
    cc += corrections[i] * corrections[i];
  }
  return cc > 0 ? Math.min(1, Math.max(0, ec / cc)) : 0;
}

/** The run's seed offset by a hash of the candidate's name: the same candidate gets the same
 *  weights whichever process or order fits it. */
export function candidateSeed(seed: number, spec: Pick<CandidateSpec, 'name'>): number {
  let h = 0;
  for (const ch of spec.name) h = (h * 31 + ch.charCodeAt(0)) % 1_000_003;
  return (seed + h) % 2 ** 31;
}

/** Point forecast of `steps` values after `history` (the series from its first point). */
export function candidateForecast(c: FittedCandidate, history: readonly number[], steps: number): number[] {
  return Array.from(candidatePaths(c, history, steps, 0, 1, false)[0]);
}

/**
 * `count` simulated continuations of `history` in the original scale (row-major [path][step]);
 * with noise false, the single noise-free path is the point forecast. Paths follow the model's own
 * errors, as forecast::nnetar simulates (see pipeline/forecast-intervals.ts).
 */
export function candidatePaths(
  c: FittedCandidate,
  history: readonly number[],
  steps: number,
  seed: number,
  count: number,
  noise = true,
): Float64Array[] {
  const { transform, windowNorm, smoothing, ets, residuals } = c.state;
  const scaler = MinMaxScaler.fromParams(c.state.scaler);
  if (!smoothing && !ets) {
    const w = c.model.spec.window;
    const lag = transformLag(transform);
    const start = history.length - w - lag;
    if (start < 0) throw new Error(`candidate ${c.spec.name}: need ${w + lag} points of history, got ${history.length}`);
    const z = scaler.transform(applyTransform(history.slice(start), transform, start));
    const zPaths = noise
      ? simulatePaths(c.model, z, steps, windowNorm, residuals, { seed, paths: count })
      : [Float64Array.from(autoregressiveForecast(c.model, z, steps, windowNorm))];
    return zPaths.map((p) => Float64Array.from(invertTransform(history, scaler.inverse(p), transform)));
  }
  const w = c.spec.window;
  const z = applyTransform(history, transform);
  const base: HybridBase<unknown> = ets ? etsHybridBase(ets, z) : smoothingHybridBase(smoothing!, z);
  if (base.innovations.length < w)
    throw new Error(`candidate ${c.spec.name}: need ${w + 1} points of history, got ${history.length}`);
  const zPaths = simulateHybrid(
    c.model,
    scaler,
    base,
    c.state.correctionWeight ?? 1,
    base.innovations.slice(-w),
    steps,
    noise ? residuals : [],
    seed,
    count,
  );
  return zPaths.map((p) => Float64Array.from(invertTransform(history, Array.from(p), transform)));
}

/** The statistical half of a hybrid after a history: its state, one-step errors, forecast and update. */
interface HybridBase<S> {
  state: S;
  innovations: number[];
  forecast(state: S): number;
  /** The state after a value `innovation` away from the forecast. */
  update(state: S, innovation: number): S;
}

function smoothingHybridBase(p: SmoothingParams, z: readonly number[]): HybridBase<SmoothingState> {
  const { state, innovations } = filterSmoothing(z, p);
  return { state, innovations, forecast: (s) => smoothingForecast(s, p), update: (s, e) => updateState(s, e, p) };
}

function etsHybridBase(b: EtsBase, z: readonly number[]): HybridBase<ReturnType<typeof filterEtsBase>['state']> {
  const { state, innovations } = filterEtsBase(b, z);
  return {
    state,
    innovations,
    forecast: (s) => etsBaseForecast(b, s),
    update: (s, e) => etsBaseUpdate(b, s, etsBaseForecast(b, s) + e),
  };
}

/** Hybrid paths in transformed space: each step the GRU predicts the base's next error from the
 *  recent ones (the correction, times its weight, added to the base's forecast) and a residual is
 *  drawn. */
function simulateHybrid<S>(
  model: GruModel,
  scaler: MinMaxScaler,
  base: HybridBase<S>,
  weight: number,
  lastErrors: readonly number[],
  steps: number,
  residuals: readonly number[],
  seed: number,
  count: number,
): Float64Array[] {
  const w = lastErrors.length;
  const random = mulberry32(seed);
  const inputs = new Float32Array(count * w);
  const first = scaler.transform(lastErrors);
  for (let k = 0; k < count; k++) inputs.set(first, k * w);
  const states = Array.from({ length: count }, () => base.state);
  const out = Array.from({ length: count }, () => new Float64Array(steps));
  for (let s = 0; s < steps; s++) {
    const next = model.predict(inputs);
    for (let k = 0; k < count; k++) {
      const draw = residuals.length ? residuals[Math.floor(random() * residuals.length)] : 0;
      const correction = scaler.inverseOne(next[k]);
      out[k][s] = base.forecast(states[k]) + weight * correction + draw;
      // Only the simulated noise moves the smoothing state: a correction fed into the level would
      // compound step after step (any bias in it becomes a drift); kept out, it stays bounded.
      states[k] = base.update(states[k], draw);
      inputs.copyWithin(k * w, k * w + 1, (k + 1) * w);
      inputs[(k + 1) * w - 1] = scaler.transformOne(weight * correction + draw);
    }
  }
  return out;
}

function recentWindows(all: Windows, window: number, max: number): Windows {
  if (all.count <= max) return all;
  const first = all.count - max;
  return { xs: all.xs.subarray(first * window), ys: all.ys.subarray(first), count: max };
}

/** Nets nnetar averages. */
export const NNAR_REPEATS = 20;

/**
 * forecast::nnetar's NNAR(p,P,k)_m on `history`: lags 1..p (p = the AIC-optimal linear AR order of
 * the seasonally adjusted series, at least 1, at most spec.window) plus lag m where the series has
 * a period and room for it, k = round((inputs + 1) / 2) hidden units, NNAR_REPEATS nets averaged,
 * all on the series scaled by its mean and standard deviation (as an affine MinMaxScaler, so the
 * GRU candidates' forecast and simulation path serves it unchanged).
 */
async function fitNnarCandidate(
  history: readonly number[],
  spec: CandidateSpec,
  ctx: CandidateContext,
): Promise<FittedCandidate> {
  // Cycles longer than the season (sub-daily weeks) are removed first, as for every candidate; the
  // net sees the rest, raw (no log), with its one seasonal lag.
  const transform = fitTransform(history, 'none', ctx.period, ctx.longerPeriods, ctx.smoothedPeriods);
  const z = applyTransform(history, transform);
  const adjusted = ctx.seasonal ? applyTransform(z, fitTransform(z, 'deseasonalize', ctx.period, [], ctx.smoothedPeriods)) : z;
  const p = Math.max(1, Math.min(arOrderAic(adjusted), spec.window));
  const m = ctx.period;
  const seasonalLag = m > p && z.length - m > MIN_FIT_WINDOWS;
  const lags = [...Array.from({ length: p }, (_, i) => i + 1), ...(seasonalLag ? [m] : [])];
  const w = lags[lags.length - 1];
  // Scaled by the mean and sd of the points the nets are fitted on (the recent windows of a long
  // series), as nnetar scales by those of the series it fits: scaled by a whole long history
  // instead, a trending series' recent values sit far out in the logistic units' flat tails
  // (DAX, 1,840 business days: holdout MASE 79 against 17).
  const fitted = z.slice(Math.max(0, z.length - MAX_FIT_WINDOWS - w));
  const mean = fitted.reduce((a, b) => a + b, 0) / fitted.length;
  const sd = Math.sqrt(fitted.reduce((a, v) => a + (v - mean) ** 2, 0) / Math.max(1, fitted.length - 1));
  const scaler = MinMaxScaler.fromParams({ min: mean - sd, max: mean + sd, lo: -1, hi: 1 });
  const windows = recentWindows(makeWindows(scaler.transform(z), w), w, MAX_FIT_WINDOWS);
  const model = new NnarModel({
    lags,
    hidden: nnarHidden(lags.length),
    repeats: NNAR_REPEATS,
    seed: candidateSeed(ctx.seed, spec),
  });
  const fit = await model.fit(windows.xs, windows.ys, { signal: ctx.signal });
  const predicted = model.predict(windows.xs);
  const residuals = Array.from(predicted, (v, i) => windows.ys[i] - v);
  return { spec, model, fit, state: { transform, windowNorm: 'none', scaler: scaler.toJSON(), residuals } };
}

/** The seasonal naive member on the raw series: the window is the cycle, residuals are the
 *  in-sample errors of repeating it (over the recent windows, as the nets'). */
function fitSeasonalNaiveCandidate(history: readonly number[], spec: CandidateSpec): FittedCandidate {
  const lag = spec.window;
  if (history.length <= lag) throw new Error(`candidate ${spec.name}: needs more than ${lag} points, got ${history.length}`);
  const residuals: number[] = [];
  for (let t = Math.max(lag, history.length - MAX_FIT_WINDOWS); t < history.length; t++)
    residuals.push(history[t] - history[t - lag]);
  const model = new SeasonalNaiveModel(lag);
  const state: CandidateState = {
    transform: fitTransform(history, 'none', 1),
    windowNorm: 'none',
    scaler: { min: 0, max: 1, lo: 0, hi: 1 },
    residuals,
  };
  return { spec, model, fit: { epochs: [], epochsRun: 0, bestEpoch: 0, stopReason: 'completed' }, state };
}
