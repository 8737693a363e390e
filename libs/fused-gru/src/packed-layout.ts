// Where each GRU weight lives inside the one packed parameter vector the kernel (and Adam) works
// on. Keras gate order z | r | h along the 3H axis for both conventions, so the 'keras' pieces are
// exactly tf.layers.gru's kernel / recurrentKernel / bias, and 'reset-after' adds the separate
// recurrent bias (Keras reset_after=True layout; PyTorch orders its gates r | z | n instead).
import type { GateConvention } from './model/gru-model';
import type { ConvCode } from './kernel/kernel-instance';

export interface PackedLayout {
  convention: GateConvention;
  conv: ConvCode;
  inputSize: number;
  hidden: number;
  /** Float offsets and lengths inside the packed vector. */
  kernel: { offset: number; shape: [number, number] };
  recurrentKernel: { offset: number; shape: [number, number] };
  bias: { offset: number; length: number };
  recurrentBias: { offset: number; length: number } | null;
  size: number;
}

export function convCode(convention: GateConvention): ConvCode {
  return convention === 'reset-after' ? 1 : 0;
}

export function packedLayout(convention: GateConvention, inputSize: number, hidden: number): PackedLayout {
  const G = 3 * hidden;
  const kernel = { offset: 0, shape: [inputSize, G] as [number, number] };
  const recurrentKernel = { offset: inputSize * G, shape: [hidden, G] as [number, number] };
  const bias = { offset: (inputSize + hidden) * G, length: G };
  const recurrentBias = convention === 'reset-after' ? { offset: bias.offset + G, length: G } : null;
  const size = bias.offset + G + (recurrentBias ? G : 0);
  return { convention, conv: convCode(convention), inputSize, hidden, kernel, recurrentKernel, bias, recurrentBias, size };
}
