// The wasm kernel's exp-based sigmoid / tanh (Cody-Waite reduction + polynomial, see
// kernel/gru_kernel.c) against Math.exp / Math.tanh in f64, and vector lanes against the scalar
// tail, which must round identically.
import { createWasmKernel } from './wasm-kernel';

const kernel = createWasmKernel()!;

function run(fn: 'vecSigmoid' | 'vecTanh', xs: number[]): Float32Array {
  const n = xs.length;
  const x = kernel.base,
    y = x + 4 * n + 16;
  kernel.reserve(y + 4 * n);
  kernel.heapF32().set(xs, x >> 2);
  kernel[fn](x, y, n);
  return kernel.heapF32().slice(y >> 2, (y >> 2) + n);
}

// A dense grid over the useful range, the clamp regions, and the awkward points.
const grid = Float32Array.from(
  [
    ...Array.from({ length: 40001 }, (_, i) => -20 + i * 0.001),
    ...Array.from({ length: 2001 }, (_, i) => -100 + i * 0.1),
    0,
    -0,
    1e-30,
    -1e-30,
    1e-7,
    -1e-7,
    87,
    -87,
    88.5,
    -88.5,
    1e30,
    -1e30,
  ].map(Math.fround),
);
const xs = Array.from(grid);

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

describe('wasm kernel activations', () => {
  it('sigmoid is within 2 f32 ulps (abs 1.2e-7) of the exact value', () => {
    const y = run('vecSigmoid', xs);
    // Worst error in units of the allowed error, one expectation for the whole grid.
    const worst = Math.max(...xs.map((x, i) => Math.abs(y[i] - sigmoid(x)) / (1.2e-7 + 2.4e-7 * sigmoid(x))));
    expect(worst).toBeLessThan(1);
  });

  it('tanh is accurate relative to the value, also near zero, with the right sign', () => {
    const y = run('vecTanh', xs);
    const worst = Math.max(...xs.map((x, i) => Math.abs(y[i] - Math.tanh(x)) / (4e-7 * Math.abs(Math.tanh(x)) + 1e-45)));
    expect(worst).toBeLessThan(1);
    expect(xs.every((x, i) => Math.sign(y[i]) === Math.sign(Math.tanh(x)) || x === 0)).toBe(true);
  });

  it('propagates NaN', () => {
    expect(Array.from(run('vecSigmoid', [NaN, NaN, NaN, NaN, NaN])).every(Number.isNaN)).toBe(true);
    expect(Array.from(run('vecTanh', [NaN, NaN, NaN, NaN, NaN])).every(Number.isNaN)).toBe(true);
  });

  it('rounds the same in vector lanes and in the scalar tail', () => {
    // 5 values: lanes 0-3 go through the vector path, the 5th through the scalar one.
    for (const fn of ['vecSigmoid', 'vecTanh'] as const) {
      for (let i = 0; i < grid.length; i += 97) {
        const x = grid[i];
        const y = run(fn, [x, x, x, x, x]);
        expect(y[4]).toBe(y[0]);
      }
    }
  });
});
