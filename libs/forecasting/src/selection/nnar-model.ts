// The network of R's forecast::nnetar (NNAR(p,P,k)_m, Hyndman & Athanasopoulos FPP3 §12.4): a
// feed-forward net with one hidden layer of k logistic units and a linear output, whose inputs are
// chosen lags of the (mean/sd-scaled) series; `repeats` nets from random starts, each fitted
// full-batch by BFGS on the squared error (nnet: maxit 100, decay 0, initial weights U(±0.7)),
// predicting their mean. It implements the GRU model contract on windows of the largest lag, so
// the pipeline's windows, autoregressive forecast and simulated paths drive it unchanged.
import type { FitOptions, FitResult, GruArtifacts, GruModel, GruModelSpec } from '../gru/types';
import { mulberry32 } from '../gru/seeded-random';

export const NNAR_TOPOLOGY_CLASS = 'NnarMlp';
/** nnet's defaults as nnetar calls it. */
export const NNAR_MAXIT = 100;
const INIT_RANGE = 0.7;

export interface NnarConfig {
  /** Input lags, ascending (1 = the latest value); the window is the largest. */
  lags: number[];
  hidden: number;
  repeats: number;
  seed: number;
}

/** nnetar's hidden size: round((inputs + 1) / 2), R's round (halves to even). */
export function nnarHidden(inputs: number): number {
  const x = (inputs + 1) / 2;
  const f = Math.floor(x);
  return x - f === 0.5 ? (f % 2 === 0 ? f : f + 1) : Math.round(x);
}

export class NnarModel implements GruModel {
  readonly impl = 'mlp' as const;
  readonly spec: GruModelSpec;
  /** Per net: [hidden x (1 + inputs) input weights (bias first), 1 + hidden output weights]. */
  private nets: Float32Array[];

  constructor(
    readonly config: NnarConfig,
    nets: Float32Array[] = [],
  ) {
    if (!config.lags.length || config.lags.some((l, i) => l < 1 || (i > 0 && l <= config.lags[i - 1])))
      throw new Error(`NnarModel: lags must be ascending and >= 1, got ${config.lags}`);
    this.spec = {
      window: config.lags[config.lags.length - 1],
      hidden: config.hidden,
      convention: 'reset-after',
      impl: 'auto',
      seed: config.seed,
    };
    for (const net of nets)
      if (net.length !== this.weightCount)
        throw new Error(`NnarModel: a net has ${net.length} weights, expected ${this.weightCount} weights`);
    this.nets = nets;
  }

  get weightCount(): number {
    return this.config.hidden * (this.config.lags.length + 2) + 1;
  }

  async fit(xs: Float32Array, ys: Float32Array, options: Pick<FitOptions, 'signal'> = {}): Promise<FitResult> {
    const inputs = this.laggedInputs(xs);
    const random = mulberry32(this.config.seed);
    const nets: Float32Array[] = [];
    for (let r = 0; r < this.config.repeats; r++) {
      if (options.signal?.aborted) return { epochs: [], epochsRun: 0, bestEpoch: 0, stopReason: 'aborted' };
      const w0 = Float64Array.from({ length: this.weightCount }, () => (2 * random() - 1) * INIT_RANGE);
      const loss = (w: Float64Array, grad?: Float64Array) => this.sse(w, inputs, ys, grad);
      nets.push(Float32Array.from(minimizeBfgs(loss, w0, NNAR_MAXIT)));
    }
    this.nets = nets;
    // No epochs: each net is fitted by BFGS (up to NNAR_MAXIT iterations); a run reports no losses for it.
    return { epochs: [], epochsRun: 0, bestEpoch: 0, stopReason: 'completed' };
  }

  predict(xs: Float32Array): Float32Array {
    if (!this.nets.length) throw new Error('NnarModel: not fitted');
    const inputs = this.laggedInputs(xs);
    const out = new Float32Array(inputs.length / this.config.lags.length);
    for (const net of this.nets) {
      const w = Float64Array.from(net);
      for (let i = 0; i < out.length; i++) out[i] += this.forward(w, inputs, i) / this.nets.length;
    }
    return out;
  }

  async save(): Promise<GruArtifacts> {
    const weights = new Float32Array(this.nets.length * this.weightCount);
    this.nets.forEach((net, i) => weights.set(net, i * this.weightCount));
    return {
      modelTopology: { class_name: NNAR_TOPOLOGY_CLASS, config: { ...this.config, repeats: this.nets.length } },
      weightSpecs: [{ name: 'nnar/weights', shape: [this.nets.length, this.weightCount], dtype: 'float32' }],
      weightData: new Uint8Array(weights.buffer),
    };
  }

  static load(artifacts: GruArtifacts): NnarModel {
    const { config } = artifacts.modelTopology as { config: NnarConfig };
    const model = new NnarModel(config);
    const bytes = artifacts.weightData;
    const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const size = model.weightCount;
    if (all.length !== config.repeats * size)
      throw new Error(`NnarModel.load: expected ${config.repeats * size} weights, got ${all.length}`);
    model.nets = Array.from({ length: config.repeats }, (_, i) => all.slice(i * size, (i + 1) * size));
    return model;
  }

  dispose(): void {
    this.nets = [];
  }

