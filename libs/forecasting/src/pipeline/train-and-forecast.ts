// The whole training run for one series: split, transform, scale, window, fit, forecast the
// holdout and the future, and score the model against simple baselines on the same holdout.
import * as tf from '@tensorflow/tfjs';
import type { DemandProfile } from '@seqcast/contracts';
import { DatasetValidationError } from '../errors';
import type { BaselineName } from '../baselines/baseline-forecasts';
import { scoreBaselines } from '../baselines/score-baselines';
import { createGruModel, resolvedGruImpl } from '../gru/create-gru-model';
import { gateConventionNotes } from '../gru/gate-convention-notes';
import type { EpochProgress, FitResult, GruModel } from '../gru/types';
import { forecastMetrics, type ForecastMetrics } from '../metrics/forecast-metrics';
import {
  assertParamsFitSeries,
  effectivePeriod,
  resolveAutoTransform,
  scoringPeriod,
  withDetectedPeriod,
  type SeriesShape,
} from '../params/resolve-params';
import type { TrainingParams } from '../params/training-params';
import { makeWindows, type Windows } from '../series/make-windows';
import { MinMaxScaler, type MinMaxScalerParams } from '../series/min-max-scaler';
import { demandNote } from '../series/demand-profile';
import { normalizeWindows, type WindowNorm } from '../series/window-normalization';
import { seasonalPeriod, type Frequency } from '../time/frequency';
import { detectSeasonality, MIN_LAG_CYCLES, smoothedCycles, subDailyDay, type SeasonalityReport } from '../time/seasonality';
import { applyTransform, fitTransform, invertTransform, transformLag, type TransformSpec } from '../transforms/series-transform';
import { autoregressiveForecast } from './autoregressive-forecast';
import {
  floorAtZeroWhenNeverNegative,
  intervalCoverage,
  pathQuantiles,
  simulatePaths,
  type QuantileForecast,
} from './forecast-intervals';
import { naiveCycle } from '../selection/naive-cycle';
import { futureTimestamps, seriesFrequency } from './future-timestamps';
import type { FuturePoint, HoldoutPoint, SeriesInput } from './series-input';
import { defaultCandidates, reportingMember } from '../selection/candidates';
import type { CandidateContext } from '../selection/fit-candidate';
import { storeMember, type StoredMember } from '../selection/stored-member';
import { ONE_STEP_FIT_MAX_HORIZON } from '../selection/exponential-smoothing';
import {
  chooseCandidates,
  combinedForecast,
  fitChosen,
  scoreCandidates,
  modelledHistory,
  selectionPlan,
  type CandidateChoice,
  type CandidateScore,
  type SelectionNotes,
} from '../selection/select-candidates';

export interface TrainingHooks {
  onEpochEnd?: (progress: EpochProgress) => void | Promise<void>;
  signal?: AbortSignal;
  /** selection 'auto': validation scores already computed elsewhere (e.g. one job per candidate,
   *  with scoreCandidate on the same training part); candidates without one are scored here. */
  candidateScores?: readonly CandidateScore[];
}

export interface PipelineNotes {
  /** Season length the model's seasonal transforms use (detected in the data unless given). */
  period: number;
  /** Season length of MASE and the baselines: the frequency's nominal one unless given. */
  scoringPeriod: number;
  /** Periods tested in the training part and why each was kept or not (absent when given). */
  seasonality?: SeasonalityReport;
  /** What the fitted baselines chose, e.g. { ets: 'ETS(M,Ad,M)', theta: 'Theta' }. */
  baselineModels: Partial<Record<BaselineName, string>>;
  frequency?: Frequency;
  backend: string;
  /** The implementation that trained the reported network (trainedGruImpl); null when none was. */
  gruImpl: string | null;
  trainPoints: number;
  trainWindows: number;
  validationWindows: number;
  /** Human-readable caveats (convention mismatch, aborted run, …). */
  messages: string[];
  /** Per-series selection (selection 'auto'): every candidate's validation score and the choice. */
  selection?: SelectionNotes;
  /** The training part's demand pattern, where it is intermittent or lumpy (demandNote). */
  demand?: DemandProfile;
}

