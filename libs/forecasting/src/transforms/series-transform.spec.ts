import { SERIES_TRANSFORMS } from '../params/training-params';
import { fitSeasonalProfile } from './seasonal-profile';
import { applyTransform, invertTransform, isDeseasonalize, transformLag } from './series-transform';

const series = Array.from({ length: 40 }, (_, i) => 100 + i * 3 + 20 * Math.sin((2 * Math.PI * i) / 12));

describe('series transforms', () => {
  it.each(SERIES_TRANSFORMS)('%s is inverted exactly', (name) => {
    const profile = isDeseasonalize({ name }) ? fitSeasonalProfile(series.slice(0, 30), 12) : undefined;
    const spec = { name, period: 12, profile };
    const history = series.slice(0, 30);
    const future = series.slice(30);
    const z = applyTransform(series, spec);
    expect(z).toHaveLength(series.length - transformLag(spec));
    const back = invertTransform(history, z.slice(-future.length), spec);
    back.forEach((v, i) => expect(v).toBeCloseTo(future[i], 9));
  });

  it('computes the expected values', () => {
    expect(applyTransform([1, 3, 6], { name: 'diff', period: 1 })).toEqual([2, 3]);
    expect(applyTransform([1, 2, 5, 7], { name: 'seasonal-diff', period: 2 })).toEqual([4, 5]);
    expect(applyTransform([Math.E], { name: 'log', period: 1 })).toEqual([1]);
    expect(() => applyTransform([1, 0], { name: 'log-diff', period: 1 })).toThrow(/> 0/);
  });

  it("removes the profile at each point's phase in the whole series (start offset)", () => {
    const spec = { name: 'deseasonalize' as const, period: 3, profile: [1, 0, -1] };
    expect(applyTransform([10, 10, 10, 10], spec)).toEqual([9, 10, 11, 9]);
    expect(applyTransform([10, 10], spec, 2)).toEqual([11, 9]); // positions 2 and 3
    // Forecasts continue the phase after the history: history of 4 -> positions 4, 5.
    expect(invertTransform([1, 2, 3, 4], [10, 10], spec)).toEqual([10, 9]);
    expect(() => applyTransform([1], { name: 'deseasonalize', period: 3 })).toThrow(/profile/);
  });
});
