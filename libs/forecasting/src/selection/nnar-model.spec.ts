// The nnetar-style member ('nnar'): R's AR order choice, the lag inputs, the averaging of its nets,
// BFGS, and the candidate paths it shares with the GRU members (fit, forecast, stored artifacts).
import { loadGruModel } from '../gru/create-gru-model';
import { mulberry32 } from '../gru/seeded-random';
import { arOrderAic } from './ar-order';
import type { CandidateSpec } from './candidates';
import { candidateForecast, candidatePaths, fitCandidate, NNAR_REPEATS, type CandidateContext } from './fit-candidate';
import { minimizeBfgs, NnarModel, nnarHidden } from './nnar-model';
import { loadMember, storeMember } from './stored-member';

/** A seasonal AR series: y_t = 0.5 y_{t-1} + season + noise (period 12), around 100. */
function seasonalAr(n: number, seed = 3): number[] {
  const random = mulberry32(seed);
  const y = [100];
  for (let t = 1; t < n; t++) y.push(50 + 0.5 * y[t - 1] + 8 * Math.sin((2 * Math.PI * t) / 12) + 2 * (random() - 0.5));
  return y;
}

const spec: CandidateSpec = { name: 'nnar', kind: 'nnar', window: 12, hidden: 0 };
const ctx: CandidateContext = { period: 12, seasonal: true, positive: true, seed: 42 };

describe('AIC-optimal AR order (R ar())', () => {
  it('finds the order of a simulated AR(2), none in white noise or a constant', () => {
    const random = mulberry32(1);
    const gauss = () => random() + random() + random() - 1.5;
    const ar2 = [0, 0];
    for (let t = 2; t < 600; t++) ar2.push(0.6 * ar2[t - 1] - 0.35 * ar2[t - 2] + gauss());
    expect(arOrderAic(ar2)).toBe(2);
    expect(arOrderAic(Array.from({ length: 600 }, gauss))).toBeLessThanOrEqual(1);
    expect(arOrderAic(Array(50).fill(3))).toBe(0);
    expect(arOrderAic(ar2, 1)).toBe(1);
  });

  it("sizes the hidden layer as nnetar: round((inputs + 1) / 2), halves to even as R's round", () => {
    expect([1, 2, 3, 4, 5, 13].map(nnarHidden)).toEqual([1, 2, 2, 2, 3, 7]);
  });
});

describe('NnarModel', () => {
  it('feeds exactly the chosen lags of each window (1 = the latest value)', () => {
    // One net: hidden unit a = 0 + 1 * lag1 + 0 * lag3 -> output = 10 * sigmoid(a); second
    // window checks lag 3 with the weights swapped.
    const byLag1 = new NnarModel({ lags: [1, 3], hidden: 1, repeats: 1, seed: 0 }, [Float32Array.of(0, 1, 0, 0, 10)]);
    const byLag3 = new NnarModel({ lags: [1, 3], hidden: 1, repeats: 1, seed: 0 }, [Float32Array.of(0, 0, 1, 0, 10)]);
    const xs = Float32Array.of(0.5, -2, 1, 2, 0, -1); // windows [0.5, -2, 1] and [2, 0, -1], oldest first
    const sigmoid = (a: number) => 1 / (1 + Math.exp(-a));
    expect(byLag1.spec.window).toBe(3);
    expect(Array.from(byLag1.predict(xs))).toEqual([10 * sigmoid(1), 10 * sigmoid(-1)].map(Math.fround));
    expect(Array.from(byLag3.predict(xs))).toEqual([10 * sigmoid(0.5), 10 * sigmoid(2)].map(Math.fround));
  });

  it('predicts the mean of its nets', () => {
    const a = Float32Array.of(0.1, 0.5, -0.2, 1, 0.3, 2, 0.7, -0.5, 1.1);
    const b = Float32Array.of(-0.4, 0.2, 0.9, -1, 0.6, 1.5, -0.3, 0.8, -2);
    const config = { lags: [1, 2], hidden: 2, repeats: 1, seed: 0 };
    const xs = Float32Array.of(0.3, -0.8, 1.2, 0.1);
    const pa = new NnarModel(config, [a]).predict(xs);
    const pb = new NnarModel(config, [b]).predict(xs);
    const both = new NnarModel({ ...config, repeats: 2 }, [a, b]).predict(xs);
    expect(both).toHaveLength(2);
    expect(pa[0]).not.toBeCloseTo(pb[0], 2);
    for (let i = 0; i < both.length; i++) expect(both[i]).toBeCloseTo((pa[i] + pb[i]) / 2, 6);
    expect(() => new NnarModel(config, [a.subarray(1)])).toThrow(/9 weights/);
  });

  it('BFGS finds the minimum of a badly scaled quadratic', () => {
    const f = (w: Float64Array, g?: Float64Array) => {
      if (g) {
        g[0] = 2 * (w[0] - 3);
        g[1] = 200 * (w[1] + 1);
      }
      return (w[0] - 3) ** 2 + 100 * (w[1] + 1) ** 2 + 1;
    };
    const w = minimizeBfgs(f, Float64Array.of(0, 0), 100);
    expect(w[0]).toBeCloseTo(3, 3);
    expect(w[1]).toBeCloseTo(-1, 3);
  });

  it('learns a nonlinear autoregression far better than the mean', async () => {
    const y = [0.3];
    for (let t = 1; t < 200; t++) y.push(3.6 * y[t - 1] * (1 - y[t - 1])); // logistic map: chaotic, lag 1
    const model = new NnarModel({ lags: [1], hidden: 2, repeats: 3, seed: 1 });
    const xs = Float32Array.from(y.slice(0, -1));
    const ys = Float32Array.from(y.slice(1));
    await model.fit(xs, ys);
    const p = model.predict(xs);
    const mse = p.reduce((s, v, i) => s + (v - ys[i]) ** 2, 0) / ys.length;
    const mean = ys.reduce((a, b) => a + b, 0) / ys.length;
    const variance = ys.reduce((s, v) => s + (v - mean) ** 2, 0) / ys.length;
    expect(mse).toBeLessThan(0.01 * variance);
  });
});

