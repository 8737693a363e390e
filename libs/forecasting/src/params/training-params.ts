import type { GateConvention, GruImpl } from '../gru/types';
import type { WindowNorm } from '../series/window-normalization';

/** Reversible transforms applied to the series before scaling (see transforms/). */
export const SERIES_TRANSFORMS = [
  'none',
  'log',
  'diff',
  'log-diff',
  'seasonal-diff',
  'log-seasonal-diff',
  'deseasonalize',
  'log-deseasonalize',
] as const;
export type SeriesTransformName = (typeof SERIES_TRANSFORMS)[number];
/** 'auto' is resolved per series by the pipeline (see resolveAutoTransform). */
export const TRANSFORM_CHOICES = ['auto', ...SERIES_TRANSFORMS] as const;
export type TransformChoice = (typeof TRANSFORM_CHOICES)[number];

/** 'auto': choose and combine GRU configurations per series by rolling-origin validation (the
 *  `default` preset; window, hidden, transform, windowNorm, validationSize and patience are then
 *  chosen per candidate, see selection/). 'off': train exactly the configuration given. */
export const SELECTION_MODES = ['auto', 'off'] as const;
export type SelectionMode = (typeof SELECTION_MODES)[number];

export interface TrainingParams {
  /** Last points held out for scoring (never seen by training or by the scaler). */
  testSize: number;
  /** Input time steps per sample. */
  window: number;
  /** GRU units. */
  hidden: number;
  epochs: number;
  batchSize: number;
  learningRate: number; // Adam
  shuffle: boolean; // shuffle sample order each epoch (seeded)
  seed: number; // weight init + shuffling
  /** Steps forecast past the end of the series. */
  horizon: number;
  convention: GateConvention;
  impl: GruImpl;
  /** Last training windows held out for early stopping; 0 = no validation. */
  validationSize: number;
  /** Epochs without valLoss improvement before stopping (best weights restored); 0 = off. */
  patience: number;
  /** Reversible transform before min-max scaling; forecasts are inverted exactly. */
  transform: TransformChoice;
  /** Per-window offset removed from inputs and target ('mean' | 'last'); 'none' = absolute values. */
  windowNorm: WindowNorm;
  /** Season length for seasonal transforms, baselines and MASE; 0 = detected in the training part for
   *  the model (time/seasonality.ts), the frequency's nominal period for baselines and MASE. */
  seasonalPeriod: number;
  /** Per-series candidate selection (absent in params stored before it existed: 'off'). */
  selection: SelectionMode;
}

export const GATE_CONVENTIONS: readonly GateConvention[] = ['reset-after', 'keras'];
export const GRU_IMPLS: readonly GruImpl[] = ['layers', 'fused', 'auto'];

// Caps that keep one job from monopolising a worker or its memory. The largest sane requests
// (e.g. hidden 256, window 168 = a week of hours, epochs 2000) fit well within them.
export const MAX_EPOCHS = 5_000;
export const MAX_HIDDEN = 512;
export const MAX_WINDOW = 512;
export const MAX_HORIZON = 1_000;
export const MAX_BATCH_SIZE = 4_096;
export const MAX_PATIENCE = 1_000;
export const MAX_LEARNING_RATE = 1;
