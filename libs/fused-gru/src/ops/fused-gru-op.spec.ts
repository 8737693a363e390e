import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { mulberry32 } from '../random';
import { referenceGruResetAfter } from '../reference/reference-gru';
import type { KernelKind } from '../kernel/kernel-instance';
import { fusedGruFromWeights } from './fused-gru-op';

// Max-norm relative error: ‖a − b‖∞ / ‖b‖∞ (scale-aware, so tiny entries don't dominate).
function relErr(a: tf.Tensor, b: tf.Tensor): number {
  const av = a.dataSync(),
    bv = b.dataSync();
  let diff = 0,
    scale = 0;
  for (let i = 0; i < bv.length; i++) {
    diff = Math.max(diff, Math.abs(av[i] - bv[i]));
    scale = Math.max(scale, Math.abs(bv[i]));
  }
  return scale === 0 ? diff : diff / scale;
}

interface Case {
  B: number;
  T: number;
  I: number;
  H: number;
}

function randomCases(count: number, seed: number, budget: number): Case[] {
  const rand = mulberry32(seed);
  const pick = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const cases: Case[] = [
    { B: 1, T: 1, I: 1, H: 1 },
    { B: 1, T: 12, I: 1, H: 100 },
    { B: 1, T: 64, I: 1, H: 256 },
    { B: 64, T: 64, I: 2, H: 5 },
    { B: 64, T: 3, I: 1, H: 64 },
  ];
  while (cases.length < count) {
    const c = { B: pick(1, 64), T: pick(1, 64), I: pick(1, 3), H: pick(1, 256) };
    while (c.B * c.T * c.H * c.H > budget && c.B > 1) c.B = Math.max(1, c.B >> 1);
    while (c.B * c.T * c.H * c.H > budget && c.T > 1) c.T = Math.max(1, c.T >> 1);
    cases.push(c);
  }
  return cases;
}

function randomTensor(shape: number[], rand: () => number, scale: number): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: n }, () => (2 * rand() - 1) * scale),
    shape,
  );
}

function weights(c: Case, rand: () => number) {
  const s = 1 / Math.sqrt(c.H);
  return {
    kernel: randomTensor([c.I, 3 * c.H], rand, 0.8),
    recurrentKernel: randomTensor([c.H, 3 * c.H], rand, 1.5 * s),
    bias: randomTensor([3 * c.H], rand, 0.5),
    recurrentBias: randomTensor([3 * c.H], rand, 0.5),
  };
}

const TOL = 1e-4;

// The references run on tfjs' wasm backend: tf.layers.gru on the cpu backend takes seconds per case.
beforeAll(async () => {
  await tf.setBackend('wasm');
});

