// GruModel on top of tf.layers.gru + dense(1), trained with a custom loop rather than model.fit:
// model.fit shuffles with Math.random (not reproducible), cannot restore best weights, and only
// yields to the event loop once per batch via its callbacks, which we need to control here.
import * as tf from '@tensorflow/tfjs';
import { mulberry32, shuffledIndices } from './seeded-random';
import type { EpochReport, FitOptions, FitResult, GruArtifacts, GruModel, GruModelSpec } from './types';

/** Longest stretch of synchronous training work before handing the event loop back (timers,
 *  BullMQ lock renewal, HTTP health checks). 50 ms costs well under 1 % in setImmediate hops. */
export const DEFAULT_YIELD_EVERY_MS = 50;

const MODEL_NAME_PREFIX = 'seqcast_gru_';

export interface LayersGruOptions {
  yieldEveryMs?: number;
}

export class LayersGruModel implements GruModel {
  readonly impl = 'layers' as const;
  private readonly yieldEveryMs: number;

  constructor(
    readonly spec: GruModelSpec,
    private readonly model: tf.LayersModel,
    options: LayersGruOptions = {},
  ) {
    this.yieldEveryMs = options.yieldEveryMs ?? DEFAULT_YIELD_EVERY_MS;
  }

  static create(spec: GruModelSpec, options?: LayersGruOptions): LayersGruModel {
    return new LayersGruModel(spec, buildLayersModel(spec), options);
  }

  async fit(xs: Float32Array, ys: Float32Array, options: FitOptions): Promise<FitResult> {
    const { window } = this.spec;
    const n = ys.length;
    if (n === 0 || xs.length !== n * window) {
      throw new Error(`fit: expected xs of ${n}*${window} values for ${n} targets, got ${xs.length}`);
    }
    const batchSize = Math.max(1, Math.min(options.batchSize, n));
    const optimizer = adamFor(this.spec, options.learningRate);
    const random = mulberry32(options.seed);
    const order = new Int32Array(n);
    const xAll = tf.tensor3d(xs, [n, window, 1]);
    const yAll = tf.tensor2d(ys, [n, 1]);
    const patience = options.validation && options.patience ? options.patience : 0;
    const epochs: EpochReport[] = [];
    let best = { valLoss: Infinity, epoch: 0, weights: undefined as tf.Tensor[] | undefined };
    let stopReason: FitResult['stopReason'] = 'completed';
    let lastYield = Date.now();

    try {
      for (let epoch = 1; epoch <= options.epochs; epoch++) {
        if (options.signal?.aborted) {
          stopReason = 'aborted';
          break;
        }
        const started = Date.now();
        if (options.shuffle) shuffledIndices(order, random);
        else for (let i = 0; i < n; i++) order[i] = i;
        const orderTensor = tf.tensor1d(order, 'int32');
        let lossSum: tf.Tensor = tf.scalar(0);
        for (let start = 0; start < n; start += batchSize) {
          const size = Math.min(batchSize, n - start);
          const next = tf.tidy(() => {
            const idx = orderTensor.slice(start, size);
            const xb = tf.gather(xAll, idx);
            const yb = tf.gather(yAll, idx);
            const loss = optimizer.minimize(() => tf.losses.meanSquaredError(yb, this.model.apply(xb) as tf.Tensor), true)!;
            return lossSum.add(loss.mul(size));
          });
          lossSum.dispose();
          lossSum = next;
          if (Date.now() - lastYield >= this.yieldEveryMs) {
            await yieldToEventLoop();
            lastYield = Date.now();
          }
        }
        orderTensor.dispose();
        const loss = (await lossSum.data())[0] / n;
        lossSum.dispose();

        const report: EpochReport = { epoch, loss, ms: 0 };
        if (options.validation) report.valLoss = this.mse(options.validation.xs, options.validation.ys);
        report.ms = Date.now() - started;
        epochs.push(report);

        if (patience && report.valLoss! < best.valLoss) {
          best.weights?.forEach((w) => w.dispose());
          best = { valLoss: report.valLoss!, epoch, weights: this.model.getWeights().map((w) => tf.clone(w)) };
        }
        await options.onEpochEnd?.({ ...report, epochs: options.epochs });
        lastYield = Date.now();
        if (patience && epoch - best.epoch >= patience) {
          stopReason = 'early-stopped';
          break;
        }
      }
      if (options.signal?.aborted) stopReason = 'aborted';
      if (best.weights) this.model.setWeights(best.weights);
    } finally {
      best.weights?.forEach((w) => w.dispose());
      xAll.dispose();
      yAll.dispose();
      optimizer.dispose();
    }
    return {
      epochs,
      epochsRun: epochs.length,
      bestEpoch: best.weights ? best.epoch : epochs.length,
      stopReason,
    };
  }

