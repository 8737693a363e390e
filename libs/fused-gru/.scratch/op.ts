import * as tf from '@tensorflow/tfjs';
import { fusedGruFromWeights } from '../src/ops/fused-gru-op';
async function main() {
  await tf.setBackend('cpu');
  for (const [B, T, H] of [[1, 12, 100], [2, 64, 256], [64, 64, 5]]) {
    const I = 1;
    let t0 = performance.now();
    const k = tf.randomUniform([I, 3 * H], -0.5, 0.5), rk = tf.randomUniform([H, 3 * H], -0.1, 0.1), b = tf.randomUniform([3 * H]);
    const x = tf.randomUniform([B, T, I]);
    const g = tf.grads((xx: tf.Tensor, kk: tf.Tensor, rr: tf.Tensor, bb: tf.Tensor) => tf.sum(fusedGruFromWeights(xx, kk, rr, bb, null, { convention: 'keras' })))([x, k, rk, b]);
    console.log(B, T, H, 'fused grads ms', performance.now() - t0); t0 = performance.now();
    const layer = tf.layers.gru({ units: H, recurrentActivation: 'sigmoid', kernelInitializer: 'zeros', recurrentInitializer: 'zeros' });
    layer.apply(x); layer.setWeights([k, rk, b]);
    const out = layer.apply(x) as tf.Tensor; out.dataSync();
    console.log('layers fwd ms', performance.now() - t0); t0 = performance.now();
    const [dx] = tf.grads((xx: tf.Tensor) => tf.sum(layer.apply(xx) as tf.Tensor))([x]); dx.dataSync();
    console.log('layers grad ms', performance.now() - t0);
  }
}
main();