describe.each<[KernelKind, number]>([
  ['wasm-simd', 10],
  ['js', 7],
])('fusedGru op (%s kernel)', (kernel, count) => {
  // Random shapes over hidden 1-256, window 1-64, batch 1-64, capped in B*T*H^2 so the per-step
  // references stay fast; the fixed cases cover the corners.
  const cases = randomCases(count, kernel === 'js' ? 7 : 3, kernel === 'js' ? 1e6 : 4e6);

  // T = 1 is left to the reset-after test: tf.layers.gru's own gradient throws for one-step inputs
  // (tfjs 4.22 Unpack gradient bug).
  it.each(cases.filter((c) => c.T > 1))("matches tf.layers.gru ('keras', sigmoid) in value and gradients: %o", (c) => {
    const rand = mulberry32(c.B * 1000003 + c.T * 1009 + c.H);
    tf.tidy(() => {
      const w = weights(c, rand);
      const x = randomTensor([c.B, c.T, c.I], rand, 1);
      const cot = randomTensor([c.B, c.H], rand, 1);
      // zeros initializers: the default orthogonal one runs a slow QR, and the weights are replaced anyway.
      const layer = tf.layers.gru({
        units: c.H,
        recurrentActivation: 'sigmoid',
        kernelInitializer: 'zeros',
        recurrentInitializer: 'zeros',
      });
      layer.apply(x);
      layer.setWeights([w.kernel, w.recurrentKernel, w.bias]);
      const xv = tf.variable(x);
      const vars = [xv, ...layer.trainableWeights.map((lw) => lw.read() as tf.Variable)];
      const refOut = layer.apply(x) as tf.Tensor;
      // One backward pass for the input and all weights.
      const { grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(xv) as tf.Tensor, cot)) as tf.Scalar, vars);
      const [refDx, ...refDw] = vars.map((v) => grads[v.name]);

      const f = (xx: tf.Tensor, k: tf.Tensor, rk: tf.Tensor, b: tf.Tensor) =>
        fusedGruFromWeights(xx, k, rk, b, null, { convention: 'keras', kernel });
      const out = f(x, w.kernel, w.recurrentKernel, w.bias);
      const g = tf.grads((xx: tf.Tensor, k: tf.Tensor, rk: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(xx, k, rk, b), cot)))([
        x,
        w.kernel,
        w.recurrentKernel,
        w.bias,
      ]);
      expect(relErr(out, refOut)).toBeLessThan(TOL);
      expect(relErr(g[0], refDx)).toBeLessThan(TOL);
      expect(relErr(g[1], refDw[0])).toBeLessThan(TOL);
      expect(relErr(g[2], refDw[1])).toBeLessThan(TOL);
      expect(relErr(g[3], refDw[2])).toBeLessThan(TOL);
      layer.dispose();
      xv.dispose();
    });
  });

  it.each(cases)("matches the per-step 'reset-after' reference in value and gradients: %o", (c) => {
    const rand = mulberry32(c.B * 7919 + c.T * 31 + c.H);
    tf.tidy(() => {
      const w = weights(c, rand);
      const x = randomTensor([c.B, c.T, c.I], rand, 1);
      const cot = randomTensor([c.B, c.H], rand, 1);
      const inputs = [x, w.kernel, w.recurrentKernel, w.bias, w.recurrentBias];
      const ref = (xx: tf.Tensor, k: tf.Tensor, rk: tf.Tensor, b: tf.Tensor, rb: tf.Tensor) =>
        referenceGruResetAfter(xx, { kernel: k, recurrentKernel: rk, bias: b, recurrentBias: rb });
      const fused = (xx: tf.Tensor, k: tf.Tensor, rk: tf.Tensor, b: tf.Tensor, rb: tf.Tensor) =>
        fusedGruFromWeights(xx, k, rk, b, rb, { convention: 'reset-after', kernel });
      const loss =
        (fn: typeof ref) =>
        (...a: tf.Tensor[]) =>
          tf.sum(tf.mul(fn(a[0], a[1], a[2], a[3], a[4]), cot));
      expect(
        relErr(
          fused(x, w.kernel, w.recurrentKernel, w.bias, w.recurrentBias),
          ref(x, w.kernel, w.recurrentKernel, w.bias, w.recurrentBias),
        ),
      ).toBeLessThan(TOL);
      const gr = tf.grads(loss(ref))(inputs);
      const gf = tf.grads(loss(fused))(inputs);
      gr.forEach((r, i) => expect(relErr(gf[i], r)).toBeLessThan(TOL));
    });
  });
});

describe('fusedGru op hygiene', () => {
  it('leaves no tensors behind after forward + gradients', () => {
    const rand = mulberry32(5);
    const c = { B: 3, T: 5, I: 1, H: 8 };
    const w = weights(c, rand);
    const x = randomTensor([c.B, c.T, c.I], rand, 1);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const g = tf.grads((xx: tf.Tensor, rk: tf.Tensor) =>
        tf.sum(fusedGruFromWeights(xx, w.kernel, rk, w.bias, w.recurrentBias, { convention: 'reset-after' })),
      )([x, w.recurrentKernel]);
      tf.dispose(g);
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, w.kernel, w.recurrentKernel, w.bias, w.recurrentBias]);
  });
});
