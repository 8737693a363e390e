// The straightforward per-step tfjs GRU, one small op per gate per step: the slow path, and the
// yardstick the fused kernel's outputs and gradients are tested against. Same weight layout as
// the fused op (Keras gate order z | r | h).
import * as tf from '@tensorflow/tfjs';

export interface GruWeights {
  kernel: tf.Tensor; // [I, 3H]
  recurrentKernel: tf.Tensor; // [H, 3H]
  bias: tf.Tensor; // [3H]
  recurrentBias: tf.Tensor; // [3H]
}

/**
 * Reset-after GRU (PyTorch nn.GRU / cuDNN equations), zero initial state, last hidden state out:
 *   r = σ(W_ir x + b_ir + W_hr h + b_hr),  z = σ(W_iz x + b_iz + W_hz h + b_hz)
 *   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),  h' = (1 - z) ⊙ n + z ⊙ h
 */
export function referenceGruResetAfter(x: tf.Tensor, w: GruWeights): tf.Tensor2D {
  return tf.tidy(() => {
    const [B, T] = x.shape;
    const H = w.recurrentKernel.shape[0];
    let h: tf.Tensor = tf.zeros([B, H]);
    for (let t = 0; t < T; t++) {
      const xt = x.slice([0, t, 0], [B, 1, -1]).reshape([B, -1]);
      const gx = tf.add(tf.matMul(xt, w.kernel), w.bias);
      const gh = tf.add(tf.matMul(h, w.recurrentKernel), w.recurrentBias);
      const [xz, xr, xn] = tf.split(gx, 3, 1);
      const [hz, hr, hn] = tf.split(gh, 3, 1);
      const z = tf.sigmoid(tf.add(xz, hz));
      const r = tf.sigmoid(tf.add(xr, hr));
      const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
      h = tf.add(tf.mul(tf.sub(1, z), n), tf.mul(z, h));
    }
    return h as tf.Tensor2D;
  });
}