describe("the 'nnar' candidate", () => {
  const y = seasonalAr(120);

  it('fits NNAR(p,1,k)_12 with the seasonal lag and forecasts every step', async () => {
    const c = await fitCandidate(y, spec, ctx);
    const { config } = c.model as NnarModel;
    expect(config.lags[0]).toBe(1);
    expect(config.lags[config.lags.length - 1]).toBe(12);
    expect(config.repeats).toBe(NNAR_REPEATS);
    expect(config.hidden).toBe(nnarHidden(config.lags.length));
    const f = candidateForecast(c, y, 12);
    expect(f).toHaveLength(12);
    expect(f.every(Number.isFinite)).toBe(true);
    // The season carries through the forecast: the next peak and trough are where they belong.
    const mae = f.reduce((s, v, k) => s + Math.abs(v - (100 + 16 * Math.sin((2 * Math.PI * (120 + k)) / 12) * 0.9)), 0) / 12;
    expect(mae).toBeLessThan(6);
    const paths = candidatePaths(c, y, 12, 7, 50);
    expect(paths).toHaveLength(50);
    expect(paths.every((p) => p.length === 12 && p.every(Number.isFinite))).toBe(true);
  });

  it('on a long trending walk, starts its forecast from the recent level (scaled on the points it fits)', async () => {
    // 2,000 points climbing from 1,000 to about 5,000: the fitted recent windows sit far above the
    // whole history's mean (scaled by it, the forecast fell 10 % in three steps).
    const random = mulberry32(11);
    const walk = [1000];
    for (let t = 1; t < 2000; t++) walk.push(walk[t - 1] + 2 + 20 * (random() - 0.5));
    const c = await fitCandidate(
      walk,
      { name: 'nnar', kind: 'nnar', window: 12, hidden: 0 },
      { ...ctx, period: 1, seasonal: false },
    );
    const last = walk[walk.length - 1];
    const f = candidateForecast(c, walk, 5);
    for (const v of f) expect(Math.abs(v - last) / last).toBeLessThan(0.02);
  });

  it('is deterministic per seed and changes with it', async () => {
    const a = candidateForecast(await fitCandidate(y, spec, ctx), y, 6);
    const b = candidateForecast(await fitCandidate(y, spec, ctx), y, 6);
    const c = candidateForecast(await fitCandidate(y, spec, { ...ctx, seed: 7 }), y, 6);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('re-forecasts identically from its stored form and from its saved artifacts', async () => {
    const fitted = await fitCandidate(y, spec, ctx);
    const stored = JSON.parse(JSON.stringify(await storeMember(fitted)));
    const loaded = await loadMember(stored);
    expect(candidateForecast(loaded, y, 12)).toEqual(candidateForecast(fitted, y, 12));
    expect(candidatePaths(loaded, y, 12, 3, 20)).toEqual(candidatePaths(fitted, y, 12, 3, 20));
    const reloaded = await loadGruModel(await fitted.model.save());
    const xs = Float32Array.from(y.slice(-fitted.model.spec.window));
    expect(reloaded.impl).toBe('mlp');
    expect(reloaded.predict(xs)).toEqual(fitted.model.predict(xs));
  });
});
