// One GRU for a whole panel (#11's `mode: "global"`): every series is transformed and scaled on its
// own (as neuralforecast and DeepAR do, so a series of thousands and one of tens share the model),
// the windows of all series train one network, and each series is then forecast and scored from
// its own history exactly as a local model's would be (same holdout, baselines and intervals).
import * as tf from '@tensorflow/tfjs';
import type { DemandProfile } from '@seqcast/contracts';
import { BASELINES, type BaselineName } from '../baselines/baseline-forecasts';
import { createGruModel, resolvedGruImpl } from '../gru/create-gru-model';
import type { FitResult, GruModel } from '../gru/types';
import { forecastMetrics, type ForecastMetrics } from '../metrics/forecast-metrics';
import { ParamValidationError } from '../errors';
import { assertParamsFitSeries, effectivePeriod, resolveAutoTransform } from '../params/resolve-params';
import type { TrainingParams } from '../params/training-params';
import { makeWindows, type Windows } from '../series/make-windows';
import { demandNote } from '../series/demand-profile';
import { MinMaxScaler } from '../series/min-max-scaler';
import { normalizeWindows } from '../series/window-normalization';
import { applyTransform, fitTransform, transformLag, type TransformSpec } from '../transforms/series-transform';
import { intervalCoverage } from './forecast-intervals';
import { seriesFrequency } from './future-timestamps';
import type { FuturePoint, HoldoutPoint, SeriesInput } from './series-input';
import {
  forecastWithIntervals,
  futurePoints,
  oneStepResiduals,
  type FittedPreprocessing,
  type ModelMetrics,
  type TrainingHooks,
} from './train-and-forecast';

export interface GlobalSeriesResult {
  /** Params as used for this series (its own period and transform). */
  params: TrainingParams;
  scaler: FittedPreprocessing;
  holdout: HoldoutPoint[];
  future: FuturePoint[];
  metrics: ModelMetrics;
  baselines: Record<BaselineName, ForecastMetrics>;
  notes: { period: number; trainPoints: number; trainWindows: number; demand?: DemandProfile };
}

export interface GlobalTrainingResult {
  model: GruModel;
  fit: FitResult;
  /** One per input series, in order: its results, or why it could not be used. */
  series: Array<{ ok: true; result: GlobalSeriesResult } | ({ ok: false } & LeftOut)>;
  notes: { backend: string; gruImpl: 'layers' | 'fused'; trainWindows: number; validationWindows: number };
}

/**
 * Training windows per epoch across all series. An epoch is one synchronous kernel pass; beyond
 * ~30k windows it runs for many seconds on a busy core (and the worker cannot renew its job lock
 * meanwhile), so larger panels train on each series' most recent windows: the regime its forecast
 * starts from, as neuralforecast samples a fixed number of windows per step.
 */
export const MAX_GLOBAL_TRAIN_WINDOWS = 30_000;

const YIELD_EVERY_MS = 50;

/** Why a series is left out of the shared model. `tooShort`: the shared params (window, holdout,
 *  validation) do not fit its length; a fit of its own, with params resolved for it (as `default`
 *  adapts to short series), can still forecast it. */
export interface LeftOut {
  error: string;
  tooShort?: boolean;
}

interface Prepared {
  input: SeriesInput;
  params: TrainingParams;
  transform: TransformSpec;
  scaler: MinMaxScaler;
  trainRaw: number[];
  testRaw: number[];
  windows: Windows;
  period: number;
}

