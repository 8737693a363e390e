// Seeded sample shuffling (mulberry32, shared with the fused GRU). tfjs's own shuffle and
// model.fit({ shuffle }) use Math.random, which would make "same seed => same losses" false.
export { mulberry32 } from '@seqcast/fused-gru';

/** Standard normal draws (Box–Muller, two uniforms each) from `random`: the generated series of
 *  tests and measurements. */
export function gaussianNoise(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
}

/** Fisher–Yates shuffle of 0..n-1 in place into `order`, driven by `random`. */
export function shuffledIndices(order: Int32Array, random: () => number): Int32Array {
  for (let i = 0; i < order.length; i++) order[i] = i;
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  return order;
}
