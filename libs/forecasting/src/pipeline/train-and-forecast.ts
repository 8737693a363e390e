// The whole training run for one series: split, transform, scale, window, fit, forecast the
// holdout and the future, and score the model against simple baselines on the same holdout.
import * as tf from '@tensorflow/tfjs';
import { DatasetValidationError } from '../errors';
import { BASELINES, type BaselineName } from '../baselines/baseline-forecasts';
import { createGruModel, resolvedGruImpl } from '../gru/create-gru-model';
import { gateConventionNotes } from '../gru/gate-convention-notes';
import type { EpochReport, FitResult, GruModel } from '../gru/types';
import { forecastMetrics, type ForecastMetrics } from '../metrics/forecast-metrics';
import { assertParamsFitSeries, effectivePeriod, resolveAutoTransform } from '../params/resolve-params';
import type { TrainingParams } from '../params/training-params';
import { makeWindows } from '../series/make-windows';
import { MinMaxScaler, type MinMaxScalerParams } from '../series/min-max-scaler';
import { normalizeWindows, type WindowNorm } from '../series/window-normalization';
import type { Frequency } from '../time/frequency';
import { applyTransform, invertTransform, transformLag, type TransformSpec } from '../transforms/series-transform';
import { autoregressiveForecast } from './autoregressive-forecast';
import { futureTimestamps, seriesFrequency } from './future-timestamps';
import type { FuturePoint, HoldoutPoint, SeriesInput } from './series-input';

export interface TrainingHooks {
  onEpochEnd?: (report: EpochReport) => void | Promise<void>;
  signal?: AbortSignal;
}

export interface PipelineNotes {
  /** Season length used by seasonal transforms, baselines and MASE. */
  period: number;
  frequency?: Frequency;
  backend: string;
  gruImpl: 'layers' | 'fused';
  trainPoints: number;
  trainWindows: number;
  validationWindows: number;
  /** Human-readable caveats (convention mismatch, aborted run, …). */
  messages: string[];
}

export interface TrainingResult {
  /** Effective params: seasonalPeriod is the period actually used and an 'auto' transform is
   *  replaced by the one chosen, so these params + scaler + artifacts suffice for
   *  forecastFromArtifacts. */
  params: TrainingParams;
  /** Min-max scaler of the transformed training part (JSON-safe). */
  scaler: MinMaxScalerParams;
  model: GruModel;
  fit: FitResult;
  holdout: HoldoutPoint[];
  future: FuturePoint[];
  metrics: ForecastMetrics;
  baselines: Record<BaselineName, ForecastMetrics>;
  notes: PipelineNotes;
}

/**
 * Trains a GRU on all but the last `testSize` points and forecasts them autoregressively (each
 * prediction fed back) for scoring, then forecasts `horizon` steps past the end from the last
 * `window` real points. The future forecast uses the same model (not retrained on the holdout).
 * If `hooks.signal` aborts, training stops at the next epoch boundary and the result has
 * fit.stopReason 'aborted', no forecasts and NaN metrics. The caller owns (and must dispose)
 * result.model. Deterministic for a given seed and backend.
 */
