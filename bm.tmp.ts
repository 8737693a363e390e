import { initTfBackend } from './libs/forecasting/src/backend/init-tf-backend';
import { createGruModel } from './libs/forecasting/src/gru/create-gru-model';
import { makeWindows } from './libs/forecasting/src/series/make-windows';
(async () => {
  const wave = Array.from({ length: 132 }, (_, i) => Math.sin(i / 3));
  for (const be of ['wasm', 'cpu']) {
    await initTfBackend(be);
    for (const [hidden, bs] of [[100, 1], [100, 8], [32, 8]]) {
      const { xs, ys } = makeWindows(wave, 12);
      const m = createGruModel({ window: 12, hidden, convention: 'reset-after', impl: 'auto', seed: 1 });
      const fit = await m.fit(xs, ys, { epochs: 2, batchSize: bs, learningRate: 0.001, shuffle: false, seed: 0 });
      console.log(be, hidden, bs, fit.epochs.map((e) => e.ms), 'ms/step', (fit.epochs[1].ms / Math.ceil(120 / bs)).toFixed(2));
      m.dispose();
    }
  }
})();
