import { makeWindows } from './make-windows';
import { normalizeWindows, windowOffset } from './window-normalization';

describe('window normalisation', () => {
  it('subtracts the per-window mean or last value from inputs and target', () => {
    const w = makeWindows([1, 2, 3, 10, 20], 3);
    const byMean = normalizeWindows(w, 3, 'mean');
    expect(Array.from(byMean.xs)).toEqual([-1, 0, 1, -3, -2, 5]);
    expect(Array.from(byMean.ys)).toEqual([8, 15]);
    const byLast = normalizeWindows(w, 3, 'last');
    expect(Array.from(byLast.ys)).toEqual([7, 10]);
    expect(normalizeWindows(w, 3, 'none')).toBe(w);
    expect(Array.from(w.xs)).toEqual([1, 2, 3, 2, 3, 10]); // input untouched
    expect(windowOffset([5, 7], 0, 2, 'mean')).toBe(6);
  });
});
