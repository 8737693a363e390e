import { GruWorkspace } from '../src/kernel/gru-workspace';
for (const conv of ['keras', 'reset-after'] as const) {
  const B = 3, T = 7, I = 2, H = 37;
  const ws = [new GruWorkspace(conv, I, H, 'wasm-simd'), new GruWorkspace(conv, I, H, 'js')];
  let seed = 1; const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5);
  const P = ws[0].layout.size; const params = Float32Array.from({ length: P }, () => rnd());
  const x = Float32Array.from({ length: B * T * I }, () => rnd() * 2);
  const dh = Float32Array.from({ length: B * H }, () => rnd());
  const outs = ws.map((w) => { w.ensure(B, T); w.view('params').set(params); w.view('x').set(x); w.view('dhout').set(dh); w.forward(B, T); w.backward(B, T);
    return { h: w.view('hout', B * H).slice(), dx: w.view('dx', B * T * I).slice(), dp: w.view('dparams').slice() }; });
  const md = (a: Float32Array, b: Float32Array) => { let m = 0, s = 0; for (let i = 0; i < a.length; i++) { m = Math.max(m, Math.abs(a[i] - b[i])); s = Math.max(s, Math.abs(b[i])); } return `${m.toExponential(2)} (max ${s.toFixed(3)})`; };
  console.log(conv, 'h', md(outs[0].h, outs[1].h), 'dx', md(outs[0].dx, outs[1].dx), 'dp', md(outs[0].dp, outs[1].dp));
  const k = ws[0]; const hf = k.kernel.heapF32(); const xs = Float32Array.from({length: 4000}, (_, i) => (i - 2000) / 100 ); hf.set(xs, k.kernel.base >> 2);
  k.kernel.vecTanh(k.kernel.base, k.kernel.base + 16000, 4000); k.kernel.vecSigmoid(k.kernel.base, k.kernel.base + 32000, 4000);
  const hv = k.kernel.heapF32(); let et = 0, es = 0;
  for (let i = 0; i < 4000; i++) { const x0 = Math.fround(xs[i]); const t = Math.tanh(x0), s = 1/(1+Math.exp(-x0));
    et = Math.max(et, Math.abs(hv[(k.kernel.base>>2)+4000+i]-t)/Math.max(Math.abs(t),1e-30)); es = Math.max(es, Math.abs(hv[(k.kernel.base>>2)+8000+i]-s)/s); }
  console.log('tanh rel', et, 'sigmoid rel', es);
}
