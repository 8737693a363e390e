// GruModel on the fused kernel: a tfjs Sequential [FusedGru, Dense(1)] (so saving, loading and
// model.predict stay plain tfjs), trained by a lean loop. With 'fused-adam' on the wasm kernel a
// whole epoch is ONE kernel call (train_epoch: GRU forward + backward, the Dense(1) head, the MSE
// gradient and Adam for every batch), with the weights written back to the tfjs variables at epoch
// boundaries. Otherwise (tfjs Adam, the JS kernel, or epochKernel: false) the loop runs per batch:
// the kernel does the GRU forward + backward, the head and MSE are done in JS (H multiply-adds, in
// the same f64 arithmetic as train_epoch), and the update is tfjs Adam (applyGradients on the three
// variables) or the kernel's Adam.
import * as tf from '@tensorflow/tfjs';
import type { EpochReport, FitOptions, FitResult, GruArtifacts, GruModel, GruModelSpec } from './gru-model';
import { GruWorkspace } from '../kernel/gru-workspace';
import type { KernelKind } from '../kernel/kernel-instance';
import { FusedGru } from '../layers/fused-gru-layer';
import { mulberry32, shuffleInPlace } from '../random';
import { AdamState, adamStepJs } from './adam-state';

export type FusedOptimizer = 'tfjs-adam' | 'fused-adam';

export interface FusedGruModelOptions {
  /** 'tfjs-adam' (default): tf.train.adam applies every update. 'fused-adam': the same Adam
   *  arithmetic inside the kernel (several times faster at batch size 1; see README). */
  optimizer?: FusedOptimizer;
  kernel?: KernelKind;
  /** 'fused-adam' only: train each epoch in one kernel call where the kernel supports it (default
   *  true). false runs the per-batch loop, which gives the same numbers (a test pins the two). */
  epochKernel?: boolean;
}

const PREDICT_CHUNK = 256;

interface Snapshot {
  params: Float32Array;
  headW: Float32Array;
  headB: Float32Array;
}

export class FusedGruModel implements GruModel {
  readonly impl = 'fused' as const;
  private readonly gru: FusedGru;
  private readonly dense: tf.layers.Layer;
  private readonly ws: GruWorkspace;
  private readonly headW: Float32Array;
  private readonly headB = new Float32Array(1);
  private disposed = false;

  constructor(
    readonly model: tf.LayersModel,
    readonly spec: GruModelSpec,
    private readonly options: FusedGruModelOptions = {},
  ) {
    const [gru, dense] = model.layers;
    if (!(gru instanceof FusedGru) || !dense || model.layers.length !== 2)
      throw new Error('FusedGruModel: expected a [FusedGru, Dense(1)] model');
    this.gru = gru;
    this.dense = dense;
    this.ws = new GruWorkspace(spec.convention, 1, spec.hidden, options.kernel);
    this.headW = new Float32Array(spec.hidden);
  }

  get kernelKind(): KernelKind {
    return this.ws.kernel.kind;
  }

  private vars(): { packed: tf.Variable; dk: tf.Variable; db: tf.Variable } {
    const [dk, db] = this.dense.trainableWeights.map((w) => w.read() as tf.Variable);
    return { packed: this.gru.packedVariable(), dk, db };
  }

  /** tfjs variables -> kernel heap and head buffers. */
  private pull(): void {
    const v = this.vars();
    this.ws.view('params').set(v.packed.dataSync() as Float32Array);
    this.headW.set(v.dk.dataSync() as Float32Array);
    this.headB.set(v.db.dataSync() as Float32Array);
  }

  /** kernel heap and head buffers -> tfjs variables. */
  private push(): void {
    const v = this.vars();
    tf.tidy(() => {
      v.packed.assign(tf.tensor1d(this.ws.view('params').slice()));
      v.dk.assign(tf.tensor2d(this.headW.slice(), [this.spec.hidden, 1]));
      v.db.assign(tf.tensor1d(this.headB.slice()));
    });
  }

  private snapshot(): Snapshot {
    return { params: this.ws.view('params').slice(), headW: this.headW.slice(), headB: this.headB.slice() };
  }

  private restore(s: Snapshot): void {
    this.ws.view('params').set(s.params);
    this.headW.set(s.headW);
    this.headB.set(s.headB);
  }

  private checkData(xs: Float32Array, n: number, what: string): void {
    if (xs.length !== n * this.spec.window)
      throw new Error(`FusedGruModel.${what}: xs has ${xs.length} values, expected ${n} windows of ${this.spec.window}`);
  }

