// Building and loading fused GRU models (the GruModel contract in ./gru-model.ts).
import * as tf from '@tensorflow/tfjs';
import type { GruArtifacts, GruModel, GruModelSpec } from './gru-model';
import { FusedGru } from '../layers/fused-gru-layer';
import { FusedGruModel, type FusedGruModelOptions } from './fused-gru-model';

function checkSpec(spec: GruModelSpec): void {
  if (!Number.isInteger(spec.window) || spec.window < 1)
    throw new Error(`createFusedGruModel: window must be a positive integer, got ${spec.window}`);
  if (!Number.isInteger(spec.hidden) || spec.hidden < 1)
    throw new Error(`createFusedGruModel: hidden must be a positive integer, got ${spec.hidden}`);
}

/** The head's init: PyTorch nn.Linear's U(±1/√H) for the reference convention, Keras' otherwise. */
function denseInit(spec: GruModelSpec) {
  if (spec.convention !== 'reset-after') return { kernelInitializer: tf.initializers.glorotUniform({ seed: spec.seed + 1 }) };
  const bound = 1 / Math.sqrt(spec.hidden);
  return {
    kernelInitializer: tf.initializers.randomUniform({ minval: -bound, maxval: bound, seed: spec.seed + 1 }),
    biasInitializer: tf.initializers.randomUniform({ minval: -bound, maxval: bound, seed: spec.seed + 2 }),
  };
}

/** tf.sequential([FusedGru(hidden), Dense(1)]) with seeded initial weights. */
export function buildFusedSequential(spec: GruModelSpec): tf.Sequential {
  checkSpec(spec);
  return tf.sequential({
    layers: [
      new FusedGru({ units: spec.hidden, convention: spec.convention, seed: spec.seed, inputShape: [spec.window, 1] }),
      tf.layers.dense({ units: 1, ...denseInit(spec) }),
    ],
  });
}

export function createFusedGruModel(spec: GruModelSpec, options: FusedGruModelOptions = {}): FusedGruModel {
  return new FusedGruModel(buildFusedSequential(spec), spec, options);
}

export async function loadFusedGruModel(artifacts: GruArtifacts, options: FusedGruModelOptions = {}): Promise<GruModel> {
  const weightData = artifacts.weightData.slice().buffer; // tfjs wants a standalone ArrayBuffer
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: artifacts.modelTopology, weightSpecs: artifacts.weightSpecs, weightData }),
  );
  const gru = model.layers[0];
  if (!(gru instanceof FusedGru)) {
    model.dispose();
    throw new Error('loadFusedGruModel: artifacts are not a FusedGru model');
  }
  const window = model.inputs[0].shape[1];
  if (typeof window !== 'number') throw new Error('loadFusedGruModel: model input has no fixed window');
  return new FusedGruModel(
    model,
    { window, hidden: gru.units, convention: gru.convention, impl: 'fused', seed: gru.seed },
    options,
  );
}
