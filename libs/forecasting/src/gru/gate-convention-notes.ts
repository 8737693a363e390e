import type { GruModelSpec } from './types';

/**
 * What the tf.layers implementation does and does not reproduce of the requested convention.
 *
 * tf.layers.gru only implements Keras' reset-before equations (resetAfter: true is rejected):
 *   keras:        n_t = tanh(W_n x_t + U_n (r_t ⊙ h_{t-1}) + b_n)            one bias per gate
 *   reset-after:  n_t = tanh(W_n x_t + b_in + r_t ⊙ (U_n h_{t-1} + b_hn))    PyTorch nn.GRU / cuDNN
 * r_t, z_t and h_t = z_t ⊙ h_{t-1} + (1 - z_t) ⊙ n_t are identical in both (with sigmoid gates,
 * which we set explicitly: tfjs defaults to hardSigmoid). So for 'reset-after' the layers model
 * differs in where r_t is applied and has no separate recurrent bias b_h*; everything that can be
 * matched is: sigmoid/tanh activations and PyTorch's initialisation U(-1/√H, 1/√H) for every
 * weight and bias (GRU and the linear head), and Adam with eps 1e-8.
 */
export function gateConventionNotes(spec: Pick<GruModelSpec, 'convention'>, impl: 'layers' | 'fused'): string[] {
  if (impl !== 'layers' || spec.convention !== 'reset-after') return [];
  return [
    "convention 'reset-after' requested but tf.layers.gru only implements reset-before (Keras) equations: " +
      'the reset gate multiplies h before the recurrent matmul and there is no separate recurrent bias. ' +
      "Activations (sigmoid/tanh), PyTorch's U(-1/sqrt(H), 1/sqrt(H)) initialisation and Adam eps=1e-8 do match.",
  ];
}