/** What was fitted on the training part besides the network: stored with the model. */
export interface FittedPreprocessing extends MinMaxScalerParams {
  /** Deseasonalizing transforms: the per-phase offsets removed before scaling. */
  seasonalProfile?: number[];
  /** One-step errors of the model (model space) that prediction intervals are simulated from. */
  residuals?: number[];
  /** Selection runs: every combined member, enough to re-forecast the combination (the stored
   *  model is the first member's). */
  ensemble?: StoredMember[];
  /** Selection runs whose members saw the history with isolated outliers clipped at this period
   *  (modelledHistory): a re-forecast clips the same way. */
  outlierPeriod?: number;
}

/** Point-forecast metrics plus the share of holdout values inside the p10-p90 interval. */
export interface ModelMetrics extends ForecastMetrics {
  coverage: number;
}

export interface TrainingResult {
  /** Effective params: seasonalPeriod is the period actually used and an 'auto' transform is
   *  replaced by the one chosen, so these params + scaler + artifacts suffice for
   *  forecastFromArtifacts. */
  params: TrainingParams;
  /** Min-max scaler of the transformed training part and the seasonal profile, if any (JSON-safe). */
  scaler: FittedPreprocessing;
  model: GruModel;
  fit: FitResult;
  holdout: HoldoutPoint[];
  future: FuturePoint[];
  metrics: ModelMetrics;
  baselines: Record<BaselineName, ForecastMetrics>;
  notes: PipelineNotes;
}

/** The GRU implementation that trained the run's reported network; null when no network was
 *  trained (a selection that chose only `naive`, `snaive` or `nnar` members: no epochs ran). */
export function trainedGruImpl(result: Pick<TrainingResult, 'model' | 'fit'>): string | null {
  return result.fit.epochsRun > 0 ? result.model.impl : null;
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
  const nominalShape: SeriesShape = { length: values.length, frequency, min: values.reduce((m, v) => Math.min(m, v), Infinity) };
  assertParamsFitSeries(params, nominalShape);
  const trainRaw = values.slice(0, values.length - params.testSize);
  const testRaw = values.slice(values.length - params.testSize);
  const seasonality = params.seasonalPeriod > 0 ? undefined : detectSeasonality(trainRaw, frequency);
  const shape = seasonality ? withDetectedPeriod(params, nominalShape, seasonality.primary) : nominalShape;
  const period = effectivePeriod(params, frequency, shape.period);
  const scoring = scoringPeriod(params, frequency);
  if (params.selection === 'auto') return trainSelected(series, params, { period, scoring, seasonality, frequency }, hooks);
  const transformName = resolveAutoTransform(params, shape);
  const effective: TrainingParams = { ...params, seasonalPeriod: period, transform: transformName };

  const transform = fitTransform(trainRaw, transformName, period, [], smoothedCycles(frequency, [period]));
  const zTrain = applyTransform(trainRaw, transform);
  const scaler = MinMaxScaler.fit(zTrain);
  const windows = normalizeWindows(makeWindows(scaler.transform(zTrain), params.window), params.window, params.windowNorm);
  // Validation = the most recent training windows: early stopping should judge the regime the
  // forecast starts from.
  const valCount = params.validationSize;
  const fitCount = windows.count - valCount;
  const w = params.window;

  const gruImpl = resolvedGruImpl(params);
  const baselineScores = scoreBaselines(trainRaw, testRaw, scoring);
  const notes: PipelineNotes = {
    period,
    scoringPeriod: scoring,
    ...(seasonality ? { seasonality } : {}),
    baselineModels: baselineScores.models,
    ...demandNote(trainRaw),
    frequency,
    backend: tf.getBackend(),
    gruImpl,
    trainPoints: trainRaw.length,
    trainWindows: fitCount,
    validationWindows: valCount,
    messages: [...gateConventionNotes(params, gruImpl)],
  };
  if (seasonality && shape.period === undefined && seasonality.primary !== period) {
    notes.messages.push(
      seasonality.primary > 1
        ? `detected seasonal period ${seasonality.primary} does not fit these params; the frequency's period ${period} is used.`
        : `no seasonal period detected, but transform "${params.transform}" asks for one: the frequency's period ${period} is used.`,
    );
  }
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

  const baselines = baselineScores.metrics;
  const preprocessing: FittedPreprocessing = {
    ...scaler.toJSON(),
    ...(transform.profile ? { seasonalProfile: [...transform.profile] } : {}),
  };
  const result = { params: effective, scaler: preprocessing, model, fit, baselines, notes };
  if (fit.stopReason === 'aborted') {
    notes.messages.push(`training aborted after ${fit.epochsRun} epoch(s); no forecasts were made.`);
    const nan = { mae: NaN, rmse: NaN, mape: NaN, smape: NaN, mase: NaN, coverage: NaN };
    return { ...result, holdout: [], future: [], metrics: nan };
  }

  const residuals = oneStepResiduals(model, windows);
  preprocessing.residuals = residuals;
  const seed = params.seed;
  const held = forecastWithIntervals(model, scaler, trainRaw, transform, params.testSize, params.windowNorm, residuals, seed);
  const holdoutTimes = series.timestamps?.slice(trainRaw.length);
  const holdout = testRaw.map((actual, i) => ({
    step: i + 1,
    ...(holdoutTimes ? { t: holdoutTimes[i] } : {}),
    actual,
    forecast: held.forecast[i],
    p10: held.p10[i],
    p50: held.p50[i],
    p90: held.p90[i],
  }));
  const future = futurePoints(model, scaler, series, transform, params.horizon, params.windowNorm, residuals, seed);
  const metrics: ModelMetrics = {
    ...forecastMetrics(testRaw, held.forecast, trainRaw, scoring),
    coverage: intervalCoverage(testRaw, held.p10, held.p90),
  };
  return { ...result, holdout, future, metrics };
}

