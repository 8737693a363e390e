import { makeWindows } from './make-windows';
import { MinMaxScaler } from './min-max-scaler';

describe('MinMaxScaler', () => {
  it('maps the train range to [-1, 1] and inverts exactly', () => {
    const s = MinMaxScaler.fit([10, 20, 30]);
    expect(s.transform([10, 20, 30, 40])).toEqual([-1, 0, 1, 2]); // values beyond train extrapolate
    expect(s.inverse(s.transform([12.5, 40]))).toEqual([12.5, 40]);
    expect(s.toJSON()).toEqual({ min: 10, max: 30, lo: -1, hi: 1 });
    const again = MinMaxScaler.fromParams(JSON.parse(JSON.stringify(s)));
    expect(again.transformOne(25)).toBe(0.5);
  });

  it('supports other ranges and constant series', () => {
    expect(MinMaxScaler.fit([0, 4], [0, 1]).transform([1])).toEqual([0.25]);
    const c = MinMaxScaler.fit([5, 5, 5]);
    expect(c.transform([5])).toEqual([0]);
    expect(c.inverse([0.3])).toEqual([5]);
    expect(() => MinMaxScaler.fromParams({ min: 1, max: 0, lo: -1, hi: 1 })).toThrow();
  });
});

describe('makeWindows', () => {
  it('builds [sample][step] windows with next-value targets', () => {
    const w = makeWindows([1, 2, 3, 4, 5], 3);
    expect(w.count).toBe(2);
    expect(Array.from(w.xs)).toEqual([1, 2, 3, 2, 3, 4]);
    expect(Array.from(w.ys)).toEqual([4, 5]);
    expect(makeWindows([1, 2], 3).count).toBe(0);
  });
});
