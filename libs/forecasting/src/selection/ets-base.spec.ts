import { autoEts, etsFitForecast } from '../baselines/ets/auto-ets';
import { etsBaseForecast, etsBaseUpdate, filterEtsBase, fitEtsBase } from './ets-base';
import { heldOutWeight } from './fit-candidate';

const monthly = (n: number) =>
  Array.from(
    { length: n },
    (_, t) => (100 + 2 * t) * (1 + 0.2 * Math.sin((2 * Math.PI * t) / 12)) * (1 + 0.03 * Math.cos(t * 7.3)),
  );

describe('ETS base of the ets+gru hybrid', () => {
  it('filtered over its own fitting data, reproduces the fitted ETS forecast', () => {
    const y = monthly(96);
    const base = fitEtsBase(y, 12)!;
    const fit = autoEts(y, 12)!.best;
    expect(base.spec).toEqual(fit.spec);
    const { state, innovations } = filterEtsBase(base, y);
    expect(innovations).toHaveLength(96);
    let s = state;
    const expected = etsFitForecast(fit, 12);
    for (let h = 0; h < 12; h++) {
      const f = etsBaseForecast(base, s);
      expect(f).toBeCloseTo(expected[h], 6);
      s = etsBaseUpdate(base, s, f); // a value on the forecast leaves the forecast path unchanged
    }
  });

  it('runs with fixed parameters over a longer history (validation without refitting)', () => {
    const y = monthly(120);
    const base = fitEtsBase(y.slice(0, 96), 12)!;
    const { innovations } = filterEtsBase(base, y);
    expect(innovations).toHaveLength(120);
    const mae = innovations.slice(96).reduce((a, e) => a + Math.abs(e), 0) / 24;
    expect(mae).toBeLessThan(0.05 * 300); // one-step errors stay small after the fit's end
  });
});

describe('held-out weight of a hybrid correction', () => {
  it('is the least-squares weight clipped to [0, 1], 0 without evidence', () => {
    expect(heldOutWeight([1, 2, 3], [2, 4, 6])).toBeCloseTo(0.5);
    expect(heldOutWeight([1, 2, 3], [1, 2, 3])).toBeCloseTo(1);
    expect(heldOutWeight([1, 2, 3], [0.5, 1, 1.5])).toBe(1);
    expect(heldOutWeight([1, -2, 3], [-1, 2, -3])).toBe(0);
    expect(heldOutWeight([], [])).toBe(0);
  });
});
