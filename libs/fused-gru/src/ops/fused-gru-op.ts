// The fused GRU as a tfjs op: one kernel call for the whole sequence forward, one for the whole
// backward-through-time, wrapped in tf.customGrad so it composes with tfjs autodiff (model.fit,
// optimizer.minimize, tf.grads). Returns the last hidden state; the initial state is zero.
import * as tf from '@tensorflow/tfjs';
import type { GateConvention } from '../model/gru-model';
import { GruWorkspace } from '../kernel/gru-workspace';
import type { KernelKind } from '../kernel/kernel-instance';
import { preferredKernelKind } from '../kernel/load-kernel';
import { packedLayout } from '../packed-layout';

export interface FusedGruOpOptions {
  convention: GateConvention;
  /** Kernel implementation; defaults to wasm SIMD where available. */
  kernel?: KernelKind;
}

// One workspace per shape family; calls are synchronous, so sharing one across calls is safe as
// long as every call fully re-loads the buffers it reads.
const workspaces = new Map<string, GruWorkspace>();

function workspaceFor(convention: GateConvention, I: number, H: number, kind: KernelKind): GruWorkspace {
  const key = `${kind}:${convention}:${I}:${H}`;
  let ws = workspaces.get(key);
  if (!ws) {
    ws = new GruWorkspace(convention, I, H, kind);
    workspaces.set(key, ws);
  }
  return ws;
}

/** Frees the op's kernel heaps (they are re-created on the next call). */
export function releaseFusedGruWorkspaces(): void {
  workspaces.clear();
}

/**
 * x: [batch, window, inputSize]; packed: the packed weight vector (see packedLayout).
 * Returns the last hidden state [batch, hidden].
 */
export function fusedGru(x: tf.Tensor, packed: tf.Tensor, hidden: number, options: FusedGruOpOptions): tf.Tensor2D {
  if (x.rank !== 3) throw new Error(`fusedGru: x must be [batch, window, input], got shape [${x.shape}]`);
  const [B, T, I] = x.shape as [number, number, number];
  const layout = packedLayout(options.convention, I, hidden);
  if (packed.size !== layout.size)
    throw new Error(`fusedGru: packed weights have ${packed.size} values, expected ${layout.size}`);
  const kind = options.kernel ?? preferredKernelKind();
  const H = hidden;

  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xt, pt] = args as tf.Tensor[];
    const ws = workspaceFor(options.convention, I, H, kind);
    ws.ensure(B, T);
    const xv = Float32Array.from(xt.dataSync() as Float32Array);
    const pv = Float32Array.from(pt.dataSync() as Float32Array);
    ws.view('x', B * T * I).set(xv);
    ws.view('params').set(pv);
    if (B * T > 0) ws.forward(B, T);
    const value: tf.Tensor2D = tf.tensor2d(ws.view('hout', B * H).slice(), [B, H]);
    // The cache is what backward needs; keep a copy, the shared heap may be reused before then.
    const cache = ws.view('cache', B * T * 5 * H).slice();
    const gradFunc = (dy: tf.Tensor2D): tf.Tensor[] => {
      const w = workspaceFor(options.convention, I, H, kind);
      w.ensure(B, T);
      w.view('x', B * T * I).set(xv);
      w.view('params').set(pv);
      w.view('cache', B * T * 5 * H).set(cache);
      w.view('dhout', B * H).set(dy.dataSync() as Float32Array);
      if (B * T > 0) w.backward(B, T);
      else w.view('dparams').fill(0);
      return [tf.tensor3d(w.view('dx', B * T * I).slice(), [B, T, I]), tf.tensor1d(w.view('dparams').slice())];
    };
    return { value, gradFunc };
  });
  return op(x, packed) as tf.Tensor2D;
}

/** Packs separate tensors (tf.layers.gru layout, plus the recurrent bias for 'reset-after') into
 *  the kernel's vector with differentiable ops, so gradients flow back to each piece. */
export function packGruWeights(
  kernel: tf.Tensor,
  recurrentKernel: tf.Tensor,
  bias: tf.Tensor,
  recurrentBias?: tf.Tensor | null,
): tf.Tensor1D {
  return tf.tidy(() => {
    const parts = [kernel.reshape([-1]), recurrentKernel.reshape([-1]), bias.reshape([-1])];
    if (recurrentBias) parts.push(recurrentBias.reshape([-1]));
    return tf.concat(parts) as tf.Tensor1D;
  });
}

/** fusedGru on separate weight tensors: kernel [I, 3H], recurrentKernel [H, 3H], bias [3H],
 *  recurrentBias [3H] (reset-after only). */
export function fusedGruFromWeights(
  x: tf.Tensor,
  kernel: tf.Tensor,
  recurrentKernel: tf.Tensor,
  bias: tf.Tensor,
  recurrentBias: tf.Tensor | null,
  options: FusedGruOpOptions,
): tf.Tensor2D {
  const hidden = recurrentKernel.shape[0];
  if (options.convention === 'reset-after' && !recurrentBias) throw new Error("fusedGru: 'reset-after' needs a recurrent bias");
  return tf.tidy(() =>
    fusedGru(
      x,
      packGruWeights(kernel, recurrentKernel, bias, options.convention === 'reset-after' ? recurrentBias : null),
      hidden,
      options,
    ),
  );
}