export async function trainAndForecast(
  series: SeriesInput,
  params: TrainingParams,
  hooks: TrainingHooks = {},
): Promise<TrainingResult> {
  const values = [...series.values];
  if (series.timestamps && series.timestamps.length !== values.length) {
    throw new DatasetValidationError(
      `The series has ${values.length} values but ${series.timestamps.length} timestamps; they must match one to one.`,
    );
  }
  const frequency = seriesFrequency(series);
  const shape = { length: values.length, frequency, min: values.reduce((m, v) => Math.min(m, v), Infinity) };
  assertParamsFitSeries(params, shape);
  const period = effectivePeriod(params, frequency);
  const transform: TransformSpec = { name: resolveAutoTransform(params, shape), period };
  const effective: TrainingParams = { ...params, seasonalPeriod: period, transform: transform.name };

  const trainRaw = values.slice(0, values.length - params.testSize);
  const testRaw = values.slice(values.length - params.testSize);
  const zTrain = applyTransform(trainRaw, transform);
  const scaler = MinMaxScaler.fit(zTrain);
  const windows = normalizeWindows(makeWindows(scaler.transform(zTrain), params.window), params.window, params.windowNorm);
  // Validation = the most recent training windows: early stopping should judge the regime the
  // forecast starts from.
  const valCount = params.validationSize;
  const fitCount = windows.count - valCount;
  const w = params.window;

  const gruImpl = resolvedGruImpl(params);
  const notes: PipelineNotes = {
    period,
    frequency,
    backend: tf.getBackend(),
    gruImpl,
    trainPoints: trainRaw.length,
    trainWindows: fitCount,
    validationWindows: valCount,
    messages: [...gateConventionNotes(params, gruImpl)],
  };
  if (transform.name.includes('seasonal') && period <= 1) {
    notes.messages.push(`transform "${transform.name}" with season length 1 is plain differencing (no frequency known).`);
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
    fit = await model.fit(windows.xs.subarray(0, fitCount * w), windows.ys.subarray(0, fitCount), {
      epochs: params.epochs,
      batchSize: params.batchSize,
      learningRate: params.learningRate,
      shuffle: params.shuffle,
      seed: params.seed,
      validation: valCount ? { xs: windows.xs.subarray(fitCount * w), ys: windows.ys.subarray(fitCount) } : undefined,
      patience: params.patience || undefined,
      onEpochEnd: hooks.onEpochEnd,
      signal: hooks.signal,
    });
  } catch (err) {
    model.dispose();
    throw err;
  }

  const baselines = {} as Record<BaselineName, ForecastMetrics>;
  for (const [name, forecast] of Object.entries(BASELINES) as Array<[BaselineName, (typeof BASELINES)[BaselineName]]>) {
    baselines[name] = forecastMetrics(testRaw, forecast(trainRaw, params.testSize, period), trainRaw, period);
  }
  const result = { params: effective, scaler: scaler.toJSON(), model, fit, baselines, notes };
  if (fit.stopReason === 'aborted') {
    notes.messages.push(`training aborted after ${fit.epochsRun} epoch(s); no forecasts were made.`);
    const nan = { mae: NaN, rmse: NaN, mape: NaN, smape: NaN, mase: NaN };
    return { ...result, holdout: [], future: [], metrics: nan };
  }

  const holdoutForecast = forecastAfter(model, scaler, trainRaw, transform, params.testSize, params.windowNorm);
  const holdoutTimes = series.timestamps?.slice(trainRaw.length);
  const holdout = testRaw.map((actual, i) => ({
    step: i + 1,
    ...(holdoutTimes ? { t: holdoutTimes[i] } : {}),
    actual,
    forecast: holdoutForecast[i],
  }));
  const future = futurePoints(model, scaler, series, transform, params.horizon, params.windowNorm);
  const metrics = forecastMetrics(testRaw, holdoutForecast, trainRaw, period);
  return { ...result, holdout, future, metrics };
}

/** Forecasts `steps` values following `history` (original scale in, original scale out). */
export function forecastAfter(
  model: GruModel,
  scaler: MinMaxScaler,
  history: readonly number[],
  transform: TransformSpec,
  steps: number,
  norm: WindowNorm = 'none',
): number[] {
  const w = model.spec.window;
  if (history.length < w + transformLag(transform)) {
    throw new Error(`forecast: need at least ${w + transformLag(transform)} points of history, got ${history.length}`);
  }
  // Only the tail matters: the last window of transformed values (+ the lag they depend on).
  const tail = history.slice(history.length - w - transformLag(transform));
  const z = scaler.transform(applyTransform(tail, transform));
  const zForecast = scaler.inverse(autoregressiveForecast(model, z, steps, norm));
  return invertTransform(history, zForecast, transform);
}

export function futurePoints(
  model: GruModel,
  scaler: MinMaxScaler,
  series: SeriesInput,
  transform: TransformSpec,
  horizon: number,
  norm: WindowNorm = 'none',
): FuturePoint[] {
  const forecast = forecastAfter(model, scaler, [...series.values], transform, horizon, norm);
  const times = futureTimestamps(series, horizon);
  return forecast.map((f, i) => ({ step: i + 1, ...(times ? { t: times[i] } : {}), forecast: f }));
}
