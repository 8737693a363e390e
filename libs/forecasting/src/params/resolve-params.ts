import { ParamValidationError } from '../errors';
import { MIN_SERIES_LENGTH } from '../csv/dataset-limits';
import { seasonalPeriod, type Frequency } from '../time/frequency';
import { WINDOW_NORMS } from '../series/window-normalization';
import { assertSelectionFits } from '../selection/select-candidates';
import { naturalHorizon, naturalTestSize } from './natural-horizon';
import { PRESET_NAMES, PRESETS, type PresetName } from './presets';
import {
  GATE_CONVENTIONS,
  GRU_IMPLS,
  MAX_BATCH_SIZE,
  MAX_EPOCHS,
  MAX_HIDDEN,
  MAX_HORIZON,
  MAX_LEARNING_RATE,
  MAX_PATIENCE,
  MAX_WINDOW,
  SELECTION_MODES,
  TRANSFORM_CHOICES,
  type SeriesTransformName,
  type TrainingParams,
} from './training-params';

/** What resolveParams needs to know about the series; a bare number is its length. */
export interface SeriesShape {
  length: number;
  frequency?: Frequency;
  /** Smallest value; log transforms need it > 0. */
  min?: number;
  /** Seasonal period detected in the data (detectSeasonality's primary, 1 = none). When set, the
   *  model's transforms use it instead of the frequency's nominal period (seasonalPeriod 0 only). */
  period?: number;
}

type Check = (value: unknown, name: string) => void;

const int =
  (min: number, max: number): Check =>
  (v, name) => {
    if (typeof v !== 'number' || !Number.isInteger(v))
      throw new ParamValidationError(name, `${name} must be an integer, got ${show(v)}.`);
    if (v < min || v > max) throw new ParamValidationError(name, `${name} must be between ${min} and ${max}, got ${v}.`);
  };

const oneOf =
  (allowed: readonly string[]): Check =>
  (v, name) => {
    if (typeof v !== 'string' || !allowed.includes(v)) {
      throw new ParamValidationError(name, `${name} must be one of ${allowed.map((a) => `"${a}"`).join(', ')}, got ${show(v)}.`);
    }
  };

const CHECKS: Record<keyof TrainingParams, Check> = {
  testSize: int(1, Number.MAX_SAFE_INTEGER), // bounded by the series length below
  window: int(1, MAX_WINDOW),
  hidden: int(1, MAX_HIDDEN),
  epochs: int(1, MAX_EPOCHS),
  batchSize: int(1, MAX_BATCH_SIZE),
  learningRate: (v, name) => {
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new ParamValidationError(name, `${name} must be a number, got ${show(v)}.`);
    if (v <= 0 || v > MAX_LEARNING_RATE) {
      throw new ParamValidationError(name, `${name} must be > 0 and <= ${MAX_LEARNING_RATE}, got ${v}.`);
    }
  },
  shuffle: (v, name) => {
    if (typeof v !== 'boolean') throw new ParamValidationError(name, `${name} must be true or false, got ${show(v)}.`);
  },
  seed: int(0, 2 ** 31 - 1),
  horizon: int(1, MAX_HORIZON),
  convention: oneOf(GATE_CONVENTIONS),
  impl: oneOf(GRU_IMPLS),
  validationSize: int(0, Number.MAX_SAFE_INTEGER),
  patience: int(0, MAX_PATIENCE),
  transform: oneOf(TRANSFORM_CHOICES),
  windowNorm: oneOf(WINDOW_NORMS),
  seasonalPeriod: int(0, 10_000),
  selection: oneOf(SELECTION_MODES),
};

/** Params that fix one architecture; giving any of them turns per-series selection off. */
const ARCHITECTURE_PARAMS: Array<keyof TrainingParams> = [
  'window',
  'hidden',
  'transform',
  'windowNorm',
  'validationSize',
  'patience',
];

export const PARAM_NAMES = Object.keys(CHECKS) as Array<keyof TrainingParams>;