  /** The lagged inputs of windows laid out [sample][step] (oldest first): [sample][lag]. */
  private laggedInputs(xs: Float32Array): Float64Array {
    const { window } = this.spec;
    const { lags } = this.config;
    const n = xs.length / window;
    const out = new Float64Array(n * lags.length);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < lags.length; j++) out[i * lags.length + j] = xs[i * window + window - lags[j]];
    return out;
  }

  private forward(w: Float64Array, inputs: Float64Array, i: number): number {
    const p = this.config.lags.length;
    const k = this.config.hidden;
    const outAt = k * (p + 1);
    let y = w[outAt];
    for (let j = 0; j < k; j++) {
      let a = w[j * (p + 1)];
      for (let l = 0; l < p; l++) a += w[j * (p + 1) + 1 + l] * inputs[i * p + l];
      y += w[outAt + 1 + j] / (1 + Math.exp(-a));
    }
    return y;
  }

  /** Sum of squared errors over the samples and, when `grad` is given, its gradient. */
  private sse(w: Float64Array, inputs: Float64Array, ys: Float32Array, grad?: Float64Array): number {
    const p = this.config.lags.length;
    const k = this.config.hidden;
    const outAt = k * (p + 1);
    const h = new Float64Array(k);
    grad?.fill(0);
    let total = 0;
    for (let i = 0; i < ys.length; i++) {
      let y = w[outAt];
      for (let j = 0; j < k; j++) {
        let a = w[j * (p + 1)];
        for (let l = 0; l < p; l++) a += w[j * (p + 1) + 1 + l] * inputs[i * p + l];
        h[j] = 1 / (1 + Math.exp(-a));
        y += w[outAt + 1 + j] * h[j];
      }
      const e = y - ys[i];
      total += e * e;
      if (!grad) continue;
      const d = 2 * e;
      grad[outAt] += d;
      for (let j = 0; j < k; j++) {
        grad[outAt + 1 + j] += d * h[j];
        const da = d * w[outAt + 1 + j] * h[j] * (1 - h[j]);
        grad[j * (p + 1)] += da;
        for (let l = 0; l < p; l++) grad[j * (p + 1) + 1 + l] += da * inputs[i * p + l];
      }
    }
    return total;
  }
}

/**
 * Minimises f by BFGS as R's optim(method = "BFGS") does (vmmin: backtracking line search,
 * inverse-Hessian updates, a reset to steepest descent when a step fails), with nnet's
 * tolerances (abstol 1e-4, reltol 1e-8). `f(w, grad)` returns the value and fills the gradient.
 */
export function minimizeBfgs(
  f: (w: Float64Array, grad?: Float64Array) => number,
  start: Float64Array,
  maxit: number,
  { abstol = 1e-4, reltol = 1e-8 } = {},
): Float64Array {
  const n = start.length;
  const stepredn = 0.2;
  const acctol = 1e-4;
  const reltest = 10;
  const b = Float64Array.from(start);
  const g = new Float64Array(n);
  let fmin = f(b, g);
  if (!Number.isFinite(fmin)) return b;
  if (maxit <= 0) return b;
  const B = new Float64Array(n * n);
  const X = new Float64Array(n);
  const c = new Float64Array(n);
  const t = new Float64Array(n);
  let gradcount = 1;
  let iter = 1;
  let ilast = gradcount;
  let count = 0;
  do {
    if (ilast === gradcount) {
      B.fill(0);
      for (let i = 0; i < n; i++) B[i * n + i] = 1;
    }
    X.set(b);
    c.set(g);
    let gradproj = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s -= B[i * n + j] * g[j];
      t[i] = s;
      gradproj += s * g[i];
    }
    if (gradproj < 0) {
      let steplength = 1;
      let accpoint = false;
      let fv = fmin;
      do {
        count = 0;
        for (let i = 0; i < n; i++) {
          b[i] = X[i] + steplength * t[i];
          if (reltest + X[i] === reltest + b[i]) count++;
        }
        if (count < n) {
          fv = f(b);
          accpoint = Number.isFinite(fv) && fv <= fmin + gradproj * steplength * acctol;
          if (!accpoint) steplength *= stepredn;
        }
      } while (!(count === n || accpoint));
      const enough = fv > abstol && Math.abs(fv - fmin) > reltol * (Math.abs(fmin) + reltol);
      if (!enough) {
        count = n;
        fmin = fv;
      }
      if (count < n) {
        fmin = f(b, g);
        gradcount++;
        iter++;
        let D1 = 0;
        for (let i = 0; i < n; i++) {
          t[i] *= steplength;
          c[i] = g[i] - c[i];
          D1 += t[i] * c[i];
        }
        if (D1 > 0) {
          let D2 = 0;
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let j = 0; j < n; j++) s += B[i * n + j] * c[j];
            X[i] = s;
            D2 += s * c[i];
          }
          D2 = 1 + D2 / D1;
          for (let i = 0; i < n; i++)
            for (let j = 0; j < n; j++) B[i * n + j] += (D2 * t[i] * t[j] - X[i] * t[j] - t[i] * X[j]) / D1;
        } else {
          ilast = gradcount;
        }
      } else if (ilast < gradcount) {
        count = 0;
        ilast = gradcount;
      }
    } else {
      count = 0;
      if (ilast === gradcount) count = n;
      else ilast = gradcount;
    }
    if (iter >= maxit) break;
    if (gradcount - ilast > 2 * n) ilast = gradcount;
  } while (count !== n || ilast !== gradcount);
  return b;
}
