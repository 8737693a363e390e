import { ParamValidationError } from '../errors';
import { loadGruModel } from '../gru/create-gru-model';
import type { GruArtifacts } from '../gru/types';
import { effectivePeriod, resolveAutoTransform } from '../params/resolve-params';
import { MAX_HORIZON, type TrainingParams } from '../params/training-params';
import { MinMaxScaler } from '../series/min-max-scaler';
import { forecastAfter, futurePoints, type FittedPreprocessing } from './train-and-forecast';
import { futureTimestamps, seriesFrequency } from './future-timestamps';
import { combinedForecast, modelledHistory } from '../selection/select-candidates';
import { loadMember } from '../selection/stored-member';
import type { FuturePoint, SeriesInput } from './series-input';

/**
 * Re-forecasts `horizon` steps from a stored model without retraining.
 *
 * - With the whole series and the run's params (as returned in TrainingResult.params): applies the
 *   run's transform, conditions on the last `window` points and dates the points.
 * - With just the last `window` values (untransformed models only): the simple form.
 */
export async function forecastFromArtifacts(
  artifacts: GruArtifacts,
  scaler: FittedPreprocessing,
  series: SeriesInput,
  params: TrainingParams,
  horizon: number,
): Promise<FuturePoint[]>;
export async function forecastFromArtifacts(
  artifacts: GruArtifacts,
  scaler: FittedPreprocessing,
  lastWindow: readonly number[],
  horizon: number,
): Promise<FuturePoint[]>;
export async function forecastFromArtifacts(
  artifacts: GruArtifacts,
  scalerParams: FittedPreprocessing,
  seriesOrWindow: SeriesInput | readonly number[],
  paramsOrHorizon: TrainingParams | number,
  maybeHorizon?: number,
): Promise<FuturePoint[]> {
  const simple = typeof paramsOrHorizon === 'number';
  const horizon = simple ? paramsOrHorizon : maybeHorizon;
  if (typeof horizon !== 'number' || !Number.isInteger(horizon) || horizon < 1 || horizon > MAX_HORIZON) {
    throw new ParamValidationError('horizon', `horizon must be an integer between 1 and ${MAX_HORIZON}, got ${horizon}.`);
  }
  if (!simple && scalerParams.ensemble?.length) {
    return forecastEnsemble(scalerParams, seriesOrWindow as SeriesInput, paramsOrHorizon, horizon);
  }
  const scaler = MinMaxScaler.fromParams(scalerParams);
  const model = await loadGruModel(artifacts);
  try {
    if (simple) {
      const window = seriesOrWindow as readonly number[];
      const forecast = forecastAfter(model, scaler, window, { name: 'none', period: 1 }, horizon);
      return forecast.map((f, i) => ({ step: i + 1, forecast: f }));
    }
    const series = seriesOrWindow as SeriesInput;
    const params = paramsOrHorizon;
    const frequency = seriesFrequency(series);
    // 'auto' resolves the same way as in training for the same series (pure function of its shape).
    const min = series.values.reduce((m, v) => Math.min(m, v), Infinity);
    const withDefaults = { ...params, transform: params.transform ?? 'none', seasonalPeriod: params.seasonalPeriod ?? 0 };
    const transform = {
      name: resolveAutoTransform(withDefaults, { length: series.values.length, frequency, min }),
      period: effectivePeriod(withDefaults, frequency),
      profile: scalerParams.seasonalProfile,
    };
    const norm = params.windowNorm ?? 'none';
    return futurePoints(model, scaler, series, transform, horizon, norm, scalerParams.residuals, params.seed ?? 0);
  } finally {
    model.dispose();
  }
}

/** A selection run: re-forecasts the stored combination (every member, averaged, pooled paths). */
async function forecastEnsemble(
  scalerParams: FittedPreprocessing,
  series: SeriesInput,
  params: TrainingParams,
  horizon: number,
): Promise<FuturePoint[]> {
  const members = await Promise.all((scalerParams.ensemble ?? []).map(loadMember));
  try {
    const history = modelledHistory(series.values, scalerParams.outlierPeriod);
    const f = combinedForecast(members, history, horizon, params.seed ?? 0);
    const times = futureTimestamps(series, horizon);
    return f.forecast.map((forecast, i) => ({
      step: i + 1,
      ...(times ? { t: times[i] } : {}),
      forecast,
      p10: f.p10[i],
      p50: f.p50[i],
      p90: f.p90[i],
    }));
  } finally {
    for (const m of members) m.model.dispose();
  }
}