/**
 * Merges `overrides` (typically an untrusted request body) onto a preset and validates the
 * result against the series. Every failure is a ParamValidationError naming the parameter.
 */
export function resolveParams(preset: PresetName | string, overrides: unknown, series: number | SeriesShape): TrainingParams {
  if (!PRESET_NAMES.includes(preset as PresetName)) {
    throw new ParamValidationError('preset', `Unknown preset ${show(preset)}; use one of ${PRESET_NAMES.join(', ')}.`);
  }
  if (overrides !== undefined && overrides !== null && (typeof overrides !== 'object' || Array.isArray(overrides))) {
    throw new ParamValidationError('params', 'params must be an object.');
  }
  const given = (overrides ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!(PARAM_NAMES as string[]).includes(key)) {
      throw new ParamValidationError(key, `Unknown parameter "${key}". Known parameters: ${PARAM_NAMES.join(', ')}.`);
    }
  }
  const params: TrainingParams = { ...PRESETS[preset as PresetName] };
  if (preset === 'default') {
    // One natural forecasting period of the data (natural-horizon.ts), not 12 steps of any step.
    const shape = typeof series === 'number' ? { length: series } : series;
    params.testSize = naturalTestSize(shape.frequency, shape.length);
    params.horizon = naturalHorizon(shape.frequency);
  }
  // Asking for a specific architecture means training it, not choosing among candidates.
  if (given.selection === undefined && ARCHITECTURE_PARAMS.some((k) => given[k] !== undefined)) params.selection = 'off';
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) continue; // an absent optional field in a DTO
    CHECKS[key as keyof TrainingParams](value, key);
    (params as unknown as Record<string, unknown>)[key] = value;
  }
  assertParamsFitSeries(params, typeof series === 'number' ? { length: series } : series);
  return params;
}

/** Season length the model's transforms use: the explicit param, else the period detected in the
 *  data (`detected`, see time/seasonality.ts), else the frequency's nominal period, else 1. */
export function effectivePeriod(
  params: Pick<TrainingParams, 'seasonalPeriod'>,
  frequency?: Frequency,
  detected?: number,
): number {
  if (params.seasonalPeriod > 0) return params.seasonalPeriod;
  return detected ?? seasonalPeriod(frequency);
}

/** Season length metrics and baselines use: the explicit param, else the frequency's nominal
 *  period (MASE's scale, seasonal naive's lag: 12 for monthly data whether or not this series is
 *  seasonal, as R's scores in anchors.csv), never a detected one. */
export function scoringPeriod(params: Pick<TrainingParams, 'seasonalPeriod'>, frequency?: Frequency): number {
  return effectivePeriod(params, frequency);
}

/**
 * The shape to train with: `shape` plus the detected period, unless the params fix the period,
 * the detected period does not fit the params (then the nominal one that was validated is kept),
 * or the transform explicitly asks for a season the data do not show (then the nominal one too).
 */
export function withDetectedPeriod(params: TrainingParams, shape: SeriesShape, detected: number): SeriesShape {
  if (params.seasonalPeriod > 0) return shape;
  const explicitSeason = params.transform !== 'auto' && /seasonal|deseasonalize/.test(params.transform);
  if (explicitSeason && detected <= 1) return shape;
  const candidate = { ...shape, period: detected };
  try {
    assertParamsFitSeries(params, candidate);
    return candidate;
  } catch {
    return shape;
  }
}

/** Points at the start of the training part consumed by differencing (no sample can use them). */
export function pointsLostToTransform(
  params: Pick<TrainingParams, 'transform' | 'seasonalPeriod'>,
  frequency?: Frequency,
  detected?: number,
): number {
  if (params.transform === 'auto') return 1; // falls back to (log-)diff when a season does not fit
  if (params.transform.endsWith('seasonal-diff')) return effectivePeriod(params, frequency, detected);
  if (params.transform.endsWith('diff')) return 1;
  return 0;
}

/** The series-dependent checks of resolveParams, for callers holding already-resolved params
 *  (the pipeline re-checks, since the worker may only know the length when resolving). */