/** The season length a run trains with (detected unless the params fix it) and the one its
 *  metrics and baselines use, as trainAndForecast decides them. */
export function seriesPeriods(series: SeriesInput, params: TrainingParams) {
  const frequency = seriesFrequency(series);
  const values = series.values;
  const trainRaw = values.slice(0, values.length - params.testSize);
  const nominal: SeriesShape = { length: values.length, frequency, min: values.reduce((m, v) => Math.min(m, v), Infinity) };
  const seasonality = params.seasonalPeriod > 0 ? undefined : detectSeasonality(trainRaw, frequency);
  const shape = seasonality ? withDetectedPeriod(params, nominal, seasonality.primary) : nominal;
  return {
    frequency,
    seasonality,
    period: effectivePeriod(params, frequency, shape.period),
    scoring: scoringPeriod(params, frequency),
  };
}

/**
 * What every scorer of a selection run shares, from the series and resolved params alone: the
 * training part, the candidates, the validation plan and the candidates' context (its periods
 * included: the season and any longer cycles detected, so a job scoring one candidate elsewhere
 * removes the same cycles). A job scoring one candidate elsewhere calls this and
 * scoreCandidate(train, candidates[i], ctx, plan), and gets exactly the score trainAndForecast
 * would compute (`train`: the training part as the candidates see it, see modelledHistory).
 */
