// The training parameters the New run form offers, with the bounds the API enforces. Presets and
// caps are imported from the forecasting and core libs themselves (modules without runtime imports), so the form can
// never drift from what resolveParams accepts.
import { MAX_BACKTEST_FOLDS } from '../../../libs/core/src/backtest/backtest-folds';
import { PRESETS, type PresetName } from '../../../libs/forecasting/src/params/presets';
import {
  MAX_BATCH_SIZE,
  MAX_EPOCHS,
  MAX_HIDDEN,
  MAX_HORIZON,
  MAX_LEARNING_RATE,
  MAX_PATIENCE,
  MAX_WINDOW,
  SERIES_TRANSFORMS,
} from '../../../libs/forecasting/src/params/training-params';

export type { PresetName };
export type ParamName = keyof (typeof PRESETS)['seed'];

export type ParamSpec =
  | {
      name: ParamName;
      kind: 'int' | 'number';
      label: string;
      help: string;
      min: number;
      max: (seriesLength: number) => number;
      step?: number;
    }
  | { name: ParamName; kind: 'choice'; label: string; help: string; options: readonly string[] }
  | { name: ParamName; kind: 'bool'; label: string; help: string };

const fixed = (n: number) => () => n;

/** Shown up front; the rest sit under "More parameters". */
export const MAIN_PARAMS: ParamSpec[] = [
  { name: 'epochs', kind: 'int', label: 'Epochs', help: 'Passes over the training windows.', min: 1, max: fixed(MAX_EPOCHS) },
  { name: 'hidden', kind: 'int', label: 'Hidden units', help: 'GRU width.', min: 1, max: fixed(MAX_HIDDEN) },
  {
    name: 'window',
    kind: 'int',
    label: 'Window',
    help: 'Input steps per sample.',
    min: 1,
    max: (n) => Math.max(1, Math.min(MAX_WINDOW, n - 2)),
  },
  {
    name: 'testSize',
    kind: 'int',
    label: 'Holdout size',
    help: 'Last points held out for scoring.',
    min: 1,
    max: (n) => Math.max(1, n - 2),
  },
  {
    name: 'horizon',
    kind: 'int',
    label: 'Future horizon',
    help: 'Steps forecast past the end.',
    min: 1,
    max: fixed(MAX_HORIZON),
  },
];

export const MORE_PARAMS: ParamSpec[] = [
  {
    name: 'batchSize',
    kind: 'int',
    label: 'Batch size',
    help: 'Samples per optimizer step.',
    min: 1,
    max: fixed(MAX_BATCH_SIZE),
  },
  {
    name: 'learningRate',
    kind: 'number',
    label: 'Learning rate',
    help: 'Adam step size.',
    min: 1e-6,
    max: fixed(MAX_LEARNING_RATE),
    step: 1e-6,
  },
  { name: 'seed', kind: 'int', label: 'Seed', help: 'Weight init and shuffling.', min: 0, max: fixed(2 ** 31 - 1) },
  { name: 'shuffle', kind: 'bool', label: 'Shuffle', help: 'Shuffle sample order each epoch.' },
  {
    name: 'transform',
    kind: 'choice',
    label: 'Transform',
    help: 'Applied before scaling; inverted exactly.',
    options: SERIES_TRANSFORMS,
  },
  {
    name: 'seasonalPeriod',
    kind: 'int',
    label: 'Seasonal period',
    help: '0 = detected in the data (e.g. 48 and 336 for half-hourly load); metrics keep the frequency’s period.',
    min: 0,
    max: fixed(10_000),
  },
  {
    name: 'validationSize',
    kind: 'int',
    label: 'Validation windows',
    help: 'For early stopping; 0 = off.',
    min: 0,
    max: (n) => Math.max(0, n - 3),
  },
  {
    name: 'patience',
    kind: 'int',
    label: 'Patience',
    help: 'Epochs without improvement; needs validation.',
    min: 0,
    max: fixed(MAX_PATIENCE),
  },
];

export const ALL_PARAMS = [...MAIN_PARAMS, ...MORE_PARAMS];

export function presetValue(preset: PresetName, name: ParamName): unknown {
  return PRESETS[preset][name];
}

export { MAX_BACKTEST_FOLDS };

/**
 * The `backtest` of POST /v1/runs from the form's folds and step: undefined when both are blank (no
 * backtest). A blank one is left out and a non-number goes through as typed, so the API's 400 names
 * it (e.g. "backtest.step: must be an integer >= 1").
 */
export function readBacktest(folds: string, step: string): { folds?: unknown; step?: unknown } | undefined {
  const read = (raw: string) => {
    if (raw.trim() === '') return undefined;
    const n = Number(raw);
    return Number.isFinite(n) ? n : raw;
  };
  const out = { folds: read(folds), step: read(step) };
  return out.folds === undefined && out.step === undefined ? undefined : out;
}

/** Reads a form value into what the API expects, or undefined when left blank (= preset value). */
export function readParam(spec: ParamSpec, raw: string): unknown {
  if (raw.trim() === '') return undefined;
  if (spec.kind === 'bool') return raw === 'true';
  if (spec.kind === 'choice') return raw;
  const n = Number(raw);
  return Number.isFinite(n) ? n : raw; // a non-number goes through; the API names the problem
}