  predict(xs: Float32Array): Float32Array {
    const { window } = this.spec;
    const n = xs.length / window;
    if (!Number.isInteger(n)) throw new Error(`predict: ${xs.length} values is not a multiple of window ${window}`);
    if (n === 0) return new Float32Array(0);
    // stateful: false, so every window starts from a zero state.
    return tf.tidy(() => (this.model.predict(tf.tensor3d(xs, [n, window, 1])) as tf.Tensor).dataSync() as Float32Array).slice();
  }

  async save(): Promise<GruArtifacts> {
    let saved: GruArtifacts | undefined;
    await this.model.save(
      tf.io.withSaveHandler(async (a) => {
        const data = Array.isArray(a.weightData) ? tf.io.concatenateArrayBuffers(a.weightData) : a.weightData!;
        saved = {
          modelTopology: a.modelTopology as object,
          weightSpecs: a.weightSpecs!,
          weightData: new Uint8Array(data.slice(0)),
        };
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    return saved!;
  }

  dispose(): void {
    this.model.dispose();
  }

  private mse(xs: Float32Array, ys: Float32Array): number {
    const pred = this.predict(xs);
    let s = 0;
    for (let i = 0; i < ys.length; i++) s += (pred[i] - ys[i]) ** 2;
    return s / ys.length;
  }
}

/** Rebuilds a model saved by LayersGruModel.save(); the spec is read back from the topology. */
export async function loadLayersGruModel(artifacts: GruArtifacts, options?: LayersGruOptions): Promise<LayersGruModel> {
  const weightData = artifacts.weightData.buffer.slice(
    artifacts.weightData.byteOffset,
    artifacts.weightData.byteOffset + artifacts.weightData.byteLength,
  ) as ArrayBuffer;
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: artifacts.modelTopology, weightSpecs: artifacts.weightSpecs, weightData }),
  );
  const gru = model.layers.find((l) => l.getClassName() === 'GRU') as tf.RNN | undefined;
  const inputShape = model.inputs[0].shape;
  if (!gru || inputShape.length !== 3 || inputShape[2] !== 1 || typeof inputShape[1] !== 'number') {
    model.dispose();
    throw new Error('loadGruModel: artifacts are not a seqcast GRU model (expected input [window, 1] and a GRU layer)');
  }
  const convention = model.name === `${MODEL_NAME_PREFIX}reset_after` ? 'reset-after' : 'keras';
  const hidden = (gru.getConfig() as { units: number }).units;
  return new LayersGruModel({ window: inputShape[1], hidden, convention, impl: 'layers', seed: 0 }, model, options);
}

function buildLayersModel(spec: GruModelSpec): tf.LayersModel {
  const { window, hidden, seed, convention } = spec;
  // Distinct seeds per tensor: one shared seed would give correlated kernels.
  type Initializer = ReturnType<typeof tf.initializers.zeros>;
  const init = (offset: number, fallback: () => Initializer): Initializer => {
    if (convention !== 'reset-after') return fallback();
    const k = 1 / Math.sqrt(hidden); // PyTorch nn.GRU and nn.Linear(hidden, 1) both use U(-1/√H, 1/√H)
    return tf.initializers.randomUniform({ minval: -k, maxval: k, seed: seed + offset });
  };
  {
    const model = tf.sequential({ name: `${MODEL_NAME_PREFIX}${convention.replace('-', '_')}` });
    model.add(
      tf.layers.gru({
        units: hidden,
        inputShape: [window, 1],
        activation: 'tanh',
        recurrentActivation: 'sigmoid', // tfjs defaults to hardSigmoid; Keras 2+ and PyTorch use sigmoid
        kernelInitializer: init(1, () => tf.initializers.glorotUniform({ seed: seed + 1 })),
        recurrentInitializer: init(2, () => tf.initializers.orthogonal({ seed: seed + 2 })),
        biasInitializer: init(3, () => tf.initializers.zeros()),
        returnSequences: false,
        stateful: false,
      }),
    );
    model.add(
      tf.layers.dense({
        units: 1,
        kernelInitializer: init(4, () => tf.initializers.glorotUniform({ seed: seed + 4 })),
        biasInitializer: init(5, () => tf.initializers.zeros()),
      }),
    );
    return model;
  }
}

function adamFor(spec: GruModelSpec, learningRate: number): tf.AdamOptimizer {
  // PyTorch's Adam eps is 1e-8, Keras' 1e-7.
  return tf.train.adam(learningRate, 0.9, 0.999, spec.convention === 'reset-after' ? 1e-8 : 1e-7);
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