export function selectionSetup(
  series: SeriesInput,
  params: TrainingParams,
  periods: Pick<ReturnType<typeof seriesPeriods>, 'period' | 'seasonality'> = seriesPeriods(series, params),
) {
  const { period, seasonality } = periods;
  const frequency = seriesFrequency(series);
  const values = [...series.values];
  const trainRaw = values.slice(0, values.length - params.testSize);
  const longer = (seasonality?.periods ?? []).filter((m) => m > period);
  const isDay = period === subDailyDay(frequency);
  const { shape, plan, longerPeriods, dropped } = selectionPlan(trainRaw, params.testSize, period, longer, isDay);
  const modelled = shape.seasonal ? [period, ...longerPeriods] : [];
  const repeated = naiveCycle(frequency, trainRaw.length, modelled, plan.origins[0], dropped);
  const calendarPeriod = seasonalPeriod(frequency);
  const candidates = defaultCandidates({ ...shape, longerPeriods, naiveCycle: repeated, calendarPeriod }, plan.origins[0]);
  const smoothedPeriods = smoothedCycles(frequency, modelled);
  const ctx: CandidateContext = {
    period,
    seasonal: shape.seasonal,
    ...(longerPeriods.length ? { longerPeriods } : {}),
    ...(smoothedPeriods.length ? { smoothedPeriods } : {}),
    ...(plan.horizon > ONE_STEP_FIT_MAX_HORIZON ? { fitHorizon: plan.horizon } : {}),
    positive: values.every((v) => v > 0),
    seed: params.seed,
  };
  // What the candidates see: isolated outliers clipped (modelledHistory) against the longest cycle
  // detected, so a week that differs from the day's pattern (quiet weekends) is no outlier of the
  // day; trainRaw is for scoring.
  const outlierPeriod = shape.seasonal ? Math.max(period, ...longer) : undefined;
  const train = modelledHistory(trainRaw, outlierPeriod);
  return { trainRaw, train, outlierPeriod, shape, plan, candidates, ctx, dropped };
}

/**
 * selection 'auto' (the `default` preset): scores the candidates for this series by rolling-origin
 * validation inside the training part, fits the best COMBINED_CANDIDATES on the whole training
 * part and averages their forecasts; intervals pool the members' simulated paths. The result's
 * model, fit and params are the reporting member's (reportingMember: the first chosen one a GRU is
 * trained for, so the implementation, shape and loss curve a run shows are one network's);
 * notes.selection has every score and the choice.
 */
