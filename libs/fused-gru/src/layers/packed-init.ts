// Seeded initial values for the packed GRU vector. 'reset-after' follows PyTorch nn.GRU (every
// weight and bias uniform in ±1/√hidden); 'keras' follows tf.layers.gru's defaults (glorot-uniform
// kernel, orthogonal recurrent kernel, zero bias) so both paths start from comparable weights.
import { mulberry32 } from '../random';
import type { PackedLayout } from '../packed-layout';

export function initPackedWeights(layout: PackedLayout, seed: number): Float32Array {
  const rand = mulberry32(seed);
  const out = new Float32Array(layout.size);
  const H = layout.hidden;
  if (layout.convention === 'reset-after') {
    const k = 1 / Math.sqrt(H);
    for (let i = 0; i < out.length; i++) out[i] = (2 * rand() - 1) * k;
    return out;
  }
  const [I, G] = layout.kernel.shape;
  const limit = Math.sqrt(6 / (I + G));
  for (let i = 0; i < I * G; i++) out[layout.kernel.offset + i] = (2 * rand() - 1) * limit;
  out.set(orthogonalRows(H, G, rand), layout.recurrentKernel.offset);
  return out; // biases stay zero
}

/** [rows][cols] with orthonormal rows (rows <= cols), as Keras' orthogonal initializer gives. */
function orthogonalRows(rows: number, cols: number, rand: () => number): Float32Array {
  const m = new Float64Array(rows * cols);
  for (let i = 0; i < m.length; i += 2) {
    // Box-Muller normals
    const u = Math.max(rand(), 1e-12),
      v = rand();
    const rad = Math.sqrt(-2 * Math.log(u));
    m[i] = rad * Math.cos(2 * Math.PI * v);
    if (i + 1 < m.length) m[i + 1] = rad * Math.sin(2 * Math.PI * v);
  }
  // Modified Gram-Schmidt over the rows.
  for (let i = 0; i < rows; i++) {
    const ri = i * cols;
    for (let j = 0; j < i; j++) {
      const rj = j * cols;
      let d = 0;
      for (let c = 0; c < cols; c++) d += m[ri + c] * m[rj + c];
      for (let c = 0; c < cols; c++) m[ri + c] -= d * m[rj + c];
    }
    let norm = 0;
    for (let c = 0; c < cols; c++) norm += m[ri + c] * m[ri + c];
    norm = Math.sqrt(norm) || 1;
    for (let c = 0; c < cols; c++) m[ri + c] /= norm;
  }
  return Float32Array.from(m);
}
