// The smoothing bases' fit: one step ahead by default; over a long horizon (a day of sub-daily
// data) the trace criterion, which keeps a level that autocorrelated noise does not drag around.
import { mulberry32 } from '../gru/seeded-random';
import { filterSmoothing, fitSmoothing } from './exponential-smoothing';

/** A constant level plus AR(1) noise (phi 0.6): what a deseasonalized 5-minute series looks like. */
function arNoise(n: number, seed: number): number[] {
  const random = mulberry32(seed);
  let e = 0;
  return Array.from({ length: n }, () => {
    e = 0.6 * e + (random() - 0.5);
    return 10 + e;
  });
}

describe('fitSmoothing', () => {
  it('horizon 1 is the one-step fit', () => {
    const d = arNoise(500, 1);
    for (const base of ['ses', 'damped', 'theta'] as const) expect(fitSmoothing(d, base, 1)).toEqual(fitSmoothing(d, base));
  });

  it('over a long horizon keeps the level of the recent cycles instead of the last few points', () => {
    for (const seed of [1, 2, 3]) {
      const d = arNoise(3000, seed);
      const oneStep = fitSmoothing(d, 'ses');
      const trace = fitSmoothing(d, 'ses', 288);
      expect(oneStep.alpha).toBeGreaterThanOrEqual(0.4);
      expect(trace.alpha).toBeLessThanOrEqual(0.05);
      // The level forecast for the next 288 steps is closer to the true level (10).
      const level = (p: typeof trace) => filterSmoothing(d, p).state.level;
      expect(Math.abs(level(trace) - 10)).toBeLessThan(0.15);
    }
  });
});
