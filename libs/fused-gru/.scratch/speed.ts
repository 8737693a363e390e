import { GruWorkspace } from '../src/kernel/gru-workspace';
for (const conv of ['keras', 'reset-after'] as const) for (const kind of ['wasm-simd', 'js'] as const) {
  const B = 1, T = 12, I = 1, H = 100;
  const w = new GruWorkspace(conv, I, H, kind); w.ensure(B, T);
  const p = w.view('params'); for (let i = 0; i < p.length; i++) p[i] = Math.sin(i) * 0.1;
  const x = w.view('x'); for (let i = 0; i < x.length; i++) x[i] = Math.cos(i);
  const n = kind === 'js' ? 500 : 20000;
  for (let rep = 0; rep < 2; rep++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) { w.forward(B, T); w.backward(B, T); }
    const ms = (performance.now() - t0) / n;
    console.log(conv, kind, 'fwd+bwd ms', ms.toFixed(4), 'GFLOP/s', (18 * H * (H + I) * T / ms / 1e6).toFixed(2));
  }
}