export function assertParamsFitSeries(p: TrainingParams, series: SeriesShape): void {
  const n = series.length;
  if (p.testSize >= n) {
    // A panel keeps series too short to forecast (a new product); say that, not only the arithmetic.
    const tooShort =
      n < MIN_SERIES_LENGTH
        ? ` A series of ${n} point${n === 1 ? '' : 's'} is too short to forecast: ${MIN_SERIES_LENGTH} are needed.`
        : '';
    throw new ParamValidationError(
      'testSize',
      `testSize (${p.testSize}) must be smaller than the series length (${n}).${tooShort}`,
    );
  }
  if (p.selection === 'auto') {
    // The candidates adapt window, validation and transform to the series; only its length can refuse it.
    assertSelectionFits(n, p.testSize);
    return;
  }
  const lost = pointsLostToTransform(p, series.frequency, series.period);
  const trainWindows = n - p.testSize - lost - p.window;
  if (trainWindows < 1) {
    const transformNote = lost ? ` minus ${lost} point(s) used by the "${p.transform}" transform` : '';
    throw new ParamValidationError(
      'window',
      `window (${p.window}) + testSize (${p.testSize}) leaves no training samples: the series has ${n} points${transformNote}. ` +
        `Use a smaller window or testSize.`,
    );
  }
  if (p.validationSize >= trainWindows) {
    throw new ParamValidationError(
      'validationSize',
      `validationSize (${p.validationSize}) must be smaller than the number of training windows (${trainWindows}).`,
    );
  }
  if (p.patience > 0 && p.validationSize === 0) {
    throw new ParamValidationError('patience', 'patience (early stopping) needs validationSize > 0 to watch a validation loss.');
  }
  const period = effectivePeriod(p, series.frequency, series.period);
  if (p.transform.endsWith('deseasonalize') && period > 1 && n - p.testSize < 2 * period) {
    throw new ParamValidationError(
      'transform',
      `transform "${p.transform}" fits a seasonal profile and needs two seasons (${2 * period} points) before the test part; ` +
        `the series has ${n - p.testSize}.`,
    );
  }
  if (p.transform.startsWith('log') && series.min !== undefined && !(series.min > 0)) {
    throw new ParamValidationError(
      'transform',
      `transform "${p.transform}" takes logarithms and needs all values > 0, but the series has ${series.min}.`,
    );
  }
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/**
 * Resolves transform 'auto' for one series. Logs first when all values are > 0 (multiplicative
 * seasonality and growth become additive). Then the level and trend are handled either per
 * window (windowNorm 'mean'/'last') or by differencing:
 * - per-window normalisation: remove a seasonal profile fitted on the training part when it holds
 *   two seasons (see seasonal-profile.ts), else nothing more;
 * - no normalisation: a seasonal difference when a season, a window and
 *   MIN_AUTO_SEASONAL_SAMPLES samples fit, else a first difference.
 * 'auto' never models raw levels: a tanh network cannot extrapolate past the training range.
 */
export function resolveAutoTransform(
  params: Pick<TrainingParams, 'transform' | 'seasonalPeriod' | 'testSize' | 'window' | 'validationSize' | 'windowNorm'>,
  series: SeriesShape,
): SeriesTransformName {
  if (params.transform !== 'auto') return params.transform;
  const positive = series.min !== undefined && series.min > 0;
  const period = effectivePeriod(params, series.frequency, series.period);
  if (params.windowNorm !== 'none') {
    const seasonal = period > 1 && series.length - params.testSize >= 2 * period;
    if (seasonal) return positive ? 'log-deseasonalize' : 'deseasonalize';
    return positive ? 'log' : 'none';
  }
  const samples = series.length - params.testSize - period - params.window - params.validationSize;
  if (period > 1 && samples >= MIN_AUTO_SEASONAL_SAMPLES) return positive ? 'log-seasonal-diff' : 'seasonal-diff';
  return positive ? 'log-diff' : 'diff';
}

/** Training windows 'auto' wants left after seasonal differencing; fewer is too little to learn from. */
const MIN_AUTO_SEASONAL_SAMPLES = 24;
