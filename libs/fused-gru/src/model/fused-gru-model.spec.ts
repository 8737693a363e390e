import * as tf from '@tensorflow/tfjs';
import type { FitOptions, GruModelSpec } from './gru-model';
import { createFusedGruModel, loadFusedGruModel } from './create-fused-gru-model';
import type { FusedOptimizer } from './fused-gru-model';

const spec: GruModelSpec = { window: 6, hidden: 12, convention: 'reset-after', impl: 'fused', seed: 42 };

function sineWindows(n: number, window: number, phase = 0): { xs: Float32Array; ys: Float32Array } {
  const xs = new Float32Array(n * window),
    ys = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < window; t++) xs[i * window + t] = Math.sin((i + t + phase) * 0.5);
    ys[i] = Math.sin((i + window + phase) * 0.5);
  }
  return { xs, ys };
}

const base: FitOptions = { epochs: 4, batchSize: 4, learningRate: 0.01, shuffle: true, seed: 7 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each<FusedOptimizer>(['tfjs-adam', 'fused-adam'])('FusedGruModel (%s)', (optimizer) => {
  const { xs, ys } = sineWindows(40, spec.window);

  it('learns, is deterministic for a seed, and predicts what the tfjs model predicts', async () => {
    const a = createFusedGruModel(spec, { optimizer });
    const b = createFusedGruModel(spec, { optimizer });
    const ra = await a.fit(xs, ys, { ...base, epochs: 15 });
    const rb = await b.fit(xs, ys, { ...base, epochs: 15 });
    expect(ra.epochs.map((e) => e.loss)).toEqual(rb.epochs.map((e) => e.loss));
    expect(ra.epochs[14].loss).toBeLessThan(ra.epochs[0].loss * 0.5);
    const p = a.predict(xs.subarray(0, 5 * spec.window));
    const viaTfjs = tf.tidy(() =>
      (a.model.predict(tf.tensor3d(xs.subarray(0, 5 * spec.window), [5, spec.window, 1])) as tf.Tensor).dataSync(),
    );
    for (let i = 0; i < 5; i++) expect(p[i]).toBeCloseTo(viaTfjs[i], 5);
    a.dispose();
    b.dispose();
  });

  it('early-stops on validation loss and restores the best weights', async () => {
    const m = createFusedGruModel(spec, { optimizer });
    const val = sineWindows(10, spec.window, 3);
    const seen: number[] = [];
    const totals = new Set<number>();
    // A huge learning rate makes the validation loss bounce, so patience triggers.
    const r = await m.fit(xs, ys, {
      ...base,
      epochs: 60,
      learningRate: 0.3,
      validation: val,
      patience: 2,
      onEpochEnd: async (e) => {
        seen.push(e.epoch);
        totals.add(e.epochs);
      },
    });
    expect(r.stopReason).toBe('early-stopped');
    expect(r.epochsRun).toBeLessThan(60);
    expect(seen).toEqual(r.epochs.map((e) => e.epoch));
    // Each report tells the listener the epochs the fit may run, early stopping or not.
    expect([...totals]).toEqual([60]);
    const best = Math.min(...r.epochs.map((e) => e.valLoss!));
    expect(r.epochs[r.bestEpoch - 1].valLoss).toBe(best);
    const pred = m.predict(val.xs);
    const mse = pred.reduce((s, p, i) => s + (p - val.ys[i]) ** 2, 0) / pred.length;
    expect(mse).toBeCloseTo(best, 5);
    m.dispose();
  });

  it('stops at an epoch boundary when aborted', async () => {
    const m = createFusedGruModel(spec, { optimizer });
    const ctl = new AbortController();
    const r = await m.fit(xs, ys, {
      ...base,
      epochs: 10,
      onEpochEnd: (e) => (e.epoch === 2 ? ctl.abort() : undefined),
      signal: ctl.signal,
    });
    expect(r.stopReason).toBe('aborted');
    expect(r.epochsRun).toBe(2);
    m.dispose();
  });
});

describe('FusedGruModel save/load and hygiene', () => {
  it.each(['keras', 'reset-after'] as const)('round-trips through tfjs artifacts (%s)', async (convention) => {
    const { xs, ys } = sineWindows(20, spec.window);
    const m = createFusedGruModel({ ...spec, convention });
    await m.fit(xs, ys, { ...base, epochs: 2 });
    const art = await m.save();
    const json = JSON.parse(JSON.stringify(art.modelTopology)) as object;
    const loaded = await loadFusedGruModel({ modelTopology: json, weightSpecs: art.weightSpecs, weightData: art.weightData });
    expect(loaded.spec).toMatchObject({ window: spec.window, hidden: spec.hidden, convention });
    expect(Array.from(loaded.predict(xs))).toEqual(Array.from(m.predict(xs)));
    m.dispose();
    loaded.dispose();
  });

  it('fused Adam matches tfjs Adam step for step', async () => {
    const { xs, ys } = sineWindows(16, spec.window);
    const opts = { ...base, epochs: 3, shuffle: false };
    const a = createFusedGruModel(spec, { optimizer: 'tfjs-adam' });
    const b = createFusedGruModel(spec, { optimizer: 'fused-adam' });
    const ra = await a.fit(xs, ys, opts);
    const rb = await b.fit(xs, ys, opts);
    ra.epochs.forEach((e, i) => expect(Math.abs(e.loss - rb.epochs[i].loss)).toBeLessThan(1e-6 * Math.max(1, e.loss)));
    a.dispose();
    b.dispose();
  });

  it.each(['keras', 'reset-after'] as const)(
    'one-call epochs (train_epoch) give exactly the per-batch loop numbers (%s)',
    async (convention) => {
      // 18 windows at batch 4: the last batch is short; shuffled; validation exercises re-layouts.
      const { xs, ys } = sineWindows(18, spec.window);
      const opts = { ...base, epochs: 4, validation: sineWindows(5, spec.window, 2) };
      const s = { ...spec, convention };
      const a = createFusedGruModel(s, { optimizer: 'fused-adam' });
      const b = createFusedGruModel(s, { optimizer: 'fused-adam', epochKernel: false });
      const ra = await a.fit(xs, ys, opts);
      const rb = await b.fit(xs, ys, opts);
      expect(ra.epochs.map((e) => [e.loss, e.valLoss])).toEqual(rb.epochs.map((e) => [e.loss, e.valLoss]));
      expect(Array.from(a.predict(xs))).toEqual(Array.from(b.predict(xs)));
      a.dispose();
      b.dispose();
    },
  );

  it('trains the same on the JS fallback kernel (per-batch loop) as on wasm (one-call epochs)', async () => {
    const { xs, ys } = sineWindows(18, spec.window);
    const opts = { ...base, epochs: 4 };
    const a = createFusedGruModel(spec, { optimizer: 'fused-adam' });
    const b = createFusedGruModel(spec, { optimizer: 'fused-adam', kernel: 'js' });
    expect([a.kernelKind, b.kernelKind]).toEqual(['wasm-simd', 'js']);
    const ra = await a.fit(xs, ys, opts);
    const rb = await b.fit(xs, ys, opts);
    // f32 SIMD vs f64 JS arithmetic: rounding-level differences only.
    ra.epochs.forEach((e, i) => expect(Math.abs(e.loss - rb.epochs[i].loss)).toBeLessThan(1e-5 * e.loss));
    const pa = a.predict(xs),
      pb = b.predict(xs);
    pa.forEach((p, i) => expect(Math.abs(p - pb[i])).toBeLessThan(1e-5));
    a.dispose();
    b.dispose();
  });

  it('releases every tensor on dispose', async () => {
    const before = tf.memory().numTensors;
    const { xs, ys } = sineWindows(10, spec.window);
    const m = createFusedGruModel(spec);
    await m.fit(xs, ys, { ...base, epochs: 2, validation: sineWindows(4, spec.window), patience: 5 });
    m.predict(xs);
    await m.save();
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
