import { foldOrigin, foldWindows, parseBacktestConfig } from './backtest-folds';

describe('rolling-origin folds', () => {
  it('fold k uses n − (folds − k + 1)·step points; the last fold ends one step before the series', () => {
    // flights.csv: 144 points, testSize 12, 3 folds every 12 months.
    expect(foldWindows(144, 12, { folds: 3, step: 12 })).toEqual([
      { fold: 1, origin: 108, trainPoints: 96, testFrom: 96, testTo: 108 },
      { fold: 2, origin: 120, trainPoints: 108, testFrom: 108, testTo: 120 },
      { fold: 3, origin: 132, trainPoints: 120, testFrom: 120, testTo: 132 },
    ]);
  });

  it('with step = testSize the test windows tile the points before the run’s own holdout', () => {
    const n = 100;
    const t = 7;
    const windows = foldWindows(n, t, { folds: 5, step: t });
    for (let i = 1; i < windows.length; i++) expect(windows[i].testFrom).toBe(windows[i - 1].testTo);
    // The run itself scores [n − t, n): the folds end right before it.
    expect(windows[windows.length - 1].testTo).toBe(n - t);
  });

  it('never lets a fold train on or see anything after its origin', () => {
    for (const [n, t, folds, step] of [
      [144, 12, 3, 12],
      [144, 12, 20, 1],
      [60, 5, 4, 9],
      [30, 1, 1, 1],
    ]) {
      for (const w of foldWindows(n, t, { folds, step })) {
        expect(w.trainPoints).toBe(w.testFrom); // training stops where the test part starts
        expect(w.testTo - w.testFrom).toBe(t);
        expect(w.testTo).toBe(w.origin);
        expect(w.origin).toBeLessThan(n); // strictly before the end: the run's own holdout is not a fold
      }
    }
  });

  it('origins increase by step, and overlap when step < testSize', () => {
    const w = foldWindows(50, 10, { folds: 3, step: 4 });
    expect(w.map((f) => f.origin)).toEqual([38, 42, 46]);
    expect(w[1].testFrom).toBeLessThan(w[0].testTo);
  });

  it('rejects a fold outside 1..folds', () => {
    expect(() => foldOrigin(144, { folds: 3, step: 12 }, 0)).toThrow(RangeError);
    expect(() => foldOrigin(144, { folds: 3, step: 12 }, 4)).toThrow(RangeError);
    expect(() => foldOrigin(144, { folds: 3, step: 12 }, 1.5)).toThrow(RangeError);
  });

  it('reads the config stored on a run', () => {
    expect(parseBacktestConfig({ folds: 3, step: 12 })).toEqual({ folds: 3, step: 12 });
    expect(parseBacktestConfig(null)).toBeNull();
    expect(parseBacktestConfig({ folds: 0, step: 12 })).toBeNull();
    expect(parseBacktestConfig({ folds: 3 })).toBeNull();
    expect(parseBacktestConfig([3, 12])).toBeNull();
  });
});