  /** Forward over `count` windows starting at `first` (order[] indexes them if given); leaves hout in the heap. */
  private forwardBatch(xs: Float32Array, rows: ArrayLike<number> | null, first: number, count: number): Float32Array {
    const T = this.spec.window;
    const x = this.ws.view('x', count * T);
    for (let i = 0; i < count; i++) {
      const s = rows ? rows[first + i] : first + i;
      x.set(xs.subarray(s * T, (s + 1) * T), i * T);
    }
    this.ws.forward(count, T);
    return this.ws.view('hout', count * this.spec.hidden);
  }

  private headOut(hout: Float32Array, i: number): number {
    const H = this.spec.hidden;
    let s = this.headB[0];
    for (let j = 0; j < H; j++) s += hout[i * H + j] * this.headW[j];
    return s;
  }

  /** MSE over a data set with the current heap weights. */
  private evalLoss(xs: Float32Array, ys: Float32Array): number {
    let sum = 0;
    for (let first = 0; first < ys.length; first += PREDICT_CHUNK) {
      const count = Math.min(PREDICT_CHUNK, ys.length - first);
      this.ws.ensure(count, this.spec.window);
      const hout = this.forwardBatch(xs, null, first, count);
      for (let i = 0; i < count; i++) sum += (this.headOut(hout, i) - ys[first + i]) ** 2;
    }
    return ys.length ? sum / ys.length : NaN;
  }

  async fit(xs: Float32Array, ys: Float32Array, o: FitOptions): Promise<FitResult> {
    this.assertLive();
    const n = ys.length;
    this.checkData(xs, n, 'fit');
    if (n === 0) throw new Error('FusedGruModel.fit: no training windows');
    if (!(Number.isInteger(o.epochs) && o.epochs >= 0))
      throw new Error(`FusedGruModel.fit: epochs must be a non-negative integer, got ${o.epochs}`);
    if (!(Number.isInteger(o.batchSize) && o.batchSize >= 1))
      throw new Error(`FusedGruModel.fit: batchSize must be a positive integer, got ${o.batchSize}`);
    if (!(o.learningRate > 0)) throw new Error(`FusedGruModel.fit: learningRate must be positive, got ${o.learningRate}`);
    if (o.validation) this.checkData(o.validation.xs, o.validation.ys.length, 'fit(validation)');

    const T = this.spec.window,
      H = this.spec.hidden;
    const bs = Math.min(o.batchSize, n);
    this.ws.ensure(bs, T);
    this.pull();

    const fused = (this.options.optimizer ?? 'tfjs-adam') === 'fused-adam';
    const epochKernel = fused && this.options.epochKernel !== false && this.ws.canTrainEpoch;
    const adam = new AdamState(o.learningRate);
    const ac = adam.consts;
    const tfOpt = fused ? null : tf.train.adam(o.learningRate);
    const v = this.vars();
    if (fused) {
      this.ws.view('m').fill(0);
      this.ws.view('v').fill(0);
    }
    const headM = new Float32Array(H + 1),
      headV = new Float32Array(H + 1);
    const headP = new Float32Array(H + 1),
      headG = new Float32Array(H + 1);
    const steps = Math.ceil(n / bs);
    if (epochKernel) {
      this.ws.ensure(bs, T, n);
      this.ws.view('xs', n * T).set(xs);
      this.ws.view('ys', n).set(ys);
      const head = this.ws.view('head');
      head.set(this.headW);
      head[H] = this.headB[0];
      this.ws.view('hm').fill(0);
      this.ws.view('hv').fill(0);
    }

    const order = Uint32Array.from({ length: n }, (_, i) => i);
    const rand = mulberry32(o.seed);
    const epochs: EpochReport[] = [];
    let stopReason: FitResult['stopReason'] = 'completed';
    let best: { epoch: number; valLoss: number; snap: Snapshot } | null = null;
    let sinceBest = 0;

    try {
      for (let epoch = 1; epoch <= o.epochs; epoch++) {
        if (o.signal?.aborted) {
          stopReason = 'aborted';
          break;
        }
        const t0 = performance.now();
        if (o.shuffle) shuffleInPlace(order, rand);
        let sumSq = 0;
        if (epochKernel) {
          this.ws.viewI32('order', n).set(order);
          const coef = this.ws.view('coef', 2 * steps);
          for (let s = 0; s < steps; s++) {
            const { kl, epsa } = adam.next();
            coef[2 * s] = kl;
            coef[2 * s + 1] = epsa;
          }
          sumSq = this.ws.trainEpoch(n, bs, T, ac);
          const head = this.ws.view('head');
          this.headW.set(head.subarray(0, H));
          this.headB[0] = head[H];
        }
        for (let first = 0; !epochKernel && first < n; first += bs) {
          const count = Math.min(bs, n - first);
          const hout = this.forwardBatch(xs, order, first, count);
          // Dense(1) head + MSE (mean over the batch), forward and backward.
          const dhout = this.ws.view('dhout', count * H);
          headG.fill(0);
          for (let i = 0; i < count; i++) {
            const err = this.headOut(hout, i) - ys[order[first + i]];
            sumSq += err * err;
            const d = (2 * err) / count;
            for (let j = 0; j < H; j++) {
              dhout[i * H + j] = d * this.headW[j];
              headG[j] += d * hout[i * H + j];
            }
            headG[H] += d;
          }
          this.ws.backward(count, T);
          if (fused) {
            const { kl, epsa } = adam.next();
            this.ws.adam(ac.beta1, ac.beta2, ac.c1, ac.c2, kl, epsa);
            headP.set(this.headW);
            headP[H] = this.headB[0];
            adamStepJs(headP, headG, headM, headV, adam, kl, epsa);
            this.headW.set(headP.subarray(0, H));
            this.headB[0] = headP[H];
          } else {
            tf.tidy(() => {
              tfOpt!.applyGradients([
                { name: v.packed.name, tensor: tf.tensor1d(this.ws.view('dparams').slice()) },
                { name: v.dk.name, tensor: tf.tensor2d(headG.slice(0, H), [H, 1]) },
                { name: v.db.name, tensor: tf.tensor1d([headG[H]]) },
              ]);
            });
            this.pull();
          }
        }
        const report: EpochReport = { epoch, loss: sumSq / n, ms: 0 };
        if (o.validation) {
          report.valLoss = this.evalLoss(o.validation.xs, o.validation.ys);
          this.ws.ensure(bs, T);
          if (!best || report.valLoss < best.valLoss) {
            best = { epoch, valLoss: report.valLoss, snap: this.snapshot() };
            sinceBest = 0;
          } else {
            sinceBest++;
          }
        }
        report.ms = performance.now() - t0;
        epochs.push(report);
        if (fused && o.onEpochEnd) this.push(); // listeners may look at the tfjs model
        await o.onEpochEnd?.({ ...report, epochs: o.epochs });
        if (o.validation && o.patience !== undefined && sinceBest >= o.patience && epoch < o.epochs) {
          stopReason = 'early-stopped';
          break;
        }
      }
      if (best && best.epoch !== epochs.length) this.restore(best.snap);
      this.push();
    } finally {
      tfOpt?.dispose();
    }
    return { epochs, epochsRun: epochs.length, bestEpoch: best ? best.epoch : epochs.length, stopReason };
  }

