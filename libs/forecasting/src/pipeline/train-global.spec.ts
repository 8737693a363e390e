import { GENERATED_SUITE, generateSeries } from '../evaluation/generated-series';
import { initTfBackend } from '../backend/init-tf-backend';
import { resolveParams } from '../params/resolve-params';
import { trainGlobalAndForecast } from './train-global';

describe('trainGlobalAndForecast', () => {
  beforeAll(async () => {
    await initTfBackend('cpu');
  });

  it('trains one model on every series (each scaled on its own) and scores each like a local model', async () => {
    const monthly = GENERATED_SUITE.filter((s) => s.frequency === 'monthly').slice(0, 3);
    const inputs = monthly.map((spec, i) => generateSeries(spec, i + 1));
    // A series far too short for the params is reported, not trained; the others are unaffected.
    inputs.push({ values: inputs[0].values.slice(0, 20), frequency: 'monthly' });
    const params = { ...resolveParams('quick', { epochs: 3 }, 144), impl: 'fused' as const };
    const result = await trainGlobalAndForecast(inputs, params);
    try {
      expect(result.fit.epochsRun).toBe(3);
      expect(result.series.map((s) => s.ok)).toEqual([true, true, true, false]);
      const failed = result.series[3];
      expect(failed.ok === false && failed.error).toMatch(/testSize|window|points/);
      result.series.slice(0, 3).forEach((s, i) => {
        if (!s.ok) throw new Error(s.error);
        expect(s.result.holdout).toHaveLength(params.testSize);
        expect(s.result.future).toHaveLength(params.horizon);
        expect(s.result.metrics.mase).toBeGreaterThan(0);
        expect(s.result.baselines.seasonalNaive.mase).toBeGreaterThan(0);
        // Forecasts are in the series' own units (levels differ by orders of magnitude across the suite).
        const last = inputs[i].values[inputs[i].values.length - 1];
        expect(s.result.future[0].forecast).toBeGreaterThan(last * 0.3);
        expect(s.result.future[0].forecast).toBeLessThan(last * 3);
      });
      expect(result.notes.trainWindows).toBeGreaterThan(0);
    } finally {
      result.model.dispose();
    }
  });

  it('a series the default preset could fit but the shared window or holdout cannot is left out, pointing to local mode', async () => {
    const monthly = GENERATED_SUITE.filter((s) => s.frequency === 'monthly').slice(0, 2);
    const inputs = monthly.map((spec, i) => generateSeries(spec, i + 1));
    inputs.push({ values: inputs[0].values.slice(0, 30), frequency: 'monthly' });
    // 12 points: 4 before the shared holdout of 8, where `default` needs 8 (its own holdout would be 3).
    inputs.push({ values: inputs[0].values.slice(0, 12), frequency: 'monthly' });
    const params = {
      ...resolveParams('default', { epochs: 2, testSize: 8 }, { length: 144, frequency: 'monthly' }),
      impl: 'fused' as const,
    };
    const result = await trainGlobalAndForecast(inputs, params);
    try {
      expect(result.series.map((s) => s.ok)).toEqual([true, true, false, false]);
      const short = result.series[2];
      expect(short.ok === false && short.tooShort).toBe(true);
      expect(short.ok === false && short.error).toMatch(
        /the series has 30 points; the global model's window \(24\) needs 33 \(25 before the holdout of 8\): forecast it in local mode/,
      );
      const shorter = result.series[3];
      expect(shorter.ok === false && shorter.tooShort).toBe(true);
      expect(shorter.ok === false && shorter.error).toMatch(
        /needs at least 8 points before the holdout.*the global model's params\): forecast it in local mode/,
      );
    } finally {
      result.model.dispose();
    }
  });
});