async function trainSelected(
  series: SeriesInput,
  params: TrainingParams,
  periods: Omit<ReturnType<typeof seriesPeriods>, 'frequency'> & { frequency: Frequency | undefined },
  hooks: TrainingHooks,
): Promise<TrainingResult> {
  const { period, scoring, seasonality, frequency } = periods;
  const values = [...series.values];
  const testRaw = values.slice(values.length - params.testSize);
  const {
    trainRaw,
    train,
    outlierPeriod,
    shape,
    plan,
    candidates,
    ctx: setupCtx,
    dropped,
  } = selectionSetup(series, params, periods);
  const ctx: CandidateContext = { ...setupCtx, signal: hooks.signal };
  const given = new Map((hooks.candidateScores ?? []).map((s) => [s.name, s]));
  const missing = candidates.filter((c) => !given.has(c.name));
  const scored = new Map((await scoreCandidates(train, missing, ctx, plan)).map((s) => [s.name, s]));
  const scores = candidates.flatMap((c) => given.get(c.name) ?? scored.get(c.name) ?? []);
  // The benchmark alone represents a cycle detected but too long to model: it is not averaged away.
  const repeatedCycle = candidates.find((c) => c.name === 'snaive')?.window ?? 0;
  const repeatsDropped = dropped.includes(repeatedCycle);
  const choice: CandidateChoice = hooks.signal?.aborted
    ? { chosen: [], rule: 'best-few' }
    : chooseCandidates(scores, {
        origins: plan.origins.length,
        // Only a day kept from under two days is repeated whatever its score: a week kept from
        // 9-13 days was tested on its pairs a week apart, and is used alone where it validates best.
        ...(repeatsDropped
          ? { alone: 'snaive', untestedDay: repeatedCycle === period && trainRaw.length < MIN_LAG_CYCLES * repeatedCycle }
          : {}),
      });
  const chosenNames = choice.chosen;
  const modelPeriods = shape.seasonal ? [period, ...(ctx.longerPeriods ?? [])] : [];
  const chosenSpecs = chosenNames.map((name) => candidates.find((c) => c.name === name)!);
  const members = await fitChosen(train, chosenSpecs, { ...ctx, onEpochEnd: hooks.onEpochEnd });
  const reporter = reportingMember(chosenSpecs);
  const reported = members[reporter];
  const disposeOthers = () => members.forEach((m, i) => i !== reporter && m.model.dispose());
  const selection: SelectionNotes = {
    candidates: scores.map((s) => ({ ...s, chosen: chosenNames.includes(s.name) })),
    chosen: chosenNames,
    rule: choice.rule,
    ...(choice.rule === 'repeats-cycle' || choice.rule === 'untested-day' ? { repeatedCycle } : {}),
    combination: 'median',
    validation: plan,
    seasonal: shape.seasonal,
    periods: modelPeriods,
  };
  const baselineScores = scoreBaselines(trainRaw, testRaw, scoring);
  const baselines = baselineScores.metrics;
  const notes: PipelineNotes = {
    period,
    scoringPeriod: scoring,
    ...(seasonality ? { seasonality } : {}),
    baselineModels: baselineScores.models,
    ...demandNote(trainRaw),
    frequency,
    backend: tf.getBackend(),
    gruImpl: reported ? trainedGruImpl(reported) : null,
    trainPoints: trainRaw.length,
    trainWindows: reported ? reported.state.residuals.length : 0,
    validationWindows: 0,
    messages: seasonMessages(modelPeriods, dropped, seasonality !== undefined),
    selection,
  };
  if (!reported || hooks.signal?.aborted || members.some((m) => m.fit.stopReason === 'aborted')) {
    disposeOthers();
    notes.messages.push('training aborted during candidate selection; no forecasts were made.');
    const nan = { mae: NaN, rmse: NaN, mape: NaN, smape: NaN, mase: NaN, coverage: NaN };
    const model =
      reported?.model ?? createGruModel({ window: 1, hidden: 1, convention: params.convention, impl: 'auto', seed: 0 });
    const fit: FitResult = reported?.fit ?? { epochs: [], epochsRun: 0, bestEpoch: 0, stopReason: 'aborted' };
    return {
      params,
      scaler: { min: 0, max: 1, lo: -1, hi: 1 },
      model,
      fit: { ...fit, stopReason: 'aborted' },
      holdout: [],
      future: [],
      metrics: nan,
      baselines,
      notes,
    };
  }
  try {
    const held = combinedForecast(members, train, params.testSize, params.seed);
    const holdoutTimes = series.timestamps?.slice(trainRaw.length);
    const holdout = testRaw.map((actual, i) => ({
      step: i + 1,
      ...(holdoutTimes ? { t: holdoutTimes[i] } : {}),
      actual,
      forecast: held.forecast[i],
      p10: held.p10[i],
      p50: held.p50[i],
      p90: held.p90[i],
    }));
    const ahead = combinedForecast(members, modelledHistory(values, outlierPeriod), params.horizon, params.seed);
    const times = futureTimestamps(series, params.horizon);
    const future = ahead.forecast.map((forecast, i) => ({
      step: i + 1,
      ...(times ? { t: times[i] } : {}),
      forecast,
      p10: ahead.p10[i],
      p50: ahead.p50[i],
      p90: ahead.p90[i],
    }));
    const metrics: ModelMetrics = {
      ...forecastMetrics(testRaw, held.forecast, trainRaw, scoring),
      coverage: intervalCoverage(testRaw, held.p10, held.p90),
    };
    const ensemble = await Promise.all(members.map(storeMember));
    const scaler: FittedPreprocessing = {
      ...reported.state.scaler,
      ...(reported.state.transform.profile ? { seasonalProfile: [...reported.state.transform.profile] } : {}),
      residuals: reported.state.residuals,
      ensemble,
      ...(outlierPeriod ? { outlierPeriod } : {}),
    };
    const effective: TrainingParams = {
      ...params,
      seasonalPeriod: period,
      // The reporting network's own shape and training (epochs, early stopping).
      ...reported.training,
      window: reported.model.spec.window,
      hidden: reported.model.spec.hidden,
      transform: reported.state.transform.name,
      windowNorm: reported.state.windowNorm,
    };
    return { params: effective, scaler, model: reported.model, fit: reported.fit, holdout, future, metrics, baselines, notes };
  } finally {
    disposeOthers();
  }
}