  predict(xs: Float32Array): Float32Array {
    this.assertLive();
    const n = xs.length / this.spec.window;
    if (!Number.isInteger(n))
      throw new Error(`FusedGruModel.predict: xs length ${xs.length} is not a multiple of window ${this.spec.window}`);
    this.pull();
    const out = new Float32Array(n);
    for (let first = 0; first < n; first += PREDICT_CHUNK) {
      const count = Math.min(PREDICT_CHUNK, n - first);
      this.ws.ensure(count, this.spec.window);
      const hout = this.forwardBatch(xs, null, first, count);
      for (let i = 0; i < count; i++) out[first + i] = this.headOut(hout, i);
    }
    return out;
  }

  async save(): Promise<GruArtifacts> {
    this.assertLive();
    let saved: tf.io.ModelArtifacts | null = null;
    await this.model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const a = saved as tf.io.ModelArtifacts | null;
    if (!a?.modelTopology || !a.weightSpecs || !a.weightData)
      throw new Error('FusedGruModel.save: tfjs returned incomplete artifacts');
    const buffers = Array.isArray(a.weightData) ? a.weightData : [a.weightData];
    const weightData = new Uint8Array(buffers.reduce((s, b) => s + b.byteLength, 0));
    let off = 0;
    for (const b of buffers) {
      weightData.set(new Uint8Array(b), off);
      off += b.byteLength;
    }
    return { modelTopology: a.modelTopology as object, weightSpecs: a.weightSpecs, weightData };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.model.dispose();
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('FusedGruModel: used after dispose()');
  }
}
