// Several GRUs trained from different seeds, predicting their mean: forecast::nnetar averages 20
// networks because one small net on a short series is mostly noise from its initialisation and
// sample order. Averaging costs one fit per net, so the selection uses it where data is short
// (and fits are cheap), see fit-candidate.ts.
import type { FitOptions, FitResult, GruArtifacts, GruModel } from '../gru/types';

export class AveragedGruModel implements GruModel {
  constructor(readonly nets: readonly GruModel[]) {
    if (!nets.length) throw new Error('AveragedGruModel: no nets');
  }

  get impl() {
    return this.nets[0].impl;
  }

  get spec() {
    return this.nets[0].spec;
  }

  fit(_xs: Float32Array, _ys: Float32Array, _options: FitOptions): Promise<FitResult> {
    return Promise.reject(new Error('AveragedGruModel: fit each net, then average them'));
  }

  predict(xs: Float32Array): Float32Array {
    const out = new Float32Array(this.nets[0].predict(xs));
    for (const net of this.nets.slice(1)) {
      const p = net.predict(xs);
      for (let i = 0; i < out.length; i++) out[i] += p[i];
    }
    for (let i = 0; i < out.length; i++) out[i] /= this.nets.length;
    return out;
  }

  /** The first net (a stand-alone model); storeMember keeps every net. */
  save(): Promise<GruArtifacts> {
    return this.nets[0].save();
  }

  dispose(): void {
    for (const net of this.nets) net.dispose();
  }
}
