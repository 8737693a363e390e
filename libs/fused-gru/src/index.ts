// @seqcast/fused-gru: a fused whole-sequence GRU (wasm SIMD kernel, JS fallback) as a tfjs op,
// a tfjs layer, and a complete GruModel for the forecasting pipeline.
import { preferredKernelKind } from './kernel/load-kernel';

export type {
  EpochProgress,
  EpochReport,
  FitOptions,
  FitResult,
  GateConvention,
  GruArtifacts,
  GruImpl,
  GruModel,
  GruModelSpec,
} from './model/gru-model';
export { createFusedGruModel, loadFusedGruModel, buildFusedSequential } from './model/create-fused-gru-model';
export { FusedGruModel, type FusedGruModelOptions, type FusedOptimizer } from './model/fused-gru-model';
export { FusedGru, type FusedGruLayerArgs } from './layers/fused-gru-layer';
export {
  fusedGru,
  fusedGruFromWeights,
  packGruWeights,
  releaseFusedGruWorkspaces,
  type FusedGruOpOptions,
} from './ops/fused-gru-op';
export { referenceGruResetAfter, type GruWeights } from './reference/reference-gru';
export { mulberry32 } from './random';
export { packedLayout, type PackedLayout } from './packed-layout';
export type { KernelKind } from './kernel/kernel-instance';

/** True when the fast (wasm SIMD) kernel runs here; otherwise the fused path still works on the
 *  pure-JS kernel, but slower, and callers may prefer tf.layers.gru. */
export function fusedGruAvailable(): boolean {
  return preferredKernelKind() === 'wasm-simd';
}

export function fusedGruKernelKind() {
  return preferredKernelKind();
}