async function trainGlobal(inputs: SeriesInput[], params: TrainingParams, hooks: TrainingHooks) {
  const w = params.window;
  const prepared = inputs.map((input) => prepareSeries(input, params));
  const usable = prepared.filter((p): p is Prepared => !('error' in p));
  // The last validationSize windows of every series judge early stopping (the regime forecasts start from).
  const val = params.validationSize;
  const perSeries = Math.max(1, Math.floor(MAX_GLOBAL_TRAIN_WINDOWS / Math.max(1, usable.length)));
  /** [first fit window, validation start, end] of a series' windows: its most recent `perSeries` fit windows. */
  const span = (p: Prepared) => {
    const v = Math.min(val, Math.max(0, p.windows.count - 1));
    const end = p.windows.count;
    return [Math.max(0, end - v - perSeries), end - v, end] as const;
  };
  let fitCount = 0;
  let valCount = 0;
  for (const p of usable) {
    const [from, valFrom, end] = span(p);
    fitCount += valFrom - from;
    valCount += end - valFrom;
  }
  const xs = new Float32Array(fitCount * w);
  const ys = new Float32Array(fitCount);
  const vxs = new Float32Array(valCount * w);
  const vys = new Float32Array(valCount);
  let fi = 0;
  let vi = 0;
  for (const p of usable) {
    const [from, valFrom, end] = span(p);
    xs.set(p.windows.xs.subarray(from * w, valFrom * w), fi * w);
    ys.set(p.windows.ys.subarray(from, valFrom), fi);
    vxs.set(p.windows.xs.subarray(valFrom * w, end * w), vi * w);
    vys.set(p.windows.ys.subarray(valFrom, end), vi);
    fi += valFrom - from;
    vi += end - valFrom;
  }

  const model = createGruModel({
    window: w,
    hidden: params.hidden,
    convention: params.convention,
    impl: params.impl,
    seed: params.seed,
  });
  let fit: FitResult;
  try {
    fit = await model.fit(xs, ys, {
      epochs: params.epochs,
      batchSize: params.batchSize,
      learningRate: params.learningRate,
      shuffle: params.shuffle,
      seed: params.seed,
      validation: valCount ? { xs: vxs, ys: vys } : undefined,
      patience: params.patience || undefined,
      onEpochEnd: hooks.onEpochEnd,
      signal: hooks.signal,
    });
  } catch (err) {
    model.dispose();
    throw err;
  }
  const notes = {
    backend: tf.getBackend(),
    gruImpl: resolvedGruImpl(params),
    trainWindows: fitCount,
    validationWindows: valCount,
  };
  return { model, fit, notes, prepared };
}

/**
 * Trains one model on the windows of every series and forecasts each. A series whose length does
 * not fit the params is reported (`ok: false`) and left out; the rest train. If `hooks.signal`
 * aborts, training stops at the next epoch and no series is forecast (fit.stopReason 'aborted').
 * The caller owns (and must dispose) result.model.
 */
export async function trainGlobalAndForecast(
  inputs: SeriesInput[],
  params: TrainingParams,
  hooks: TrainingHooks = {},
): Promise<GlobalTrainingResult> {
  const { model, fit, notes, prepared } = await trainGlobal(inputs, params, hooks);
  if (fit.stopReason === 'aborted') {
    return { model, fit, notes, series: prepared.map(() => ({ ok: false as const, error: 'training was stopped' })) };
  }
  return { model, fit, notes, series: await forecastPrepared(model, prepared) };
}

/**
 * Only the training half of trainGlobalAndForecast: the model, its fit, and per series why it was
 * left out (null when it trained). Forecast the series with forecastGlobalSeries (e.g. in chunk jobs).
 */
export async function trainGlobalModel(
  inputs: SeriesInput[],
  params: TrainingParams,
  hooks: TrainingHooks = {},
): Promise<Omit<GlobalTrainingResult, 'series'> & { errors: Array<string | null> }> {
  const { model, fit, notes, prepared } = await trainGlobal(inputs, params, hooks);
  return { model, fit, notes, errors: prepared.map((p) => ('error' in p ? p.error : null)) };
}

/**
 * Forecasts and scores each series through a trained global model (as trainGlobalAndForecast does
 * after training): what a panel chunk job does with the run's stored model, so workers share the
 * forecasting of a global run. Results are in input order.
 */
export function forecastGlobalSeries(
  model: GruModel,
  inputs: SeriesInput[],
  params: TrainingParams,
): Promise<GlobalTrainingResult['series']> {
  return forecastPrepared(
    model,
    inputs.map((input) => prepareSeries(input, params)),
  );
}

