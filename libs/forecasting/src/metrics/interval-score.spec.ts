import { covered, msis } from './interval-score';

describe('msis', () => {
  // Training part 10, 12, 11, 13: naive differences 2, 1, 2, so the scale is 5/3.
  const train = [10, 12, 11, 13];

  it('an interval that covers every actual scores its mean width over the scale', () => {
    expect(msis([14, 15], [12, 13], [16, 18], train)).toBeCloseTo((4 + 5) / 2 / (5 / 3), 12);
  });

  it('an actual outside is charged 2/alpha per unit it misses by, on either side', () => {
    // width 2 each; 1 below the first interval, 2 above the second: 2 + 10*1 and 2 + 10*2.
    expect(msis([11, 18], [12, 14], [14, 16], train)).toBeCloseTo((12 + 22) / 2 / (5 / 3), 12);
    expect(msis([11], [12], [14], train, 1, 0.05)).toBeCloseTo((2 + 40) / (5 / 3), 12);
  });

  it('scales by the seasonal naive error with the period, and is NaN on a constant training part', () => {
    const seasonal = [1, 5, 2, 6, 4, 8]; // lag-2 differences 1, 1, 2, 2: scale 1.5
    expect(msis([5], [4], [7], seasonal, 2)).toBeCloseTo(3 / 1.5, 12);
    expect(msis([5], [4], [7], [3, 3, 3])).toBeNaN();
  });

  it('refuses bounds that do not match the actuals', () => {
    expect(() => msis([1, 2], [0], [3, 4], train)).toThrow(/2 actuals, 1 lower/);
  });
});

describe('covered', () => {
  it('counts the actuals inside the interval, bounds included', () => {
    expect(covered([1, 2, 3, 4], [1, 0, 3.5, 0], [2, 1, 4, 4])).toBe(2);
  });
});
