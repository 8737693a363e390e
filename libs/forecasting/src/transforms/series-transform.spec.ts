import { SERIES_TRANSFORMS } from '../params/training-params';
import { applyTransform, invertTransform, transformLag } from './series-transform';

const series = Array.from({ length: 40 }, (_, i) => 100 + i * 3 + 20 * Math.sin((2 * Math.PI * i) / 12));

describe('series transforms', () => {
  it.each(SERIES_TRANSFORMS)('%s is inverted exactly', (name) => {
    const spec = { name, period: 12 };
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
});
