import { LayersGruModel, loadLayersGruModel } from './layers-gru-model';
import type { GruArtifacts, GruModel, GruModelSpec } from './types';

/**
 * The one place a GRU implementation is chosen. Today every impl ('layers', 'fused', 'auto')
 * builds the tf.layers model; wiring @seqcast/fused-gru's createFusedGruModel(spec) for
 * 'fused'/'auto' is a one-line change here.
 */
export function createGruModel(spec: GruModelSpec): GruModel {
  return LayersGruModel.create(spec);
}

/** Which implementation createGruModel will actually use for `spec` (for run notes). */
export function resolvedGruImpl(spec: Pick<GruModelSpec, 'impl'>): 'layers' | 'fused' {
  void spec;
  return 'layers';
}

/** Restores a model from GruModel.save() output. */
export function loadGruModel(artifacts: GruArtifacts): Promise<GruModel> {
  return loadLayersGruModel(artifacts);
}
