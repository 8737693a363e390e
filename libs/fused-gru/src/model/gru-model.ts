// The contract between the forecasting pipeline and whatever trains the GRU (this lib's fused GRU or
// tf.layers.gru in the forecasting lib). It lives here, in the lower lib, so that fused-gru never
// imports the forecasting lib; the pipeline only ever talks to these types.
import type * as tf from '@tensorflow/tfjs';

/** 'reset-after': PyTorch nn.GRU / cuDNN (sigmoid gates, r applied after the recurrent matmul,
 *  separate input and recurrent biases). 'keras': tf.layers.gru's default equations. */
export type GateConvention = 'reset-after' | 'keras';
/** Which implementation trains the GRU; 'auto' picks the fastest correct one for the backend. */
export type GruImpl = 'layers' | 'fused' | 'auto';

export interface GruModelSpec {
  window: number; // time steps per sample
  hidden: number; // GRU units
  convention: GateConvention;
  impl: GruImpl;
  seed: number; // weight init seed: same seed + data + backend => same losses
}

export interface EpochReport {
  epoch: number; // 1-based
  loss: number; // mean training MSE over the epoch
  valLoss?: number;
  ms: number; // wall time of the epoch
}

/** What a fit tells its listener after each epoch: the epoch's report and the epochs the fit may
 *  run, so progress reads "12 of 40" for a net trained 40 whatever the run's params say (early
 *  stopping may end it sooner). */
export interface EpochProgress extends EpochReport {
  epochs: number;
}

export interface FitOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  shuffle: boolean;
  seed: number; // shuffling seed
  validation?: { xs: Float32Array; ys: Float32Array };
  patience?: number; // early stopping on valLoss; best weights restored
  onEpochEnd?: (progress: EpochProgress) => void | Promise<void>;
  signal?: AbortSignal; // checked at every epoch boundary
}

export interface FitResult {
  epochs: EpochReport[];
  epochsRun: number;
  bestEpoch: number;
  stopReason: 'completed' | 'early-stopped' | 'aborted';
}

/** Serialized model: tfjs topology + weights, storable as JSON + bytes. */
export interface GruArtifacts {
  modelTopology: object;
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: Uint8Array;
}

export interface GruModel {
  /** 'mlp' and 'naive': the forecasting lib's non-recurrent selection members (the nnetar-style
   *  feed-forward net, seasonal naive), which honour the same contract. */
  readonly impl: 'layers' | 'fused' | 'mlp' | 'naive';
  readonly spec: GruModelSpec;
  /** xs: n*window values laid out [sample][step], ys: n targets. */
  fit(xs: Float32Array, ys: Float32Array, options: FitOptions): Promise<FitResult>;
  /** One-step-ahead prediction for n windows (recurrent state starts at zero for each). */
  predict(xs: Float32Array): Float32Array;
  save(): Promise<GruArtifacts>;
  dispose(): void;
}
