import * as tf from '@tensorflow/tfjs';
import { initTfBackend } from '../backend/init-tf-backend';
import { makeWindows } from '../series/make-windows';
import { createGruModel, loadGruModel } from './create-gru-model';
import { DEFAULT_YIELD_EVERY_MS } from './layers-gru-model';
import type { GruModelSpec } from './types';

// impl 'layers': 'auto' picks the fused GRU (tested in libs/fused-gru); this covers tf.layers.
const spec: GruModelSpec = { window: 6, hidden: 8, convention: 'reset-after', impl: 'layers', seed: 7 };
const wave = Array.from({ length: 60 }, (_, i) => Math.sin(i / 3));
const { xs, ys } = makeWindows(wave, spec.window);
const base = { epochs: 3, batchSize: 8, learningRate: 0.01, shuffle: true, seed: 1 };

// Training is real work: generous timeouts for a shared 2-core machine (each test is ~1 s alone).
jest.setTimeout(60_000);

beforeAll(async () => {
  await initTfBackend();
});

describe('layers GRU model', () => {
  it('is deterministic for a seed, and learns', async () => {
    const start = tf.memory().numTensors;
    const losses: number[][] = [];
    for (let i = 0; i < 2; i++) {
      const m = createGruModel(spec);
      expect(m.impl).toBe('layers');
      const fit = await m.fit(xs, ys, { ...base, epochs: 8, learningRate: 0.03 });
      losses.push(fit.epochs.map((e) => e.loss));
      expect(fit).toMatchObject({ epochsRun: 8, bestEpoch: 8, stopReason: 'completed' });
      m.dispose();
    }
    expect(losses[0]).toEqual(losses[1]);
    expect(losses[0][7]).toBeLessThan(losses[0][0] / 2);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('awaits onEpochEnd and stops at an aborted epoch boundary', async () => {
    const m = createGruModel(spec);
    const controller = new AbortController();
    const seen: number[] = [];
    const fit = await m.fit(xs, ys, {
      ...base,
      epochs: 10,
      signal: controller.signal,
      onEpochEnd: async (r) => {
        await new Promise((r) => setTimeout(r, 5));
        seen.push(r.epoch);
        expect(r.epochs).toBe(10);
        if (r.epoch === 2) controller.abort();
      },
    });
    expect(seen).toEqual([1, 2]);
    expect(fit.stopReason).toBe('aborted');
    expect(fit.epochsRun).toBe(2);
    m.dispose();
  });

  it('early-stops on validation loss and restores the best weights', async () => {
    const m = createGruModel(spec);
    const val = { xs: xs.slice(0, 6 * 10), ys: ys.slice(0, 10) };
    // A huge learning rate makes validation loss get worse quickly after the first epochs.
    const fit = await m.fit(xs, ys, { ...base, epochs: 30, learningRate: 0.5, validation: val, patience: 2 });
    const best = fit.epochs[fit.bestEpoch - 1];
    expect(fit.stopReason).toBe('early-stopped');
    expect(fit.epochsRun).toBe(fit.bestEpoch + 2);
    const pred = m.predict(val.xs);
    const mse = pred.reduce((s, p, i) => s + (p - val.ys[i]) ** 2, 0) / val.ys.length;
    expect(mse).toBeCloseTo(best.valLoss!, 5);
    m.dispose();
  });

  it('yields to the event loop during an epoch', async () => {
    const m = createGruModel({ ...spec, hidden: 16 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const t0 = Date.now();
    await m.fit(xs, ys, { ...base, epochs: 1, batchSize: 1 });
    clearInterval(timer);
    // 54 batch-1 steps take well over one yield interval; timers must have fired in between.
    if (Date.now() - t0 > 3 * DEFAULT_YIELD_EVERY_MS) expect(ticks).toBeGreaterThan(1);
    m.dispose();
  });

  it('saves and loads to identical predictions', async () => {
    const m = createGruModel({ ...spec, convention: 'keras' });
    await m.fit(xs, ys, base);
    const artifacts = await m.save();
    expect(artifacts.weightData).toBeInstanceOf(Uint8Array);
    const json = JSON.parse(JSON.stringify(artifacts.modelTopology));
    const loaded = await loadGruModel({ ...artifacts, modelTopology: json });
    expect(loaded.impl).toBe('layers');
    expect(loaded.spec).toMatchObject({ window: 6, hidden: 8, convention: 'keras' });
    expect(Array.from(loaded.predict(xs.slice(0, 12)))).toEqual(Array.from(m.predict(xs.slice(0, 12))));
    m.dispose();
    loaded.dispose();
  });
});