async function forecastPrepared(model: GruModel, prepared: Array<Prepared | LeftOut>): Promise<GlobalTrainingResult['series']> {
  const series: GlobalTrainingResult['series'] = [];
  let lastYield = Date.now();
  for (const p of prepared) {
    if ('error' in p) {
      series.push({ ok: false, ...p });
      continue;
    }
    try {
      series.push({ ok: true, result: forecastOne(model, p) });
    } catch (error) {
      series.push({ ok: false, error: (error as Error).message });
    }
    // Forecasting a thousand series takes a while: let the event loop run (job lock renewal, I/O).
    if (Date.now() - lastYield > YIELD_EVERY_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = Date.now();
    }
  }
  return series;
}

/** A series' own transform, scaler and windows for the shared model, or why it cannot be used. */
function prepareSeries(input: SeriesInput, params: TrainingParams): Prepared | LeftOut {
  const w = params.window;
  try {
    const values = [...input.values];
    const frequency = seriesFrequency(input);
    const shape = { length: values.length, frequency, min: values.reduce((m, v) => Math.min(m, v), Infinity) };
    try {
      assertParamsFitSeries(params, shape);
    } catch (error) {
      // The params were checked against the longest series: what fails here is this one's length.
      if (!(error instanceof ParamValidationError)) throw error;
      return {
        error: `${error.message} (the global model's params): forecast it in local mode, which adapts to short series`,
        tooShort: true,
      };
    }
    const period = effectivePeriod(params, frequency);
    const transformName = resolveAutoTransform(params, shape);
    const trainRaw = values.slice(0, values.length - params.testSize);
    const testRaw = values.slice(values.length - params.testSize);
    const transform = fitTransform(trainRaw, transformName, period);
    // One window for every series: a series too short for it is left out, saying what fits it.
    const needed = w + transformLag(transform) + 1;
    if (trainRaw.length < needed) {
      return {
        error:
          `the series has ${values.length} points; the global model's window (${w}) needs ${needed + params.testSize} ` +
          `(${needed} before the holdout of ${params.testSize}): forecast it in local mode, which adapts to short series`,
        tooShort: true,
      };
    }
    const zTrain = applyTransform(trainRaw, transform);
    const scaler = MinMaxScaler.fit(zTrain);
    const windows = normalizeWindows(makeWindows(scaler.transform(zTrain), w), w, params.windowNorm);
    const used = { ...params, seasonalPeriod: period, transform: transformName };
    return { input, params: used, transform, scaler, trainRaw, testRaw, windows, period };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** One series through the shared model: the same scoring as trainAndForecast's. */
function forecastOne(model: GruModel, p: Prepared): GlobalSeriesResult {
  const { params, scaler, transform, trainRaw, testRaw, period } = p;
  const residuals = oneStepResiduals(model, p.windows);
  const preprocessing: FittedPreprocessing = {
    ...scaler.toJSON(),
    ...(transform.profile ? { seasonalProfile: [...transform.profile] } : {}),
    residuals,
  };
  const held = forecastWithIntervals(
    model,
    scaler,
    trainRaw,
    transform,
    params.testSize,
    params.windowNorm,
    residuals,
    params.seed,
  );
  const times = p.input.timestamps?.slice(trainRaw.length);
  const holdout = testRaw.map((actual, i) => ({
    step: i + 1,
    ...(times ? { t: times[i] } : {}),
    actual,
    forecast: held.forecast[i],
    p10: held.p10[i],
    p50: held.p50[i],
    p90: held.p90[i],
  }));
  const future = futurePoints(model, scaler, p.input, transform, params.horizon, params.windowNorm, residuals, params.seed);
  const baselines = {} as Record<BaselineName, ForecastMetrics>;
  for (const [name, forecast] of Object.entries(BASELINES) as Array<[BaselineName, (typeof BASELINES)[BaselineName]]>) {
    baselines[name] = forecastMetrics(testRaw, forecast(trainRaw, params.testSize, period), trainRaw, period);
  }
  const metrics: ModelMetrics = {
    ...forecastMetrics(testRaw, held.forecast, trainRaw, period),
    coverage: intervalCoverage(testRaw, held.p10, held.p90),
  };
  return {
    params,
    scaler: preprocessing,
    holdout,
    future,
    metrics,
    baselines,
    notes: { period, trainPoints: trainRaw.length, trainWindows: p.windows.count, ...demandNote(trainRaw) },
  };
}
