// Rolling-origin backtests: which part of the series each fold trains and is scored on.
//
// A run of n points with testSize t and `backtest: { folds: F, step: s }` has F folds. Fold k
// (k = 1..F) sees only the first
//
//     origin_k = n − (F − k + 1) · s
//
// points: it trains on [0, origin_k − t) and is scored on its last t points [origin_k − t, origin_k),
// exactly as a run on that truncated series would be. Training never sees its fold's test points, and
// no fold sees anything after its origin. The last fold ends `s` points before the series does, so the
// run's own holdout (the last t points, scored by the run itself) acts as fold F + 1; with s = t the
// folds' test windows tile the F·t points before the run's holdout without overlapping. With s < t
// consecutive test windows overlap (still no leakage: each fold is trained on its own past only).
//
// Pure arithmetic, shared by the API (validation, fold rows) and the worker (truncation).

export const MAX_BACKTEST_FOLDS = 20;

export interface BacktestConfig {
  folds: number;
  step: number;
}

export interface FoldWindow {
  fold: number;
  /** Points of the series the fold uses (it is truncated there). */
  origin: number;
  /** Points it trains on: [0, trainPoints). */
  trainPoints: number;
  /** Its test part, 0-based and half-open: [testFrom, testTo) = its last testSize points. */
  testFrom: number;
  testTo: number;
}

/** Points of an `length`-point series that fold `fold` (1-based) uses: n − (folds − fold + 1) · step. */
export function foldOrigin(length: number, config: BacktestConfig, fold: number): number {
  if (!Number.isInteger(fold) || fold < 1 || fold > config.folds) {
    throw new RangeError(`fold must be an integer from 1 to ${config.folds}, got ${fold}`);
  }
  return length - (config.folds - fold + 1) * config.step;
}

/** Every fold's window, earliest first. */
export function foldWindows(length: number, testSize: number, config: BacktestConfig): FoldWindow[] {
  return Array.from({ length: config.folds }, (_, i) => {
    const origin = foldOrigin(length, config, i + 1);
    return { fold: i + 1, origin, trainPoints: origin - testSize, testFrom: origin - testSize, testTo: origin };
  });
}

/** The config stored on a run (its `backtest` JSON column), or null for a run without a backtest. */
export function parseBacktestConfig(value: unknown): BacktestConfig | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const { folds, step } = value as Record<string, unknown>;
  const valid = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;
  return valid(folds) && valid(step) ? { folds, step } : null;
}