/** Which seasonal cycles the candidates removed, and the detected ones they could not. */
function seasonMessages(periods: readonly number[], dropped: readonly number[], detected: boolean): string[] {
  const out: string[] = [];
  if (periods.length > 1) {
    out.push(
      `seasonal cycles ${periods.join(' and ')} modelled together (MSTL-style: each cycle's profile fitted on the ` +
        `series minus the others, shortest first; forecast by repeating them).`,
    );
  }
  if (dropped.length && detected) {
    out.push(
      `detected seasonal period${dropped.length > 1 ? 's' : ''} ${dropped.join(', ')} not modelled: the candidates need two ` +
        `cycles before the first validation origin${periods.length ? '' : ' and the season shown in the training part'}.`,
    );
  }
  return out;
}

/** Residuals kept with a model: the most recent ones, enough for stable 10 %/90 % quantiles. */
const MAX_RESIDUALS = 1_000;

/**
 * One-step errors (target - prediction, in model space) over training and validation windows,
 * the most recent MAX_RESIDUALS. On flights.csv the p10-p90 interval from these covers 11 of 12
 * holdout months for every seed; the 12 validation errors alone gave 7-10 (too few to sample).
 */
export function oneStepResiduals(model: GruModel, windows: Windows): number[] {
  const first = Math.max(0, windows.count - MAX_RESIDUALS);
  const w = model.spec.window;
  const predicted = model.predict(windows.xs.subarray(first * w, windows.count * w));
  return Array.from(predicted, (p, i) => windows.ys[first + i] - p);
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
  const z = lastModelWindow(model, scaler, history, transform);
  const zForecast = scaler.inverse(autoregressiveForecast(model, z, steps, norm));
  return invertTransform(history, zForecast, transform);
}

/** The point forecast plus p10/p50/p90 from simulated paths (see forecast-intervals.ts). */
export function forecastWithIntervals(
  model: GruModel,
  scaler: MinMaxScaler,
  history: readonly number[],
  transform: TransformSpec,
  steps: number,
  norm: WindowNorm,
  residuals: readonly number[],
  seed: number,
): { forecast: number[] } & QuantileForecast {
  const forecast = forecastAfter(model, scaler, history, transform, steps, norm);
  const z = lastModelWindow(model, scaler, history, transform);
  const paths = simulatePaths(model, z, steps, norm, residuals, { seed }).map((path) =>
    invertTransform(history, scaler.inverse(Array.from(path)), transform),
  );
  return floorAtZeroWhenNeverNegative({ forecast, ...pathQuantiles(paths, steps) }, history);
}

/** The last `window` points of history (which starts at the series' first point) in model space. */
function lastModelWindow(model: GruModel, scaler: MinMaxScaler, history: readonly number[], transform: TransformSpec): number[] {
  const w = model.spec.window;
  const lag = transformLag(transform);
  if (history.length < w + lag) {
    throw new Error(`forecast: need at least ${w + lag} points of history, got ${history.length}`);
  }
  // Only the tail matters: the last window of transformed values (+ the lag they depend on).
  const start = history.length - w - lag;
  return scaler.transform(applyTransform(history.slice(start), transform, start));
}

export function futurePoints(
  model: GruModel,
  scaler: MinMaxScaler,
  series: SeriesInput,
  transform: TransformSpec,
  horizon: number,
  norm: WindowNorm = 'none',
  residuals?: readonly number[],
  seed = 0,
): FuturePoint[] {
  const history = [...series.values];
  const times = futureTimestamps(series, horizon);
  const dated = (i: number) => ({ step: i + 1, ...(times ? { t: times[i] } : {}) });
  if (!residuals?.length) {
    return forecastAfter(model, scaler, history, transform, horizon, norm).map((f, i) => ({ ...dated(i), forecast: f }));
  }
  const f = forecastWithIntervals(model, scaler, history, transform, horizon, norm, residuals, seed);
  return f.forecast.map((forecast, i) => ({ ...dated(i), forecast, p10: f.p10[i], p50: f.p50[i], p90: f.p90[i] }));
}
