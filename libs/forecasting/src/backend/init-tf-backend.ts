// Picks the fastest TensorFlow.js backend that loads on this machine. The native bindings
// (@tensorflow/tfjs-node[-gpu]) are optional dependencies that often fail to install, so they are
// required lazily inside try/catch and every attempt is recorded for the run's notes.
import * as tf from '@tensorflow/tfjs';
import * as path from 'node:path';

export type TfBackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface BackendAttempt {
  /** What was tried: 'tensorflow-gpu' (tfjs-node-gpu), 'tensorflow' (tfjs-node), 'wasm', 'cpu'. */
  backend: string;
  ok: boolean;
  error?: string;
}

export interface TfBackendInfo {
  /** tf.getBackend() after init. */
  backend: TfBackendName;
  /** Where the math runs, in words: 'gpu (CUDA via tfjs-node-gpu)', 'cpu (wasm, simd)', … */
  device: string;
  attempts: BackendAttempt[];
}

/** Accepted values of `forced` / TFJS_BACKEND. 'tensorflow' accepts either native package. */
const FORCE_ALIASES: Record<string, Candidate[]> = {
  tensorflow: ['tensorflow-gpu', 'tensorflow'],
  node: ['tensorflow'],
  'tensorflow-gpu': ['tensorflow-gpu'],
  gpu: ['tensorflow-gpu'],
  wasm: ['wasm'],
  cpu: ['cpu'],
};
type Candidate = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';
const AUTO_ORDER: Candidate[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

let cache: { key: string; info: Promise<TfBackendInfo> } | undefined;

/**
 * Initializes tfjs once per process: tfjs-node-gpu, then tfjs-node, then wasm, then cpu.
 * `forced` (else the TFJS_BACKEND env var) restricts the chain to one backend and throws if it
 * cannot load. Repeated calls with the same choice return the cached result.
 */
export function initTfBackend(forced?: string): Promise<TfBackendInfo> {
  const requested = (forced ?? process.env.TFJS_BACKEND ?? '').trim().toLowerCase();
  if (cache?.key === requested) return cache.info;
  const info = selectBackend(requested);
  cache = { key: requested, info };
  info.catch(() => {
    if (cache?.info === info) cache = undefined; // let a later call retry after a failure
  });
  return info;
}

async function selectBackend(requested: string): Promise<TfBackendInfo> {
  let chain = AUTO_ORDER;
  if (requested) {
    const forcedChain = FORCE_ALIASES[requested];
    if (!forcedChain) {
      throw new Error(`TFJS_BACKEND="${requested}" is not a backend; use one of ${Object.keys(FORCE_ALIASES).join(', ')}.`);
    }
    chain = forcedChain;
  }
  const attempts: BackendAttempt[] = [];
  for (const candidate of chain) {
    try {
      const device = await activate(candidate);
      attempts.push({ backend: candidate, ok: true });
      return { backend: tf.getBackend() as TfBackendName, device, attempts };
    } catch (err) {
      attempts.push({ backend: candidate, ok: false, error: err instanceof Error ? err.message.split('\n')[0] : String(err) });
    }
  }
  const tried = attempts.map((a) => `${a.backend}: ${a.error}`).join('; ');
  throw new Error(`No TensorFlow.js backend could be loaded (${tried}).`);
}

async function activate(candidate: Candidate): Promise<string> {
  switch (candidate) {
    case 'tensorflow-gpu':
    case 'tensorflow': {
      // Both packages register the 'tensorflow' backend on the shared tfjs-core engine.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(candidate === 'tensorflow-gpu' ? '@tensorflow/tfjs-node-gpu' : '@tensorflow/tfjs-node');
      await setBackendOrThrow('tensorflow');
      return candidate === 'tensorflow-gpu' ? 'gpu (CUDA via tfjs-node-gpu)' : 'cpu (native libtensorflow)';
    }
    case 'wasm': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const wasm = require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
      // In Node the .wasm binaries are read from disk; point at the installed package's dist/.
      const distDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
      wasm.setWasmPaths(distDir + path.sep);
      await setBackendOrThrow('wasm');
      const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
      return `cpu (wasm${simd ? ', simd' : ''})`;
    }
    case 'cpu':
      await setBackendOrThrow('cpu');
      return 'cpu (pure JavaScript)';
  }
}

async function setBackendOrThrow(name: string): Promise<void> {
  // setBackend resolves false (rather than throwing) when the backend fails to initialize.
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') failed`);
  await tf.ready();
}
