import { createFusedGruModel, loadFusedGruModel } from '@seqcast/fused-gru';
import { LayersGruModel, loadLayersGruModel } from './layers-gru-model';
import type { GruArtifacts, GruModel, GruModelSpec } from './types';
import { NNAR_TOPOLOGY_CLASS, NnarModel } from '../selection/nnar-model';
import { SEASONAL_NAIVE_TOPOLOGY_CLASS, SeasonalNaiveModel } from '../selection/seasonal-naive-model';

/**
 * The one place a GRU implementation is chosen. 'auto' takes the fused GRU (@seqcast/fused-gru)
 * whenever its kernel loads: it is the only implementation of the reference's reset-after
 * equations and, measured by `npm run bench`, ~100× faster than tf.layers.gru at batch size 1.
 * Its optimizer is Adam run inside the kernel (tfjs Adam's update, rearranged to one division per
 * weight; a test pins the two to 1e-6), because tfjs Adam's per-step op overhead alone would cost
 * more than the whole training.
 */
export function createGruModel(spec: GruModelSpec): GruModel {
  return resolvedGruImpl(spec) === 'fused' ? createFusedGruModel(spec, { optimizer: 'fused-adam' }) : LayersGruModel.create(spec);
}

/** Which implementation createGruModel will actually use for `spec` (for run notes). */
export function resolvedGruImpl(spec: Pick<GruModelSpec, 'impl'>): 'layers' | 'fused' {
  // Even on the pure-JS kernel (no wasm SIMD) fused beats tf.layers.gru, which then runs on the
  // cpu backend at ~50 s per reference epoch; so only an explicit 'layers' picks layers.
  return spec.impl === 'layers' ? 'layers' : 'fused';
}

/** Restores a model from GruModel.save() output, whichever implementation trained it (the
 *  selection's nnetar-style and seasonal naive members included). */
export function loadGruModel(artifacts: GruArtifacts): Promise<GruModel> {
  const topologyClass = (artifacts.modelTopology as { class_name?: string }).class_name;
  if (topologyClass === NNAR_TOPOLOGY_CLASS) return Promise.resolve(NnarModel.load(artifacts));
  if (topologyClass === SEASONAL_NAIVE_TOPOLOGY_CLASS) return Promise.resolve(SeasonalNaiveModel.load(artifacts));
  const layers = (artifacts.modelTopology as { config?: { layers?: { class_name?: string }[] } }).config?.layers ?? [];
  return layers.some((l) => l.class_name === 'FusedGru')
    ? loadFusedGruModel(artifacts, { optimizer: 'fused-adam' })
    : loadLayersGruModel(artifacts);
}
