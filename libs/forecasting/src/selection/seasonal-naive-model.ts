// The benchmark every forecast must beat, as a selection member: the value one cycle back
// (seasonal naive; naive without a season). In the candidate pool it is scored on the same
// validation origins as the networks, so where none of them beats repeating the last cycle
// (sub-daily data too short to show its week, random walks) the choice falls back on it instead
// of on the least bad net. It honours the GRU model contract on windows one cycle long: the
// prediction for a window is its oldest value, so the shared autoregressive forecast and path
// simulation serve it unchanged, and its intervals grow with the cycles ahead as snaive's do.
import type { FitResult, GruArtifacts, GruModel, GruModelSpec } from '../gru/types';

export const SEASONAL_NAIVE_TOPOLOGY_CLASS = 'SeasonalNaive';

export class SeasonalNaiveModel implements GruModel {
  readonly impl = 'naive' as const;
  readonly spec: GruModelSpec;

  constructor(readonly lag: number) {
    if (!(lag >= 1)) throw new Error(`SeasonalNaiveModel: lag must be >= 1, got ${lag}`);
    this.spec = { window: lag, hidden: 0, convention: 'reset-after', impl: 'auto', seed: 0 };
  }

  /** Nothing to fit. */
  fit(): Promise<FitResult> {
    return Promise.resolve({ epochs: [], epochsRun: 0, bestEpoch: 0, stopReason: 'completed' });
  }

  predict(xs: Float32Array): Float32Array {
    const out = new Float32Array(xs.length / this.lag);
    for (let i = 0; i < out.length; i++) out[i] = xs[i * this.lag];
    return out;
  }

  save(): Promise<GruArtifacts> {
    return Promise.resolve({
      modelTopology: { class_name: SEASONAL_NAIVE_TOPOLOGY_CLASS, config: { lag: this.lag } },
      weightSpecs: [],
      weightData: new Uint8Array(0),
    });
  }

  static load(artifacts: GruArtifacts): SeasonalNaiveModel {
    return new SeasonalNaiveModel((artifacts.modelTopology as { config: { lag: number } }).config.lag);
  }

  dispose(): void {}
}
